import { businessDate } from '../../../domain/common/business-date.ts';
import {
  ESCALATION_LABELS,
  escalationLevelFor,
  ITEM_ACTION_BY,
  ITEM_ACTION_LABELS,
  ITEM_CATEGORY_LABELS,
  ITEM_OPEN_STATUSES,
  type ItemStatus,
  itemActions,
  itemDueDate,
  itemNext,
  itemOverdueDays,
  NOTE_REQUIRED,
} from '../../../domain/dispatch/items.ts';
import type {
  CoordinationItem,
  CoordinationItemDetail,
  ItemActionRequest,
  ItemCreate,
  ItemListQuery,
} from '../../../domain/dispatch/items-contracts.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { notifyUnit, notifyUsers } from '../notifications/index.ts';
import { findUnitInDirectory } from '../org/index.ts';
import { type DispatchRules, dispatchRules } from './dispatch.settings.ts';
import { type ItemRow, type ItemView, itemReach, itemRepo } from './items.repository.ts';
import { reportRepo } from './reports.repository.ts';

/**
 * 协调事项: raised from a report or on its own, signed for and answered by the unit asked to solve it, closed out
 * (销号) by the raiser. The deadline is working days of the official calendar; lateness and the escalation level are
 * computed from it, and the daily sweep records each escalation as an event and tells the people concerned.
 */

/** The history's word for each action. */
const EVENT_OF = {
  accept: 'accepted',
  respond: 'responded',
  resolve: 'resolved',
  close_out: 'closed_out',
  reopen: 'reopened',
} as const;

const reachOf = (actor: Actor) => itemReach(actor.scope, actor.userId, actor.unitId);

/** The unit's staff who handle items: those who may report or coordinate. */
const HANDLER_ROLES = ['unit_staff', 'coordinator'] as const;

function partyOf(actor: Actor, i: ItemRow) {
  const admin = actor.roles.includes('admin');
  return {
    unit: admin || (actorMay(actor, 'dispatch.report') && actor.unitId === i.assignedUnitId),
    raiser:
      admin ||
      (actorMay(actor, 'dispatch.report') && (actor.unitId === i.raisedByUnitId || actor.userId === i.raisedBy)),
  };
}

function present(actor: Actor, rules: DispatchRules, i: ItemView, today: string): CoordinationItem {
  const status = i.status as ItemStatus;
  return {
    id: i.id,
    projectId: i.projectId,
    projectName: i.projectName,
    regionName: i.regionName,
    reportId: i.reportId,
    category: i.category as CoordinationItem['category'],
    description: i.description,
    assignedUnitId: i.assignedUnitId,
    assignedUnitName: i.assignedUnitName,
    raisedByName: i.raisedByName,
    raisedByUnitName: i.raisedByUnitName,
    requestedDate: i.requestedDate,
    dueDate: i.dueDate,
    status,
    overdueDays: itemOverdueDays({ status, dueDate: i.dueDate }, today, rules.cal),
    escalationLevel: escalationLevelFor(
      { status, dueDate: i.dueDate, escalationLevel: i.escalationLevel },
      today,
      rules.cal,
      rules.items.escalationStepDays,
    ),
    createdAt: i.createdAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    closedAt: i.closedAt?.toISOString() ?? null,
    version: i.version,
    can: { actions: itemActions(status, partyOf(actor, i)), viewProject: i.projectVisible },
  };
}

export async function listItems(ctx: Ctx, actor: Actor, q: ItemListQuery) {
  assertMay(actor, 'dispatch.read');
  const rules = await dispatchRules(ctx, ctx.db);
  const today = businessDate(ctx.now());
  const rows = await itemRepo.list(ctx.db, actor.scope, reachOf(actor), {
    ...(q.status === 'unfinished' ? { statuses: ITEM_OPEN_STATUSES } : q.status ? { statuses: [q.status] } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.projectId ? { projectId: q.projectId } : {}),
    ...(q.box === 'assigned' ? { assignedUnitId: actor.unitId } : {}),
    ...(q.box === 'raised' ? { raisedByUnitId: actor.unitId } : {}),
    ...(q.q ? { q: q.q } : {}),
  });
  const all = rows.map((r) => present(actor, rules, r, today));
  const shown = all.filter(
    (i) =>
      (!q.overdue || i.overdueDays > 0) &&
      (!q.escalated || (i.escalationLevel > 0 && ITEM_OPEN_STATUSES.includes(i.status))),
  );
  const from = (q.page - 1) * q.pageSize;
  return {
    items: shown.slice(from, from + q.pageSize),
    total: shown.length,
    page: q.page,
    pageSize: q.pageSize,
    counts: {
      unfinished: all.filter((i) => ITEM_OPEN_STATUSES.includes(i.status)).length,
      overdue: all.filter((i) => i.overdueDays > 0).length,
      escalated: all.filter((i) => i.escalationLevel > 0 && ITEM_OPEN_STATUSES.includes(i.status)).length,
      onAgenda: all.filter((i) => i.escalationLevel === 2 && ITEM_OPEN_STATUSES.includes(i.status)).length,
    },
    can: { raise: actorMay(actor, 'dispatch.report') },
  };
}

