/**
 * 指标 — the catalog vocabulary of monthly analysis: what an indicator is, how it is published and which way is
 * better, and the periods figures are published for ("2026-09" = 1-9月, cumulative from January).
 */
import { z } from 'zod';
import { text } from '../common/contracts.ts';

/**
 * `amount`: a cumulative total published with its year-on-year growth (生产总值, 固定资产投资); ranked by growth.
 * `rate`: a level that is not summed over months (PM2.5 浓度, 失业率); ranked by its value.
 * `share`: a part of a whole in % (税收收入占比); ranked by its value.
 */
export const INDICATOR_KINDS = ['amount', 'rate', 'share'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, { zh: string; en: string }> = {
  amount: { zh: '总量', en: 'Amount' },
  rate: { zh: '比率', en: 'Rate' },
  share: { zh: '占比', en: 'Share' },
};

export const DIRECTIONS = ['higher_better', 'lower_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, { zh: string; en: string }> = {
  higher_better: { zh: '越高越好', en: 'Higher is better' },
  lower_better: { zh: '越低越好', en: 'Lower is better' },
};

export const FREQUENCIES = ['monthly', 'quarterly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, { zh: string; en: string }> = {
  monthly: { zh: '月度', en: 'Monthly' },
  quarterly: { zh: '季度', en: 'Quarterly' },
};

/** Which published figure ranks, gaps and counts compare: the growth rate or the value itself. */
export const RANK_FIELDS = ['growth', 'value'] as const;
export type RankField = (typeof RANK_FIELDS)[number];

/** Units the catalog offers first; the catalog may name others (万吨, 万人次). */
export const COMMON_UNITS = [
  '亿元',
  '万元',
  '元',
  '%',
  '万千瓦时',
  '亿千瓦时',
  '亿美元',
  '万美元',
  '天',
  '微克/立方米',
] as const;

export const INDICATOR_CODE_RE = /^[a-z][a-z0-9_]{1,39}$/;

export const IndicatorDefinition = z
  .object({
    code: z
      .string({ error: '请填写指标代码' })
      .regex(INDICATOR_CODE_RE, { error: '指标代码应为小写字母开头的字母、数字或下划线(2-40位)' }),
    name: text('指标名称', 50),
    /** The name a speech uses ("生产总值" for 地区生产总值); the name when absent. */
    shortName: text('指标简称', 30).optional(),
    unit: text('计量单位', 20),
    kind: z.enum(INDICATOR_KINDS, { error: '指标类型应为总量、比率或占比' }),
    direction: z.enum(DIRECTIONS, { error: '请选择指标方向(越高越好或越低越好)' }),
    frequency: z.enum(FREQUENCIES, { error: '发布频率应为月度或季度' }),
    precision: z
      .number({ error: '请填写显示小数位数' })
      .int({ error: '显示小数位数应为整数' })
      .min(0, { error: '显示小数位数不能小于0' })
      .max(4, { error: '显示小数位数不能超过4' }),
    /** Overrides the kind's default ranked field (优良天数 is a cumulative amount ranked by its value). */
    rankBy: z.enum(RANK_FIELDS, { error: '排名依据应为增速或数值' }).optional(),
  })
  .refine((d) => d.kind !== 'share' || d.unit === '%', { error: '占比类指标的单位应为%', path: ['unit'] });
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export const rankFieldOf = (d: Pick<IndicatorDefinition, 'kind' | 'rankBy'>): RankField =>
  d.rankBy ?? (d.kind === 'amount' ? 'growth' : 'value');

export const speechName = (d: Pick<IndicatorDefinition, 'name' | 'shortName'>): string => d.shortName ?? d.name;

/** The usual indicators of a city's monthly analysis (issue #5), seeded into a new catalog. */
export const SEED_INDICATORS: readonly IndicatorDefinition[] = [
  ind('gdp', '地区生产总值', '亿元', 'quarterly', 2, { shortName: '生产总值' }),
  ind('industrial_value_added', '规上工业增加值', '亿元', 'monthly', 2),
  ind('fixed_asset_investment', '固定资产投资', '亿元', 'monthly', 2),
  ind('industrial_investment', '工业投资', '亿元', 'monthly', 2),
  ind('retail_sales', '社会消费品零售总额', '亿元', 'monthly', 2, { shortName: '社会消费品零售额' }),
  ind('general_budget_revenue', '一般公共预算收入', '亿元', 'monthly', 2),
  ind('tax_revenue_share', '税收收入占比', '%', 'monthly', 1, { kind: 'share', shortName: '税收占比' }),
  ind('electricity_consumption', '全社会用电量', '万千瓦时', 'monthly', 0),
  ind('industrial_electricity', '工业用电量', '万千瓦时', 'monthly', 0),
  ind('foreign_investment_utilized', '实际利用外资', '亿美元', 'monthly', 2),
  ind('urban_disposable_income', '城镇居民人均可支配收入', '元', 'quarterly', 0),
  ind('rural_disposable_income', '农村居民人均可支配收入', '元', 'quarterly', 0),
  ind('good_air_days', '空气质量优良天数', '天', 'monthly', 0, { rankBy: 'value' }),
  // Not in the list: the catalog's lower-is-better example, tracked with the air-quality targets.
  ind('pm25_concentration', '细颗粒物(PM2.5)平均浓度', '微克/立方米', 'monthly', 0, {
    kind: 'rate',
    direction: 'lower_better',
    shortName: 'PM2.5平均浓度',
  }),
];

function ind(
  code: string,
  name: string,
  unit: string,
  frequency: Frequency,
  precision: number,
  extra: Partial<IndicatorDefinition> = {},
): IndicatorDefinition {
  return { code, name, unit, kind: 'amount', direction: 'higher_better', frequency, precision, ...extra };
}

// ── periods ──────────────────────────────────────────────────────────────────────────────────────────────────
/** "2026-09": the figures of January to September 2026. */
export const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type Period = { year: number; month: number };

export function parsePeriod(period: string): Period | null {
  const m = PERIOD_RE.exec(period);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export const formatPeriod = (p: Period): string => `${p.year}-${String(p.month).padStart(2, '0')}`;

/** The period a rank change is measured against: the month before, or the quarter before (across a year end). */
export function previousPeriod(period: string, frequency: Frequency): string {
  const p = mustParse(period);
  const back = frequency === 'quarterly' ? 3 : 1;
  const index = p.year * 12 + (p.month - 1) - back;
  return formatPeriod({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

const CUMULATIVE_LABELS: Partial<Record<number, string>> = {
  1: '1月',
  3: '一季度',
  6: '上半年',
  9: '前三季度',
  12: '全年',
};

/** How a speech names a cumulative period: 一季度, 上半年, 前三季度, 全年, else "1-5月"; optionally "2026年". */
export function periodLabel(period: string, options: { withYear?: boolean } = {}): string {
  const p = mustParse(period);
  const label = CUMULATIVE_LABELS[p.month] ?? `1-${p.month}月`;
  return options.withYear ? `${p.year}年${label}` : label;
}

function mustParse(period: string): Period {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`period must be yyyy-MM: ${period}`);
  return p;
}
