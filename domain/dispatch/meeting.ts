import type { CalendarData } from '../common/calendar.ts';
import { addWeeks, parseWeekKey, type WeekKey, weekKey, weekOfInstant, weeksInIsoYear } from '../common/iso-week.ts';
import { formatPercentTenths, formatWan, percentTenths, sumWan, type Wan } from '../common/money.ts';
import { type ReportingSchedule, reportDeadline } from './schedule.ts';
import { investmentLight, type Light, type WarningThresholds } from './warnings.ts';

/**
 * 周调度会 — the arithmetic of the weekly dispatch meeting: totals of a set of projects (this week, year to date,
 * against the annual plans and the time schedule), the ranking of districts by completion rate, the comparison with
 * the same week last year and the lead paragraph the page and the bulletin both print. Pure: amounts are `Wan`
 * (bigint hundredths of 万元) and percentages tenths of a percent, so the page, the .docx and the .xlsx print the
 * same digits.
 */

// ── ranking ───────────────────────────────────────────────────────────────────────────────────────────────
export type Ranked = { rank: number | null; tied: boolean };

/**
 * Competition ranking ("1224"): the highest value first, equal values share a rank and the next rank skips
 * (1, 2, 2, 4). A null value (no annual plan, so no rate) is not ranked. Compare values as they are shown (tenths
 * of a percent), so two districts printed with the same rate share a rank.
 */
export function competitionRanks(values: readonly (bigint | null)[]): Ranked[] {
  const ranked = values.filter((v): v is bigint => v !== null);
  return values.map((v) => {
    if (v === null) return { rank: null, tied: false };
    const above = ranked.filter((x) => x > v).length;
    const same = ranked.filter((x) => x === v).length;
    return { rank: above + 1, tied: same > 1 };
  });
}

// ── totals of a set of projects ───────────────────────────────────────────────────────────────────────────
export type PacingFacts = {
  /** this week's amount when the week's report counts (submitted or accepted), else null */
  thisWeek: Wan | null;
  /** Σ of the year's counted weeks up to and including this one */
  ytd: Wan;
  /** the annual plan of the week's year, null without one */
  annualPlan: Wan | null;
  /** planned cumulative to the end of the week's month; null without an annual plan */
  scheduleCumulative: Wan | null;
};

export type Pacing = {
  projects: number;
  /** how many of them have a counted report this week */
  reported: number;
  thisWeek: Wan;
  ytd: Wan;
  /** Σ of the annual plans there are */
  annualPlan: Wan;
  scheduleCumulative: Wan;
  /** tenths of a percent: ytd / annualPlan; null when no project has a plan */
  completionTenths: bigint | null;
  scheduleTenths: bigint | null;
  /** completion − schedule as printed (negative = behind) */
  gapTenths: bigint | null;
  light: Light;
};

/**
 * The pacing of a set of projects (a district, a unit, a category, the whole scope): the sums, and the rates of the
 * sums, with the light the single-project rule gives for them. The completion rate is the year's total over the
 * planned total: a project without a plan adds its investment but no plan (the usual 完成年度计划 of a meeting).
 */
export function aggregatePacing(items: readonly PacingFacts[], thresholds: WarningThresholds): Pacing {
  const planned = items.filter((i) => i.annualPlan !== null);
  const annualPlan = sumWan(planned.map((i) => i.annualPlan!));
  const scheduleCumulative = sumWan(planned.map((i) => i.scheduleCumulative ?? 0n));
  const ytd = sumWan(items.map((i) => i.ytd));
  const l = investmentLight({ ytd, annualPlan: planned.length ? annualPlan : null, scheduleCumulative }, thresholds);
  const completionTenths = annualPlan > 0n ? percentTenths(ytd, annualPlan) : null;
  const scheduleTenths = annualPlan > 0n ? percentTenths(scheduleCumulative, annualPlan) : null;
  return {
    projects: items.length,
    reported: items.filter((i) => i.thisWeek !== null).length,
    thisWeek: sumWan(items.map((i) => i.thisWeek ?? 0n)),
    ytd,
    annualPlan,
    scheduleCumulative,
    completionTenths,
    scheduleTenths,
    gapTenths: completionTenths !== null && scheduleTenths !== null ? completionTenths - scheduleTenths : null,
    light: l.light,
  };
}

/** "63.4" → 634n; null stays null (percent text as the API sends it). */
export function tenthsOf(text: string | null): bigint | null {
  if (text === null) return null;
  const m = /^(-)?(\d+)\.(\d)$/.exec(text);
  if (!m) throw new RangeError(`not a percentage with one decimal: ${JSON.stringify(text)}`);
  const v = BigInt(m[2]!) * 10n + BigInt(m[3]!);
  return m[1] ? -v : v;
}

export const pctText = (tenths: bigint | null): string | null => (tenths === null ? null : formatPercentTenths(tenths));

/** A gap in points with its sign: "+3.2", "-12.0", "0.0". */
export const signedPoints = (tenths: bigint | null): string | null =>
  tenths === null ? null : `${tenths > 0n ? '+' : ''}${formatPercentTenths(tenths)}`;

