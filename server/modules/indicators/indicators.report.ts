import { businessDate } from '../../../domain/common/business-date.ts';
import type { Dashboard, DashboardRow, ScorecardResponse } from '../../../domain/indicators/contracts.ts';
import { fixed, formatFixed } from '../../../domain/indicators/decimal.ts';
import { parsePeriod } from '../../../domain/indicators/indicator.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { type RenderedChart, renderChartPng } from '../../platform/documents/chart-render.ts';
import { type DocBlock, officialDocx } from '../../platform/documents/docx-official.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import * as analysis from './analysis.service.ts';
import { readAnalysisSettings } from './analysis-settings.service.ts';

/**
 * 月度经济运行分析: the monthly analysis report as an official document (.docx). Every number comes from the
 * analysis read models the dashboard and the scorecard serve (nothing is recomputed here), so the report says
 * what the pages say.
 */

/** The indicators charted in the report, in this order, where the region has a figure for them. */
export const KEY_INDICATORS = ['gdp', 'industrial_value_added', 'fixed_asset_investment'] as const;
const MAX_CHARTED = 3;
const TREND_MONTHS = 24;

const LIGHT_TEXT = { green: '达序时', yellow: '略滞后', red: '滞后' } as const;

/** A figure as printed: the indicator's precision for values, one decimal for growth rates. */
export const printValue = (row: DashboardRow): string | null =>
  row.value === null ? null : formatFixed(fixed(row.value), row.indicator.precision);
export const printGrowth = (row: DashboardRow): string | null =>
  row.growth === null ? null : formatFixed(fixed(row.growth), 1);

const inPoints = (row: DashboardRow) => row.indicator.rankField === 'growth' || row.indicator.unit === '%';

/** The growth target where there is one (what the table's 增速 is read against), else the amount target. */
function printTarget(row: DashboardRow): string | null {
  if (row.target?.growth != null) return `${formatFixed(fixed(row.target.growth), 1)}%`;
  if (row.target?.amount != null) {
    return `${formatFixed(fixed(row.target.amount), row.indicator.precision)}${row.indicator.unit}`;
  }
  return null;
}

function printRank(row: DashboardRow): string | null {
  if (row.rank === null) return null;
  return `${row.tied ? '并列' : ''}第${row.rank}位`;
}

function printGap(row: DashboardRow): string | null {
  const gap = row.gaps.toProvince;
  if (gap === null) return null;
  const v = fixed(gap);
  const n = formatFixed(v, inPoints(row) ? 1 : row.indicator.precision);
  return v > 0n ? `+${n}` : n;
}

const nameWithUnit = (row: DashboardRow) =>
  row.indicator.unit === '%' ? row.indicator.name : `${row.indicator.name}(${row.indicator.unit})`;

/** "全省" or "全市" from the group's label (全省11个市(区)), for the table's rank header. */
const scopeWord = (d: Dashboard) => (d.group?.label.startsWith('全') ? d.group.label.slice(0, 2) : '对标组');

function indicatorTable(d: Dashboard): DocBlock {
  const scope = scopeWord(d);
  return {
    kind: 'table',
    caption: `表1 ${d.regionName}${d.periodLabel}主要经济指标`,
    compact: true,
    // widths in 五号 characters: the longest names wrap, figures and ranks never do
    columns: [
      { header: '指标', weight: 10.5, align: 'left' },
      { header: '累计值', weight: 5.5 },
      { header: '增速(%)', weight: 3.6 },
      { header: '目标', weight: 4.4 },
      { header: `${scope}排名`, weight: 5.4, align: 'center' },
      { header: `与${scope}差距`, weight: 3.6 },
      { header: '状态', weight: 3.6, align: 'center' },
    ],
    rows: d.rows.map((r) => [
      nameWithUnit(r),
      printValue(r),
      printGrowth(r),
      printTarget(r),
      printRank(r),
      printGap(r),
      r.light ? LIGHT_TEXT[r.light] : null,
    ]),
  };
}

