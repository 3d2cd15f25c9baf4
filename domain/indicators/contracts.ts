/**
 * Contracts of monthly analysis (月分析) for the API, the OpenAPI document and the web forms. Figures travel as
 * decimal strings exactly as the statistics bureau published them ("6.1", "-3.2", "1234.56"); a JSON number is
 * accepted when its text is such a decimal, and is stored as that text.
 */
import { z } from 'zod';
import { text } from '../common/contracts.ts';
import { REGION_CODE_RE } from '../org/region.ts';
import { DECIMAL_RE, fixed, parseFixed } from './decimal.ts';
import { INDICATOR_CODE_RE, PERIOD_RE } from './indicator.ts';

/** numeric(20,4): at most sixteen digits before the decimal point. */
const MAX_ABS = fixed('9999999999999999.9999');

const regionCode = z
  .string({ error: '请填写行政区划代码' })
  .regex(REGION_CODE_RE, { error: '行政区划代码应为6位数字' });

const indicatorCode = z
  .string({ error: '请选择指标' })
  .regex(INDICATOR_CODE_RE, { error: '指标代码应为小写字母开头的字母、数字或下划线(2-40位)' });

export const PeriodText = z
  .string({ error: '请填写统计期' })
  .regex(PERIOD_RE, { error: '统计期格式应为 yyyy-MM(如 2026-09 表示1-9月累计)' });

/** A published figure: decimal text with at most four decimals, kept as given (trimmed). */
export const decimalText = (label: string, options: { min?: string; max?: string } = {}) =>
  z.union([z.string(), z.number()], { error: `${label}应为数字` }).transform((raw, ctx): string => {
    const t = String(raw).trim();
    const v = DECIMAL_RE.test(t) ? parseFixed(t) : null;
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: `${label}应为数字(最多四位小数,如 6.1 或 -3.2)` });
      return z.NEVER;
    }
    if (v > MAX_ABS || v < -MAX_ABS) {
      ctx.addIssue({ code: 'custom', message: `${label}数值过大` });
      return z.NEVER;
    }
    if (options.min !== undefined && v < fixed(options.min)) {
      ctx.addIssue({ code: 'custom', message: `${label}不能小于${options.min}` });
      return z.NEVER;
    }
    if (options.max !== undefined && v > fixed(options.max)) {
      ctx.addIssue({ code: 'custom', message: `${label}不能大于${options.max}` });
      return z.NEVER;
    }
    return t;
  });

// ── values ─────────────────────────────────────────────────────────────────────────────────────────────────
/** One region's figures for one indicator and period (累计值 and 同比增速 as published; either may be absent). */
export const IndicatorValue = z
  .object({
    regionCode,
    indicatorCode,
    period: PeriodText,
    value: decimalText('累计值').nullable().optional(),
    growth: decimalText('同比增速').nullable().optional(),
  })
  .refine((v) => v.value != null || v.growth != null, { error: '累计值和同比增速至少填写一项', path: ['value'] });
export type IndicatorValue = z.infer<typeof IndicatorValue>;

const valueKey = (v: Pick<IndicatorValue, 'regionCode' | 'indicatorCode' | 'period'>) =>
  `${v.regionCode}|${v.indicatorCode}|${v.period}`;

/** A batch of figures (a month's table); one row per region, indicator and period. */
export const IndicatorValuesUpsert = z.object({
  values: z
    .array(IndicatorValue)
    .min(1, { error: '请至少填写一条指标数据' })
    .max(10_000, { error: '一次最多提交10000条指标数据' })
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        const key = valueKey(v);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: '同一地区、指标和统计期重复填写', path: [i] });
        seen.add(key);
      });
    }),
});
export type IndicatorValuesUpsert = z.infer<typeof IndicatorValuesUpsert>;

// ── targets ────────────────────────────────────────────────────────────────────────────────────────────────
/** Cumulative share of the annual amount due by the end of a month ("25" = 25 %). */
export const SchedulePointText = z.object({
  month: z
    .number({ error: '请填写月份' })
    .int({ error: '月份应为1-12的整数' })
    .min(1, { error: '月份应为1-12的整数' })
    .max(12, { error: '月份应为1-12的整数' }),
  percent: decimalText('序时进度', { min: '0', max: '100' }),
});

/** 目标: a region's annual target for one indicator — a growth rate, an amount, or both. */
export const Target = z
  .object({
    regionCode,
    indicatorCode,
    year: z
      .number({ error: '请填写年度' })
      .int({ error: '年度应为整数' })
      .min(2000, { error: '年度应在2000-2100之间' })
      .max(2100, { error: '年度应在2000-2100之间' }),
    growth: decimalText('目标增速').nullable().optional(),
    amount: decimalText('目标总量', { min: '0' }).nullable().optional(),
    /** Optional time schedule (分月/分季序时目标) of the amount; months ascending, shares not falling. */
    schedule: z.array(SchedulePointText).max(12, { error: '序时进度最多12个月' }).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.growth == null && t.amount == null) {
      ctx.addIssue({ code: 'custom', message: '目标增速和目标总量至少填写一项', path: ['growth'] });
    }
    const schedule = t.schedule ?? [];
    if (schedule.length > 0 && t.amount == null) {
      ctx.addIssue({ code: 'custom', message: '填写序时进度时须填写目标总量', path: ['schedule'] });
    }
    schedule.forEach((p, i) => {
      const prev = schedule[i - 1];
      if (!prev) return;
      if (p.month <= prev.month) {
        ctx.addIssue({ code: 'custom', message: '序时进度的月份应从小到大且不重复', path: ['schedule', i, 'month'] });
      } else if (fixed(p.percent) < fixed(prev.percent)) {
        ctx.addIssue({ code: 'custom', message: '序时进度不能比上一个月低', path: ['schedule', i, 'percent'] });
      }
    });
  });
