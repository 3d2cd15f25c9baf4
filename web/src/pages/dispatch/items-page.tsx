import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Empty,
  Form,
  Grid,
  Input,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { ItemCategory, ItemStatus } from '../../../../domain/dispatch/items.ts';
import { ItemListQuery } from '../../../../domain/dispatch/items-contracts.ts';
import { dispatchItemsApi, type Item, type ItemList } from '../../api/dispatch-items.ts';
import { useMe } from '../../app/session.tsx';
import { CardList, cardLine } from '../../components/card-list.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { type MessageKey, type T, useT } from '../../lib/i18n.ts';
import { compact, type FilterValue, useUrlFilter } from '../../lib/url-filter.ts';
import { ItemDrawer } from './item-drawer.tsx';
import {
  CategoryTag,
  DueCell,
  EscalationTag,
  type ItemStatusFilter,
  ItemStatusTag,
  useItemLabels,
} from './item-labels.tsx';
import { ItemRaiseDrawer } from './item-raise-drawer.tsx';

/** The list's filters in the URL: the API's (已升级 is `escalated`). */
const ItemsFilter = ItemListQuery;
type Filter = ReturnType<typeof useUrlFilter<typeof ItemsFilter>>[0];
type Box = 'assigned' | 'raised' | 'all';
type SearchValues = { q?: string; status?: ItemStatusFilter; category?: ItemCategory };

export const itemPath = (id: string) => `/dispatch/items/${id}`;

const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

// ── count tiles: 未办结 / 逾期 / 已升级, each a filter ─────────────────────────────────────────────────────────
type TileKey = 'unfinished' | 'overdue' | 'escalated';
const TILE_LABELS: Record<TileKey, MessageKey> = {
  unfinished: 'items.count.unfinished',
  overdue: 'items.count.overdue',
  escalated: 'items.count.escalated',
};
const TILE_COLORS: Record<TileKey, string> = { unfinished: '#1d5fd6', overdue: '#cf1322', escalated: '#d46b08' };

const activeTile = (f: Filter): TileKey | null =>
  f.escalated ? 'escalated' : f.overdue ? 'overdue' : f.status === 'unfinished' ? 'unfinished' : null;

function CountTiles({
  counts,
  active,
  onPick,
  phone,
}: {
  counts: ItemList['counts'];
  active: TileKey | null;
  onPick: (key: TileKey) => void;
  phone: boolean;
}) {
  const t = useT();
  return (
    <section
      aria-label={t('items.count.title')}
      style={{
        display: 'grid',
        gridTemplateColumns: phone ? 'repeat(3, minmax(0, 1fr))' : 'repeat(3, minmax(120px, 160px))',
        gap: phone ? 6 : 8,
      }}
    >
      {(Object.keys(TILE_LABELS) as TileKey[]).map((key) => {
        const on = active === key;
        const value = counts[key];
        return (
          <button
            key={key}
            type="button"
            data-tile={key}
            aria-pressed={on}
            title={t('dispatch.count.filter')}
            onClick={() => onPick(key)}
            style={{
              textAlign: 'start',
              cursor: 'pointer',
              background: on ? '#e6f0ff' : '#fafafa',
              border: `1px solid ${on ? '#1d5fd6' : '#f0f0f0'}`,
              borderRadius: 6,
              padding: phone ? '6px 10px' : '8px 12px',
              font: 'inherit',
              minWidth: 0,
            }}
          >
            <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{t(TILE_LABELS[key])}</div>
            <div
              style={{
                fontSize: phone ? 20 : 22,
                fontWeight: 600,
                lineHeight: 1.25,
                color: value ? TILE_COLORS[key] : undefined,
                ...tabular,
              }}
            >
              {value}
            </div>
          </button>
        );
      })}
    </section>
  );
}

// ── cells shared by the table and the phone cards ───────────────────────────────────────────────────────────
function RaisedBy({ item }: { item: Item }) {
  return (
    <div style={{ minWidth: 0, lineHeight: 1.4 }}>
      <div>{item.raisedByUnitName ?? item.raisedByName}</div>
      {item.raisedByUnitName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.raisedByName}
        </Typography.Text>
      )}
    </div>
  );
}

