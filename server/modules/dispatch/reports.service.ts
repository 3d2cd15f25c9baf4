import { businessDate } from '../../../domain/common/business-date.ts';
import { addDays, calendarCovers } from '../../../domain/common/calendar.ts';
import {
  weekKey as isoWeekKey,
  parseWeekKey,
  weekLabel,
  weekOfInstant,
  weekStart,
} from '../../../domain/common/iso-week.ts';
import { displayWan, formatWan, parseWan, type Wan } from '../../../domain/common/money.ts';
import type {
  AmendmentRequest,
  ReportSave,
  Timing,
  WeekBoard,
  WeekBoardQuery,
  WeekBoardRow,
  WeeklyReport,
} from '../../../domain/dispatch/contracts.ts';
import { checkPhoto } from '../../../domain/dispatch/photo-check.ts';
import { dueSoon, reportDeadline, reportGraceEnd, reportTiming } from '../../../domain/dispatch/schedule.ts';
import { investmentLight, scheduleCumulativeFor } from '../../../domain/dispatch/warnings.ts';
import { subtreeCodes } from '../../../domain/org/region.ts';
import type { Stage } from '../../../domain/projects/project.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { photoCoordinates, preparePhoto, recordPhotoFiles } from '../../platform/files/photos.ts';
import { notifyUnit, notifyUsers } from '../notifications/index.ts';
import { type DispatchRules, dispatchRules } from './dispatch.settings.ts';
import { presentAmendment, presentPhoto } from './reports.presenter.ts';
import { COUNTED, type DispatchProject, type ReportFigures, type ReportRow, reportRepo } from './reports.repository.ts';

/**
 * 周报: one project's report for one ISO week. The reporter saves a draft and submits; a coordinator returns it with a
 * reason or accepts it (then it is locked: a change is an amendment a coordinator approves, and both versions stay).
 * Everything derived — the year's cumulative amount, completion against plan and schedule, on time / late / missing —
 * is computed here from the facts, never typed.
 */

const wanOf = (text: string | null | undefined): Wan => (text ? (parseWan(text) ?? 0n) : 0n);
const isCounted = (status: string) => (COUNTED as readonly string[]).includes(status);

/** The week a report or board is about; a week after the current one cannot be reported. */
function currentWeek(ctx: Ctx) {
  return weekOfInstant(ctx.now());
}

/** The month whose plan a week is measured against: the month of its Thursday (as ISO weeks belong to years). */
export const monthOfWeek = (week: string) => Number(addDays(weekStart(week), 3).slice(5, 7));
export const yearStartWeek = (week: string) => isoWeekKey(Number(week.slice(0, 4)), 1);

/** Completion against the annual plan and the time schedule of the week's month. */
export function pacingOf(p: DispatchProject, week: string, ytd: Wan, rules: DispatchRules) {
  const isoYear = Number(week.slice(0, 4));
  const annual = p.annualPlan && p.planYear === isoYear ? parseWan(p.annualPlan) : null;
  const scheduleCumulative = scheduleCumulativeFor(p.monthlyPlan, annual, monthOfWeek(week)) ?? 0n;
  const l = investmentLight({ ytd, annualPlan: annual, scheduleCumulative }, rules.thresholds);
  return {
    investedYtd: formatWan(ytd),
    scheduleCumulative: annual !== null ? formatWan(scheduleCumulative) : null,
    annualPlan: annual !== null ? formatWan(annual) : null,
    completionPct: l.completionPct === null ? null : l.completionPct.toFixed(1),
    schedulePct: l.schedulePct === null ? null : l.schedulePct.toFixed(1),
    light: l.light,
  };
}

function timingOf(rules: DispatchRules, week: string, report: ReportRow | null | undefined, now: Date): Timing {
  return reportTiming({
    weekKey: week,
    submittedAt: report?.firstSubmittedAt ?? null,
    now,
    schedule: rules.schedule,
    cal: rules.cal,
  });
}

async function regionFilter(conn: Conn, code: string | undefined): Promise<string[] | null> {
  if (!code) return null;
  return subtreeCodes(code, await reportRepo.regionTree(conn));
}