export type Target = z.infer<typeof Target>;

// ── peer groups ────────────────────────────────────────────────────────────────────────────────────────────
/** `province`: the cities of a province, compared with 全省; `city`: the districts of a city, with 全市. */
export const PEER_GROUP_LEVELS = ['province', 'city'] as const;
export type PeerGroupLevel = (typeof PEER_GROUP_LEVELS)[number];
export const PEER_GROUP_SCOPE: Record<PeerGroupLevel, string> = { province: '全省', city: '全市' };
export const DEFAULT_MEMBER_NOUN: Record<PeerGroupLevel, string> = { province: '市', city: '县区' };

/** 对标组: the regions a region is ranked among, e.g. "全省12个市区(含杨凌)". */
export const PeerGroup = z
  .object({
    name: text('对标组名称', 50),
    level: z.enum(PEER_GROUP_LEVELS, { error: '请选择对标范围(全省或全市)' }),
    /** As a speech names the group; "全省12个市" when absent. */
    label: text('对标组称谓', 50).optional(),
    /** What one member is called in "全省有8个市区…"; 市 for a province, 县区 for a city when absent. */
    memberNoun: text('成员称谓', 10).optional(),
    memberRegionCodes: z
      .array(regionCode)
      .min(2, { error: '对标组至少需要2个地区' })
      .max(200, { error: '对标组最多200个地区' })
      .refine((codes) => new Set(codes).size === codes.length, { error: '对标组成员不能重复' }),
    /** The region whose published figure is 全省 (全市): the province, or the city in a district view. */
    referenceRegionCode: regionCode.nullable().optional(),
  })
  .refine((g) => g.referenceRegionCode == null || !g.memberRegionCodes.includes(g.referenceRegionCode), {
    error: '全省(全市)参照地区不应同时是对标组成员',
    path: ['referenceRegionCode'],
  });
export type PeerGroup = z.infer<typeof PeerGroup>;

export const peerGroupScope = (g: Pick<PeerGroup, 'level'>): string => PEER_GROUP_SCOPE[g.level];
export const peerGroupNoun = (g: Pick<PeerGroup, 'level' | 'memberNoun'>): string =>
  g.memberNoun ?? DEFAULT_MEMBER_NOUN[g.level];
export const peerGroupLabel = (g: Pick<PeerGroup, 'level' | 'memberNoun' | 'label' | 'memberRegionCodes'>): string =>
  g.label ?? `${peerGroupScope(g)}${g.memberRegionCodes.length}个${peerGroupNoun(g)}`;

// ── scorecard ──────────────────────────────────────────────────────────────────────────────────────────────
export const ScorecardQuery = z.object({
  regionCode,
  period: PeriodText,
  peerGroupId: z.uuid({ error: '对标组编号格式不正确' }).optional(),
});
export type ScorecardQuery = z.infer<typeof ScorecardQuery>;

/**
 * Where a number in the scorecard comes from: a published figure (`value`, `growth`) of a region, indicator and
 * period, or the region's target for the period's year (`targetGrowth`, `targetAmount`).
 */
export const VALUE_REF_FIELDS = ['value', 'growth', 'targetGrowth', 'targetAmount'] as const;
export const ValueRef = z.object({
  regionCode: z.string(),
  indicatorCode: z.string(),
  period: z.string(),
  field: z.enum(VALUE_REF_FIELDS),
});
export type ValueRef = z.infer<typeof ValueRef>;

/** What a number in the text is: a figure, a rank (第9位, 首位, 末位), a rank move, a gap, a count, a threshold. */
export const NUMBER_ROLES = ['value', 'growth', 'rank', 'rankChange', 'gap', 'count', 'threshold'] as const;
export type NumberRole = (typeof NUMBER_ROLES)[number];

export const ScorecardSegment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('number'), text: z.string(), role: z.enum(NUMBER_ROLES), refs: z.array(ValueRef) }),
]);
export type ScorecardSegment = z.infer<typeof ScorecardSegment>;

export const ScorecardResponse = z.object({
  regionCode: z.string(),
  period: z.string(),
  text: z.string(),
  segments: z.array(ScorecardSegment),
  /** Indicators left out because the region has no figure for them. */
  missing: z.array(z.string()),
});
export type ScorecardResponse = z.infer<typeof ScorecardResponse>;
