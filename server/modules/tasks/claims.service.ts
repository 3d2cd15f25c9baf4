import { type CalendarData, workingDaysBetween } from '../../../domain/common/calendar.ts';
import type { ClaimStatus, TaskEventAction } from '../../../domain/tasks/model.ts';
import type {
  ClaimFilter,
  ClaimItem,
  ClaimListQuery,
  ClaimPage,
  DisputeRequest,
  ReassignRequest,
  RemindResponse,
} from '../../../domain/tasks/plans-contracts.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import { notifyUnit, notifyUsers } from '../notifications/index.ts';
import { type ClaimFilterSql, claimRepo, planRepo } from './plans.repository.ts';
import { claimDueOnOf, claimsLink, clip, TASK_HANDLER_ROLES, taskLink, tellNewLead, todayOf } from './plans.service.ts';
import { seesAllTasks } from './task-scope.ts';
import { taskReach } from './tasks.repository.ts';

/**
 * 认领: each lead unit confirms its new tasks within the plan's working days, or disputes one with a reason; the
 * 督查室 resolves a dispute by reassigning the task to another unit, which must claim it in turn. Only the lead unit
 * claims or disputes (a partner is refused; another unit's task is not found). Unclaimed tasks are listed and
 * reminded — by hand (催认领) and every morning for those past their claim date.
 */

const STATUSES: Record<ClaimFilter, readonly ClaimStatus[]> = {
  open: ['pending', 'disputed'],
  pending: ['pending'],
  disputed: ['disputed'],
  claimed: ['claimed'],
  all: ['pending', 'disputed', 'claimed'],
};

type ListRow = Awaited<ReturnType<typeof claimRepo.list>>[number];

async function present(
  conn: Conn,
  actor: Actor,
  rows: readonly ListRow[],
  today: string,
  cal: CalendarData,
): Promise<ClaimItem[]> {
  const ids = rows.map((r) => r.t.id);
  const partners = await planRepo.partnersOf(conn, ids);
  const leaders = await planRepo.leadersOf(conn, ids);
  const answer = actorMay(actor, 'task.answer');
  const manage = actorMay(actor, 'task.manage');
  return rows.map(({ t, planTitle, sectionTitle, leadUnitName }) => {
    const status = t.claimStatus as ClaimStatus;
    const overdue = status === 'pending' && t.claimDueOn < today;
    const lead = answer && actor.unitId === t.leadUnitId && t.doneAt === null;
    return {
      id: t.id,
      planId: t.planId,
      planTitle,
      number: t.number,
      content: t.content,
      sectionTitle,
      leadUnit: { id: t.leadUnitId, name: leadUnitName },
      partnerNames: partners.filter((p) => p.taskId === t.id).map((p) => p.name),
      leaderNames: leaders.filter((l) => l.taskId === t.id).map((l) => l.name),
      deadlineText: t.deadlineText,
      claimStatus: status,
      claimDueOn: t.claimDueOn,
      claimOverdue: overdue,
      claimOverdueDays: overdue ? workingDaysBetween(t.claimDueOn, today, cal) : 0,
      claimedAt: t.claimedAt?.toISOString() ?? null,
      claimedByName: t.claimedByName,
      disputeReason: t.disputeReason,
      version: t.version,
      can: {
        claim: lead && status !== 'claimed',
        dispute: lead && status === 'pending',
        reassign: manage && status !== 'claimed' && t.doneAt === null,
      },
    };
  });
}

/** A unit sees the tasks it leads; the city-wide roles see every unit's, optionally one unit's. */
function filterOf(actor: Actor, q: Pick<ClaimListQuery, 'planId' | 'unitId' | 'q'>, statuses: readonly string[]) {
  const f: ClaimFilterSql = { statuses, planId: q.planId, q: q.q };
  if (!seesAllTasks(actor)) f.leadUnitId = actor.unitId;
  else if (q.unitId) f.leadUnitId = q.unitId;
  return f;
}

export async function listClaims(ctx: Ctx, actor: Actor, q: ClaimListQuery): Promise<ClaimPage> {
  assertMay(actor, 'task.read');
  const reach = taskReach(actor);
  const today = todayOf(ctx);
  const cal = await officialCalendar(ctx, ctx.db);
  const rows = await claimRepo.list(ctx.db, reach, filterOf(actor, q, STATUSES[q.status]));
  const open = q.status === 'open' ? rows : await claimRepo.list(ctx.db, reach, filterOf(actor, q, STATUSES.open));
  const from = (q.page - 1) * q.pageSize;
  return {
    items: await present(ctx.db, actor, rows.slice(from, from + q.pageSize), today, cal),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
    counts: {
      pending: open.filter((r) => r.t.claimStatus === 'pending').length,
      disputed: open.filter((r) => r.t.claimStatus === 'disputed').length,
      overdue: open.filter((r) => r.t.claimStatus === 'pending' && r.t.claimDueOn < today).length,
    },
    can: { remind: actorMay(actor, 'task.manage'), reassign: actorMay(actor, 'task.manage') },
  };
}

