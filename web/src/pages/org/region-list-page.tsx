import { Button, Descriptions, Form, Input, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type Key, useMemo, useState } from 'react';
import { z } from 'zod';
import type { Region } from '../../../../domain/org/contracts.ts';
import { CHILD_KINDS, REGION_KINDS } from '../../../../domain/org/region.ts';
import { regionsApi } from '../../api/org.ts';
import { useMe } from '../../app/session.tsx';
import { DetailDrawer } from '../../components/drawers.tsx';
import { HistorySection } from '../../components/history-timeline.tsx';
import { LinkButton } from '../../components/link-button.tsx';
import { AddButton, EditButton, RowActions } from '../../components/list-actions.tsx';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { useT } from '../../lib/i18n.ts';
import { useEnumLabels } from '../../lib/labels.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';
import { type RegionNode, useRegions } from './org-queries.ts';
import { RegionFormDrawer, type RegionFormTarget } from './region-form-drawer.tsx';

const RegionFilter = z.object({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(REGION_KINDS).optional(),
});
type RegionFilter = z.infer<typeof RegionFilter>;

const KIND_COLORS: Record<string, string> = {
  province: 'red',
  city: 'volcano',
  district: 'blue',
  county: 'cyan',
  park: 'green',
};

/** Keeps the nodes that match and their ancestors (so a match is shown in place). */
function filterTree(nodes: RegionNode[], match: (r: Region) => boolean): RegionNode[] {
  const out: RegionNode[] = [];
  for (const n of nodes) {
    const kids = n.children ? filterTree(n.children, match) : [];
    if (match(n) || kids.length) out.push(kids.length ? { ...n, children: kids } : { ...n, children: undefined });
  }
  return out;
}

function collectCodes(nodes: RegionNode[], depth: number, out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.children?.length && depth > 0) {
      out.push(n.code);
      collectCodes(n.children, depth - 1, out);
    }
  }
  return out;
}

export function RegionListPage() {
  const t = useT();
  const me = useMe();
  const labels = useEnumLabels();
  const regions = useRegions();
  const [filter, setFilter] = useUrlFilter(RegionFilter, {});
  const [formTarget, setFormTarget] = useState<RegionFormTarget | null>(null);
  const [detailCode, setDetailCode] = useState<string | null>(null);
  const filtering = Boolean(filter.q || filter.kind);

  const data = useMemo(() => {
    if (!filtering) return regions.tree;
    const q = filter.q?.toLowerCase() ?? '';
    return filterTree(
      regions.tree,
      (r) =>
        (!q || r.name.toLowerCase().includes(q) || r.code.startsWith(q)) && (!filter.kind || r.kind === filter.kind),
    );
  }, [regions.tree, filter.q, filter.kind, filtering]);

  // provinces and cities open by default; everything open while filtering
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const expandedKeys = expanded ?? collectCodes(data, filtering ? 99 : 2);
  const detail = detailCode ? regions.byCode.get(detailCode) : undefined;

  const columns: TableColumnsType<RegionNode> = [
    {
      title: t('region.name'),
      dataIndex: 'name',
      render: (name: string, r) => <LinkButton onClick={() => setDetailCode(r.code)}>{name}</LinkButton>,
    },
    {
      title: t('region.code'),
      dataIndex: 'code',
      width: 120,
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    {
      title: t('region.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: string) => <Tag color={KIND_COLORS[k]}>{labels.regionKind(k)}</Tag>,
    },
    { title: t('common.sort'), dataIndex: 'sort', width: 80, responsive: ['md'] },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_v, r) => (
        <RowActions
          wrap
          onView={() => setDetailCode(r.code)}
          onEdit={r.can.edit ? () => setFormTarget({ mode: 'edit', region: r }) : undefined}
        >
          {me.can.administer && CHILD_KINDS[r.kind].length > 0 && (
            <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'create', parentCode: r.code })}>
              {t('region.addChild')}
            </Button>
          )}
        </RowActions>
      ),
    },
  ];

  return (
    <Page title={t('region.title')}>
      <Panel>
        <SearchForm<RegionFilter>
          values={filter}
          onSearch={(v) => {
            setExpanded(null);
            setFilter(compact(v));
          }}
          onReset={() => {
            setExpanded(null);
            setFilter({});
          }}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('region.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="kind" label={t('region.kind')}>
            <Select allowClear placeholder={t('common.all')} options={labels.regionKindOptions} />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel>
        <ListToolbar
          left={
            <>
              {me.can.administer && <AddButton onClick={() => setFormTarget({ mode: 'create', parentCode: null })} />}
              <Button onClick={() => setExpanded(collectCodes(data, 99))}>{t('common.expandAll')}</Button>
              <Button onClick={() => setExpanded([])}>{t('common.collapseAll')}</Button>
            </>
          }
          right={
            <Typography.Text type="secondary">{t('common.total', { total: regions.items.length })}</Typography.Text>
          }
          onRefresh={() => void regions.query.refetch()}
          refreshing={regions.query.isFetching}
        />
        <Table<RegionNode>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={data}
          loading={regions.query.isLoading}
          pagination={false}
          scroll={{ x: 640 }}
          expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
          locale={{ emptyText: filtering ? t('common.noMatch') : t('common.empty') }}
        />
      </Panel>
      <RegionFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
      <DetailDrawer
        title={t('region.detailTitle')}
        open={detailCode !== null}
        onClose={() => setDetailCode(null)}
        extra={
          detail?.can.edit && (
            <EditButton
              onClick={() => {
                setFormTarget({ mode: 'edit', region: detail });
                setDetailCode(null);
              }}
            />
          )
        }
      >
        {detail && (
          <>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
              <Descriptions.Item label={t('region.name')}>{detail.name}</Descriptions.Item>
              <Descriptions.Item label={t('region.code')}>{detail.code}</Descriptions.Item>
              <Descriptions.Item label={t('region.kind')}>{labels.regionKind(detail.kind)}</Descriptions.Item>
              <Descriptions.Item label={t('region.parent')}>
                {detail.parentCode ? (regions.byCode.get(detail.parentCode)?.name ?? detail.parentCode) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.sort')}>{detail.sort}</Descriptions.Item>
              <Descriptions.Item label={t('common.version')}>{detail.version}</Descriptions.Item>
            </Descriptions>
            <HistorySection entity="region" id={detail.code} load={regionsApi.history} />
          </>
        )}
      </DetailDrawer>
    </Page>
  );
}
