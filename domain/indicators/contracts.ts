/**
 * Contracts of monthly analysis (月分析) for the API, the OpenAPI document and the web forms. Figures travel as
 * decimal strings exactly as the statistics bureau published them ("6.1", "-3.2", "1234.56"); a JSON number is
 * accepted when its text is such a decimal, and is stored as that text.
 */
import { z } from 'zod';
import { text } from '../common/contracts.ts';
import { REGION_CODE_RE } from '../org/region.ts';
import { DECIMAL_RE, fixed, parseFixed } from './decimal.ts';
import {
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_CODE_RE,
  INDICATOR_KINDS,
  IndicatorDefinition,
  PERIOD_RE,
  RANK_FIELDS,
} from './indicator.ts';

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
/**
 * One region's figures for one indicator and period (累计值 and 同比增速 as published). A figure left out keeps what
 * is stored; `null` clears it, and both null removes the figure (its old figures stay in the history).
 * `version` is the version the writer read (0: it read no figure); a write against another version is refused.
 */
export const IndicatorValue = z
  .object({
    regionCode,
    indicatorCode,
    period: PeriodText,
    value: decimalText('累计值').nullable().optional(),
    growth: decimalText('同比增速').nullable().optional(),
    version: z.number({ error: '版本号应为整数' }).int({ error: '版本号应为整数' }).min(0).optional(),
  })
  .refine((v) => v.value !== undefined || v.growth !== undefined, {
    error: '累计值和同比增速至少填写一项',
    path: ['value'],
  });
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

// ── API shapes (catalog, figures, targets, peer groups, analysis) ─────────────────────────────────────────────
const version = z.number({ error: '缺少版本号' }).int().min(0);
const figureOut = z.string().nullable();
const canEdit = z.object({ edit: z.boolean() });

/** 指标 as the API returns it; `rankField` is what ranks compare (the growth rate or the value). */
export const Indicator = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  direction: z.enum(DIRECTIONS),
  frequency: z.enum(FREQUENCIES),
  precision: z.number().int(),
  rankBy: z.enum(RANK_FIELDS).nullable(),
  rankField: z.enum(RANK_FIELDS),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Indicator = z.infer<typeof Indicator>;
export const IndicatorList = z.object({
  items: z.array(Indicator),
  /** configure: edit the catalog, peer groups and targets; editValues: enter figures (for some regions) */
  can: z.object({ configure: z.boolean(), editValues: z.boolean() }),
});
export const IndicatorCreate = IndicatorDefinition.safeExtend({ sort: z.number().int().min(0).max(9999).optional() });
export type IndicatorCreate = z.infer<typeof IndicatorCreate>;
export const IndicatorUpdate = IndicatorCreate.safeExtend({ active: z.boolean().optional(), version });
export type IndicatorUpdate = z.infer<typeof IndicatorUpdate>;
export const IndicatorCodeParams = z.object({ code: indicatorCode });

/** `regionCode` may list several codes separated by commas. */
export const ValuesQuery = z.object({
  period: PeriodText,
  regionCode: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((c) => c.trim()) : undefined))
    .pipe(z.array(regionCode).max(500).optional()),
  indicatorCode: indicatorCode.optional(),
});
export type ValuesQuery = z.infer<typeof ValuesQuery>;
export const ValueItem = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  indicatorCode: z.string(),
  period: z.string(),
  value: figureOut,
  growth: figureOut,
  source: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string(),
  can: canEdit,
});
export type ValueItem = z.infer<typeof ValueItem>;
export const ValuesPage = z.object({
  period: z.string(),
  items: z.array(ValueItem),
  /**
   * The regions whose figures the caller may enter, among those asked for (every region when none was named):
   * the page enables these rows, also where no figure exists yet.
   */
  editableRegionCodes: z.array(z.string()),
});
/** What a batch write did: rows new, rows whose figures changed (their old figures kept), rows left as they were. */
export const UpsertOutcome = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type UpsertOutcome = z.infer<typeof UpsertOutcome>;
/** A batch of figures: as above, and the figures removed (both figures cleared; their old figures kept). */
export const ValuesUpsertOutcome = UpsertOutcome.extend({ cleared: z.number().int() });
export type ValuesUpsertOutcome = z.infer<typeof ValuesUpsertOutcome>;
/**
 * A row of a refused batch (409 STALE_WRITE, in `error.details.conflicts`) whose figure changed since the writer
 * read it: its index in the batch and the figure as it is now (null figures and version 0 when it was removed).
 */
