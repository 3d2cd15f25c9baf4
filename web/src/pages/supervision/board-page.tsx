import { DownloadOutlined, EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Grid,
  List,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CITY_WIDE_ROLES, hasRole } from '../../../../domain/auth/roles.ts';
import { dayNumber } from '../../../../domain/common/calendar.ts';
import { BoardQuery, type BoardRow, type SuggestionView } from '../../../../domain/supervision/ladder-contracts.ts';
import { http } from '../../api/client.ts';
import { supervisionApi } from '../../api/supervision.ts';
import { useMe } from '../../app/session.tsx';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { today } from '../../lib/format.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';
import { type IssuePreset, LadderIssueDrawer } from './ladder-issue-drawer.tsx';
import { StepTag, useLadderLabels } from './ladder-labels.tsx';

type Counts = Omit<BoardRow, 'id' | 'name' | 'link'>;
type CountKey = 'total' | 'done' | 'green' | 'yellow' | 'red' | 'overdue';

const COLORS: Record<CountKey, string | undefined> = {
  total: undefined,
  done: '#389e0d',
  green: '#389e0d',
  yellow: '#d48806',
  red: '#cf1322',
  overdue: '#a8071a',
};
const LABELS: Record<CountKey, MessageKey> = {
  total: 'sup.board.total',
  done: 'sup.board.done',
  green: 'sup.board.green',
  yellow: 'sup.board.yellow',
  red: 'sup.board.red',
  overdue: 'sup.board.overdue',
};
/** data older than this many days is shown as stale */
const STALE_DAYS = 35;
const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

/** A count, coloured when it matters, linking to the task list filtered to it. */
function CountLink({ value, k, link }: { value: number; k: CountKey; link: string | null }) {
  const strong = value > 0 && k !== 'total';
  const text = (
    <span
      style={{ ...tabular, color: value > 0 ? COLORS[k] : 'rgba(0,0,0,0.25)', fontWeight: strong ? 600 : undefined }}
    >
      {value}
    </span>
  );
  if (!link || value === 0) return text;
  return <Link to={k === 'total' ? link : `${link}&status=${k}`}>{text}</Link>;
}

function Freshness({ date }: { date: string | null }) {
  const t = useT();
  if (!date) return <Typography.Text type="danger">{t('sup.board.never')}</Typography.Text>;
  const days = dayNumber(today()) - dayNumber(date);
  return (
    <Tooltip title={date}>
      <Typography.Text type={days > STALE_DAYS ? 'danger' : undefined} style={tabular}>
        {date.slice(5)} <span style={{ fontSize: 12, opacity: 0.65 }}>({t('sup.board.staleDays', { days })})</span>
      </Typography.Text>
    </Tooltip>
  );
}

function useColumns(by: 'unit' | 'leader'): TableColumnsType<BoardRow> {
  const t = useT();
  const count = (k: CountKey) => ({
    title: t(LABELS[k]),
    key: k,
    width: 76,
    align: 'right' as const,
    sorter: (a: BoardRow, b: BoardRow) => a[k] - b[k],
    render: (_v: unknown, r: BoardRow) => <CountLink value={r[k]} k={k} link={r.link} />,
  });
  const plain = (k: 'openOrders' | 'overdueInstructions' | 'stepsThisQuarter', label: MessageKey, danger = false) => ({
    title: t(label),
    dataIndex: k,
    width: 100,
    align: 'right' as const,
    sorter: (a: BoardRow, b: BoardRow) => a[k] - b[k],
    render: (v: number) => (
      <span style={{ ...tabular, color: v > 0 && danger ? '#cf1322' : v > 0 ? undefined : 'rgba(0,0,0,0.25)' }}>
        {v}
      </span>
    ),
  });
  return [
    {
      title: t(by === 'unit' ? 'sup.board.unit' : 'sup.board.leader'),
      dataIndex: 'name',
      fixed: 'left',
      width: 180,
      render: (name: string, r) => <Link to={r.link}>{name}</Link>,
    },
    count('total'),
    count('done'),
    count('green'),
    count('yellow'),
    count('red'),
    count('overdue'),
    {
      title: t('sup.board.onTime'),
      dataIndex: 'onTimePct',
      width: 104,
      align: 'right',
      sorter: (a, b) => (a.onTimePct ?? -1) - (b.onTimePct ?? -1),
      render: (v: number | null, r) => (
        <Tooltip title={`${r.cyclesOnTime}/${r.cyclesDue}`}>
          <span style={{ ...tabular, color: v !== null && v < 80 ? '#cf1322' : undefined }}>
            {v === null ? '—' : `${v.toFixed(1)}%`}
          </span>
        </Tooltip>
      ),
    },
    plain('openOrders', 'sup.board.openOrders', true),
    {
      title: t('sup.board.openRectifications'),
      dataIndex: 'openRectifications',
      width: 100,
      align: 'right',
      render: (v: number | null) =>
        v === null ? '—' : <span style={{ ...tabular, color: v > 0 ? '#d46b08' : 'rgba(0,0,0,0.25)' }}>{v}</span>,
    },
    plain('overdueInstructions', 'sup.board.overdueInstructions', true),
    plain('stepsThisQuarter', 'sup.board.stepsThisQuarter'),
    {
      title: t('sup.board.lastAccepted'),
      dataIndex: 'lastAcceptedOn',
      width: 130,
      render: (d: string | null) => <Freshness date={d} />,
    },
  ];
}

