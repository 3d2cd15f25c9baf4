import { businessDate } from '../../../domain/common/business-date.ts';
import { dayNumber } from '../../../domain/common/calendar.ts';
import { addWeeks, parseWeekKey, weekLabel, weekOfInstant, weekStart } from '../../../domain/common/iso-week.ts';
import { formatWan, parseWan, type Wan } from '../../../domain/common/money.ts';
import type { Light } from '../../../domain/dispatch/contracts.ts';
import {
  ESCALATION_LABELS,
  type EscalationLevel,
  ITEM_CATEGORY_LABELS,
  type ItemCategory,
  type ItemStatus,
  itemOverdueDays,
} from '../../../domain/dispatch/items.ts';
import {
  aggregatePacing,
  bulletinTitle,
  competitionRanks,
  defaultMeetingWeek,
  firstWeekOfYear,
  growthTenths,
  leadingZeroWeeks,
  leadParagraph,
  type Pacing,
  type PacingFacts,
  pctText,
  sameWeekLastYear,
  scopeWord,
  signedPoints,
  tenthsOf,
} from '../../../domain/dispatch/meeting.ts';
import type { MeetingGroupRow, MeetingQuery, MeetingView } from '../../../domain/dispatch/meeting-contracts.ts';
import { consecutiveMissing, type ReportTiming, reportTiming } from '../../../domain/dispatch/schedule.ts';
import { isOverdueStart, isStartedButIdle, scheduleCumulativeFor } from '../../../domain/dispatch/warnings.ts';
import { CATEGORY_LABELS, type Category, type Stage } from '../../../domain/projects/project.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { type DispatchRules, dispatchRules } from './dispatch.settings.ts';
import { meetingRepo } from './meeting.repository.ts';
import { COUNTED, reportRepo } from './reports.repository.ts';
import { monthOfWeek, weekRows } from './reports.service.ts';

/**
 * 周调度会: the weekly meeting's one read model. The page shows it, the bulletin (.docx) prints it, and nothing in
 * either is computed anywhere else: totals, breakdowns and ranks come from the week's rows of the board
 * (reports.service `weekRows`), the warnings from the rules in domain/dispatch, the lists from the same rows plus
 * the projects that should have started and the overdue coordination items of the caller's scope.
 */

/** How far back the meeting looks for 开而未建 and 连续未报 (half a year of weeks). */
export const HISTORY_WEEKS = 26;

export type WeekRow = Awaited<ReturnType<typeof weekRows>>[number];
type Row = WeekRow;

const wanOf = (text: string | null | undefined): Wan => (text ? (parseWan(text) ?? 0n) : 0n);
const isCounted = (status: string) => (COUNTED as readonly string[]).includes(status);

/** The figures the sums are made of, from one row of the week: the same plan and schedule its light was judged on. */
export function factsOf(r: Row, week: string): PacingFacts {
  const annualPlan = r.annualPlan === null ? null : wanOf(r.annualPlan);
  return {
    thisWeek: isCounted(r.status) ? wanOf(r.investedThisWeek) : null,
    ytd: wanOf(r.investedYtd),
    annualPlan,
    scheduleCumulative:
      annualPlan === null ? null : (scheduleCumulativeFor(r.project.monthlyPlan, annualPlan, monthOfWeek(week)) ?? 0n),
  };
}

const countLights = (rows: readonly Row[]) => {
  const c: Record<Light, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const r of rows) c[r.light]++;
  return c;
};

function pacingFields(p: Pacing, rows: readonly Row[]) {
  return {
    projects: p.projects,
    reported: p.reported,
    investedThisWeek: formatWan(p.thisWeek),
    investedYtd: formatWan(p.ytd),
    annualPlan: formatWan(p.annualPlan),
    scheduleCumulative: formatWan(p.scheduleCumulative),
    completionPct: pctText(p.completionTenths),
    schedulePct: pctText(p.scheduleTenths),
    gapPoints: signedPoints(p.gapTenths),
    light: p.light,
    lights: countLights(rows),
  };
}

