import { businessDate } from '../../../domain/common/business-date.ts';
import type { CalendarData } from '../../../domain/common/calendar.ts';
import { type DueCycle, dueCycles, lastDueCycle, openCycle, type PlanCycle } from '../../../domain/tasks/cycles.ts';
import type {
  ClaimStatus,
  Confidence,
  FeedbackCycle,
  FeedbackStatus,
  TaskStatus,
} from '../../../domain/tasks/model.ts';
import type { TaskRules } from '../../../domain/tasks/rules.ts';
import { computeStatus, type StatusReason } from '../../../domain/tasks/status.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import {
  EVERY_TASK,
  type FeedbackBrief,
  type TaskBase,
  type TaskFilter,
  taskReach,
  taskRepo,
} from './tasks.repository.ts';
import { taskRules } from './tasks.settings.ts';

/** What other modules (the supervisor's board, escalation, reminders) read of a task: computed, never stored. */
export type TaskFact = {
  id: string;
  planId: string;
  number: string;
  content: string;
  sectionTitle: string | null;
  leadUnitId: string;
  leadUnitName: string;
  partnerUnitIds: string[];
  leaderIds: string[];
  leaderNames: string[];
  deadlineText: string;
  deadlineOn: string | null;
  claimStatus: ClaimStatus;
  status: TaskStatus;
  reasons: StatusReason[];
  /** latest submitted/accepted feedback */
  completionPct: number | null;
  /** date of the last accepted feedback (data freshness) */
  lastAcceptedOn: string | null;
  /** this year's feedback cycles already due, and those first submitted by their due date */
  cyclesDue: number;
  cyclesOnTime: number;
  /** working days past the deadline (null unless status overdue) */
  overdueWorkingDays: number | null;
  /** the last due cycle if it has no submitted feedback (the 'red' reason), e.g. "2026-10" */
  missedCycle: string | null;
};

/** A task as the list, the detail and the ledger show it: the fact plus the words around it. */
export type TaskView = TaskFact & {
  row: TaskBase;
  partnerNames: string[];
  leaders: { id: string; name: string; title: string }[];
  milestones: { id: string; title: string; dueOn: string; doneOn: string | null }[];
  /** the unit's own confidence on its latest submitted/accepted feedback */
  unitConfidence: Confidence | null;
  supervisorRating: Confidence | null;
  /** both ratings given and different */
  ratingsDivergent: boolean;
  expectedPct: number | null;
  /** the cycle the lead unit writes now: a missed one first, else the open one */
  currentCycle: DueCycle;
  /** the first cycle whose due date is today or later */
  openCycle: DueCycle;
  currentFeedbackStatus: FeedbackStatus | null;
};

const planCycleOf = (t: TaskBase): PlanCycle => ({
  feedbackCycle: t.feedbackCycle as FeedbackCycle,
  feedbackDueDay: t.feedbackDueDay,
});

/** The first day a task owes feedback: its start or its creation, whichever is later. */
export const owesFrom = (t: Pick<TaskBase, 'startsOn' | 'createdAt'>): string =>
  laterDate(businessDate(t.createdAt), t.startsOn);

/** The later of two ISO dates (text order is time order). */
const laterDate = (a: string, b: string): string => [a, b].sort()[1]!;

const asConfidence = (v: string | null | undefined): Confidence | null =>
  v === 'on_track' || v === 'at_risk' || v === 'off_track' ? v : null;

/**
 * Loads the tasks in reach matching the filter and computes everything: status with reasons, freshness, on-time
 * cycles, ratings. `actor` null = the system (every task).
 */