// ── the week's board ───────────────────────────────────────────────────────────────────────────────────────
/** Every reporting project in reach with its report state for the week; filters and counts over all of them. */
export async function weekBoard(ctx: Ctx, actor: Actor, q: WeekBoardQuery): Promise<WeekBoard> {
  assertMay(actor, 'dispatch.read');
  const rules = await dispatchRules(ctx, ctx.db);
  const week = q.week ?? currentWeek(ctx);
  const all = await weekRows(ctx, actor, rules, week, {
    q: q.q,
    regionCodes: await regionFilter(ctx.db, q.regionCode),
    mine: q.mine ?? false,
  });
  const counts = {
    expected: all.length,
    submitted: all.filter((r) => isCounted(r.status)).length,
    pendingReview: all.filter((r) => r.status === 'submitted').length,
    accepted: all.filter((r) => r.status === 'accepted').length,
    returned: all.filter((r) => r.status === 'returned').length,
    draft: all.filter((r) => r.status === 'draft').length,
    none: all.filter((r) => r.status === 'none').length,
    late: all.filter((r) => r.timing === 'late').length,
    missing: all.filter((r) => r.timing === 'missing').length,
  };
  const rows = all.filter(
    (r) =>
      (!q.status || r.status === q.status || (q.status === 'counted' && isCounted(r.status))) &&
      (!q.timing || r.timing === q.timing) &&
      (!q.light || r.light === q.light),
  );
  const from = (q.page - 1) * q.pageSize;
  return {
    week,
    weekLabel: weekLabel(week, 'zh'),
    deadline: reportDeadline(week, rules.schedule, rules.cal).toISOString(),
    graceEnd: reportGraceEnd(week, rules.schedule, rules.cal).toISOString(),
    calendarKnown: calendarCovers(weekStart(week), rules.cal),
    counts,
    items: rows.slice(from, from + q.pageSize),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
    can: { review: actorMay(actor, 'dispatch.review'), report: actorMay(actor, 'dispatch.report') },
  };
}

/** The board's rows for a week — shared by the board, the meeting view, the ledger and the bulletin. */
export async function weekRows(
  ctx: Ctx,
  actor: Actor,
  rules: DispatchRules,
  week: string,
  f: { q?: string | undefined; regionCodes?: string[] | null; mine?: boolean },
): Promise<(WeekBoardRow & { project: DispatchProject; report: ReportRow | null })[]> {
  const now = ctx.now();
  let projects = await reportRepo.projects(ctx.db, actor.scope, actor.userId, {
    stages: rules.schedule.reportingStages,
    ...(f.q ? { q: f.q } : {}),
    regionCodes: f.regionCodes ?? null,
  });
  // a project that entered the library after the week owed no report for it (its stage then is not recorded)
  const lastDay = addDays(weekStart(week), 6);
  projects = projects.filter((p) => businessDate(p.createdAt) <= lastDay);
  if (f.mine) {
    const mine = new Set(await reportRepo.commissionedBy(ctx.db, actor.userId));
    projects = projects.filter((p) => mine.has(p.id));
  }
  const ids = projects.map((p) => p.id);
  const reports = new Map((await reportRepo.reportsOfWeek(ctx.db, ids, week)).map((r) => [r.projectId, r]));
  const ytd = await reportRepo.sumsBetween(ctx.db, ids, yearStartWeek(week), week);
  const photos = await reportRepo.photoCounts(
    ctx.db,
    [...reports.values()].map((r) => r.id),
  );
  return projects.map((p) => {
    const r = reports.get(p.id) ?? null;
    const pace = pacingOf(p, week, wanOf(ytd.get(p.id)), rules);
    const pc = r ? photos.get(r.id) : undefined;
    return {
      project: p,
      report: r,
      projectId: p.id,
      projectName: p.name,
      projectCode: p.projectCode,
      stage: p.stage as WeekBoardRow['stage'],
      regionName: p.regionName,
      responsibleUnitName: p.responsibleUnitName,
      reportId: r?.id ?? null,
      status: r ? (r.status as WeekBoardRow['status']) : 'none',
      timing: timingOf(rules, week, r, now),
      investedThisWeek: r ? r.investedThisWeek : null,
      investedYtd: pace.investedYtd,
      annualPlan: pace.annualPlan,
      completionPct: pace.completionPct,
      schedulePct: pace.schedulePct,
      light: pace.light,
      photoCount: pc?.all ?? 0,
      unverifiedPhotos: pc?.unverified ?? 0,
      submittedAt: r?.submittedAt?.toISOString() ?? null,
    };
  });
}

