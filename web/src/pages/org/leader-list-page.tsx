import { useQuery } from '@tanstack/react-query';
import { Descriptions, Form, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { PageQuery } from '../../../../domain/common/contracts.ts';
import type { Leader } from '../../../../domain/org/contracts.ts';
import { REGION_CODE_RE, subtreeCodes } from '../../../../domain/org/region.ts';
import { leadersApi } from '../../api/org.ts';
import { useMe } from '../../app/session.tsx';
import { DetailDrawer } from '../../components/drawers.tsx';
import { HistorySection } from '../../components/history-timeline.tsx';
import { LinkButton } from '../../components/link-button.tsx';
import { AddButton, EditButton, RowActions } from '../../components/list-actions.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';
import { LeaderFormDrawer, type LeaderFormTarget } from './leader-form-drawer.tsx';
import { useLeaders, useRegions } from './org-queries.ts';
import { RegionTreeSelect } from './org-selects.tsx';

const LeaderFilter = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  regionCode: z.string().regex(REGION_CODE_RE).optional(),
  active: z.enum(['true', 'false']).optional(),
});
type SearchValues = { q?: string; regionCode?: string; active?: string };

function LeaderDetail({ id, onEdit }: { id: string; onEdit: (l: Leader) => void }) {
  const t = useT();
  const q = useQuery({ queryKey: ['leader', id], queryFn: () => leadersApi.get(id) });
  const l = q.data;
  if (!l) return null;
  return (
    <>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('leader.name')}>{l.name}</Descriptions.Item>
        <Descriptions.Item label={t('leader.post')}>{l.title}</Descriptions.Item>
        <Descriptions.Item label={t('leader.portfolio')} span="filled">
          <span style={{ whiteSpace: 'pre-wrap' }}>{l.portfolio || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('leader.region')}>{l.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <StatusTag active={l.active} />
        </Descriptions.Item>
        <Descriptions.Item label={t('leader.oversees')} span="filled">
          {l.oversees.length === 0
            ? '—'
            : l.oversees.map((o) => (
                <div key={o.unitId}>
                  {o.unitName}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('leader.since', { date: formatDate(o.since) })}
                  </Typography.Text>
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
      {l.can.edit && <EditButton style={{ marginTop: 12 }} onClick={() => onEdit(l)} />}
      <HistorySection entity="leader" id={l.id} load={leadersApi.history} />
    </>
  );
}

export function LeaderListPage() {
  const t = useT();
  const me = useMe();
  const regions = useRegions();
  const list = useLeaders();
  const [filter, setFilter] = useUrlFilter(LeaderFilter);
  const [formTarget, setFormTarget] = useState<LeaderFormTarget | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const filtering = Boolean(filter.q || filter.regionCode || filter.active);

  // the list is small (a city's leaders): filtered and paged in the browser
  const rows = useMemo(() => {
    const items = [...(list.data?.items ?? [])].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh'));
    const q = filter.q?.toLowerCase();
    const inRegion = filter.regionCode ? new Set(subtreeCodes(filter.regionCode, regions.items)) : null;
    return items.filter(
      (l) =>
        (!q || [l.name, l.title, l.portfolio].some((s) => s.toLowerCase().includes(q))) &&
        (!inRegion || inRegion.has(l.regionCode)) &&
        (!filter.active || String(l.active) === filter.active),
    );
  }, [list.data, filter.q, filter.regionCode, filter.active, regions.items]);

  const columns: TableColumnsType<Leader> = [
    {
      title: t('leader.name'),
      dataIndex: 'name',
      width: 110,
      render: (name: string, l) => <LinkButton onClick={() => setDetailId(l.id)}>{name}</LinkButton>,
    },
    { title: t('leader.post'), dataIndex: 'title', width: 140 },
    {
      title: t('leader.portfolio'),
      dataIndex: 'portfolio',
      ellipsis: true,
      responsive: ['md'],
      render: (p: string) => p || '—',
    },
    {
      title: t('leader.oversees'),
      dataIndex: 'oversees',
      responsive: ['lg'],
      render: (o: Leader['oversees']) =>
        o.length ? (
          <Space size={[4, 4]} wrap>
            {o.slice(0, 4).map((x) => (
              <Tag key={x.unitId}>{x.unitName}</Tag>
            ))}
            {o.length > 4 && <Tag>+{o.length - 4}</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('leader.region'), dataIndex: 'regionName', width: 120, responsive: ['xl'] },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_v, l) => (
        <RowActions
          onView={() => setDetailId(l.id)}
          onEdit={l.can.edit ? () => setFormTarget({ mode: 'edit', leader: l }) : undefined}
        />
      ),
    },
  ];

  return (
    <Page title={t('leader.title')}>
      <Panel>
        <SearchForm<SearchValues>
          values={{ q: filter.q, regionCode: filter.regionCode, active: filter.active }}
          onSearch={(v) => setFilter({ ...compact(v), pageSize: filter.pageSize })}
          onReset={() => setFilter({ pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('leader.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('leader.region')}>
            <RegionTreeSelect placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="active" label={t('common.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('common.enabled') },
                { value: 'false', label: t('common.disabled') },
              ]}
            />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel>
        <ListToolbar
          left={me.can.administer && <AddButton onClick={() => setFormTarget({ mode: 'create' })} />}
          onRefresh={() => void list.refetch()}
          refreshing={list.isFetching}
        />
        <Table<Leader>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          scroll={{ x: 640 }}
          locale={{ emptyText: tableEmptyText(t, list.error, filtering) }}
          pagination={tablePagination(t, rows.length, filter, setFilter)}
        />
      </Panel>
      <LeaderFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
      <DetailDrawer title={t('leader.detailTitle')} open={detailId !== null} onClose={() => setDetailId(null)}>
        {detailId && (
          <LeaderDetail
            id={detailId}
            onEdit={(l) => {
              setDetailId(null);
              setFormTarget({ mode: 'edit', leader: l });
            }}
          />
        )}
      </DetailDrawer>
    </Page>
  );
}