export async function loadTaskViews(
  ctx: Ctx,
  conn: Conn,
  actor: Pick<Actor, 'roles' | 'unitId'> | null,
  filter: TaskFilter,
  today: string,
  pre?: { rules?: TaskRules; cal?: CalendarData },
): Promise<TaskView[]> {
  const reach = actor ? taskReach(actor) : EVERY_TASK;
  const rules = pre?.rules ?? (await taskRules(ctx, conn));
  const cal = pre?.cal ?? (await officialCalendar(ctx, conn));
  const rows = await taskRepo.list(conn, reach, filter);
  if (rows.length === 0) return [];
  const year = today.slice(0, 4);
  // the last due cycle may be last year's December (or Q4, or a week of December)
  const feedbackFrom = `${Number(year) - 1}-10-01`;
  const rel = await taskRepo.related(conn, reach, filter, feedbackFrom);

  const group = <T extends { taskId: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) {
      const arr = m.get(x.taskId);
      if (arr) arr.push(x);
      else m.set(x.taskId, [x]);
    }
    return m;
  };
  const partners = group(rel.partners);
  const leaders = group(rel.leaders);
  const milestones = group(rel.milestones);
  const feedback = group(rel.feedback);
  const latest = new Map(rel.latest.map((x) => [x.taskId, x]));
  const accepted = new Map(rel.accepted.map((x) => [x.taskId, x.at]));

  // the cycles depend only on the plan, the day a task starts owing and today: computed once per plan and day
  // (tasks imported together share them), not once per task — the calendar walk is most of the CPU otherwise
  const perPlan = new Map<string, { open: DueCycle; yearStart: string }>();
  const memo = <T>(m: Map<string, T>, key: string, make: () => T): T => {
    let v = m.get(key);
    if (v === undefined) {
      v = make();
      m.set(key, v);
    }
    return v;
  };
  const lastDue = new Map<string, DueCycle | null>();
  const dueThisYear = new Map<string, DueCycle[]>();

  return rows.map((t) => {
    const plan = planCycleOf(t);
    let p = perPlan.get(t.planId);
    if (!p) {
      p = { open: openCycle(plan, today, cal), yearStart: `${year}-01-01` };
      perPlan.set(t.planId, p);
    }
    const from = owesFrom(t);
    const fb = feedback.get(t.id) ?? [];
    const byCycle = new Map<string, FeedbackBrief>(fb.map((f) => [f.cycle, f]));
    const last = memo(lastDue, `${t.planId}|${from}`, () => lastDueCycle(plan, from, today, cal));
    const lastFb = last ? (byCycle.get(last.key) ?? null) : null;
    const lt = latest.get(t.id) ?? null;
    const ms = (milestones.get(t.id) ?? []).map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.dueOn,
      doneOn: m.doneOn,
    }));
    const doneOn = t.doneAt ? businessDate(t.doneAt) : null;
    const st = computeStatus({
      today,
      doneOn,
      deadlineKind: t.deadlineKind,
      deadlineOn: t.deadlineOn,
      startsOn: t.startsOn,
      milestones: ms,
      lastDueCycle: last,
      lastDueFeedback: (lastFb?.status as FeedbackStatus | undefined) ?? null,
      completionPct: lt?.completionPct ?? null,
      rules,
      cal,
    });
    // this year's cycles already due, and those first submitted by their due date
    const yearFrom = laterDate(from, p.yearStart);
    const due = doneOn ? [] : memo(dueThisYear, `${t.planId}|${yearFrom}`, () => dueCycles(plan, yearFrom, today, cal));
    let onTime = 0;
    for (const c of due) {
      const f = byCycle.get(c.key);
      if (f?.firstSubmittedOn && f.firstSubmittedOn <= c.dueOn) onTime++;
    }
    const current = st.missedCycle && last ? last : p.open;
    const acceptedAt = accepted.get(t.id) ?? null;
    const unitConfidence = asConfidence(lt?.confidence);
    const supervisorRating = asConfidence(t.supervisorRating);
    const ps = partners.get(t.id) ?? [];
    const ls = leaders.get(t.id) ?? [];
    return {
      id: t.id,
      planId: t.planId,
      number: t.number,
      content: t.content,
      sectionTitle: t.sectionTitle,
      leadUnitId: t.leadUnitId,
      leadUnitName: t.leadUnitName,
      partnerUnitIds: ps.map((x) => x.unitId),
      leaderIds: ls.map((x) => x.leaderId),
      leaderNames: ls.map((x) => x.name),
      deadlineText: t.deadlineText,
      deadlineOn: t.deadlineOn,
      claimStatus: t.claimStatus as ClaimStatus,
      status: st.status,
      reasons: st.reasons,
      completionPct: lt?.completionPct ?? null,
      lastAcceptedOn: acceptedAt ? businessDate(new Date(acceptedAt)) : null,
      cyclesDue: due.length,
      cyclesOnTime: onTime,
      overdueWorkingDays: st.status === 'overdue' ? st.overdueWorkingDays : null,
      missedCycle: st.missedCycle,
      row: t,
      partnerNames: ps.map((x) => x.unitName),
      leaders: ls.map((x) => ({ id: x.leaderId, name: x.name, title: x.title })),
      milestones: ms,
      unitConfidence,
      supervisorRating,
      ratingsDivergent: unitConfidence !== null && supervisorRating !== null && unitConfidence !== supervisorRating,
      expectedPct: st.expectedPct,
      currentCycle: current,
      openCycle: p.open,
      currentFeedbackStatus: (byCycle.get(current.key)?.status as FeedbackStatus | undefined) ?? null,
    };
  });
}

/** The facts other modules read (contract: /tmp/notes/contracts.md). `actor` null = the system (all tasks). */
export async function listTaskFacts(
  ctx: Ctx,
  conn: Conn,
  actor: Actor | null,
  filter: { planId?: string; unitId?: string; leaderId?: string; ids?: string[] },
  today: string,
): Promise<TaskFact[]> {
  const views = await loadTaskViews(ctx, conn, actor, filter, today);
  return views.map(toFact);
}

export const toFact = (v: TaskView): TaskFact => ({
  id: v.id,
  planId: v.planId,
  number: v.number,
  content: v.content,
  sectionTitle: v.sectionTitle,
  leadUnitId: v.leadUnitId,
  leadUnitName: v.leadUnitName,
  partnerUnitIds: v.partnerUnitIds,
  leaderIds: v.leaderIds,
  leaderNames: v.leaderNames,
  deadlineText: v.deadlineText,
  deadlineOn: v.deadlineOn,
  claimStatus: v.claimStatus,
  status: v.status,
  reasons: v.reasons,
  completionPct: v.completionPct,
  lastAcceptedOn: v.lastAcceptedOn,
  cyclesDue: v.cyclesDue,
  cyclesOnTime: v.cyclesOnTime,
  overdueWorkingDays: v.overdueWorkingDays,
  missedCycle: v.missedCycle,
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The task as something supervisable; null if not found or out of the actor's reach. */
export async function findTaskRef(
  conn: Conn,
  actor: Actor | null,
  id: string,
): Promise<{ id: string; label: string; unitId: string; partnerUnitIds: string[]; link: string } | null> {
  const reach = actor ? taskReach(actor) : EVERY_TASK;
  if (!UUID_RE.test(id)) return null;
  const t = await taskRepo.find(conn, reach, id);
  if (!t) return null;
  const partnerUnitIds = await taskRepo.partnerUnitIds(conn, id);
  const content = t.content.length > 40 ? `${t.content.slice(0, 40)}…` : t.content;
  return {
    id: t.id,
    label: `${t.planTitle} ${t.number} ${content}`,
    unitId: t.leadUnitId,
    partnerUnitIds,
    link: `/tasks/t/${t.id}`,
  };
}
