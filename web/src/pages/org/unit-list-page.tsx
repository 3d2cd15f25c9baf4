import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Descriptions, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { type Unit, UnitListQuery } from '../../../../domain/org/contracts.ts';
import { unitsApi } from '../../api/org.ts';
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
import { useT } from '../../lib/i18n.ts';
import { useEnumLabels } from '../../lib/labels.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';
import { RegionTreeSelect } from './org-selects.tsx';
import { UnitFormDrawer, type UnitFormTarget } from './unit-form-drawer.tsx';

type SearchValues = { q?: string; regionCode?: string; kind?: string };

function UnitDetail({ id, onEdit }: { id: string; onEdit: (u: Unit) => void }) {
  const t = useT();
  const labels = useEnumLabels();
  const q = useQuery({ queryKey: ['unit', id], queryFn: () => unitsApi.get(id) });
  const u = q.data;
  if (!u) return null;
  return (
    <>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('unit.name')} span="filled">
          {u.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('unit.shortName')}>{u.shortName || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('unit.kind')}>{labels.unitKind(u.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('unit.region')}>{u.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('unit.parentUnit')}>
          {u.parentUnitId ? <UnitName id={u.parentUnitId} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('unit.aliases')} span="filled">
          {u.aliases.length ? u.aliases.map((a) => <Tag key={a}>{a}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <StatusTag active={u.active} />
        </Descriptions.Item>
        <Descriptions.Item label={t('common.sort')}>{u.sort}</Descriptions.Item>
      </Descriptions>
      {u.can.edit && <EditButton style={{ marginTop: 12 }} onClick={() => onEdit(u)} />}
      <HistorySection entity="unit" id={u.id} load={unitsApi.history} />
    </>
  );
}

/** The name of a unit by id (for a parent unit shown in a detail). */
function UnitName({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['unit', id], queryFn: () => unitsApi.get(id), meta: { silent: true } });
  return <>{q.data?.name ?? '…'}</>;
}

export function UnitListPage() {
  const t = useT();
  const me = useMe();
  const labels = useEnumLabels();
  const [filter, setFilter] = useUrlFilter(UnitListQuery);
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['units', filter],
    queryFn: () => unitsApi.list(filter),
    placeholderData: keepPreviousData,
  });
  const filtering = Boolean(filter.q || filter.regionCode || filter.kind);

  const columns: TableColumnsType<Unit> = [
    {
      title: t('unit.name'),
      dataIndex: 'name',
      render: (name: string, u) => <LinkButton onClick={() => setDetailId(u.id)}>{name}</LinkButton>,
    },
    { title: t('unit.shortName'), dataIndex: 'shortName', width: 140, responsive: ['lg'], render: (v) => v || '—' },
    { title: t('unit.kind'), dataIndex: 'kind', width: 130, render: (k: string) => labels.unitKind(k) },
    { title: t('unit.region'), dataIndex: 'regionName', width: 140, responsive: ['md'] },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (a: boolean) => <StatusTag active={a} /> },
    { title: t('common.sort'), dataIndex: 'sort', width: 80, responsive: ['xl'] },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_v, u) => (
        <RowActions
          onView={() => setDetailId(u.id)}
          onEdit={u.can.edit ? () => setFormTarget({ mode: 'edit', unit: u }) : undefined}
        />
      ),
    },
  ];

  return (
    <Page title={t('unit.title')}>
      <Panel>
        <SearchForm<SearchValues>
          values={{ q: filter.q, regionCode: filter.regionCode, kind: filter.kind }}
          onSearch={(v) => setFilter({ ...compact(v), pageSize: filter.pageSize })}
          onReset={() => setFilter({ pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('unit.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('unit.region')}>
            <RegionTreeSelect placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="kind" label={t('unit.kind')}>
            <Select allowClear placeholder={t('common.all')} options={labels.unitKindOptions} />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel>
        <ListToolbar
          left={me.can.administer && <AddButton onClick={() => setFormTarget({ mode: 'create' })} />}
          onRefresh={() => void list.refetch()}
          refreshing={list.isFetching}
        />
        <Table<Unit>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 720 }}
          locale={{ emptyText: tableEmptyText(t, list.error, filtering) }}
          pagination={tablePagination(t, list.data?.total, filter, setFilter)}
        />
      </Panel>
      <UnitFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
      <DetailDrawer title={t('unit.detailTitle')} open={detailId !== null} onClose={() => setDetailId(null)}>
        {detailId && (
          <UnitDetail
            id={detailId}
            onEdit={(u) => {
              setDetailId(null);
              setFormTarget({ mode: 'edit', unit: u });
            }}
          />
        )}
      </DetailDrawer>
    </Page>
  );
}
