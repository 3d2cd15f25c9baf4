import { businessDate } from '../../../domain/common/business-date.ts';
import { cycleDueOn, cycleLabel, type PlanCycle } from '../../../domain/tasks/cycles.ts';
import {
  cycleRefusal,
  doneDecisionRefusal,
  doneRequestRefusal,
  feedbackEditRefusal,
  partEditRefusal,
} from '../../../domain/tasks/feedback.ts';
import type { FeedbackCycle as FeedbackCycleKind, FeedbackStatus } from '../../../domain/tasks/model.ts';
import type {
  FeedbackCycle,
  TaskDetail,
  TaskLedgerQuery,
  TaskListQuery,
  TaskPage,
} from '../../../domain/tasks/tasks-contracts.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { entityHistory } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import { type FeedbackRow, feedbackRepo, type PartRow, type TaskFileRow } from './feedback.repository.ts';
import { taskRoleOf } from './task-scope.ts';
import { loadTaskViews, owesFrom, type TaskView } from './tasks.facts.ts';
import { presentFeedback, presentFile, presentListItem, presentPart } from './tasks.presenter.ts';
import { taskReach, taskRepo } from './tasks.repository.ts';

/** The tasks of the list's filters in the caller's reach, with the computed status (the list and the ledger). */
export async function tasksOfFilter(ctx: Ctx, actor: Actor, q: TaskLedgerQuery, today: string) {
  const views = await loadTaskViews(
    ctx,
    ctx.db,
    actor,
    {
      ...(q.planId ? { planId: q.planId } : {}),
      ...(q.sectionId ? { sectionId: q.sectionId } : {}),
      ...(q.unitId ? { unitId: q.unitId } : {}),
      ...(q.leaderId ? { leaderId: q.leaderId } : {}),
      ...(q.claim ? { claim: q.claim } : {}),
      ...(q.q ? { q: q.q } : {}),
    },
    today,
  );
  // status is computed, not stored: it can only be filtered after computing, so the page is cut afterwards
  const shown = q.status ? views.filter((v) => v.status === q.status) : views;
  return { views, shown };
}

export async function listTasks(ctx: Ctx, actor: Actor, q: TaskListQuery): Promise<TaskPage> {
  assertMay(actor, 'task.read');
  const today = businessDate(ctx.now());
  const { views, shown } = await tasksOfFilter(ctx, actor, q, today);
  const counts = { all: views.length, done: 0, overdue: 0, red: 0, yellow: 0, green: 0 };
  for (const v of views) counts[v.status]++;
  const from = (q.page - 1) * q.pageSize;
  return {
    items: shown.slice(from, from + q.pageSize).map((v) => presentListItem(actor, v)),
    total: shown.length,
    page: q.page,
    pageSize: q.pageSize,
    counts,
    today,
    can: { manage: actorMay(actor, 'task.manage'), exportLedger: true },
  };
}

/** The task as the caller reaches it, with everything computed; another unit's task is NOT_FOUND. */
export async function taskViewInReach(ctx: Ctx, actor: Actor, id: string): Promise<TaskView> {
  const [v] = await loadTaskViews(ctx, ctx.db, actor, { ids: [id] }, businessDate(ctx.now()));
  if (!v) throw appError('NOT_FOUND');
  return v;
}

const planCycleOf = (v: TaskView): PlanCycle => ({
  feedbackCycle: v.row.feedbackCycle as FeedbackCycleKind,
  feedbackDueDay: v.row.feedbackDueDay,
});

