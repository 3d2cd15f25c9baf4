import { Card, Empty, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { MeetingData, MeetingGroup } from '../../api/dispatch-meeting.ts';
import { type ChartOption, EChart } from '../../charts/echart.tsx';
import { formatAmount } from '../../lib/format.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { LIGHT_COLORS, pctText } from './dispatch-labels.tsx';

const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * Completion against the schedule as one bar: the fill is the completion (in the group's light colour, capped at
 * the track's end), the dark tick is where the schedule stands; the figures beside it.
 */
export function PaceBar({ row }: { row: Pick<MeetingGroup, 'completionPct' | 'schedulePct' | 'light'> }) {
  const t = useT();
  if (row.completionPct === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const pos = (pct: string | null) => Math.max(0, Math.min(100, Number(pct ?? 0)));
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
      <div
        role="img"
        aria-label={`${t('meeting.chart.completion')} ${pctText(row.completionPct)}, ${t('meeting.chart.schedule')} ${pctText(row.schedulePct)}`}
        style={{ position: 'relative', flex: 1, minWidth: 36, height: 10, background: '#f0f0f0', borderRadius: 5 }}
      >
        <div
          style={{
            position: 'absolute',
            insetBlock: 0,
            insetInlineStart: 0,
            width: `${pos(row.completionPct)}%`,
            background: LIGHT_COLORS[row.light],
            borderRadius: 5,
          }}
        />
        {row.schedulePct !== null && (
          <div
            style={{
              position: 'absolute',
              top: -3,
              bottom: -3,
              insetInlineStart: `calc(${pos(row.schedulePct)}% - 1px)`,
              width: 2,
              background: 'rgba(0,0,0,0.75)',
            }}
          />
        )}
      </div>
      <span style={{ whiteSpace: 'nowrap', fontSize: 13, ...tabular }}>
        {pctText(row.completionPct)}
        <Typography.Text type="secondary"> / {pctText(row.schedulePct)}</Typography.Text>
      </span>
    </div>
  );
}

function Rank({ row }: { row: MeetingGroup }) {
  const t = useT();
  if (row.rank === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const medal = row.rank <= 3 ? ['#cf1322', '#d46b08', '#d4b106'][row.rank - 1] : undefined;
  return (
    <span style={{ whiteSpace: 'nowrap', ...tabular }}>
      <span style={{ fontWeight: 600, color: medal }}>{row.rank}</span>
      {row.tied && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
          {t('meeting.tied')}
        </Typography.Text>
      )}
    </span>
  );
}

const DIMENSIONS = [
  { key: 'byRegion', tab: 'meeting.ranking.byRegion', col: 'meeting.col.region' },
  { key: 'byUnit', tab: 'meeting.ranking.byUnit', col: 'meeting.col.unit' },
  { key: 'byCategory', tab: 'meeting.ranking.byCategory', col: 'meeting.col.category' },
] as const satisfies readonly { key: keyof MeetingData; tab: MessageKey; col: MessageKey }[];

function GroupTable({ rows, nameTitle, phone }: { rows: MeetingGroup[]; nameTitle: string; phone: boolean }) {
  const t = useT();
  const columns: TableColumnsType<MeetingGroup> = [
    { title: t('meeting.col.rank'), key: 'rank', width: phone ? 52 : 64, render: (_v, r) => <Rank row={r} /> },
    // the name takes what the others leave
    { title: nameTitle, dataIndex: 'name', ellipsis: true },
    {
      title: t('meeting.col.projects'),
      dataIndex: 'projects',
      width: 68,
      align: 'right',
      responsive: ['md'],
    },
    {
      title: t('meeting.col.thisWeek'),
      dataIndex: 'investedThisWeek',
      width: 110,
      align: 'right',
      responsive: ['xxl'],
      render: (v: string) => <span style={tabular}>{formatAmount(v)}</span>,
    },
    {
      title: t('meeting.col.ytd'),
      dataIndex: 'investedYtd',
      width: 120,
      align: 'right',
      responsive: ['md'],
      render: (v: string) => <span style={tabular}>{formatAmount(v)}</span>,
    },
    { title: t('meeting.col.pace'), key: 'pace', width: phone ? 176 : 220, render: (_v, r) => <PaceBar row={r} /> },
    {
      title: t('meeting.col.lights'),
      key: 'lights',
      width: 76,
      align: 'center',
      responsive: ['sm'],
      render: (_v, r) => (
        <span style={{ whiteSpace: 'nowrap', ...tabular }}>
          <span style={{ color: r.lights.red ? LIGHT_COLORS.red : undefined }}>{r.lights.red}</span>
          <Typography.Text type="secondary"> / </Typography.Text>
          <span style={{ color: r.lights.yellow ? LIGHT_COLORS.yellow : undefined }}>{r.lights.yellow}</span>
        </span>
      ),
    },
  ];
  return (
    <Table
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
      tableLayout="fixed"
    />
  );
}

/** The ranking by district, responsible unit or category, each line with its completion bar. */
export function MeetingRanking({ data, phone }: { data: MeetingData; phone: boolean }) {
  const t = useT();
  const [tab, setTab] = useState<(typeof DIMENSIONS)[number]['key']>('byRegion');
  return (
    <Card
      variant="borderless"
      size="small"
      title={t('meeting.ranking.title')}
      styles={{ body: { paddingTop: 0 } }}
      data-testid="meeting-ranking"
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as typeof tab)}
        items={DIMENSIONS.map((d) => ({
          key: d.key,
          label: t(d.tab),
          children: <GroupTable rows={data[d.key]} nameTitle={t(d.col)} phone={phone} />,
        }))}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('meeting.ranking.note')}
      </Typography.Text>
    </Card>
  );
}

