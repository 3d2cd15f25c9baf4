import { Badge, Card, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import { STAGE_LABELS } from '../../../../domain/projects/project.ts';
import type { MeetingData, MeetingLists } from '../../api/dispatch-meeting.ts';
import { formatAmount } from '../../lib/format.ts';
import { type MessageKey, type T, useLabel, useT } from '../../lib/i18n.ts';
import { LIGHT_COLORS, pctText, ReportStatusTag } from './dispatch-labels.tsx';

const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

type ListKey = keyof MeetingLists;
type Line<K extends ListKey> = MeetingLists[K][number];

/** The project's name linking to its page, with where it is and who answers for it under it. */
function ProjectCell({ id, name, sub }: { id: string; name: string; sub: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Link to={`/projects/${id}`} data-testid="meeting-project-link">
        {name}
      </Link>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', lineHeight: 1.4 }}>{sub}</div>
    </div>
  );
}

const weekShort = (t: T, week: string | null) =>
  week ? t('meeting.weekShort', { year: Number(week.slice(0, 4)), week: Number(week.slice(6)) }) : t('meeting.never');

const num = (v: ReactNode) => <span style={{ whiteSpace: 'nowrap', ...tabular }}>{v}</span>;

function projectColumn<R extends { projectId: string; projectName: string; regionName: string }>(
  t: T,
  sub: (r: R) => string,
): TableColumnsType<R>[number] {
  return {
    title: t('meeting.col.project'),
    key: 'project',
    // the name takes what the figures leave
    render: (_v, r) => <ProjectCell id={r.projectId} name={r.projectName} sub={sub(r)} />,
  };
}

const where = (r: { regionName: string; responsibleUnitName: string }) => `${r.regionName} · ${r.responsibleUnitName}`;

function laggingColumns(t: T, phone: boolean): TableColumnsType<Line<'red'>> {
  return [
    projectColumn<Line<'red'>>(t, where),
    {
      title: t('meeting.col.ytd'),
      dataIndex: 'investedYtd',
      width: 120,
      align: 'right',
      responsive: ['md'],
      render: (v: string) => num(formatAmount(v)),
    },
    {
      title: t('meeting.col.plan'),
      dataIndex: 'annualPlan',
      width: 120,
      align: 'right',
      responsive: ['lg'],
      render: (v: string | null) => num(formatAmount(v)),
    },
    {
      title: t('meeting.col.pace'),
      key: 'pace',
      width: 130,
      align: 'right',
      responsive: ['sm'],
      render: (_v, r) =>
        num(
          <>
            {pctText(r.completionPct)}
            <Typography.Text type="secondary"> / {pctText(r.schedulePct)}</Typography.Text>
          </>,
        ),
    },
    {
      title: t('meeting.col.gap'),
      dataIndex: 'gapPoints',
      width: 96,
      align: 'right',
      render: (v: string | null, r) => (
        <>
          <span style={{ color: LIGHT_COLORS[r.light], ...tabular }}>{v ?? '—'}</span>
          {phone && (
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', whiteSpace: 'nowrap', ...tabular }}>
              {pctText(r.completionPct)} / {pctText(r.schedulePct)}
            </div>
          )}
        </>
      ),
    },
  ];
}

type Spec = {
  key: ListKey;
  label: MessageKey;
  help: (t: T, d: MeetingData) => string;
  columns: (t: T, label: ReturnType<typeof useLabel>, phone: boolean) => TableColumnsType<never>;
  rowKey: string;
};

const SPECS: Spec[] = [
  {
    key: 'red',
    label: 'meeting.list.red',
    help: (t, d) => t('meeting.list.redHelp', { points: d.thresholds.redBelowPoints }),
    columns: (t, _label, phone) => laggingColumns(t, phone) as TableColumnsType<never>,
    rowKey: 'projectId',
  },
  {
    key: 'yellow',
    label: 'meeting.list.yellow',
    help: (t, d) =>
      t('meeting.list.yellowHelp', { yellow: d.thresholds.yellowBelowPoints, red: d.thresholds.redBelowPoints }),
    columns: (t, _label, phone) => laggingColumns(t, phone) as TableColumnsType<never>,
    rowKey: 'projectId',
  },
  {
    key: 'overdueStart',
    label: 'meeting.list.overdueStart',
    help: (t) => t('meeting.list.overdueStartHelp'),
    columns: (t, label) =>
      [
        projectColumn<Line<'overdueStart'>>(t, where),
        {
          title: t('meeting.col.stage'),
          dataIndex: 'stage',
          width: 80,
          responsive: ['sm'],
          render: (s: Line<'overdueStart'>['stage']) => label(STAGE_LABELS[s], s),
        },
        {
          title: t('meeting.col.plannedStart'),
          dataIndex: 'plannedStartDate',
          width: 110,
          responsive: ['md'],
          render: num,
        },
        {
          title: t('meeting.col.daysLate'),
          dataIndex: 'daysOverdue',
          width: 80,
          align: 'right',
          render: (n: number) => num(t('meeting.days', { n })),
        },
      ] as TableColumnsType<never>,
    rowKey: 'projectId',
  },
  {
    key: 'idle',
    label: 'meeting.list.idle',
    help: (t, d) => t('meeting.list.idleHelp', { weeks: d.thresholds.idleWeeks }),
    columns: (t) =>
      [
        projectColumn<Line<'idle'>>(t, where),
        {
          title: t('meeting.col.zeroWeeks'),
          dataIndex: 'zeroWeeks',
          width: 96,
          align: 'right',
          render: (n: number) => num(t('meeting.weeks', { n })),
        },
        {
          title: t('meeting.col.lastInvested'),
          dataIndex: 'lastInvestedWeek',
          width: 120,
          responsive: ['sm'],
          render: (w: string | null) => num(weekShort(t, w)),
        },
        {
          title: t('meeting.col.ytd'),
          dataIndex: 'investedYtd',
          width: 120,
          align: 'right',
          responsive: ['md'],
          render: (v: string) => num(formatAmount(v)),
        },
      ] as TableColumnsType<never>,
    rowKey: 'projectId',
  },
  {
    key: 'missing',
    label: 'meeting.list.missing',
    help: (t) => t('meeting.list.missingHelp'),
    columns: (t) =>
      [
        projectColumn<Line<'missing'>>(t, where),
        {
          title: t('meeting.col.status'),
          dataIndex: 'status',
          width: 90,
          responsive: ['sm'],
          render: (s: Line<'missing'>['status']) => <ReportStatusTag status={s} />,
        },
        {
          title: t('meeting.col.streak'),
          dataIndex: 'streak',
          width: 90,
          align: 'right',
          render: (n: number) => num(t('meeting.weeks', { n })),
        },
      ] as TableColumnsType<never>,
    rowKey: 'projectId',
  },
  {
    key: 'missingStreak',
    label: 'meeting.list.missingStreak',
    help: (t, d) => t('meeting.list.missingStreakHelp', { weeks: d.thresholds.missingStreak }),
    columns: (t) =>
      [
        projectColumn<Line<'missingStreak'>>(t, where),
        {
          title: t('meeting.col.streak'),
          dataIndex: 'weeks',
          width: 90,
          align: 'right',
          render: (n: number) => num(t('meeting.weeks', { n })),
        },
        {
          title: t('meeting.col.lastReported'),
          dataIndex: 'lastReportedWeek',
          width: 120,
          responsive: ['sm'],
          render: (w: string | null) => num(weekShort(t, w)),
        },
      ] as TableColumnsType<never>,
    rowKey: 'projectId',
  },
  {
    key: 'overdueItems',
    label: 'meeting.list.overdueItems',
    help: (t) => t('meeting.list.overdueItemsHelp'),
    columns: (t) =>
      [
        projectColumn<Line<'overdueItems'>>(t, (r) => `${r.regionName} · ${r.categoryLabel}`),
        {
          title: t('meeting.col.item'),
          dataIndex: 'description',
          width: 220,
          responsive: ['md'],
          ellipsis: true,
        },
        {
          title: t('meeting.col.assignedUnit'),
          dataIndex: 'assignedUnitName',
          width: 150,
          responsive: ['lg'],
          ellipsis: true,
        },
        { title: t('meeting.col.due'), dataIndex: 'dueDate', width: 104, responsive: ['xl'], render: num },
        {
          title: t('meeting.col.overdue'),
          dataIndex: 'daysOverdue',
          width: 100,
          align: 'right',
          render: (n: number) => num(t('meeting.workdays', { n })),
        },
        {
          title: t('meeting.col.escalation'),
          dataIndex: 'escalationLabel',
          width: 110,
          responsive: ['sm'],
          render: (v: string, r: Line<'overdueItems'>) => (
            <span
              style={{ color: r.escalationLevel >= 2 ? '#cf1322' : r.escalationLevel === 1 ? '#d46b08' : undefined }}
            >
              {v}
            </span>
          ),
        },
      ] as TableColumnsType<never>,
    rowKey: 'itemId',
  },
];

/** The lists a meeting acts on, one tab each with its count; every line links to its project. */
export function MeetingListsCard({ data, phone }: { data: MeetingData; phone: boolean }) {
  const t = useT();
  const label = useLabel();
  const first = SPECS.find((s) => data.lists[s.key].length > 0)?.key ?? 'red';
  const [tab, setTab] = useState<ListKey | null>(null);
  const active = tab ?? first;
  return (
    <Card
      variant="borderless"
      size="small"
      title={t('meeting.lists.title')}
      styles={{ body: { paddingTop: 0 } }}
      data-testid="meeting-lists"
    >
      <Tabs
        activeKey={active}
        onChange={(k) => setTab(k as ListKey)}
        items={SPECS.map((s) => {
          const rows = data.lists[s.key] as never[];
          return {
            key: s.key,
            label: (
              <span data-list={s.key}>
                {t(s.label)}
                <Badge
                  count={rows.length}
                  showZero
                  overflowCount={999}
                  color={rows.length ? (s.key === 'yellow' ? LIGHT_COLORS.yellow : '#cf1322') : '#d9d9d9'}
                  style={{ marginInlineStart: 6, boxShadow: 'none' }}
                />
              </span>
            ),
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                  {s.help(t, data)}
                </Typography.Paragraph>
                <Table
                  rowKey={s.rowKey}
                  size="small"
                  columns={s.columns(t, label, phone)}
                  dataSource={rows}
                  tableLayout="fixed"
                  locale={{ emptyText: t('meeting.list.empty') }}
                  pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
                />
              </>
            ),
          };
        })}
      />
    </Card>
  );
}