export async function getItem(ctx: Ctx, actor: Actor, id: string): Promise<CoordinationItemDetail> {
  assertMay(actor, 'dispatch.read');
  const i = await itemRepo.find(ctx.db, actor.scope, reachOf(actor), id);
  if (!i) throw appError('NOT_FOUND');
  const rules = await dispatchRules(ctx, ctx.db);
  const events = await itemRepo.events(ctx.db, id);
  return {
    ...present(actor, rules, i, businessDate(ctx.now())),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      note: e.note,
      byName: e.byName,
      byUnitName: e.byUnitName,
      at: e.at.toISOString(),
    })),
  };
}

const itemLink = (id: string) => `/dispatch/items/${id}`;

/** Raises an item on a project in reach; the assigned unit is told (in the app and through its group robots). */
export async function raiseItem(ctx: Ctx, actor: Actor, input: ItemCreate): Promise<CoordinationItemDetail> {
  assertMay(actor, 'dispatch.report');
  const project = await reportRepo.project(ctx.db, actor.scope, actor.userId, input.projectId);
  if (!project)
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'projectId', message: '项目不存在或无权访问' }] });
  const unit = await findUnitInDirectory(ctx.db, actor, input.assignedUnitId);
  if (!unit) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'assignedUnitId', message: '责任单位不存在或不在本市' }] });
  }
  if (input.reportId) {
    const r = await reportRepo.find(ctx.db, input.reportId);
    if (!r || r.projectId !== project.id) {
      throw appError('VALIDATION_FAILED', { fields: [{ path: 'reportId', message: '周报不属于该项目' }] });
    }
  }
  const rules = await dispatchRules(ctx, ctx.db);
  const now = ctx.now();
  const today = businessDate(now);
  if (input.requestedDate && input.requestedDate < today) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'requestedDate', message: '期望解决时间不能早于今天' }] });
  }
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const item = await itemRepo.insert(tx, {
      projectId: project.id,
      reportId: input.reportId,
      category: input.category,
      description: input.description,
      assignedUnitId: unit.id,
      raisedBy: actor.userId,
      raisedByName: actor.displayName,
      raisedByUnitId: actor.unitId,
      requestedDate: input.requestedDate,
      dueDate: itemDueDate(today, rules.cal, rules.items.deadlineDays),
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    await itemRepo.addEvent(tx, {
      itemId: item.id,
      action: 'raised',
      note: input.description,
      byUserId: actor.userId,
      byName: actor.displayName,
      byUnitName: actor.unitName,
      at: now,
    });
    await audit({
      action: 'coordination_item.raise',
      entityType: 'coordination_item',
      entityId: item.id,
      after: { projectId: project.id, category: input.category, assignedUnitId: unit.id, dueDate: item.dueDate },
    });
    await notifyUnit(
      tx,
      unit.id,
      HANDLER_ROLES,
      {
        kind: 'item_assigned',
        title: `新的协调事项:${project.name}`,
        body: `${ITEM_CATEGORY_LABELS[input.category].zh}|${input.description}(请于${item.dueDate}前办结)`,
        link: itemLink(item.id),
        subjectType: 'coordination_item',
        subjectId: item.id,
      },
      now,
    );
    return item.id;
  });
  return getItem(ctx, actor, id);
}

/** One step of the flow by the party it belongs to, with its note; history, audit and notices in one go. */
export async function actOnItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: ItemActionRequest,
): Promise<CoordinationItemDetail> {
  assertMay(actor, 'dispatch.read');
  const seen = await itemRepo.find(ctx.db, actor.scope, reachOf(actor), id);
  if (!seen) throw appError('NOT_FOUND');
  if (NOTE_REQUIRED.includes(input.action) && !input.note) {
    const what = { respond: '请填写办理进展', resolve: '请填写办理结果', reopen: '请写明退回重办的原因' } as const;
    throw appError('VALIDATION_FAILED', {
      fields: [{ path: 'note', message: what[input.action as keyof typeof what] }],
    });
  }
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const i = await itemRepo.findForUpdate(tx, id);
    if (!i) throw appError('NOT_FOUND');
    if (i.version !== input.version) throw appError('STALE_WRITE');
    const party = partyOf(actor, i);
    const by = ITEM_ACTION_BY[input.action];
    if (!(by === 'unit' ? party.unit : party.raiser)) {
      throw appError('FORBIDDEN');
    }
    const next = itemNext(i.status as ItemStatus, input.action);
    if (!next) {
      throw appError('RULE_VIOLATED', {
        params: { what: `当前状态下不能${ITEM_ACTION_LABELS[input.action].zh}` },
      });
    }
    const updated = await itemRepo.update(tx, i.id, i.version, {
      status: next,
      updatedAt: now,
      ...(next === 'resolved' ? { resolvedAt: now } : {}),
      ...(next === 'closed_out' ? { closedAt: now } : {}),
      ...(next === 'reopened' ? { resolvedAt: null } : {}),
    });
    if (!updated) throw appError('STALE_WRITE');
    await itemRepo.addEvent(tx, {
      itemId: i.id,
      action: EVENT_OF[input.action],
      note: input.note,
      byUserId: actor.userId,
      byName: actor.displayName,
      byUnitName: actor.unitName,
      at: now,
    });
    await audit({
      action: `coordination_item.${input.action}`,
      entityType: 'coordination_item',
      entityId: i.id,
      before: { status: i.status },
      after: { status: next, note: input.note },
    });
    await tellOthers(tx, i, next, input, now);
  });
  return getItem(ctx, actor, id);
}