/** Rows grouped by a key, each group summed and ranked by its completion rate (as printed). */
function breakdown(
  rows: readonly Row[],
  facts: Map<Row, PacingFacts>,
  rules: DispatchRules,
  keyOf: (r: Row) => string,
  nameOf: (r: Row) => string,
): MeetingGroupRow[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const sums = [...groups.entries()].map(([key, list]) => ({
    key,
    name: nameOf(list[0]!),
    list,
    pacing: aggregatePacing(
      list.map((r) => facts.get(r)!),
      rules.thresholds,
    ),
  }));
  const ranks = competitionRanks(sums.map((s) => s.pacing.completionTenths));
  return sums
    .map((s, i) => ({ key: s.key, name: s.name, ...pacingFields(s.pacing, s.list), ...ranks[i]! }))
    .sort(
      (a, b) =>
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        b.projects - a.projects ||
        a.key.localeCompare(b.key),
    );
}

const ref = (r: Row) => ({
  projectId: r.projectId,
  projectName: r.projectName,
  projectCode: r.projectCode,
  regionName: r.regionName,
  responsibleUnitName: r.responsibleUnitName,
});

function lagging(rows: readonly Row[], light: 'red' | 'yellow') {
  return rows
    .filter((r) => r.light === light)
    .map((r) => {
      const c = tenthsOf(r.completionPct);
      const s = tenthsOf(r.schedulePct);
      return {
        ...ref(r),
        investedThisWeek: isCounted(r.status) ? r.investedThisWeek : null,
        investedYtd: r.investedYtd,
        annualPlan: r.annualPlan,
        completionPct: r.completionPct,
        schedulePct: r.schedulePct,
        gapPoints: c !== null && s !== null ? signedPoints(c - s) : null,
        light: r.light,
        gap: c !== null && s !== null ? c - s : 0n,
      };
    })
    .sort((a, b) => (a.gap < b.gap ? -1 : a.gap > b.gap ? 1 : a.projectName.localeCompare(b.projectName, 'zh')))
    .map(({ gap: _gap, ...line }) => line);
}

export async function scopeWordOf(ctx: Ctx, actor: Actor): Promise<string> {
  const s = actor.scope;
  if (s.kind === 'all') return scopeWord({ kind: 'all', rootKind: null, name: null });
  if (s.kind === 'unit') return scopeWord({ kind: 'unit', rootKind: null, name: actor.unitName });
  const root = await meetingRepo.region(ctx.db, s.rootCode);
  return scopeWord({ kind: 'region', rootKind: root?.kind ?? actor.scopeRootKind, name: root?.name ?? null });
}

export function assertWeek(ctx: Ctx, week: string) {
  if (!parseWeekKey(week)) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'week', message: '周次不存在' }] });
  }
  if (weekStart(week) > weekStart(weekOfInstant(ctx.now()))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'week', message: '不能查看未来的周次' }] });
  }
}