export const ValueConflict = z.object({
  index: z.number().int(),
  regionCode: z.string(),
  indicatorCode: z.string(),
  period: z.string(),
  sentVersion: z.number().int(),
  version: z.number().int(),
  value: figureOut,
  growth: figureOut,
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ValueConflict = z.infer<typeof ValueConflict>;

/** The latest period with figures of a region (or, without one, of a peer group's members; else of any region). */
export const LatestPeriodQuery = z.object({
  regionCode: regionCode.optional(),
  peerGroupId: z.uuid({ error: '对标组编号格式不正确' }).optional(),
});
export type LatestPeriodQuery = z.infer<typeof LatestPeriodQuery>;
export const LatestPeriod = z.object({
  /** null when there is no figure at all */
  period: z.string().nullable(),
  regionCode: z.string().nullable(),
  peerGroupId: z.string().nullable(),
});
export type LatestPeriod = z.infer<typeof LatestPeriod>;
export const ValueHistoryQuery = z.object({ regionCode, indicatorCode, period: PeriodText });
export const ValueHistory = z.object({
  current: ValueItem.nullable(),
  /** the figures each change replaced, newest first */
  revisions: z.array(
    z.object({
      value: figureOut,
      growth: figureOut,
      source: z.string(),
      version: z.number().int(),
      replacedAt: z.string(),
      replacedByName: z.string(),
    }),
  ),
});

export const TargetsQuery = z.object({
  year: z.coerce.number({ error: '请填写年度' }).int().min(2000).max(2100),
  regionCode: regionCode.optional(),
});
export const TargetItem = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  indicatorCode: z.string(),
  year: z.number().int(),
  growth: figureOut,
  amount: figureOut,
  schedule: z.array(z.object({ month: z.number().int(), percent: z.string() })).nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string(),
  can: canEdit,
});
export const TargetsPage = z.object({ year: z.number().int(), items: z.array(TargetItem) });
export const TargetsUpsert = z.object({
  targets: z
    .array(Target)
    .min(1, { error: '请至少填写一条目标' })
    .max(2000, { error: '一次最多提交2000条目标' })
    .superRefine((targets, ctx) => {
      const seen = new Set<string>();
      targets.forEach((t, i) => {
        const key = `${t.regionCode}|${t.indicatorCode}|${t.year}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: '同一地区、指标和年度重复填写', path: [i] });
        seen.add(key);
      });
    }),
});
export type TargetsUpsert = z.infer<typeof TargetsUpsert>;

export const PeerGroupWrite = PeerGroup.safeExtend({ isDefault: z.boolean().optional() });
export type PeerGroupWrite = z.infer<typeof PeerGroupWrite>;
export const PeerGroupUpdate = PeerGroupWrite.safeExtend({ version });
export type PeerGroupUpdate = z.infer<typeof PeerGroupUpdate>;
export const PeerGroupIdParams = z.object({ id: z.uuid({ error: '对标组编号格式不正确' }) });
export const PeerGroupItem = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(PEER_GROUP_LEVELS),
  label: z.string().nullable(),
  memberNoun: z.string().nullable(),
  /** as a speech names it: "全省11个市" */
  displayLabel: z.string(),
  members: z.array(z.object({ regionCode: z.string(), regionName: z.string() })),
  referenceRegionCode: z.string().nullable(),
  referenceRegionName: z.string().nullable(),
  isDefault: z.boolean(),
  version: z.number().int(),
  can: canEdit,
});
export type PeerGroupItem = z.infer<typeof PeerGroupItem>;
export const PeerGroupList = z.object({ items: z.array(PeerGroupItem) });

export const DashboardQuery = z.object({
  regionCode,
  period: PeriodText,
  peerGroupId: z.uuid({ error: '对标组编号格式不正确' }).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;
const GROUP_REF = z.object({ id: z.string(), label: z.string(), size: z.number().int() }).nullable();
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export const DashboardRow = z.object({
  indicator: Indicator.pick({
    code: true,
    name: true,
    shortName: true,
    unit: true,
    kind: true,
    direction: true,
  }).extend({ precision: z.number().int(), rankField: z.enum(RANK_FIELDS) }),
  value: figureOut,
  growth: figureOut,
  target: z.object({ growth: figureOut, amount: figureOut }).nullable(),
  /** 序时进度 and completion of the amount target, in percent */
  timeProgress: figureOut,
  completion: figureOut,
  rank: z.number().int().nullable(),
  /** peers with a figure (the ranked ones) */
  rankedCount: z.number().int(),
  tied: z.boolean(),
  previousRank: z.number().int().nullable(),
  rankChange: z.object({ kind: z.enum(['up', 'down', 'same', 'unknown']), places: z.number().int().nullable() }),
  /** differences of the ranked figure, in its unit (percentage points for growth) */
  gaps: z.object({
    toProvince: figureOut,
    toAverage: figureOut,
    toLeader: figureOut,
    toAbove: figureOut,
    toBelow: figureOut,
  }),
  light: z.enum(LIGHTS).nullable(),
  pace: z
    .object({
      remaining: z.string(),
      monthsLeft: z.number().int(),
      neededPerMonth: figureOut,
      trailingAverage: figureOut,
      onTrack: z.boolean().nullable(),
    })
    .nullable(),
});
export type DashboardRow = z.infer<typeof DashboardRow>;
export const Dashboard = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  group: GROUP_REF,
  rows: z.array(DashboardRow),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const TrendQuery = z.object({
  regionCode,
  months: z.coerce.number().int().min(1).max(60).default(24),
  /** the last period shown; default the latest period with a figure */
  period: PeriodText.optional(),
});
export const Trend = z.object({
  indicatorCode: z.string(),
  regionCode: z.string(),
  referenceRegionCode: z.string().nullable(),
  points: z.array(
    z.object({
      period: z.string(),
      value: figureOut,
      growth: figureOut,
      referenceValue: figureOut,
      referenceGrowth: figureOut,
      /** the year's growth target, and the amount due by this month on the target's schedule */
      targetGrowth: figureOut,
      targetAmountDue: figureOut,
    }),
  ),
});
export const RankingQuery = z.object({
  period: PeriodText,
  groupId: z.uuid({ error: '对标组编号格式不正确' }).optional(),
});
export const Ranking = z.object({
  indicatorCode: z.string(),
  period: z.string(),
  field: z.enum(RANK_FIELDS),
  group: GROUP_REF,
  reference: z.object({ regionCode: z.string(), value: figureOut, growth: figureOut }).nullable(),
  average: figureOut,
  rows: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      value: figureOut,
      growth: figureOut,
      rank: z.number().int().nullable(),
      tiedWith: z.array(z.string()),
      previousRank: z.number().int().nullable(),
    }),
  ),
});

export const ImportQuery = z.object({
  period: PeriodText,
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
/**
 * How the sheet's columns were read (also in a refused upload's `error.details`), so the user can confirm or
 * correct it in the dry run: each matched column with its field, the columns matched to nothing, and every field
 * the import knows (地区 or 指标, and a 累计值 and a 增速 per indicator or region).
 */
export const ImportColumnReport = z.object({
  columns: z.array(
    z.object({
      letter: z.string(),
      header: z.string(),
      key: z.string(),
      label: z.string(),
      unit: z.string().nullable(),
    }),
  ),
  unknown: z.array(z.object({ letter: z.string(), header: z.string() })),
  warnings: z.array(z.string()),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
});
export type ImportColumnReport = z.infer<typeof ImportColumnReport>;
export const ImportOutcome = ImportColumnReport.extend({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;
export const ExportQuery = z.object({ period: PeriodText, groupId: z.uuid().optional() });