export async function getTaskDetail(ctx: Ctx, actor: Actor, id: string): Promise<TaskDetail> {
  assertMay(actor, 'task.read');
  const today = businessDate(ctx.now());
  const v = await taskViewInReach(ctx, actor, id);
  const cal = await officialCalendar(ctx, ctx.db);
  const plan = planCycleOf(v);
  const feedback = await feedbackRepo.ofTask(ctx.db, id);
  const parts = await feedbackRepo.partsOfTask(ctx.db, id);
  const fbFiles = await feedbackRepo.files(
    ctx.db,
    'feedback',
    feedback.map((f) => f.id),
  );
  const partFiles = await feedbackRepo.files(
    ctx.db,
    'feedback_part',
    parts.map((p) => p.id),
  );
  const doneFiles = await feedbackRepo.files(ctx.db, 'done_request', [id]);
  const events = await taskRepo.events(ctx.db, id);

  const filesOf = (list: TaskFileRow[], ownerId: string) => list.filter((f) => f.ownerId === ownerId);
  const byCycle = new Map<string, { feedback: FeedbackRow | null; parts: PartRow[] }>();
  const slot = (cycle: string) => {
    let s = byCycle.get(cycle);
    if (!s) {
      s = { feedback: null, parts: [] };
      byCycle.set(cycle, s);
    }
    return s;
  };
  slot(v.currentCycle.key);
  for (const f of feedback) slot(f.cycle).feedback = f;
  for (const p of parts) slot(p.cycle).parts.push(p);
  const cycles: FeedbackCycle[] = [...byCycle.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([cycle, s]) => ({
      cycle,
      cycleLabel: cycleLabel(cycle, actor.lang),
      dueOn: s.feedback?.dueOn ?? cycleDueOn(cycle, plan, cal),
      feedback: s.feedback ? presentFeedback(actor, s.feedback, filesOf(fbFiles, s.feedback.id)) : null,
      parts: s.parts.map((p) => presentPart(p, filesOf(partFiles, p.id))),
    }));

  const role = taskRoleOf(actor, v.row, v.partnerUnitIds);
  const lead = role === 'lead' && actorMay(actor, 'task.answer');
  const partner = role === 'partner' && actorMay(actor, 'task.answer');
  const manage = actorMay(actor, 'task.manage');
  const notDone = v.row.doneAt === null;
  const openKey = v.openCycle.key;
  const from = owesFrom(v.row);
  // the cycles the lead may write: the current one, and any draft or returned one still writable
  const writable = new Map<string, string>();
  if (lead && notDone) {
    const status = (c: string) => (byCycle.get(c)?.feedback?.status as FeedbackStatus | undefined) ?? null;
    if (!feedbackEditRefusal(status(v.currentCycle.key))) writable.set(v.currentCycle.key, v.currentCycle.dueOn);
    for (const f of feedback) {
      if ((f.status === 'draft' || f.status === 'returned') && !cycleRefusal(f.cycle, plan, from, openKey)) {
        writable.set(f.cycle, f.dueOn);
      }
    }
  }
  const current = byCycle.get(v.currentCycle.key)?.feedback ?? null;
  const currentStatus = (current?.status as FeedbackStatus | undefined) ?? null;
  const t = v.row;
  return {
    ...presentListItem(actor, v),
    today,
    planYear: t.planYear,
    feedbackCycle: t.feedbackCycle,
    sectionLabel: t.sectionLabel,
    partners: v.partnerUnitIds.map((pid, i) => ({ id: pid, name: v.partnerNames[i] ?? '' })),
    leaders: v.leaders,
    deadlineKind: t.deadlineKind,
    startsOn: t.startsOn,
    targetValue: t.targetValue === null ? null : trim(t.targetValue),
    targetUnit: t.targetUnit,
    tags: t.tags,
    milestones: v.milestones.map((m) => ({ ...m, overdue: m.doneOn === null && today > m.dueOn })),
    claimDueOn: t.claimDueOn,
    claimedAt: t.claimedAt?.toISOString() ?? null,
    claimedByName: t.claimedByName,
    disputeReason: t.disputeReason,
    doneRequestedAt: t.doneRequestedAt?.toISOString() ?? null,
    doneRequestNote: t.doneRequestNote,
    doneRequestedByName: t.doneRequestedByName,
    doneAt: t.doneAt?.toISOString() ?? null,
    doneConfirmedByName: t.doneConfirmedByName,
    doneRefusedReason: t.doneRefusedReason,
    doneFiles: doneFiles.map((f) => presentFile(id, f)),
    cyclesDue: v.cyclesDue,
    cyclesOnTime: v.cyclesOnTime,
    overdueWorkingDays: v.overdueWorkingDays,
    missedCycle: v.missedCycle,
    writableCycles: [...writable.entries()]
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([cycle, dueOn]) => ({ cycle, cycleLabel: cycleLabel(cycle, actor.lang), dueOn })),
    cycles,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      note: e.note,
      byName: e.byName,
      byUnitName: e.byUnitName,
      at: e.at.toISOString(),
    })),
    version: t.version,
    can: {
      writeFeedback: writable.size > 0,
      writePart: partner && notDone && partEditRefusal(currentStatus) === null,
      submit: lead && notDone && (currentStatus === 'draft' || currentStatus === 'returned'),
      review: manage && feedback.some((f) => f.status === 'submitted'),
      requestDone: lead && doneRequestRefusal(t) === null,
      confirmDone: manage && doneDecisionRefusal(t) === null,
      rate: manage && notDone,
      claim: lead && t.claimStatus === 'pending',
      edit: manage,
    },
  };
}

const trim = (v: string) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v);

/** The bytes of an evidence file of a task in reach. */
export async function taskFile(ctx: Ctx, actor: Actor, taskId: string, fileId: string) {
  assertMay(actor, 'task.read');
  const t = await taskRepo.find(ctx.db, taskReach(actor), taskId);
  if (!t) throw appError('NOT_FOUND');
  const f = await feedbackRepo.file(ctx.db, fileId);
  if (!f || !(await fileBelongsTo(ctx, f, taskId))) throw appError('NOT_FOUND');
  const bytes = await ctx.files.get(f.sha256);
  if (!bytes) throw appError('NOT_FOUND');
  return { file: f, bytes };
}

/** Whether a file's owner (the task's done request, one of its feedback rows or parts) is this task. */
export async function fileBelongsTo(ctx: Ctx, f: TaskFileRow, taskId: string): Promise<boolean> {
  if (f.ownerType === 'done_request') return f.ownerId === taskId;
  if (f.ownerType === 'feedback') {
    return (await feedbackRepo.ofTask(ctx.db, taskId)).some((x) => x.id === f.ownerId);
  }
  if (f.ownerType === 'feedback_part') {
    return (await feedbackRepo.partsOfTask(ctx.db, taskId)).some((x) => x.id === f.ownerId);
  }
  return false;
}

/** The audit records of a task in reach (变更历史: every step with what it changed). */
export async function taskHistory(ctx: Ctx, actor: Actor, id: string) {
  assertMay(actor, 'task.read');
  const t = await taskRepo.find(ctx.db, taskReach(actor), id);
  if (!t) throw appError('NOT_FOUND');
  return entityHistory(ctx.db, 'task', id);
}

/** The plans, sections, lead units and leaders the list's filters offer (those of the tasks in reach). */
export async function taskFilterOptions(ctx: Ctx, actor: Actor) {
  assertMay(actor, 'task.read');
  return taskRepo.filterOptions(ctx.db, taskReach(actor));
}