/** Districts' completion against their schedule, in rank order (the bulletin's 图1, drawn in the browser). */
export function DistrictChart({ rows, phone }: { rows: MeetingGroup[]; phone: boolean }) {
  const t = useT();
  const ranked = useMemo(() => rows.filter((r) => r.completionPct !== null), [rows]);
  const option = useMemo<ChartOption>(() => {
    const names = ranked.map((r) => r.name);
    // horizontal bars: long district names stay readable at any width
    return {
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v}%` },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisLabel: { width: phone ? 84 : 140, overflow: 'truncate' },
      },
      series: [
        {
          name: t('meeting.chart.completion'),
          type: 'bar',
          barGap: '10%',
          barMaxWidth: 16,
          data: ranked.map((r) => ({ value: Number(r.completionPct), itemStyle: { color: LIGHT_COLORS[r.light] } })),
          label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
        },
        {
          name: t('meeting.chart.schedule'),
          type: 'bar',
          data: ranked.map((r) => Number(r.schedulePct)),
          itemStyle: { color: '#d9d9d9' },
          barMaxWidth: 16,
        },
      ],
    };
  }, [ranked, t, phone]);
  return (
    <Card variant="borderless" size="small" title={t('meeting.chart.title')} style={{ height: '100%' }}>
      {ranked.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meeting.chart.empty')} />
      ) : (
        <>
          <div style={{ display: 'flex', gap: 16, fontSize: 12, color: 'rgba(0,0,0,0.6)', marginBottom: 4 }}>
            <span>
              <span
                style={{
                  display: 'inline-block',
                  width: 10,
                  height: 10,
                  background: LIGHT_COLORS.green,
                  marginInlineEnd: 4,
                }}
              />
              {t('meeting.chart.completion')}
            </span>
            <span>
              <span
                style={{ display: 'inline-block', width: 10, height: 10, background: '#d9d9d9', marginInlineEnd: 4 }}
              />
              {t('meeting.chart.schedule')}
            </span>
          </div>
          <EChart
            option={option}
            height={Math.max(180, 40 + ranked.length * 44)}
            ariaLabel={t('meeting.chart.title')}
          />
        </>
      )}
    </Card>
  );
}