// ── one report ─────────────────────────────────────────────────────────────────────────────────────────────
async function projectInReach(conn: Conn, actor: Actor, projectId: string) {
  const p = await reportRepo.project(conn, actor.scope, actor.userId, projectId);
  if (!p) throw appError('NOT_FOUND');
  return p;
}

async function reportInReach(conn: Conn, actor: Actor, reportId: string) {
  const r = await reportRepo.find(conn, reportId);
  if (!r) throw appError('NOT_FOUND');
  const p = await projectInReach(conn, actor, r.projectId);
  return { report: r, project: p };
}

function assertWeekOpen(ctx: Ctx, week: string) {
  if (!parseWeekKey(week)) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'week', message: '周次不存在' }] });
  }
  if (weekStart(week) > weekStart(currentWeek(ctx))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'week', message: '不能填报未来的周次' }] });
  }
}

function assertReporting(rules: DispatchRules, p: DispatchProject) {
  if (!rules.schedule.reportingStages.includes(p.stage as Stage)) {
    throw appError('RULE_VIOLATED', { params: { what: '该项目当前阶段无需报送周报' } });
  }
}

/** The most a week may add: the total investment less everything reported before this week. */
async function remainingFor(conn: Conn, p: DispatchProject, week: string): Promise<Wan> {
  const before = wanOf((await reportRepo.sumsBefore(conn, [p.id], week)).get(p.id));
  const left = wanOf(p.totalInvestment) - before;
  return left < 0n ? 0n : left;
}

function assertWithinRemaining(amount: string, remaining: Wan, total: string) {
  if (wanOf(amount) > remaining) {
    throw appError('VALIDATION_FAILED', {
      fields: [
        {
          path: 'investedThisWeek',
          message: `本周完成投资超过项目剩余投资:总投资${displayWan(wanOf(total))}万元,扣除此前已报,本周最多可填${displayWan(remaining)}万元`,
        },
      ],
    });
  }
}

/** The report of a project for a week; when there is none yet, an unsaved one pre-filled from the last report. */
export async function getReport(ctx: Ctx, actor: Actor, projectId: string, week: string): Promise<WeeklyReport> {
  assertMay(actor, 'dispatch.read');
  const p = await projectInReach(ctx.db, actor, projectId);
  const rules = await dispatchRules(ctx, ctx.db);
  const r = await reportRepo.findByKey(ctx.db, projectId, week);
  const prev = r ? null : await reportRepo.previous(ctx.db, projectId, week);
  return presentReport(ctx, actor, rules, p, week, r, prev);
}

