import { Card, Empty, Segmented, Skeleton, Space, Typography } from 'antd';
import { LegendComponent, MarkLineComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { type ReactNode, useMemo } from 'react';
import type { DashboardRowData, RankingData, TrendData } from '../../api/indicators-analysis.ts';
import { type ChartOption, EChart } from '../../charts/echart.tsx';
import { useT } from '../../lib/i18n.ts';
import { axisPeriod, chartNumber, figure, growth, rankPrecision } from './dashboard-format.ts';

// the wrapper registers lines, bars, grid and tooltip; these charts also need a legend and mark lines
use([LegendComponent, MarkLineComponent]);

const OWN = '#1677ff';
const PROVINCE = '#fa8c16';
const TARGET = '#52c41a';
const PEER = '#bae0ff';
const MUTED = '#8c8c8c';

/** Up to a round axis end: 4309 → 4400, 87 → 88. */
const roundUp = (v: number): number => {
  if (v <= 0) return v;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(v)) - 1);
  return Math.ceil(v / step) * step;
};

const axisFormatter = (precision: number) => (v: number) => v.toFixed(precision);

/** The ranked figure's axis: % for growth, else the indicator's unit. */
const unitOf = (row: DashboardRowData) => (row.indicator.rankField === 'growth' ? '%' : row.indicator.unit);

function ChartCard({
  title,
  extra,
  loading,
  empty,
  children,
}: {
  title: string;
  extra?: ReactNode;
  loading: boolean;
  empty: boolean;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Card size="small" title={<span data-testid="chart-title">{title}</span>} extra={extra} style={{ height: '100%' }}>
      {loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indicatorDashboard.chartEmpty')} />
      ) : (
        children
      )}
    </Card>
  );
}

/** 走势: the region's line, 全省's line and the target line over 12 or 24 months. */
export function TrendChart({
  row,
  trend,
  loading,
  regionName,
  referenceName,
  months,
  onMonths,
}: {
  row: DashboardRowData;
  trend: TrendData | undefined;
  loading: boolean;
  regionName: string;
  referenceName: string;
  months: number;
  onMonths: (m: number) => void;
}) {
  const t = useT();
  const byGrowth = row.indicator.rankField === 'growth';
  const unit = unitOf(row);
  const precision = rankPrecision(row.indicator);
  const points = trend?.points ?? [];
  const own = points.map((p) => chartNumber(byGrowth ? p.growth : p.value));
  const empty = own.every((v) => v === null);
  const option = useMemo<ChartOption>(() => {
    const ref = points.map((p) => chartNumber(byGrowth ? p.referenceGrowth : p.referenceValue));
    const target = points.map((p) => chartNumber(byGrowth ? p.targetGrowth : p.targetAmountDue));
    const series: NonNullable<ChartOption['series']> = [
      { type: 'line', name: regionName, data: own, connectNulls: true, color: OWN, symbolSize: 5 },
    ];
    if (ref.some((v) => v !== null)) {
      series.push({ type: 'line', name: referenceName, data: ref, connectNulls: true, color: PROVINCE, symbolSize: 4 });
    }
    if (target.some((v) => v !== null)) {
      series.push({
        type: 'line',
        name: t('indicatorDashboard.seriesTarget'),
        data: target,
        step: byGrowth ? 'end' : undefined,
        connectNulls: false,
        color: TARGET,
        symbol: 'none',
        lineStyle: { type: 'dashed' },
      });
    }
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}${unit}`) },
      xAxis: { type: 'category', data: points.map((p) => axisPeriod(p.period)), boundaryGap: false },
      yAxis: {
        type: 'value',
        scale: true,
        name: unit,
        axisLabel: { formatter: axisFormatter(precision) },
      },
      series,
    } as ChartOption;
  }, [points, own, byGrowth, regionName, referenceName, unit, precision, t]);
  return (
    <ChartCard
      title={t(byGrowth ? 'indicatorDashboard.trendGrowthTitle' : 'indicatorDashboard.trendValueTitle', {
        name: row.indicator.name,
      })}
      extra={
        <Segmented<number>
          size="small"
          value={months}
          onChange={onMonths}
          options={[
            { value: 12, label: t('indicatorDashboard.months', { n: 12 }) },
            { value: 24, label: t('indicatorDashboard.months', { n: 24 }) },
          ]}
        />
      }
      loading={loading}
      empty={empty}
    >
      <EChart
        option={option}
        height={280}
        ariaLabel={t('indicatorDashboard.trendAria', { name: row.indicator.name })}
      />
    </ChartCard>
  );
}

/** What a mark line of the rank chart is: a short line in its colour and style, then its name and figure. */
function MarkKey({ color, dashed, children }: { color: string; dashed: boolean; children: ReactNode }) {
  return (
    <Typography.Text type="secondary">
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 18,
          verticalAlign: 'middle',
          marginRight: 4,
          borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}`,
        }}
      />
      {children}
    </Typography.Text>
  );
}