// ── charts ────────────────────────────────────────────────────────────────────────────────────────────────
type TrendData = Awaited<ReturnType<typeof analysis.trend>>;
type RankingData = Awaited<ReturnType<typeof analysis.ranking>>;

const num = (v: string | null) => (v === null ? null : Number(v));
const monthLabel = (p: string) => {
  const { year, month } = parsePeriod(p)!;
  return month === 1 ? `${year}年1月` : `${month}月`;
};

function trendChart(row: DashboardRow, t: TrendData, regionName: string, scope: string) {
  const byGrowth = row.indicator.rankField === 'growth';
  const own = t.points.map((p) => num(byGrowth ? p.growth : p.value));
  const reference = t.points.map((p) => num(byGrowth ? p.referenceGrowth : p.referenceValue));
  const target = t.points.map((p) => num(byGrowth ? p.targetGrowth : p.targetAmountDue));
  const series = [
    { name: regionName, type: 'line', data: own, connectNulls: true, symbolSize: 5, lineStyle: { width: 2.5 } },
    ...(t.referenceRegionCode
      ? [{ name: scope, type: 'line', data: reference, connectNulls: true, symbolSize: 4 }]
      : []),
    ...(target.some((v) => v !== null)
      ? [
          {
            name: '目标',
            type: 'line',
            step: 'end',
            data: target,
            symbol: 'none',
            lineStyle: { type: 'dashed', width: 2, color: '#d62728' },
            itemStyle: { color: '#d62728' },
          },
        ]
      : []),
  ];
  return renderChartPng(
    {
      color: ['#1f5fbf', '#7f8c8d', '#d62728'],
      legend: { top: 8, textStyle: { fontSize: 13 } },
      grid: { left: 56, right: 24, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: t.points.map((p) => monthLabel(p.period)), axisLabel: { fontSize: 11 } },
      yAxis: {
        type: 'value',
        name: byGrowth ? '累计增速(%)' : `累计值(${row.indicator.unit})`,
        scale: true,
        nameTextStyle: { fontSize: 12 },
      },
      series,
    },
    { width: 640, height: 320 },
  );
}