async function presentReport(
  ctx: Ctx,
  actor: Actor,
  rules: DispatchRules,
  p: DispatchProject,
  week: string,
  r: ReportRow | null,
  prev: ReportRow | null,
): Promise<WeeklyReport> {
  const ytd = wanOf((await reportRepo.sumsBetween(ctx.db, [p.id], yearStartWeek(week), week)).get(p.id));
  const remaining = await remainingFor(ctx.db, p, week);
  const photos = r ? await reportRepo.photos(ctx.db, [r.id]) : [];
  const amendments = r ? await reportRepo.amendments(ctx.db, r.id) : [];
  const pace = pacingOf(p, week, ytd, rules);
  const reportable = rules.schedule.reportingStages.includes(p.stage as Stage);
  const open = weekStart(week) <= weekStart(currentWeek(ctx));
  const mayReport = actorMay(actor, 'dispatch.report') && reportable && open;
  const editable = !r || r.status === 'draft' || r.status === 'returned' || r.status === 'submitted';
  const pending = amendments.some((a) => a.status === 'pending');
  return {
    id: r?.id ?? null,
    projectId: p.id,
    projectName: p.name,
    projectStage: p.stage as WeeklyReport['projectStage'],
    regionName: p.regionName,
    responsibleUnitName: p.responsibleUnitName,
    week,
    weekLabel: weekLabel(week, 'zh'),
    status: r ? (r.status as WeeklyReport['status']) : 'none',
    timing: timingOf(rules, week, r, ctx.now()),
    deadline: reportDeadline(week, rules.schedule, rules.cal).toISOString(),
    calendarKnown: calendarCovers(weekStart(week), rules.cal),
    investedThisWeek: r?.investedThisWeek ?? '',
    visibleProgress: r?.visibleProgress ?? prev?.visibleProgress ?? '',
    workersOnSite: r ? r.workersOnSite : (prev?.workersOnSite ?? null),
    milestone: r?.milestone ?? null,
    prefilled: !r && prev !== null,
    pacing: {
      ...pace,
      investedBeforeWeek: formatWan(r && isCounted(r.status) ? ytd - wanOf(r.investedThisWeek) : ytd),
      thresholds: {
        yellowBelowPoints: rules.thresholds.yellowBelowPoints,
        redBelowPoints: rules.thresholds.redBelowPoints,
      },
      remainingInvestment: formatWan(remaining),
    },
    firstSubmittedAt: r?.firstSubmittedAt?.toISOString() ?? null,
    submittedAt: r?.submittedAt?.toISOString() ?? null,
    submittedByName: r?.submittedByName ?? null,
    returnedReason: r?.status === 'returned' ? r.returnedReason : null,
    reviewedAt: r?.reviewedAt?.toISOString() ?? null,
    reviewedByName: r?.reviewedByName ?? null,
    photos: photos.map((ph) => presentPhoto(ph)),
    amendments: amendments.map(presentAmendment),
    inspectionFlag: r?.inspectionFlag
      ? { note: r.inspectionFlag, at: r.inspectionFlaggedAt?.toISOString() ?? null }
      : null,
    version: r?.version ?? null,
    can: {
      edit: mayReport && editable,
      submit: mayReport && editable && r?.status !== 'submitted',
      review: actorMay(actor, 'dispatch.review') && r?.status === 'submitted',
      amend: mayReport && r?.status === 'accepted' && !pending,
      decideAmendment: actorMay(actor, 'dispatch.review') && pending,
      addPhoto: mayReport && r !== null && r.status !== 'accepted',
      removePhoto: mayReport && r !== null && r.status !== 'accepted',
    },
  };
}

const figuresOf = (r: ReportFigures) => ({
  investedThisWeek: r.investedThisWeek,
  visibleProgress: r.visibleProgress,
  workersOnSite: r.workersOnSite,
  milestone: r.milestone,
});
const sameFigures = (a: ReportFigures, b: ReportFigures) =>
  wanOf(a.investedThisWeek) === wanOf(b.investedThisWeek) &&
  a.visibleProgress === b.visibleProgress &&
  a.workersOnSite === b.workersOnSite &&
  (a.milestone ?? null) === (b.milestone ?? null);

/**
 * Saves the week's report (creating it on the first save) and, with `submit`, submits it. A request without a
 * version for a week that already has a report is a second report: refused — unless it carries exactly what is
 * stored (the same form sent twice), which answers with the stored report and changes nothing.
 */
export async function saveReport(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  week: string,
  input: ReportSave,
): Promise<WeeklyReport> {
  assertMay(actor, 'dispatch.report');
  assertWeekOpen(ctx, week);
  const rules = await dispatchRules(ctx, ctx.db);
  const p = await projectInReach(ctx.db, actor, projectId);
  assertReporting(rules, p);
  const now = ctx.now();
  const figures = figuresOf(input);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await reportRepo.lockProject(tx, projectId);
    const existing = await reportRepo.findByKey(tx, projectId, week);
    assertWithinRemaining(input.investedThisWeek, await remainingFor(tx, p, week), p.totalInvestment);
    if (!existing) {
      const created = await reportRepo.insert(tx, {
        projectId,
        week,
        weekStart: weekStart(week),
        ...figures,
        status: input.submit ? 'submitted' : 'draft',
        firstSubmittedAt: input.submit ? now : null,
        submittedAt: input.submit ? now : null,
        submittedByName: input.submit ? actor.displayName : null,
        createdBy: actor.userId,
        createdByName: actor.displayName,
        createdAt: now,
        updatedAt: now,
      });
      await audit({
        action: input.submit ? 'weekly_report.submit' : 'weekly_report.save',
        entityType: 'weekly_report',
        entityId: created.id,
        after: { projectId, week, status: created.status, ...figures },
      });
      return;
    }
    if (input.version === undefined) {
      const wanted = input.submit ? ['submitted'] : ['draft'];
      if (sameFigures(existing, figures) && wanted.includes(existing.status)) return;
      throw appError('CONFLICT', { params: { what: '该项目本周周报' } });
    }
    if (existing.status === 'accepted') {
      throw appError('RULE_VIOLATED', { params: { what: '周报已审核锁定,如需修改请提出更正申请' } });
    }
    if (existing.version !== input.version) throw appError('STALE_WRITE');
    const submitting = input.submit || existing.status === 'submitted';
    const updated = await reportRepo.update(tx, existing.id, existing.version, {
      ...figures,
      status: submitting ? 'submitted' : existing.status === 'returned' ? 'returned' : 'draft',
      ...(input.submit
        ? {
            firstSubmittedAt: existing.firstSubmittedAt ?? now,
            submittedAt: now,
            submittedByName: actor.displayName,
          }
        : {}),
      updatedAt: now,
    });
    if (!updated) throw appError('STALE_WRITE');
    await audit({
      action: input.submit ? 'weekly_report.submit' : 'weekly_report.save',
      entityType: 'weekly_report',
      entityId: existing.id,
      before: { status: existing.status, ...figuresOf(existing) },
      after: { status: updated.status, ...figures },
    });
  });
  const r = await reportRepo.findByKey(ctx.db, projectId, week);
  return presentReport(ctx, actor, rules, p, week, r, null);
}