/** Growth of `current` over `previous` in tenths of a percent; null when there is nothing to grow from. */
export function growthTenths(current: Wan, previous: Wan): bigint | null {
  if (previous <= 0n) return null;
  return percentTenths(current - previous, previous);
}

// ── weeks ─────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * The same ISO week of the year before: 2026-W48 → 2025-W48. A week 53 whose previous year has 52 weeks maps to
 * that year's week 52 (its last): the comparison then covers the whole previous year.
 */
export function sameWeekLastYear(week: WeekKey): WeekKey {
  const w = parseWeekKey(week);
  if (!w) throw new RangeError(`not an ISO week key: ${JSON.stringify(week)}`);
  const year = w.isoYear - 1;
  return weekKey(year, Math.min(w.week, weeksInIsoYear(year)));
}

/** The first week of a week's ISO year. */
export const firstWeekOfYear = (week: WeekKey): WeekKey => weekKey(Number(week.slice(0, 4)), 1);

/**
 * The week a meeting speaks of when none is asked for: the current week once its report deadline has passed (the
 * reports are in), else the week before (a Monday meeting reviews last week).
 */
export function defaultMeetingWeek(now: Date, schedule: ReportingSchedule, cal: CalendarData): WeekKey {
  const current = weekOfInstant(now);
  return now > reportDeadline(current, schedule, cal) ? current : addWeeks(current, -1);
}

/** How many of the newest counted amounts in a row show no investment (开而未建 shows it as "连续N周零投资"). */
export function leadingZeroWeeks(amountsNewestFirst: readonly Wan[]): number {
  const i = amountsNewestFirst.findIndex((a) => a > 0n);
  return i === -1 ? amountsNewestFirst.length : i;
}

// ── words ─────────────────────────────────────────────────────────────────────────────────────────────────
/** "全市", "全省", or the region's own name (城关区), or the unit's; '' for a scope over everything. */
export function scopeWord(scope: { kind: 'region' | 'unit' | 'all'; rootKind: string | null; name: string | null }) {
  if (scope.kind === 'all') return '';
  if (scope.kind === 'region' && scope.rootKind === 'city') return '全市';
  if (scope.kind === 'region' && scope.rootKind === 'province') return '全省';
  return scope.name ?? '';
}

export const bulletinTitle = (word: string) => `${word}重点项目建设周调度通报`;

export type LeadFacts = {
  weekLabel: string;
  scopeWord: string;
  totals: Pacing;
  yoy: { thisYearYtd: Wan; lastYearYtd: Wan; growthTenths: bigint | null };
  counts: {
    red: number;
    yellow: number;
    green: number;
    overdueStart: number;
    idle: number;
    missing: number;
    missingStreak: number;
    overdueItems: number;
  };
  missingStreak: number;
};

const wan = (v: Wan) => `${formatWan(v)}万元`;

function yoySentence(f: LeadFacts): string {
  const { thisYearYtd, lastYearYtd, growthTenths: g } = f.yoy;
  const sameBasis = thisYearYtd === f.totals.ytd;
  const head = sameBasis ? '' : `按同口径（含本年已不再报送的项目）累计完成投资${wan(thisYearYtd)}，`;
  if (g === null) return `${head}上年同期无可比数据`;
  const change = g >= 0n ? `同比增长${formatPercentTenths(g)}%` : `同比下降${formatPercentTenths(-g)}%`;
  return `${head}${change}（上年同期${wan(lastYearYtd)}）`;
}

/**
 * The paragraph that opens the meeting and the bulletin: the week's figures in sentences, from the same values the
 * tables show (so the text and the tables agree to the digit).
 */
export function leadParagraph(f: LeadFacts): string {
  const t = f.totals;
  const who = `${f.scopeWord}纳入周调度的重点项目${t.projects}个`;
  const parts = [`${f.weekLabel}，${who}，本周报送${t.reported}个，完成投资${wan(t.thisWeek)}。`];
  if (t.completionTenths !== null && t.scheduleTenths !== null && t.gapTenths !== null) {
    const gap = t.gapTenths;
    const pace =
      gap === 0n
        ? '与序时进度持平'
        : gap > 0n
          ? `快于序时进度${formatPercentTenths(gap)}个百分点`
          : `慢于序时进度${formatPercentTenths(-gap)}个百分点`;
    parts.push(
      `年度累计完成投资${wan(t.ytd)}，占年度计划${wan(t.annualPlan)}的${formatPercentTenths(t.completionTenths)}%，序时进度${formatPercentTenths(t.scheduleTenths)}%，${pace}；${yoySentence(f)}。`,
    );
  } else {
    parts.push(`年度累计完成投资${wan(t.ytd)}，暂无年度计划可比；${yoySentence(f)}。`);
  }
  const c = f.counts;
  parts.push(
    `投资进度红灯项目${c.red}个、黄灯项目${c.yellow}个、绿灯项目${c.green}个；应开未开项目${c.overdueStart}个，开而未建项目${c.idle}个；本周未报送项目${c.missing}个，连续${f.missingStreak}周及以上未报送项目${c.missingStreak}个；逾期未办结协调事项${c.overdueItems}件。`,
  );
  return parts.join('');
}