/** The meeting view of a week for the caller's scope. */
export async function meetingView(ctx: Ctx, actor: Actor, q: MeetingQuery): Promise<MeetingView> {
  assertMay(actor, 'dispatch.read');
  const rules = await dispatchRules(ctx, ctx.db);
  const now = ctx.now();
  const today = businessDate(now);
  const week = q.week ?? defaultMeetingWeek(now, rules.schedule, rules.cal);
  assertWeek(ctx, week);

  const rows = await weekRows(ctx, actor, rules, week, {});
  const facts = new Map(rows.map((r) => [r, factsOf(r, week)]));
  const totals = aggregatePacing([...facts.values()], rules.thresholds);

  // the weeks before: 开而未建 (the last counted amounts) and 连续未报 (the timings, week by week)
  const ids = rows.map((r) => r.projectId);
  const from = addWeeks(week, -(HISTORY_WEEKS - 1));
  const history = await reportRepo.countedBetween(ctx.db, ids, from, week);
  const created = await meetingRepo.createdAt(ctx.db, ids);
  const byProject = new Map<string, Map<string, (typeof history)[number]>>();
  for (const h of history) {
    const m = byProject.get(h.projectId) ?? new Map();
    m.set(h.week, h);
    byProject.set(h.projectId, m);
  }
  const weeks = Array.from({ length: HISTORY_WEEKS }, (_, i) => addWeeks(week, -i)); // newest first

  // a week without a submission has the same timing for every project: judge it once per week
  const unsubmitted = new Map<string, ReportTiming>();
  const timingOf = (w: string, submittedAt: Date | null): ReportTiming => {
    if (submittedAt) return reportTiming({ weekKey: w, submittedAt, now, schedule: rules.schedule, cal: rules.cal });
    let t = unsubmitted.get(w);
    if (!t) {
      t = reportTiming({ weekKey: w, submittedAt: null, now, schedule: rules.schedule, cal: rules.cal });
      unsubmitted.set(w, t);
    }
    return t;
  };
  const idle: MeetingView['lists']['idle'] = [];
  const streakOf = new Map<string, { weeks: number; lastReportedWeek: string | null }>();
  for (const r of rows) {
    const reports = byProject.get(r.projectId) ?? new Map();
    const counted = weeks.filter((w) => reports.has(w) && isCounted(reports.get(w)!.status));
    const amounts = counted.map((w) => wanOf(reports.get(w)!.investedThisWeek));
    if (
      isStartedButIdle({
        stage: r.stage as Stage,
        weeklyAmountsNewestFirst: amounts,
        idleWeeks: rules.thresholds.idleWeeks,
      })
    ) {
      const lastInvested = counted.find((w) => wanOf(reports.get(w)!.investedThisWeek) > 0n) ?? null;
      idle.push({
        ...ref(r),
        zeroWeeks: leadingZeroWeeks(amounts),
        lastInvestedWeek: lastInvested,
        investedYtd: r.investedYtd,
      });
    }
    // weeks before the project entered the library cannot have been missed
    const since = created.get(r.projectId);
    const first = since ? weekOfInstant(since) : from;
    const timings: ReportTiming[] = weeks
      .filter((w) => w >= first) // week keys sort in time order
      .map((w) => (w === week ? r.timing : timingOf(w, reports.get(w)?.firstSubmittedAt ?? null)));
    const lastReportedWeek = weeks.find((w) => reports.get(w)?.firstSubmittedAt) ?? null;
    streakOf.set(r.projectId, { weeks: consecutiveMissing(timings), lastReportedWeek });
  }

  const missing = rows
    .filter((r) => r.timing === 'missing')
    .map((r) => ({ ...ref(r), status: r.status, streak: streakOf.get(r.projectId)!.weeks }));
  const missingStreak = rows
    .filter((r) => streakOf.get(r.projectId)!.weeks >= rules.thresholds.missingStreak)
    .map((r) => ({ ...ref(r), ...streakOf.get(r.projectId)! }))
    .sort((a, b) => b.weeks - a.weeks);

  const overdueStart = (await meetingRepo.overdueStartCandidates(ctx.db, actor.scope, actor.userId, today))
    .filter((p) => isOverdueStart({ plannedStartDate: p.plannedStartDate, stage: p.stage as Stage, today }))
    .map((p) => ({
      projectId: p.id,
      projectName: p.name,
      projectCode: p.projectCode,
      regionName: p.regionName,
      responsibleUnitName: p.responsibleUnitName,
      stage: p.stage as Stage,
      plannedStartDate: p.plannedStartDate!,
      daysOverdue: dayNumber(today) - dayNumber(p.plannedStartDate!),
    }));

  // 逾期: the items module's rule (working days past the due date, open statuses only)
  const overdueItems = (await meetingRepo.overdueItems(ctx.db, actor.scope, actor.userId, today))
    .map((i) => ({
      i,
      days: itemOverdueDays({ status: i.status as ItemStatus, dueDate: i.dueDate }, today, rules.cal),
    }))
    .filter(({ days }) => days > 0)
    .map(({ i, days }) => ({
      itemId: i.id,
      projectId: i.projectId,
      projectName: i.projectName,
      regionName: i.regionName,
      category: i.category,
      categoryLabel: ITEM_CATEGORY_LABELS[i.category as ItemCategory]?.zh ?? i.category,
      description: i.description,
      assignedUnitName: i.assignedUnitName,
      status: i.status,
      dueDate: i.dueDate,
      daysOverdue: days,
      escalationLevel: i.escalationLevel,
      escalationLabel: ESCALATION_LABELS[Math.min(2, Math.max(0, i.escalationLevel)) as EscalationLevel].zh,
    }));

  // the same week last year, both years over every project in reach (like with like)
  const lastYearWeek = sameWeekLastYear(week);
  const sums = await meetingRepo.yearOnYearSums(
    ctx.db,
    actor.scope,
    actor.userId,
    { from: firstWeekOfYear(week), to: week },
    { from: firstWeekOfYear(lastYearWeek), to: lastYearWeek },
  );
  const yoy = {
    thisYearYtd: wanOf(sums.thisYtd),
    lastYearYtd: wanOf(sums.lastYtd),
    growthTenths: growthTenths(wanOf(sums.thisYtd), wanOf(sums.lastYtd)),
  };

  const red = lagging(rows, 'red');
  const yellow = lagging(rows, 'yellow');
  const lights = countLights(rows);
  const word = await scopeWordOf(ctx, actor);
  const label = weekLabel(week, 'zh');
  const lead = leadParagraph({
    weekLabel: label,
    scopeWord: word,
    totals,
    yoy,
    counts: {
      red: red.length,
      yellow: yellow.length,
      green: lights.green,
      overdueStart: overdueStart.length,
      idle: idle.length,
      missing: missing.length,
      missingStreak: missingStreak.length,
      overdueItems: overdueItems.length,
    },
    missingStreak: rules.thresholds.missingStreak,
  });

  return {
    week,
    weekLabel: label,
    asOf: today,
    scopeWord: word,
    title: bulletinTitle(word),
    thresholds: { ...rules.thresholds },
    totals: {
      ...pacingFields(totals, rows),
      timing: {
        onTime: rows.filter((r) => r.timing === 'on_time').length,
        late: rows.filter((r) => r.timing === 'late').length,
        missing: rows.filter((r) => r.timing === 'missing').length,
        pending: rows.filter((r) => r.timing === 'pending').length,
      },
    },
    yearOnYear: {
      lastYearWeek,
      lastYearWeekLabel: weekLabel(lastYearWeek, 'zh'),
      thisYearYtd: formatWan(yoy.thisYearYtd),
      lastYearYtd: formatWan(yoy.lastYearYtd),
      growthPct: pctText(yoy.growthTenths),
      thisWeek: formatWan(wanOf(sums.thisWeek)),
      lastYearThisWeek: formatWan(wanOf(sums.lastWeek)),
      weekGrowthPct: pctText(growthTenths(wanOf(sums.thisWeek), wanOf(sums.lastWeek))),
    },
    byRegion: breakdown(
      rows,
      facts,
      rules,
      (r) => r.project.regionCode,
      (r) => r.regionName,
    ),
    byUnit: breakdown(
      rows,
      facts,
      rules,
      (r) => r.project.responsibleUnitId,
      (r) => r.responsibleUnitName,
    ),
    byCategory: breakdown(
      rows,
      facts,
      rules,
      (r) => r.project.category,
      (r) => CATEGORY_LABELS[r.project.category as Category]?.zh ?? r.project.category,
    ),
    lists: { red, yellow, overdueStart, idle, missing, missingStreak, overdueItems },
    lead,
    can: { bulletin: actorMay(actor, 'dispatch.read'), ledger: actorMay(actor, 'dispatch.read') },
  };
}