/** A coordinator returns a submitted report with a reason, or accepts it (which locks it). */
export async function reviewReport(
  ctx: Ctx,
  actor: Actor,
  reportId: string,
  decision: { accept: true; version: number } | { accept: false; version: number; reason: string },
): Promise<WeeklyReport> {
  assertMay(actor, 'dispatch.review');
  const { project: p } = await reportInReach(ctx.db, actor, reportId);
  const rules = await dispatchRules(ctx, ctx.db);
  const now = ctx.now();
  const week = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const r = await reportRepo.findForUpdate(tx, reportId);
    if (!r) throw appError('NOT_FOUND');
    if (r.version !== decision.version) throw appError('STALE_WRITE');
    if (r.status !== 'submitted') {
      throw appError('RULE_VIOLATED', { params: { what: '只有已报送的周报可以审核或退回' } });
    }
    const updated = await reportRepo.update(tx, r.id, r.version, {
      status: decision.accept ? 'accepted' : 'returned',
      returnedReason: decision.accept ? null : decision.reason,
      reviewedAt: now,
      reviewedByName: actor.displayName,
      updatedAt: now,
    });
    if (!updated) throw appError('STALE_WRITE');
    if (!decision.accept && r.createdBy) {
      await notifyUsers(
        tx,
        [r.createdBy],
        {
          kind: 'report_returned',
          title: `周报被退回:${p.name}(${weekLabel(r.week, 'zh')})`,
          body: decision.reason,
          link: reportLink(p.id, r.week),
          subjectType: 'weekly_report',
          subjectId: r.id,
        },
        now,
      );
    }
    await audit({
      action: decision.accept ? 'weekly_report.accept' : 'weekly_report.return',
      entityType: 'weekly_report',
      entityId: r.id,
      before: { status: r.status },
      after: { status: updated.status, ...(decision.accept ? {} : { reason: decision.reason }) },
    });
    return r.week;
  });
  const r = await reportRepo.find(ctx.db, reportId);
  return presentReport(ctx, actor, rules, p, week, r, null);
}

const reportLink = (projectId: string, week: string) => `/dispatch/projects/${projectId}/reports/${week}`;

/**
 * The daily "周报明天截止" reminder: when this week's deadline is within 24 hours, everyone who reports for a project
 * not yet submitted hears it — its site commissioners, or else its unit's staff. Deduplicated per project and week.
 */