/** A unit (or a leader's portfolio) on a phone: its name, the six counts as coloured tiles, the rest in one line. */
function BoardCard({ r }: { r: BoardRow }) {
  const t = useT();
  return (
    <div
      style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
      data-testid="board-card"
    >
      <Link to={r.link} style={{ fontWeight: 600, fontSize: 15 }}>
        {r.name}
      </Link>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(6, minmax(0, 1fr))', gap: 4, marginTop: 8 }}>
        {(Object.keys(LABELS) as CountKey[]).map((k) => (
          <div key={k} style={{ textAlign: 'center' }}>
            <div style={{ fontSize: 18 }}>
              <CountLink value={r[k]} k={k} link={r.link} />
            </div>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t(LABELS[k])}</div>
          </div>
        ))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
        {t('sup.board.onTime')} {r.onTimePct === null ? '—' : `${r.onTimePct.toFixed(1)}%`} ·{' '}
        {t('sup.board.openOrders')} {r.openOrders} · {t('sup.board.lastAccepted')}{' '}
        {r.lastAcceptedOn ?? t('sup.board.never')}
      </Typography.Text>
    </div>
  );
}

/** 督办建议: each with why, and 一键签发 (or 修改后签发 in the drawer, where an admonition's date is filled in). */
function Suggestions() {
  const t = useT();
  const labels = useLadderLabels();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['sup-suggestions'], queryFn: () => supervisionApi.suggestions() });
  const [editing, setEditing] = useState<IssuePreset | null>(null);
  const issue = useMutation({
    mutationFn: (s: SuggestionView) =>
      supervisionApi.issue({
        objectType: s.objectType,
        objectId: s.objectId,
        step: s.step,
        unitId: s.unitId,
        reason: s.reason,
        polarity: s.polarity,
        skipReason: s.skipReason,
        requirement: s.requirement,
        dueOn: s.dueOn,
      }),
    onSuccess: (s) => {
      toast.success(t('sup.issue.done', { step: labels.step(s.step), unit: s.unitName, number: s.number ?? '' }));
      qc.invalidateQueries({ queryKey: ['sup-suggestions'] });
      qc.invalidateQueries({ queryKey: ['sup-board'] });
      qc.invalidateQueries({ queryKey: ['sup-steps'] });
    },
    onError: (e) => showError(e),
  });
  const items = q.data?.items ?? [];
  const oneClick = (s: SuggestionView) => s.step !== 'admonition' && s.step !== 'accountability';
  return (
    <Card
      size="small"
      title={
        <Space>
          <ThunderboltOutlined />
          {t('sup.suggest.title')}
          {items.length > 0 && <Typography.Text type="danger">{items.length}</Typography.Text>}
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('sup.suggest.help')}</Typography.Text>}
    >
      {q.isLoading ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert type="error" showIcon title={q.error.message} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.suggest.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          pagination={items.length > 8 ? { pageSize: 8, size: 'small', align: 'end' } : false}
          renderItem={(s) => (
            <List.Item
              key={s.key}
              data-testid="suggestion"
              actions={[
                oneClick(s) ? (
                  <Popconfirm
                    key="issue"
                    title={t('sup.suggest.confirm', { step: labels.step(s.step), unit: s.unitName })}
                    onConfirm={() => issue.mutate(s)}
                  >
                    <Button type="primary" size="small" loading={issue.isPending && issue.variables?.key === s.key}>
                      {t('sup.suggest.issue')}
                    </Button>
                  </Popconfirm>
                ) : null,
                <Button
                  key="edit"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() =>
                    setEditing({
                      objectType: s.objectType,
                      objectId: s.objectId,
                      objectLabel: s.objectLabel,
                      step: s.step,
                      polarity: s.polarity,
                      unitId: s.unitId,
                      reason: s.reason,
                      skipReason: s.skipReason,
                      requirement: s.requirement,
                      dueOn: s.dueOn,
                    })
                  }
                >
                  {t('sup.suggest.review')}
                </Button>,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={<StepTag step={s.step} polarity={s.polarity} />}
                title={
                  <Space wrap size={[8, 0]}>
                    <Link to={s.objectLink}>{s.objectLabel}</Link>
                    <Typography.Text type="secondary">→ {s.unitName}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>{s.reason}</div>
                    {s.skipReason && (
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {t('sup.suggest.skip', { reason: s.skipReason })}
                      </Typography.Text>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <LadderIssueDrawer open={editing !== null} preset={editing ?? {}} onClose={() => setEditing(null)} />
    </Card>
  );
}

type PlanOption = { value: string; label: string };

/** 督查看板: per unit (or per leader's portfolio) the task lights, punctuality, orders, rectifications, instructions. */
export function BoardPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useUrlFilter(BoardQuery, { by: 'unit' });
  const cityWide = hasRole(me.roles, 'admin', ...CITY_WIDE_ROLES);
  const [month, setMonth] = useState<Dayjs>(dayjs(today()));
  const q = useQuery({
    queryKey: ['sup-board', filter],
    queryFn: ({ signal }) => supervisionApi.board(filter, signal),
    placeholderData: keepPreviousData,
  });
  const plans = useQuery({
    queryKey: ['task-plans', 'options'],
    queryFn: async (): Promise<PlanOption[]> => {
      const r = await http.get<{ items: { id: string; title: string }[] }>('/api/task-plans', { pageSize: 100 });
      return r.items.map((p) => ({ value: p.id, label: p.title }));
    },
    meta: { silent: true },
    staleTime: 60_000,
  });
  const notice = useMutation({
    mutationFn: () =>
      supervisionApi
        .noticeDocx(month.format('YYYY-MM'), filter.planId)
        .then((f) => saveFile(f, `督查通报-${month.format('YYYY-MM')}.docx`)),
    onError: (e) => showError(e),
  });
  const columns = useColumns(filter.by);
  const b = q.data;

  const summary = (totals: Counts) => (
    <Table.Summary fixed>
      <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
        <Table.Summary.Cell index={0}>{t('sup.board.totals')}</Table.Summary.Cell>
        {(['total', 'done', 'green', 'yellow', 'red', 'overdue'] as CountKey[]).map((k, i) => (
          <Table.Summary.Cell key={k} index={i + 1} align="right">
            <CountLink value={totals[k]} k={k} link={null} />
          </Table.Summary.Cell>
        ))}
        <Table.Summary.Cell index={7} align="right">
          {totals.onTimePct === null ? '—' : `${totals.onTimePct.toFixed(1)}%`}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={8} align="right">
          {totals.openOrders}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={9} align="right">
          {totals.openRectifications ?? '—'}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={10} align="right">
          {totals.overdueInstructions}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={11} align="right">
          {totals.stepsThisQuarter}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={12}>{totals.lastAcceptedOn ?? '—'}</Table.Summary.Cell>
      </Table.Summary.Row>
    </Table.Summary>
  );

  const noticeControls = cityWide && (
    <Space wrap>
      <DatePicker
        picker="month"
        value={month}
        allowClear={false}
        onChange={(d) => d && setMonth(d)}
        disabledDate={(d) => d.format('YYYY-MM') > today().slice(0, 7)}
        aria-label={t('sup.board.noticeMonth')}
        inputReadOnly={phone}
        style={{ width: phone ? 112 : 132 }}
      />
      <Button
        icon={<DownloadOutlined />}
        loading={notice.isPending}
        onClick={() => notice.mutate()}
        data-testid="notice-docx"
      >
        {t('sup.board.noticeDownload')}
      </Button>
    </Space>
  );

  return (
    <Page title={t('sup.board.title')} extra={noticeControls}>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            <>
              <Segmented<'unit' | 'leader'>
                value={filter.by}
                onChange={(by) => setFilter({ ...filter, by })}
                options={[
                  { value: 'unit', label: t('sup.board.byUnit') },
                  { value: 'leader', label: t('sup.board.byLeader') },
                ]}
              />
              <Select
                allowClear
                style={{ minWidth: phone ? 160 : 260 }}
                placeholder={t('sup.board.allPlans')}
                value={filter.planId}
                options={plans.data ?? []}
                loading={plans.isLoading}
                onChange={(planId) => setFilter({ ...filter, planId })}
                aria-label={t('sup.board.plan')}
              />
              {b && (
                <Typography.Text type="secondary">
                  {t('sup.board.asOf', { date: b.asOf, quarter: b.quarter })}
                </Typography.Text>
              )}
            </>
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['sup-board'] })}
          refreshing={q.isFetching}
        />
        {q.isError && <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} />}
        {phone ? (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {q.isLoading && <Skeleton active />}
            {b?.rows.map((r) => (
              <BoardCard key={r.id} r={r} />
            ))}
            {b && b.rows.length === 0 && <Empty description={t('sup.board.empty')} />}
          </div>
        ) : (
          <Table<BoardRow>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={b?.rows}
            loading={q.isFetching}
            pagination={false}
            scroll={{ x: 1300 }}
            sticky
            summary={() => (b ? summary(b.totals) : null)}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.board.empty')} /> }}
            data-testid="board-table"
          />
        )}
      </Panel>
      {me.can.issueSupervision && <Suggestions />}
    </Page>
  );
}