function rankChart(row: DashboardRow, r: RankingData, regionCode: string, scope: string) {
  const byGrowth = r.field === 'growth';
  const ranked = r.rows
    .filter((x) => x.rank !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .map((x) => ({ name: x.regionName, code: x.regionCode, v: num(byGrowth ? x.growth : x.value) }));
  const reference = r.reference ? num(byGrowth ? r.reference.growth : r.reference.value) : null;
  const digits = byGrowth ? 1 : row.indicator.precision;
  return renderChartPng(
    {
      grid: { left: 96, right: 56, top: 32, bottom: 32 },
      xAxis: { type: 'value', name: byGrowth ? '增速(%)' : row.indicator.unit, scale: !byGrowth },
      yAxis: { type: 'category', inverse: true, data: ranked.map((x) => x.name), axisLabel: { fontSize: 13 } },
      series: [
        {
          type: 'bar',
          barWidth: '60%',
          data: ranked.map((x) => ({
            value: x.v,
            itemStyle: { color: x.code === regionCode ? '#d62728' : '#5b8bd0' },
          })),
          label: {
            show: true,
            position: 'right',
            fontSize: 12,
            formatter: (p: { value: number }) => p.value.toFixed(digits),
          },
          ...(reference !== null
            ? {
                markLine: {
                  symbol: 'none',
                  data: [{ xAxis: reference }],
                  lineStyle: { type: 'dashed', color: '#333' },
                  label: { formatter: `${scope} ${reference.toFixed(digits)}`, position: 'start' },
                },
              }
            : {}),
        },
      ],
    },
    { width: 640, height: Math.max(240, 60 + ranked.length * 28) },
  );
}

// ── the report ────────────────────────────────────────────────────────────────────────────────────────────
export type MonthlyReport = { filename: string; fallback: string; docx: Buffer };

export async function monthlyReport(
  ctx: Ctx,
  actor: Actor,
  q: { regionCode: string; period: string; peerGroupId?: string },
): Promise<MonthlyReport> {
  const d = await analysis.dashboard(ctx, actor, q); // checks indicator.read and the region
  const { year, month } = parsePeriod(q.period)!;
  let card: ScorecardResponse | null = null;
  try {
    card = await analysis.scorecard(ctx, actor, q);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e; // the region is in no peer group
  }

  const scope = scopeWord(d);
  const charted = KEY_INDICATORS.map((code) => d.rows.find((r) => r.indicator.code === code))
    .filter((r): r is DashboardRow => r !== undefined && r[r.indicator.rankField] !== null)
    .slice(0, MAX_CHARTED);
  const series = await Promise.all(
    charted.map(async (row) => ({
      row,
      trend: await analysis.trend(ctx, actor, row.indicator.code, {
        regionCode: q.regionCode,
        months: TREND_MONTHS,
        period: q.period,
      }),
      ranking: d.group
        ? await analysis.ranking(ctx, actor, row.indicator.code, { period: q.period, groupId: d.group.id })
        : null,
    })),
  );

  const blocks: DocBlock[] = [{ kind: 'heading1', text: '总体情况' }];
  if (card?.text) blocks.push({ kind: 'paragraph', text: card.text });
  else blocks.push({ kind: 'paragraph', text: `${d.periodLabel}，${d.regionName}暂无可对标的指标数据。` });
  if (card?.missing.length) {
    const names = card.missing.map((code) => d.rows.find((r) => r.indicator.code === code)?.indicator.name ?? code);
    blocks.push({ kind: 'note', text: `注：${names.join('、')}本期暂无数据。` });
  }

  // the same thresholds the dashboard's lights were judged by (月分析设置)
  const { lights } = (await readAnalysisSettings(ctx)).value;
  blocks.push({ kind: 'heading1', text: '主要指标完成情况' }, indicatorTable(d));
  blocks.push({
    kind: 'note',
    text: `注：增速为累计同比增速；排名为在${d.group?.label ?? '对标组'}中的位次；与${scope}差距按增速计为百分点，按数值计为指标单位；状态按目标序时进度判断，增速落后目标不超过${lights.growthPoints}个百分点、完成进度落后序时进度不超过${lights.progressPoints}个百分点为略滞后，超过为滞后。`,
  });

  // one chart after another: each yields the event loop first, so other requests run between them
  const charts: [RenderedChart, RenderedChart | null][] = [];
  for (const { row, trend, ranking } of series) {
    const t = await trendChart(row, trend, d.regionName, scope);
    const r = ranking?.rows.some((x) => x.rank !== null) ? await rankChart(row, ranking, q.regionCode, scope) : null;
    charts.push([t, r]);
  }
  if (series.length) blocks.push({ kind: 'heading1', text: '重点指标走势与位次' });
  let figure = 0;
  series.forEach(({ row, ranking }, i) => {
    const [t, r] = charts[i]!;
    blocks.push({ kind: 'heading2', text: row.indicator.name });
    blocks.push({
      kind: 'image',
      png: t.png,
      width: t.width,
      height: t.height,
      caption: `图${++figure} ${row.indicator.name}${row.indicator.rankField === 'growth' ? '累计增速' : ''}走势(近${TREND_MONTHS}个月)`,
    });
    if (r && ranking) {
      blocks.push({
        kind: 'image',
        png: r.png,
        width: r.width,
        height: r.height,
        caption: `图${++figure} ${d.periodLabel}${ranking.group?.label ?? ''}${row.indicator.name}${ranking.field === 'growth' ? '增速' : ''}排名`,
      });
    }
  });

  const title = `${d.regionName}${year}年${month === 1 ? '1' : `1-${month}`}月经济运行分析`;
  const docx = await officialDocx({ title, date: businessDate(ctx.now()), blocks });
  return { filename: `${title}.docx`, fallback: `economic-analysis-${q.regionCode}-${q.period}.docx`, docx };
}