/** 排名: every peer's figure as a bar, the region highlighted, 全省 and the peers' average as mark lines. */
export function RankChart({
  row,
  ranking,
  loading,
  regionCode,
  referenceName,
}: {
  row: DashboardRowData;
  ranking: RankingData | undefined;
  loading: boolean;
  regionCode: string;
  referenceName: string;
}) {
  const t = useT();
  const field = row.indicator.rankField;
  const unit = unitOf(row);
  const precision = rankPrecision(row.indicator);
  const ranked = useMemo(
    () => (ranking?.rows ?? []).filter((r) => r.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)),
    [ranking],
  );
  const unranked = (ranking?.rows ?? []).filter((r) => r.rank === null);
  const fmt = (v: number) => {
    const text = v.toFixed(precision);
    return field === 'growth' ? growth(text) : `${figure(text, precision)}${unit}`;
  };
  const province = chartNumber(ranking?.reference?.[field]);
  const average = chartNumber(ranking?.average);
  const option = useMemo<ChartOption>(() => {
    const marks: { xAxis: number; lineStyle: { color: string; type: 'solid' | 'dashed' } }[] = [];
    if (province !== null) marks.push({ xAxis: province, lineStyle: { color: PROVINCE, type: 'solid' } });
    if (average !== null) marks.push({ xAxis: average, lineStyle: { color: MUTED, type: 'dashed' } });
    return {
      grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}${unit}`),
      },
      xAxis: {
        type: 'value',
        scale: field === 'value',
        name: unit,
        axisLabel: { formatter: axisFormatter(precision) },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: ranked.map((r) => `${r.rank}. ${r.regionName}`),
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: row.indicator.name,
          barMaxWidth: 18,
          data: ranked.map((r) => ({
            value: chartNumber(r[field]),
            itemStyle: { color: r.regionCode === regionCode ? OWN : PEER },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p) => (field === 'growth' ? growth(String(p.value)) : figure(String(p.value), precision)),
          },
          // named in the line under the chart: labels on the lines would cover the bars' figures
          markLine: { symbol: 'none', silent: true, label: { show: false }, data: marks },
        },
      ],
    } as ChartOption;
  }, [ranked, province, average, field, regionCode, row.indicator.name, unit, precision]);
  return (
    <ChartCard
      title={t('indicatorDashboard.rankTitle', {
        name: row.indicator.name,
        group: ranking?.group?.label ?? '',
      })}
      loading={loading}
      empty={ranked.length === 0}
    >
      <EChart
        option={option}
        height={Math.max(200, ranked.length * 26 + 48)}
        ariaLabel={t('indicatorDashboard.rankAria', { name: row.indicator.name })}
      />
      <Space wrap size={[16, 0]} style={{ fontSize: 12 }}>
        {province !== null && (
          <MarkKey color={PROVINCE} dashed={false}>
            {referenceName} {fmt(province)}
          </MarkKey>
        )}
        {average !== null && (
          <MarkKey color={MUTED} dashed>
            {t('indicatorDashboard.average')} {fmt(average)}
          </MarkKey>
        )}
      </Space>
      {unranked.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('indicatorDashboard.unranked', { names: unranked.map((r) => r.regionName).join('、') })}
        </Typography.Text>
      )}
    </ChartCard>
  );
}

/** Whether the pacing chart has something to show: an amount indicator with an amount target. */
export const hasPacing = (row: DashboardRowData): boolean =>
  row.indicator.kind === 'amount' && row.target?.amount != null;

/** 序时进度: the cumulative amount of each month of the year against the amount due by the target's schedule. */
export function PacingChart({
  row,
  trend,
  loading,
  period,
}: {
  row: DashboardRowData;
  trend: TrendData | undefined;
  loading: boolean;
  period: string;
}) {
  const t = useT();
  const year = period.slice(0, 4);
  const { unit, precision } = row.indicator;
  const points = useMemo(
    () => (trend?.points ?? []).filter((p) => p.period.startsWith(`${year}-`) && p.period <= period),
    [trend, year, period],
  );
  const option = useMemo<ChartOption>(() => {
    const annual = chartNumber(row.target?.amount);
    return {
      grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (v === null || v === undefined ? '—' : `${figure(String(v), precision)}${unit}`),
      },
      xAxis: { type: 'category', data: points.map((p) => `${Number(p.period.slice(5))}月`) },
      yAxis: { type: 'value', name: unit, max: annual === null ? undefined : (v) => roundUp(Math.max(v.max, annual)) },
      series: [
        {
          type: 'bar',
          name: t('indicatorDashboard.seriesCumulative'),
          data: points.map((p) => chartNumber(p.value)),
          color: OWN,
          barMaxWidth: 24,
          markLine:
            annual === null
              ? undefined
              : {
                  symbol: 'none',
                  label: { formatter: t('indicatorDashboard.annualTarget'), position: 'insideEndTop' },
                  lineStyle: { color: TARGET, type: 'solid' },
                  data: [{ yAxis: annual }],
                },
        },
        {
          type: 'line',
          name: t('indicatorDashboard.seriesDue'),
          data: points.map((p) => chartNumber(p.targetAmountDue)),
          color: PROVINCE,
          lineStyle: { type: 'dashed' },
          symbolSize: 5,
        },
      ],
    } as ChartOption;
  }, [points, row.target?.amount, unit, precision, t]);
  const pace = row.pace;
  return (
    <ChartCard
      title={t('indicatorDashboard.pacingTitle', { name: row.indicator.name, year })}
      loading={loading}
      empty={points.every((p) => p.value === null)}
    >
      <EChart
        option={option}
        height={260}
        ariaLabel={t('indicatorDashboard.pacingAria', { name: row.indicator.name })}
      />
      {pace && (
        <Typography.Paragraph style={{ marginBottom: 0, fontSize: 13 }}>
          {t('indicatorDashboard.paceText', {
            done: row.completion ?? '—',
            schedule: row.timeProgress ?? '—',
            remaining: figure(pace.remaining, precision),
            unit,
            months: pace.monthsLeft,
            needed: figure(pace.neededPerMonth, precision),
            trailing: figure(pace.trailingAverage, precision),
          })}{' '}
          {pace.onTrack === false && <Typography.Text strong>{t('indicatorDashboard.paceBehind')}</Typography.Text>}
          {pace.onTrack === true && <Typography.Text strong>{t('indicatorDashboard.paceOnTrack')}</Typography.Text>}
        </Typography.Paragraph>
      )}
    </ChartCard>
  );
}
