import { CameraOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Empty,
  Form,
  Grid,
  Input,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { weekStart } from '../../../../domain/common/iso-week.ts';
import { type Light, type Timing, WeekBoardQuery } from '../../../../domain/dispatch/contracts.ts';
import { dispatchReportsApi, type WeekBoardRowItem } from '../../api/dispatch-reports.ts';
import { useMe } from '../../app/session.tsx';
import { CardList } from '../../components/card-list.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { BUSINESS_TZ, formatAmount, formatMinute } from '../../lib/format.ts';
import { type T, useT } from '../../lib/i18n.ts';
import { compact, type FilterValue, useUrlFilter } from '../../lib/url-filter.ts';
import { RegionTreeSelect } from '../org/org-selects.tsx';
import {
  type BoardStatus,
  LightBadge,
  pctText,
  ReportStatusTag,
  type StatusFilter,
  TimingTag,
  useDispatchLabels,
} from './dispatch-labels.tsx';
import { WeekPicker } from './week-picker.tsx';

type SearchValues = { q?: string; status?: StatusFilter; timing?: Timing; light?: Light; regionCode?: string };
type Board = NonNullable<Awaited<ReturnType<typeof dispatchReportsApi.board>>>;
type Filter = ReturnType<typeof useUrlFilter<typeof WeekBoardQuery>>[0];

/** The page of one project's report for a week. */
export const reportPath = (projectId: string, week: string) => `/dispatch/projects/${projectId}/reports/${week}`;

const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

/** "11-26 14:30" in Beijing time; — when not submitted. */
const shortTime = (iso: string | null) => (iso ? dayjs(iso).tz(BUSINESS_TZ).format('MM-DD HH:mm') : '—');

// ── count tiles: 应报 / 已报 / 已审核 / 退回 / 未报 / 迟报 (and 漏报 once a week has some) ─────────────────────────
type Tile = {
  key: string;
  label: string;
  value: number;
  sub?: string | undefined;
  color?: string;
  active: boolean;
  /** the filter the tile sets (clicked again: cleared) */
  pick: { status?: StatusFilter; timing?: Timing };
};

function tilesOf(t: T, counts: Board['counts'], f: Filter): Tile[] {
  const is = (status?: StatusFilter, timing?: Timing) => f.status === status && f.timing === timing;
  // 已报 counts the submitted and the accepted (its filter: `counted`); the line under it, those still to review
  const tiles: Tile[] = [
    {
      key: 'expected',
      label: t('dispatch.count.expected'),
      value: counts.expected,
      active: is(undefined, undefined),
      pick: {},
    },
    {
      key: 'submitted',
      label: t('dispatch.count.submitted'),
      value: counts.submitted,
      sub: t('dispatch.count.pendingReview', { count: counts.pendingReview }),
      color: '#1d5fd6',
      active: is('counted', undefined),
      pick: { status: 'counted' },
    },
    {
      key: 'accepted',
      label: t('dispatch.count.accepted'),
      value: counts.accepted,
      color: '#389e0d',
      active: is('accepted', undefined),
      pick: { status: 'accepted' },
    },
    {
      key: 'returned',
      label: t('dispatch.count.returned'),
      value: counts.returned,
      color: counts.returned ? '#cf1322' : undefined,
      active: is('returned', undefined),
      pick: { status: 'returned' },
    },
    {
      key: 'none',
      label: t('dispatch.count.none'),
      value: counts.none,
      sub: counts.draft ? t('dispatch.count.drafts', { count: counts.draft }) : undefined,
      color: counts.none ? '#595959' : undefined,
      active: is('none', undefined),
      pick: { status: 'none' },
    },
    {
      key: 'late',
      label: t('dispatch.count.late'),
      value: counts.late,
      color: counts.late ? '#d46b08' : undefined,
      active: is(undefined, 'late'),
      pick: { timing: 'late' },
    },
  ];
  if (counts.missing > 0) {
    tiles.push({
      key: 'missing',
      label: t('dispatch.count.missing'),
      value: counts.missing,
      color: '#cf1322',
      active: is(undefined, 'missing'),
      pick: { timing: 'missing' },
    });
  }
  return tiles;
}

function CountTiles({ tiles, onPick, phone }: { tiles: Tile[]; onPick: (tile: Tile) => void; phone: boolean }) {
  const t = useT();
  return (
    <section
      aria-label={t('dispatch.count.title')}
      style={{
        display: 'grid',
        gridTemplateColumns: phone ? 'repeat(3, minmax(0, 1fr))' : 'repeat(auto-fill, minmax(112px, 1fr))',
        gap: phone ? 6 : 8,
      }}
    >
      {tiles.map((tile) => (
        <button
          key={tile.key}
          type="button"
          data-tile={tile.key}
          aria-pressed={tile.active}
          title={t('dispatch.count.filter')}
          onClick={() => onPick(tile)}
          style={{
            textAlign: 'start',
            cursor: 'pointer',
            background: tile.active ? '#e6f0ff' : '#fafafa',
            border: `1px solid ${tile.active ? '#1d5fd6' : '#f0f0f0'}`,
            borderRadius: 6,
            padding: phone ? '6px 10px' : '8px 12px',
            font: 'inherit',
            minWidth: 0,
          }}
        >
          <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{tile.label}</div>
          <div style={{ fontSize: phone ? 20 : 22, fontWeight: 600, lineHeight: 1.25, color: tile.color, ...tabular }}>
            {tile.value}
          </div>
          <div
            style={{
              fontSize: 12,
              color: 'rgba(0,0,0,0.45)',
              minHeight: 18,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            {tile.sub ?? ''}
          </div>
        </button>
      ))}
    </section>
  );
}

// ── cells shared by the table and the phone cards ───────────────────────────────────────────────────────────
function Pace({ row }: { row: WeekBoardRowItem }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap', ...tabular }}>
      <LightBadge light={row.light} compact />
      <span>{pctText(row.completionPct)}</span>
      <Typography.Text type="secondary">/ {pctText(row.schedulePct)}</Typography.Text>
    </span>
  );
}

/** 3张, and how many of them are unverified in orange (under it in the table's narrow column). */
function Photos({ row, stacked = false }: { row: WeekBoardRowItem; stacked?: boolean }) {
  const t = useT();
  if (row.photoCount === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <CameraOutlined style={{ color: 'rgba(0,0,0,0.45)', marginInlineEnd: 4 }} />
      {t('dispatch.photos.count', { count: row.photoCount })}
      {row.unverifiedPhotos > 0 && (
        <span
          style={{ color: '#d46b08', ...(stacked ? { display: 'block' } : { marginInlineStart: 6 }) }}
          data-testid="unverified-count"
        >
          {t('dispatch.photos.unverifiedCount', { count: row.unverifiedPhotos })}
        </span>
      )}
    </span>
  );
}

/** One project on a phone: what the table says, stacked; the whole card opens the report. */
function BoardCard({ row, week }: { row: WeekBoardRowItem; week: string }) {
  const t = useT();
  const figure = (label: string, value: ReactNode) => (
    <div style={{ minWidth: 0 }}>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{label}</div>
      <div style={{ fontSize: 15, ...tabular }}>{value}</div>
    </div>
  );
  return (
    <Link
      to={reportPath(row.projectId, week)}
      data-testid="board-card"
      data-project={row.projectId}
      style={{
        display: 'block',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong style={{ flex: 1, fontSize: 15, lineHeight: 1.4 }}>
          {row.projectName}
        </Typography.Text>
        <ReportStatusTag status={row.status} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.regionName} · {row.responsibleUnitName}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginTop: 8 }}>
        {figure(t('dispatch.card.thisWeek'), formatAmount(row.investedThisWeek))}
        {figure(t('dispatch.card.ytd'), formatAmount(row.investedYtd))}
        {figure(t('dispatch.col.pace'), <Pace row={row} />)}
        {figure(t('dispatch.col.photos'), <Photos row={row} />)}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8, flexWrap: 'wrap' }}>
        <TimingTag timing={row.timing} />
        {row.submittedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dispatch.card.submittedAt', { time: formatMinute(row.submittedAt) })}
          </Typography.Text>
        )}
      </div>
    </Link>
  );
}