export async function remindDueReports(ctx: Ctx): Promise<number> {
  const rules = await dispatchRules(ctx, ctx.db);
  const now = ctx.now();
  const week = currentWeek(ctx);
  if (!dueSoon(week, now, rules.schedule, rules.cal)) return 0;
  const projects = await reportRepo.projects(ctx.db, { kind: 'all' }, '', { stages: rules.schedule.reportingStages });
  const reports = new Map(
    (
      await reportRepo.reportsOfWeek(
        ctx.db,
        projects.map((p) => p.id),
        week,
      )
    ).map((r) => [r.projectId, r]),
  );
  const waiting = projects.filter((p) => !reports.get(p.id)?.firstSubmittedAt);
  if (waiting.length === 0) return 0;
  const commissioners = await reportRepo.commissionersOf(
    ctx.db,
    waiting.map((p) => p.id),
  );
  const deadline = reportDeadline(week, rules.schedule, rules.cal);
  let sent = 0;
  await ctx.db.transaction(async (tx) => {
    for (const p of waiting) {
      const notice = {
        kind: 'report_due',
        title: `周报即将截止:${p.name}`,
        body: `${weekLabel(week, 'zh')}周报须于${businessDate(deadline)} ${rules.schedule.deadlineTime}前报送`,
        link: reportLink(p.id, week),
        subjectType: 'project',
        subjectId: p.id,
        dedupeKey: `report_due:${p.id}:${week}`,
      };
      const people = commissioners.get(p.id);
      sent += people?.length
        ? await notifyUsers(tx, people, notice, now)
        : await notifyUnit(tx, p.responsibleUnitId, ['unit_staff'], notice, now);
    }
  });
  return sent;
}

// ── amendments of an accepted report ───────────────────────────────────────────────────────────────────────
export async function requestAmendment(
  ctx: Ctx,
  actor: Actor,
  reportId: string,
  input: AmendmentRequest,
): Promise<WeeklyReport> {
  assertMay(actor, 'dispatch.report');
  const { project: p } = await reportInReach(ctx.db, actor, reportId);
  const rules = await dispatchRules(ctx, ctx.db);
  const proposed = figuresOf(input);
  const week = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await reportRepo.lockProject(tx, p.id);
    const r = await reportRepo.findForUpdate(tx, reportId);
    if (!r) throw appError('NOT_FOUND');
    if (r.version !== input.version) throw appError('STALE_WRITE');
    if (r.status !== 'accepted') {
      throw appError('RULE_VIOLATED', { params: { what: '只有已审核的周报需要更正申请,未审核的可直接修改' } });
    }
    if (await reportRepo.pendingAmendment(tx, r.id))
      throw appError('CONFLICT', { params: { what: '待审批的更正申请' } });
    if (sameFigures(r, proposed)) {
      throw appError('VALIDATION_FAILED', { fields: [{ path: 'investedThisWeek', message: '更正内容与原周报相同' }] });
    }
    assertWithinRemaining(input.investedThisWeek, await remainingFor(tx, p, r.week), p.totalInvestment);
    const a = await reportRepo.insertAmendment(tx, {
      reportId: r.id,
      reason: input.reason,
      before: figuresOf(r),
      proposed,
      requestedBy: actor.userId,
      requestedByName: actor.displayName,
      requestedAt: ctx.now(),
    });
    await audit({
      action: 'weekly_report.amendment_request',
      entityType: 'weekly_report',
      entityId: r.id,
      before: figuresOf(r),
      after: { amendment: a.id, reason: input.reason, ...proposed },
    });
    return r.week;
  });
  return presentReport(ctx, actor, rules, p, week, await reportRepo.find(ctx.db, reportId), null);
}

/** Approving an amendment writes its figures into the report; the amendment keeps the figures it replaced. */
export async function decideAmendment(
  ctx: Ctx,
  actor: Actor,
  reportId: string,
  amendmentId: string,
  d: { approve: boolean; note: string | null },
): Promise<WeeklyReport> {
  assertMay(actor, 'dispatch.review');
  const { project: p } = await reportInReach(ctx.db, actor, reportId);
  const rules = await dispatchRules(ctx, ctx.db);
  const now = ctx.now();
  const week = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const r = await reportRepo.findForUpdate(tx, reportId);
    if (!r) throw appError('NOT_FOUND');
    const pending = await reportRepo.pendingAmendment(tx, r.id);
    if (!pending || pending.id !== amendmentId) throw appError('NOT_FOUND');
    const decided = await reportRepo.decideAmendment(tx, amendmentId, {
      status: d.approve ? 'approved' : 'rejected',
      decidedByName: actor.displayName,
      decidedAt: now,
      decisionNote: d.note,
    });
    if (!decided) throw appError('STALE_WRITE');
    if (d.approve) {
      const proposed = pending.proposed as ReportFigures;
      assertWithinRemaining(proposed.investedThisWeek, await remainingFor(tx, p, r.week), p.totalInvestment);
      const updated = await reportRepo.update(tx, r.id, r.version, { ...figuresOf(proposed), updatedAt: now });
      if (!updated) throw appError('STALE_WRITE');
    }
    await audit({
      action: d.approve ? 'weekly_report.amendment_approve' : 'weekly_report.amendment_reject',
      entityType: 'weekly_report',
      entityId: r.id,
      before: figuresOf(r),
      after: d.approve
        ? { amendment: amendmentId, ...figuresOf(pending.proposed as ReportFigures) }
        : { amendment: amendmentId, note: d.note },
    });
    return r.week;
  });
  return presentReport(ctx, actor, rules, p, week, await reportRepo.find(ctx.db, reportId), null);
}