async function oneClaim(ctx: Ctx, actor: Actor, id: string): Promise<ClaimItem> {
  const rows = await claimRepo.list(ctx.db, taskReach(actor), { id, statuses: STATUSES.all });
  if (!rows[0]) throw appError('NOT_FOUND');
  return (await present(ctx.db, actor, rows, todayOf(ctx), await officialCalendar(ctx, ctx.db)))[0]!;
}

/** The task in the caller's reach, and that the caller is its lead unit (a partner may not claim or dispute). */
async function asLead(ctx: Ctx, actor: Actor, id: string) {
  assertMay(actor, 'task.answer');
  const found = await planRepo.findTask(ctx.db, taskReach(actor), id);
  if (!found) throw appError('NOT_FOUND');
  if (found.t.leadUnitId !== actor.unitId) throw appError('FORBIDDEN');
  return found;
}

const event = (actor: Actor, taskId: string, action: TaskEventAction, note: string | null, at: Date) => ({
  taskId,
  action,
  note,
  byUserId: actor.userId,
  byName: actor.displayName,
  byUnitName: actor.unitName,
  at,
});

/** 认领: the lead unit confirms the task (a disputed one too: it withdraws its dispute). */
export async function claimTask(ctx: Ctx, actor: Actor, id: string, input: { version: number }): Promise<ClaimItem> {
  await asLead(ctx, actor, id);
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await planRepo.lockTask(tx, id);
    if (!t || t.leadUnitId !== actor.unitId) throw appError('NOT_FOUND');
    if (t.version !== input.version) throw appError('STALE_WRITE');
    if (t.claimStatus === 'claimed') throw appError('RULE_VIOLATED', { params: { what: '该任务已认领' } });
    if (t.doneAt !== null) throw appError('RULE_VIOLATED', { params: { what: '该任务已销号' } });
    const updated = await planRepo.updateTask(tx, id, t.version, {
      claimStatus: 'claimed',
      claimedAt: now,
      claimedByName: actor.displayName,
      disputeReason: null,
      updatedAt: now,
    });
    if (!updated) throw appError('STALE_WRITE');
    const withdrawn = t.claimStatus === 'disputed' ? `（撤回异议：${t.disputeReason ?? ''}）` : '';
    await planRepo.addEvents(tx, [event(actor, id, 'claimed', withdrawn || null, now)]);
    await audit({
      action: 'task.claim',
      entityType: 'task',
      entityId: id,
      before: { claimStatus: t.claimStatus },
      after: { claimStatus: 'claimed', claimedByName: actor.displayName },
    });
  });
  return oneClaim(ctx, actor, id);
}

/** 提出异议: the lead unit says the task is not its own, with a reason; the 督查室 hears of it. */
export async function disputeTask(ctx: Ctx, actor: Actor, id: string, input: DisputeRequest): Promise<ClaimItem> {
  const found = await asLead(ctx, actor, id);
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await planRepo.lockTask(tx, id);
    if (!t || t.leadUnitId !== actor.unitId) throw appError('NOT_FOUND');
    if (t.version !== input.version) throw appError('STALE_WRITE');
    if (t.claimStatus !== 'pending') {
      throw appError('RULE_VIOLATED', {
        params: {
          what: t.claimStatus === 'claimed' ? '已认领的任务不能再提出异议' : '该任务已提出异议，等待督查室处理',
        },
      });
    }
    const updated = await planRepo.updateTask(tx, id, t.version, {
      claimStatus: 'disputed',
      disputeReason: input.reason,
      updatedAt: now,
    });
    if (!updated) throw appError('STALE_WRITE');
    await planRepo.addEvents(tx, [event(actor, id, 'disputed', input.reason, now)]);
    await audit({
      action: 'task.dispute',
      entityType: 'task',
      entityId: id,
      before: { claimStatus: t.claimStatus },
      after: { claimStatus: 'disputed' },
      reason: input.reason,
    });
    await notifyUsers(
      tx,
      await planRepo.activeUsersWithRole(tx, 'supervisor'),
      {
        kind: 'task_dispute',
        title: `${actor.unitName}对任务提出异议`,
        body: `${found.plan.title} ${t.number}：${clip(t.content)}——${input.reason}`,
        link: `${claimsLink}?status=disputed`,
        subjectType: 'task',
        subjectId: id,
      },
      now,
    );
  });
  return oneClaim(ctx, actor, id);
}