/** 周报报送: the week's reporting projects, their report state and pacing; a row opens its report. */
export function WeekBoardPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const labels = useDispatchLabels();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  // the project code goes under the name only where the ledger columns still fit beside it
  const wide = screens.xxl === true;
  const [filter, setFilter] = useUrlFilter(WeekBoardQuery);
  const q = useQuery({
    queryKey: ['dispatch-board', filter],
    queryFn: ({ signal }) => dispatchReportsApi.board(filter, signal),
    placeholderData: keepPreviousData,
  });
  const board = q.data;
  const week = filter.week ?? board?.week;
  const filtering = Boolean(filter.q || filter.status || filter.timing || filter.light || filter.regionCode);
  const isCommissioner = me.roles.includes('site_commissioner');

  const set = (next: Partial<Record<keyof Filter, FilterValue>>) => setFilter({ ...filter, page: 1, ...next });
  const open = (row: WeekBoardRowItem) => week && navigate(reportPath(row.projectId, week));

  const columns: TableColumnsType<WeekBoardRowItem> = [
    {
      title: t('dispatch.col.project'),
      dataIndex: 'projectName',
      width: 200,
      fixed: 'left',
      render: (name: string, row) => (
        <Space orientation="vertical" size={0}>
          {week ? (
            <Link to={reportPath(row.projectId, week)} onClick={(e) => e.stopPropagation()}>
              {name}
            </Link>
          ) : (
            name
          )}
          {wide && row.projectCode && (
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {row.projectCode}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('dispatch.col.region'), dataIndex: 'regionName', width: 72 },
    { title: t('dispatch.col.unit'), dataIndex: 'responsibleUnitName', width: 128, ellipsis: true },
    {
      title: t('dispatch.col.thisWeek'),
      dataIndex: 'investedThisWeek',
      width: 104,
      align: 'right',
      render: (v: string | null) => <span style={tabular}>{formatAmount(v)}</span>,
    },
    {
      title: t('dispatch.col.ytd'),
      dataIndex: 'investedYtd',
      width: 112,
      align: 'right',
      render: (v: string) => <span style={tabular}>{formatAmount(v)}</span>,
    },
    {
      title: t('dispatch.col.pace'),
      key: 'pace',
      width: 140,
      render: (_v, row) => <Pace row={row} />,
    },
    {
      title: t('dispatch.col.status'),
      dataIndex: 'status',
      width: 76,
      render: (s: BoardStatus) => <ReportStatusTag status={s} />,
    },
    {
      title: t('dispatch.col.timing'),
      dataIndex: 'timing',
      width: 88,
      render: (x: Timing) => <TimingTag timing={x} />,
    },
    { title: t('dispatch.col.photos'), key: 'photos', width: 96, render: (_v, row) => <Photos row={row} stacked /> },
    {
      title: t('dispatch.col.submittedAt'),
      dataIndex: 'submittedAt',
      width: 96,
      // the week is on the page: month, day and time say the rest
      render: (v: string | null) => (
        <Tooltip title={v ? formatMinute(v) : undefined}>
          <span style={tabular}>{shortTime(v)}</span>
        </Tooltip>
      ),
    },
  ];

  const searchValues: SearchValues = {
    q: filter.q,
    status: filter.status,
    timing: filter.timing,
    light: filter.light,
    regionCode: filter.regionCode,
  };
  const keep = { week: filter.week, pageSize: filter.pageSize, mine: filter.mine };
  const year = week ? weekStart(week).slice(0, 4) : '';
  const emptyText = q.error || filtering || filter.mine ? tableEmptyText(t, q.error, true) : t('dispatch.board.empty');

  return (
    <Page title={t('dispatch.board.title')}>
      <Panel padding={phone ? 12 : 16}>
        {week ? (
          <WeekPicker
            week={week}
            deadline={board?.week === week ? board.deadline : undefined}
            onChange={(w) => set({ week: w })}
          />
        ) : (
          <Skeleton.Input active block />
        )}
        {board && !board.calendarKnown && (
          <Alert type="warning" showIcon title={t('dispatch.calendarUnknown', { year })} style={{ marginTop: 12 }} />
        )}
        <div style={{ marginTop: 12 }}>
          {board ? (
            <CountTiles
              tiles={tilesOf(t, board.counts, filter)}
              phone={phone}
              onPick={(tile) =>
                set(
                  tile.active
                    ? { status: undefined, timing: undefined }
                    : { status: undefined, timing: undefined, ...tile.pick },
                )
              }
            />
          ) : (
            <Skeleton.Input active block style={{ height: 76 }} />
          )}
        </div>
      </Panel>
      <Panel>
        <SearchForm<SearchValues>
          values={searchValues}
          onSearch={(v) => setFilter({ ...compact(v), ...keep })}
          onReset={() => setFilter(keep)}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('dispatch.filter.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="status" label={t('dispatch.col.status')}>
            <Select allowClear placeholder={t('common.all')} options={labels.statusOptions} />
          </Form.Item>
          <Form.Item name="timing" label={t('dispatch.col.timing')}>
            <Select allowClear placeholder={t('common.all')} options={labels.timingOptions} />
          </Form.Item>
          <Form.Item name="light" label={t('dispatch.filter.light')}>
            <Select allowClear placeholder={t('common.all')} options={labels.lightOptions} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('dispatch.col.region')}>
            <RegionTreeSelect placeholder={t('common.all')} />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            <>
              {isCommissioner && (
                <Space size={6}>
                  <Switch
                    size="small"
                    checked={Boolean(filter.mine)}
                    onChange={(on) => set({ mine: on || undefined })}
                    aria-label={t('dispatch.filter.mine')}
                  />
                  <Typography.Text>{t('dispatch.filter.mine')}</Typography.Text>
                </Space>
              )}
              {board && (
                <Typography.Text type="secondary" data-testid="board-total">
                  {t('dispatch.board.total', { count: board.total })}
                </Typography.Text>
              )}
            </>
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['dispatch-board'] })}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={week ? board?.items : undefined}
            card={(row) => <BoardCard key={row.projectId} row={row} week={week!} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={board?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
            testId="board-cards"
          />
        ) : (
          <Table<WeekBoardRowItem>
            rowKey="projectId"
            size="middle"
            columns={columns}
            dataSource={board?.items}
            loading={q.isFetching}
            scroll={{ x: 'max-content' }}
            onRow={(row) => ({ onClick: () => open(row), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />,
            }}
            pagination={tablePagination(t, board?.total, filter, setFilter)}
          />
        )}
      </Panel>
    </Page>
  );
}