/** One item on a phone: the problem first, then where it stands; the whole card opens it. */
function ItemCard({ item, to }: { item: Item; to: string }) {
  const t = useT();
  const labels = useItemLabels();
  return (
    <Link
      to={to}
      data-testid="item-card"
      data-item={item.id}
      style={{
        display: 'block',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${item.overdueDays > 0 ? '#cf1322' : '#f0f0f0'}`,
        borderRadius: 8,
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Paragraph strong ellipsis={{ rows: 3 }} style={{ flex: 1, fontSize: 15, marginBottom: 4 }}>
          {item.description}
        </Typography.Paragraph>
        <ItemStatusTag status={item.status} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.projectName} · {item.regionName}
      </Typography.Text>
      <div style={{ marginTop: 6 }}>
        {cardLine(t('items.col.assignedUnit'), item.assignedUnitName)}
        {cardLine(t('items.col.raisedBy'), item.raisedByUnitName ?? item.raisedByName)}
        {cardLine(t('items.col.due'), <DueCell item={item} />)}
      </div>
      <Space wrap size={[6, 6]} style={{ marginTop: 6 }}>
        <CategoryTag category={item.category} />
        {item.escalationLevel > 0 && <EscalationTag level={item.escalationLevel} />}
        {item.can.actions.length > 0 && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('items.card.yourTurn', { actions: item.can.actions.map(labels.action).join('、') })}
          </Typography.Text>
        )}
      </Space>
    </Link>
  );
}

const EMPTY_KEYS: Record<Box, MessageKey> = {
  assigned: 'items.empty.assigned',
  raised: 'items.empty.raised',
  all: 'items.empty.all',
};

function columnsOf(t: T, labels: ReturnType<typeof useItemLabels>, open: (i: Item) => string): TableColumnsType<Item> {
  return [
    {
      title: t('items.col.description'),
      dataIndex: 'description',
      // the problem takes what the other columns leave
      render: (d: string, i) => (
        <Link to={open(i)} onClick={(e) => e.stopPropagation()} style={{ color: 'inherit' }} title={d}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
            {d}
          </Typography.Paragraph>
        </Link>
      ),
    },
    {
      title: t('items.col.project'),
      key: 'project',
      width: 190,
      render: (_v, i) => (
        <div style={{ minWidth: 0, lineHeight: 1.4 }}>
          {i.can.viewProject ? (
            <Link to={`/projects/${i.projectId}`} onClick={(e) => e.stopPropagation()}>
              {i.projectName}
            </Link>
          ) : (
            i.projectName
          )}
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{i.regionName}</div>
        </div>
      ),
    },
    {
      title: t('items.col.category'),
      dataIndex: 'category',
      width: 76,
      render: (c: ItemCategory) => labels.category(c),
    },
    { title: t('items.col.assignedUnit'), dataIndex: 'assignedUnitName', width: 140 },
    { title: t('items.col.raisedBy'), key: 'raisedBy', width: 150, render: (_v, i) => <RaisedBy item={i} /> },
    { title: t('items.col.due'), key: 'due', width: 120, render: (_v, i) => <DueCell item={i} stacked /> },
    {
      title: t('items.col.escalation'),
      dataIndex: 'escalationLevel',
      width: 112,
      render: (l: number) => <EscalationTag level={l} />,
    },
    {
      title: t('items.col.status'),
      dataIndex: 'status',
      width: 92,
      render: (s: ItemStatus) => <ItemStatusTag status={s} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 60,
      fixed: 'right',
      render: (_v, i) => (
        <Link to={open(i)} onClick={(e) => e.stopPropagation()}>
          {i.can.actions.length > 0 ? t('items.handle') : t('common.view')}
        </Link>
      ),
    },
  ];
}

/** 协调事项: the items my unit must solve, those it raised, or all in reach; one opens in a drawer over the list. */
export function ItemsPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { id } = useParams();
  const labels = useItemLabels();
  const phone = Grid.useBreakpoint().md === false;
  const [raising, setRaising] = useState(false);
  const [filter, setFilter] = useUrlFilter(ItemsFilter);
  const { escalated } = filter;
  const q = useQuery({
    queryKey: ['dispatch-items', filter],
    queryFn: ({ signal }) => dispatchItemsApi.list(filter, signal),
    placeholderData: keepPreviousData,
  });
  const list = q.data;
  const box: Box = filter.box ?? 'all';
  const filtering = Boolean(filter.q || filter.status || filter.category || filter.overdue || escalated);

  const set = (next: Partial<Record<keyof Filter, FilterValue>>) => setFilter({ ...filter, page: 1, ...next });
  // the item opens over the list, which keeps its filters
  const open = (i: Item) => `${itemPath(i.id)}${location.search}`;
  const close = () => navigate(`/dispatch/items${location.search}`);
  const pick = (key: TileKey) => {
    const clear = { status: undefined, overdue: undefined, escalated: undefined };
    if (activeTile(filter) === key) set(clear);
    else if (key === 'unfinished') set({ ...clear, status: 'unfinished' });
    else set({ ...clear, [key]: true });
  };

  const searchValues: SearchValues = { q: filter.q, status: filter.status, category: filter.category };
  const keep = { box: filter.box, pageSize: filter.pageSize, overdue: filter.overdue, escalated };
  const emptyText = q.error || filtering ? tableEmptyText(t, q.error, true) : t(EMPTY_KEYS[box]);
  const canRaise = list?.can.raise ?? me.can.reportWeekly;

  const boxes = (
    <Segmented<Box>
      value={box}
      block={phone}
      onChange={(b) => set({ box: b === 'all' ? undefined : b })}
      options={[
        { value: 'assigned', label: t('items.box.assigned') },
        { value: 'raised', label: t('items.box.raised') },
        { value: 'all', label: t('items.box.all') },
      ]}
      data-testid="item-box"
    />
  );

  return (
    <Page title={t('items.title')}>
      <Panel padding={phone ? 12 : 16}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {boxes}
          {list ? (
            <CountTiles counts={list.counts} active={activeTile(filter)} onPick={pick} phone={phone} />
          ) : (
            <Skeleton.Input active block style={{ height: 64 }} />
          )}
        </div>
      </Panel>
      <Panel>
        <SearchForm<SearchValues>
          values={searchValues}
          onSearch={(v) => setFilter({ ...compact(v), ...keep })}
          onReset={() => setFilter({ box: filter.box, pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('items.filter.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="status" label={t('items.col.status')}>
            <Select allowClear placeholder={t('common.all')} options={labels.statusOptions} />
          </Form.Item>
          <Form.Item name="category" label={t('items.col.category')}>
            <Select allowClear placeholder={t('common.all')} options={labels.categoryOptions} />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            <>
              {canRaise && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
                  {t('items.raise.button')}
                </Button>
              )}
              {list && (
                <Typography.Text type="secondary" data-testid="items-total">
                  {t('items.total', { count: list.total })}
                </Typography.Text>
              )}
            </>
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['dispatch-items'] })}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={list?.items}
            card={(i) => <ItemCard key={i.id} item={i} to={open(i)} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={list?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
            testId="item-cards"
          />
        ) : (
          <Table<Item>
            rowKey="id"
            size="middle"
            columns={columnsOf(t, labels, open)}
            dataSource={list?.items}
            loading={q.isFetching}
            scroll={{ x: 1120 }}
            onRow={(i) => ({
              onClick: () => navigate(open(i)),
              style: { cursor: 'pointer' },
              ...(i.id === id ? { className: 'ant-table-row-selected' } : {}),
            })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            pagination={tablePagination(t, list?.total, filter, setFilter)}
          />
        )}
      </Panel>
      <ItemDrawer id={id} onClose={close} />
      <ItemRaiseDrawer
        open={raising}
        onClose={() => setRaising(false)}
        onRaised={(i) => navigate(`${itemPath(i.id)}?box=raised`)}
      />
    </Page>
  );
}