/** 改派: the 督查室 moves a pending or disputed task to another unit, which must claim it in turn. */
export async function reassignTask(ctx: Ctx, actor: Actor, id: string, input: ReassignRequest): Promise<ClaimItem> {
  assertMay(actor, 'task.manage');
  const found = await planRepo.findTask(ctx.db, taskReach(actor), id);
  if (!found) throw appError('NOT_FOUND');
  const units = await planRepo.directoryUnits(ctx.db, actor.directory);
  const target = units.find((u) => u.id === input.leadUnitId);
  if (!target) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'leadUnitId', message: '单位不存在或不在本市' }] });
  }
  const cal = await officialCalendar(ctx, ctx.db);
  const now = ctx.now();
  const today = todayOf(ctx);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await planRepo.lockTask(tx, id);
    if (!t) throw appError('NOT_FOUND');
    if (t.version !== input.version) throw appError('STALE_WRITE');
    if (t.claimStatus === 'claimed') {
      throw appError('RULE_VIOLATED', { params: { what: '任务已认领，如需调整牵头单位请修改任务' } });
    }
    if (t.doneAt !== null) throw appError('RULE_VIOLATED', { params: { what: '该任务已销号' } });
    if (t.leadUnitId === target.id) {
      throw appError('VALIDATION_FAILED', { fields: [{ path: 'leadUnitId', message: '请选择另一个单位' }] });
    }
    const from = units.find((u) => u.id === t.leadUnitId)?.name ?? found.leadUnitName;
    const updated = await planRepo.updateTask(tx, id, t.version, {
      leadUnitId: target.id,
      claimStatus: 'pending',
      claimDueOn: claimDueOnOf(today, found.plan, cal),
      claimedAt: null,
      claimedByName: null,
      disputeReason: null,
      updatedAt: now,
    });
    if (!updated) throw appError('STALE_WRITE');
    // the new lead is no longer a partner of the task
    const partners = (await planRepo.partnersOf(tx, [id])).map((p) => p.id);
    if (partners.includes(target.id))
      await planRepo.setPartners(
        tx,
        id,
        partners.filter((p) => p !== target.id),
      );
    const note = `由${from}改派至${target.name}${t.disputeReason ? `（异议：${t.disputeReason}）` : ''}${input.note ? `：${input.note}` : ''}`;
    await planRepo.addEvents(tx, [event(actor, id, 'reassigned', note, now)]);
    await audit({
      action: 'task.reassign',
      entityType: 'task',
      entityId: id,
      before: { leadUnitId: t.leadUnitId, claimStatus: t.claimStatus, disputeReason: t.disputeReason },
      after: { leadUnitId: target.id, claimStatus: 'pending', claimDueOn: updated.claimDueOn },
      reason: input.note,
    });
    await tellNewLead(tx, updated, found.plan, now);
    // the unit that disputed hears the outcome
    await notifyUnit(
      tx,
      t.leadUnitId,
      TASK_HANDLER_ROLES,
      {
        kind: 'task_reassigned',
        title: '任务已改派',
        body: `${found.plan.title} ${t.number}：${clip(t.content)}——${note}`,
        link: taskLink(id),
        subjectType: 'task',
        subjectId: id,
      },
      now,
    );
  });
  return oneClaim(ctx, actor, id);
}

/**
 * 催认领: every unit with unclaimed tasks (of one plan, or all) gets one notice; a unit reminded today is not
 * reminded again (dedupe per unit and day).
 */
export async function remindUnclaimed(
  ctx: Ctx,
  actor: Actor,
  input: { planId?: string | null },
): Promise<RemindResponse> {
  assertMay(actor, 'task.manage');
  if (input.planId && !(await planRepo.find(ctx.db, taskReach(actor), true, input.planId, todayOf(ctx)))) {
    throw appError('NOT_FOUND');
  }
  const f = { planId: input.planId ?? null };
  const today = todayOf(ctx);
  const pending = await claimRepo.pendingByUnit(ctx.db, f);
  if (pending.length === 0) return { units: 0, tasks: 0, notified: 0 };
  const now = ctx.now();
  let notified = 0;
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    for (const p of pending) {
      const overdue = p.firstDue < today;
      notified += await notifyUnit(
        tx,
        p.unitId,
        TASK_HANDLER_ROLES,
        {
          kind: 'task_claim_reminder',
          title: overdue ? `有${p.tasks}项重点任务逾期未认领` : `有${p.tasks}项重点任务待认领`,
          body: overdue
            ? `认领时限已过（最早${p.firstDue}），请尽快认领或提出异议`
            : `请于${p.firstDue}前认领或提出异议`,
          link: claimsLink,
          subjectType: 'unit',
          subjectId: p.unitId,
          dedupeKey: `task_claim_manual:${p.unitId}:${today}`,
        },
        now,
      );
    }
    if (notified > 0) {
      await audit({
        action: 'task.claim_remind',
        entityType: 'assignment_plan',
        entityId: f.planId ?? null,
        after: { units: pending.length, tasks: pending.reduce((s, p) => s + p.tasks, 0), notified },
      });
    }
  });
  return { units: pending.length, tasks: pending.reduce((s, p) => s + p.tasks, 0), notified };
}
