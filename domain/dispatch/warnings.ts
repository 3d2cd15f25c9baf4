import { z } from 'zod';
import { dayNumber } from '../common/calendar.ts';
import { divRound, parseWan, percentTenths, type Wan } from '../common/money.ts';
import type { Stage } from '../projects/project.ts';
import { consecutiveMissing, type ReportTiming } from './schedule.ts';

/**
 * 预警 — the warnings of the weekly dispatch, each computed from reported data, never typed by hand: the investment
 * light (投资进度红黄绿灯, completion against the time schedule), 应开未开 (should have started, has not), 开而未建
 * (started on paper, nothing invested for weeks) and 连续漏报 (weeks in a row without a report). The thresholds are
 * a setting. Amounts are `Wan` (bigint hundredths of 万元): every comparison is integer arithmetic, so a project
 * exactly on a threshold gets the same light on every machine.
 */
export const WARNING_THRESHOLDS_SETTING_KEY = 'dispatch.warning_thresholds';

const int = (min: number, max: number, message: string) =>
  z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });

export const warningThresholdsSchema = z
  .object({
    /** yellow when completion is more than this many percentage points behind the schedule */
    yellowBelowPoints: int(0, 100, '黄灯阈值应为0—100的整数(百分点)'),
    /** red when more than this many points behind */
    redBelowPoints: int(0, 100, '红灯阈值应为0—100的整数(百分点)'),
    /** 开而未建: this many submitted weeks in a row with no investment */
    idleWeeks: int(1, 52, '开而未建的周数应为1—52的整数'),
    /** 连续漏报: this many weeks in a row without a report */
    missingStreak: int(1, 52, '连续漏报的周数应为1—52的整数'),
  })
  .refine((t) => t.redBelowPoints >= t.yellowBelowPoints, {
    path: ['redBelowPoints'],
    error: '红灯阈值不能小于黄灯阈值',
  });
export type WarningThresholds = z.infer<typeof warningThresholdsSchema>;

export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = {
  yellowBelowPoints: 5,
  redBelowPoints: 15,
  idleWeeks: 4,
  missingStreak: 2,
};

// ── 投资进度红黄绿灯 ─────────────────────────────────────────────────────────────────────────────────────────
export const LIGHTS = ['green', 'yellow', 'red', 'none'] as const;
export type Light = (typeof LIGHTS)[number];

export const LIGHT_LABELS: Record<Light, { zh: string; en: string }> = {
  green: { zh: '绿灯', en: 'Green' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  red: { zh: '红灯', en: 'Red' },
  none: { zh: '无年度计划', en: 'No annual plan' },
};

export type InvestmentLight = {
  light: Light;
  /** year-to-date investment / annual plan, percent rounded to one decimal (45.3); null without a plan */
  completionPct: number | null;
  /** planned cumulative to date / annual plan, percent rounded to one decimal */
  schedulePct: number | null;
  /** completionPct − schedulePct as shown (negative = behind), so the three figures on a page add up */
  gapPoints: number | null;
};

/**
 * The light of a project's (or a unit's, summed) investment: green when completion is at most `yellowBelowPoints`
 * behind the schedule, or the annual plan is done; yellow down to `redBelowPoints` behind (inclusive); red beyond.
 * The light is decided on the exact amounts, the percentages are rounded for display only, so a gap shown as
 * −5.0 can be yellow (−5.004 exactly). No annual plan (or a zero one) gives 'none', not a division by zero.
 */
export function investmentLight(
  input: { ytd: Wan; annualPlan: Wan | null; scheduleCumulative: Wan },
  thresholds: Pick<WarningThresholds, 'yellowBelowPoints' | 'redBelowPoints'>,
): InvestmentLight {
  const { ytd, annualPlan: plan, scheduleCumulative: sched } = input;
  if (plan === null || plan <= 0n) return { light: 'none', completionPct: null, schedulePct: null, gapPoints: null };
  // completion ≥ schedule − k  ⇔  ytd/plan·100 ≥ sched/plan·100 − k  ⇔  100·ytd ≥ 100·sched − k·plan  (plan > 0)
  const atLeast = (points: number) => 100n * ytd >= 100n * sched - BigInt(points) * plan;
  const light: Light =
    ytd >= plan || atLeast(thresholds.yellowBelowPoints)
      ? 'green'
      : atLeast(thresholds.redBelowPoints)
        ? 'yellow'
        : 'red';
  const c = percentTenths(ytd, plan)!;
  const sc = percentTenths(sched, plan)!;
  return { light, completionPct: Number(c) / 10, schedulePct: Number(sc) / 10, gapPoints: Number(c - sc) / 10 };
}

/**
 * The planned cumulative investment at the end of `month` (1–12): the project's own monthly plan (12 cumulative
 * amounts, as stored) when it has one, else the straight line annualPlan × month / 12 rounded half up to the fen.
 * Null when there is neither. A malformed stored plan throws: it passed the project contract on the way in.
 */
export function scheduleCumulativeFor(
  monthlyPlan: readonly string[] | null,
  annualPlan: Wan | null,
  month: number,
): Wan | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1–12: ${month}`);
  if (monthlyPlan) {
    if (monthlyPlan.length !== 12) throw new RangeError(`a monthly plan has 12 amounts, got ${monthlyPlan.length}`);
    const v = parseWan(monthlyPlan[month - 1]!);
    if (v === null) throw new RangeError(`not an amount: ${JSON.stringify(monthlyPlan[month - 1])}`);
    return v;
  }
  return annualPlan === null ? null : divRound(annualPlan * BigInt(month), 12n);
}

// ── 应开未开, 开而未建, 连续漏报 ──────────────────────────────────────────────────────────────────────────────
/**
 * The stages of a project that has not started construction. A suspended (暂缓) or withdrawn (退库) project is out
 * of the dispatch by decision, so it is not 应开未开 even when its planned start has passed.
 */
export const NOT_STARTED_STAGES: readonly Stage[] = ['pipeline', 'preparation'];

/** 应开未开: the planned start date is before today and the project has not started (a start due today is not late). */
export function isOverdueStart(input: { plannedStartDate: string | null; stage: Stage; today: string }): boolean {
  const { plannedStartDate, stage, today } = input;
  dayNumber(today);
  if (plannedStartDate === null) return false;
  return dayNumber(plannedStartDate) < dayNumber(today) && NOT_STARTED_STAGES.includes(stage);
}

/**
 * 开而未建: under construction, and none of the last `idleWeeks` submitted reports shows investment. Only submitted
 * weeks count (a week without a report is 漏报, its own warning); a negative amount corrects an earlier week and is
 * no progress either. Fewer reports than `idleWeeks` is too early to say.
 */
export function isStartedButIdle(input: {
  stage: Stage;
  weeklyAmountsNewestFirst: readonly Wan[];
  idleWeeks: number;
}): boolean {
  const { stage, weeklyAmountsNewestFirst: amounts, idleWeeks } = input;
  if (stage !== 'under_construction' || idleWeeks < 1 || amounts.length < idleWeeks) return false;
  return amounts.slice(0, idleWeeks).every((a) => a <= 0n);
}

/** 连续漏报: at least `missingStreak` weeks missed in a row (a current week still pending is skipped). */
export const isMissingStreak = (weeksNewestFirst: readonly ReportTiming[], missingStreak: number): boolean =>
  consecutiveMissing(weeksNewestFirst) >= missingStreak;