/** Resolved → the raiser hears; reopened → the unit hears again. */
async function tellOthers(tx: Tx, i: ItemRow, next: ItemStatus, input: ItemActionRequest, now: Date) {
  if (next === 'resolved' && i.raisedBy) {
    await notifyUsers(
      tx,
      [i.raisedBy],
      {
        kind: 'item_resolved',
        title: '协调事项已办结,请确认销号',
        body: `${i.description}${input.note ? `——${input.note}` : ''}`,
        link: itemLink(i.id),
        subjectType: 'coordination_item',
        subjectId: i.id,
      },
      now,
    );
  }
  if (next === 'reopened') {
    await notifyUnit(
      tx,
      i.assignedUnitId,
      HANDLER_ROLES,
      {
        kind: 'item_assigned',
        title: '协调事项被退回重办',
        body: `${i.description}${input.note ? `——${input.note}` : ''}`,
        link: itemLink(i.id),
        subjectType: 'coordination_item',
        subjectId: i.id,
      },
      now,
    );
  }
}

/**
 * The daily escalation sweep: every unanswered item whose computed level rose gets the level stored, an 'escalated'
 * event, an audit record, and notices — to the unit (overdue), to the city's coordinators from level 1, and at
 * level 2 (the leader's agenda) to the leaders who oversee the unit.
 * Idempotent: a second run the same day finds nothing new.
 */
export async function escalateOverdueItems(ctx: Ctx): Promise<number> {
  const rules = await dispatchRules(ctx, ctx.db);
  const now = ctx.now();
  const today = businessDate(now);
  const rows = await itemRepo.unanswered(ctx.db, ITEM_OPEN_STATUSES);
  let raised = 0;
  for (const i of rows) {
    const level = escalationLevelFor(
      { status: i.status as ItemStatus, dueDate: i.dueDate, escalationLevel: i.escalationLevel },
      today,
      rules.cal,
      rules.items.escalationStepDays,
    );
    if (level <= i.escalationLevel) continue;
    await audited(ctx, SYSTEM_ACTOR, async (tx, audit) => {
      const fresh = await itemRepo.findForUpdate(tx, i.id);
      if (!fresh || fresh.escalationLevel >= level) return;
      await itemRepo.update(tx, fresh.id, fresh.version, { escalationLevel: level, escalatedAt: now, updatedAt: now });
      const days = itemOverdueDays({ status: fresh.status as ItemStatus, dueDate: fresh.dueDate }, today, rules.cal);
      const note = `逾期${days}个工作日,升级至${ESCALATION_LABELS[level].zh}`;
      await itemRepo.addEvent(tx, { itemId: fresh.id, action: 'escalated', note, byName: '系统', at: now });
      await audit({
        action: 'coordination_item.escalate',
        entityType: 'coordination_item',
        entityId: fresh.id,
        before: { escalationLevel: fresh.escalationLevel },
        after: { escalationLevel: level },
      });
      const notice = {
        kind: 'item_overdue',
        title: `协调事项逾期未办结(${ESCALATION_LABELS[level].zh})`,
        body: `${fresh.description}(应于${fresh.dueDate}前办结,${note})`,
        link: itemLink(fresh.id),
        subjectType: 'coordination_item',
        subjectId: fresh.id,
        dedupeKey: `item_overdue:${fresh.id}:${level}`,
      };
      await notifyUnit(tx, fresh.assignedUnitId, HANDLER_ROLES, notice, now);
      await notifyUsers(tx, await coordinatorsOf(tx), notice, now);
      // on the leader's agenda: the leaders who oversee the unit hear it too
      if (level === 2)
        await notifyUsers(tx, await itemRepo.overseeingLeaderUsers(tx, fresh.assignedUnitId), notice, now);
      raised++;
    });
  }
  return raised;
}

const coordinatorsOf = (tx: Tx) => reportRepo.usersWithRole(tx, 'coordinator');