// ── photos ─────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Adds a site photo: stored with a thumbnail; its EXIF time and place are checked against the report week and the
 * project's location, and a photo already used on another report is flagged. Unverified photos are kept and shown
 * to the coordinator with the reason; nothing here refuses a real photo.
 */
export async function addPhoto(
  ctx: Ctx,
  actor: Actor,
  reportId: string,
  upload: { name: string; bytes: Buffer; caption: string | null },
) {
  assertMay(actor, 'dispatch.report');
  const { report, project: p } = await reportInReach(ctx.db, actor, reportId);
  if (report.status === 'accepted') {
    throw appError('RULE_VIOLATED', { params: { what: '周报已审核锁定,不能再添加照片' } });
  }
  const prepared = await preparePhoto(ctx.files, upload);
  const { facts, stored } = prepared;
  const earlier = await reportRepo.earlierPhoto(ctx.db, stored.sha256, report.id);
  const check = checkPhoto({
    takenAt: facts.takenAt,
    lat: facts.latitude,
    lng: facts.longitude,
    weekKey: report.week,
    project: {
      lat: p.latitude === null ? null : Number(p.latitude),
      lng: p.longitude === null ? null : Number(p.longitude),
    },
    reusedFrom: earlier ? { weekKey: earlier.week, projectName: earlier.projectName } : null,
  });
  const now = ctx.now();
  const photo = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const { file, thumbFile } = await recordPhotoFiles(tx, prepared, actor.userId, now);
    const row = await reportRepo.insertPhoto(tx, {
      reportId: report.id,
      fileId: file.id,
      thumbFileId: thumbFile.id,
      sha256: stored.sha256,
      takenAt: facts.takenAt,
      ...photoCoordinates(facts),
      verified: check.verified,
      issues: check.reasons,
      reusedFromPhotoId: earlier?.id ?? null,
      caption: upload.caption,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
      uploadedAt: now,
    });
    await audit({
      action: 'weekly_report.photo_add',
      entityType: 'weekly_report',
      entityId: report.id,
      after: {
        photo: row.id,
        sha256: stored.sha256,
        verified: check.verified,
        issues: check.reasons.map((x: { code: string }) => x.code),
      },
    });
    return row;
  });
  return presentPhoto(photo);
}

export async function removePhoto(ctx: Ctx, actor: Actor, reportId: string, photoId: string) {
  assertMay(actor, 'dispatch.report');
  const { report } = await reportInReach(ctx.db, actor, reportId);
  if (report.status === 'accepted') {
    throw appError('RULE_VIOLATED', { params: { what: '周报已审核锁定,不能删除照片' } });
  }
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const removed = await reportRepo.removePhoto(tx, reportId, photoId, ctx.now());
    if (!removed) throw appError('NOT_FOUND');
    await audit({
      action: 'weekly_report.photo_remove',
      entityType: 'weekly_report',
      entityId: reportId,
      before: { photo: photoId },
    });
  });
}

/** The bytes of a photo or its thumbnail, through the report's scope. */
export async function photoBytes(ctx: Ctx, actor: Actor, reportId: string, photoId: string, thumb: boolean) {
  assertMay(actor, 'dispatch.read');
  await reportInReach(ctx.db, actor, reportId);
  const found = await reportRepo.photo(ctx.db, reportId, photoId);
  if (!found) throw appError('NOT_FOUND');
  const sha = thumb && found.thumbSha256 ? found.thumbSha256 : found.sha256;
  const bytes = await ctx.files.get(sha);
  if (!bytes) throw appError('NOT_FOUND');
  return {
    bytes,
    mediaType: thumb && found.thumbSha256 ? 'image/jpeg' : found.mediaType,
    name: found.name,
  };
}
