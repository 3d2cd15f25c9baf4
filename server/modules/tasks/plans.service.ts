import { businessDate } from '../../../domain/common/business-date.ts';
import { addWorkingDays, type CalendarData } from '../../../domain/common/calendar.ts';
import { describeDeadline, parseDeadline } from '../../../domain/tasks/deadline.ts';
import type { ParsedDeadline } from '../../../domain/tasks/model.ts';
import { chineseOrdinal } from '../../../domain/tasks/plan-sheet.ts';
import type {
  PlanCreate,
  PlanDetail,
  PlanListQuery,
  PlanPage,
  PlanSection,
  PlanTask,
  PlanUpdate,
  SectionCreate,
  TaskCreate,
  TaskUpdate,
} from '../../../domain/tasks/plans-contracts.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { type Audit, audited, type Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import { notifyUnit } from '../notifications/index.ts';
import {
  presentPlanSummary,
  presentPlanTask,
  presentSection,
  type TaskExtras,
  trimDecimal,
} from './plans.presenter.ts';
import { type PlanRow, planRepo, type TaskRow } from './plans.repository.ts';
import { seesAllTasks } from './task-scope.ts';
import { taskReach } from './tasks.repository.ts';

/**
 * 分工方案: a source document decomposed into sections and tasks. The 督查室 (task.manage) creates plans, adds and
 * edits tasks (the import is tasks.import.ts); everyone who reads tasks sees the plans they have tasks in, with the
 * counts of their reach. A new task waits for its lead unit to claim it (claims.service.ts).
 */

export const todayOf = (ctx: Ctx) => businessDate(ctx.now());
/** The unit's staff who answer tasks (task.answer): they hear of new tasks and reminders. */
export const TASK_HANDLER_ROLES = ['unit_staff', 'coordinator'] as const;
export const claimsLink = '/tasks/claims';
export const taskLink = (id: string) => `/tasks/t/${id}`;

/** The first day the time share of a task is measured from: the plan year's 1 January. */
export const startsOnOf = (plan: Pick<PlanRow, 'year'>) => `${plan.year}-01-01`;

/** The day a new (or reassigned) task must be claimed by: N working days of the official calendar. */
export const claimDueOnOf = (today: string, plan: Pick<PlanRow, 'claimWorkingDays'>, cal: CalendarData) =>
  addWorkingDays(today, plan.claimWorkingDays, cal);

/** A deadline's columns on the task row. */
export const deadlineColumns = (text: string, d: ParsedDeadline) => ({
  deadlineText: text,
  deadlineKind: d.kind,
  deadlineOn: d.on,
  recurrence: d.recurrence,
});

/** Partners, leaders and milestones of many tasks in three queries. */
export async function taskExtras(
  conn: Conn,
  rows: readonly { t: TaskRow; leadUnitName: string }[],
): Promise<Map<string, TaskExtras>> {
  const ids = rows.map((r) => r.t.id);
  // one after the other: `conn` may be a transaction handle
  const partners = await planRepo.partnersOf(conn, ids);
  const leaders = await planRepo.leadersOf(conn, ids);
  const milestones = await planRepo.milestonesOf(conn, ids);
  const out = new Map<string, TaskExtras>();
  for (const r of rows) out.set(r.t.id, { leadUnitName: r.leadUnitName, partners: [], leaders: [], milestones: [] });
  for (const p of partners) out.get(p.taskId)?.partners.push({ id: p.id, name: p.name });
  for (const l of leaders) out.get(l.taskId)?.leaders.push({ id: l.id, name: l.name });
  for (const m of milestones) {
    out.get(m.taskId)?.milestones.push({ id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn });
  }
  return out;
}

// ── plans ──────────────────────────────────────────────────────────────────────────────────────────────────
export async function listPlans(ctx: Ctx, actor: Actor, q: PlanListQuery): Promise<PlanPage> {
  assertMay(actor, 'task.read');
  const { rows, total } = await planRepo.list(
    ctx.db,
    taskReach(actor),
    seesAllTasks(actor),
    { q: q.q, year: q.year, status: q.status },
    todayOf(ctx),
    q.page,
    q.pageSize,
  );
  return {
    items: rows.map((r) => presentPlanSummary(r, actor)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    can: { create: actorMay(actor, 'task.manage') },
  };
}

export async function getPlan(ctx: Ctx, actor: Actor, id: string): Promise<PlanDetail> {
  assertMay(actor, 'task.read');
  const reach = taskReach(actor);
  const today = todayOf(ctx);
  const r = await planRepo.find(ctx.db, reach, seesAllTasks(actor), id, today);
  if (!r) throw appError('NOT_FOUND');
  const sections = await planRepo.sections(ctx.db, reach, id);
  const rows = await planRepo.tasks(ctx.db, reach, id);
  const extras = await taskExtras(ctx.db, rows);
  const summary = presentPlanSummary(r, actor);
  const manage = actorMay(actor, 'task.manage');
  return {
    ...summary,
    sections: sections.map((s) => presentSection(s.s, s.tasks)),
    tasks: rows.map((x) => presentPlanTask(x.t, extras.get(x.t.id)!, actor, today)),
    can: { ...summary.can, addTask: manage && r.plan.status === 'active', export: true },
  };
}

export async function createPlan(ctx: Ctx, actor: Actor, input: PlanCreate): Promise<PlanDetail> {
  assertMay(actor, 'task.manage');
  if (input.sourceId && !(await planRepo.findSource(ctx.db, input.sourceId))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'sourceId', message: '任务来源不存在' }] });
  }
  const now = ctx.now();
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const sourceId =
      input.sourceId ??
      (
        await planRepo.insertSource(tx, {
          kind: input.source!.kind,
          title: input.source!.title,
          docNumber: input.source!.docNumber,
          issuedOn: input.source!.issuedOn,
          createdByName: actor.displayName,
          createdAt: now,
          updatedAt: now,
        })
      ).id;
    const plan = await planRepo.insertPlan(tx, {
      sourceId,
      title: input.title,
      year: input.year,
      feedbackCycle: input.feedbackCycle,
      feedbackDueDay: input.feedbackDueDay,
      claimWorkingDays: input.claimWorkingDays,
      createdByName: actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await audit({
      action: 'assignment_plan.create',
      entityType: 'assignment_plan',
      entityId: plan.id,
      after: { ...input, sourceId },
    });
    return plan.id;
  });
  return getPlan(ctx, actor, id);
}

export async function updatePlan(ctx: Ctx, actor: Actor, id: string, input: PlanUpdate): Promise<PlanDetail> {
  assertMay(actor, 'task.manage');
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const plan = await planRepo.findForUpdate(tx, id);
    if (!plan) throw appError('NOT_FOUND');
    if (plan.version !== input.version) throw appError('STALE_WRITE');
    const { version: _v, source, ...fields } = input;
    const cycle = fields.feedbackCycle ?? plan.feedbackCycle;
    const day = fields.feedbackDueDay ?? plan.feedbackDueDay;
    if (cycle === 'weekly' && day > 7) {
      throw appError('VALIDATION_FAILED', {
        fields: [{ path: 'feedbackDueDay', message: '按周反馈时，截止日应为星期几（1至7）' }],
      });
    }
    const updated = await planRepo.updatePlan(tx, id, plan.version, { ...fields, updatedAt: now });
    if (!updated) throw appError('STALE_WRITE');
    let sourceBefore = null;
    if (source && Object.keys(source).length > 0) {
      sourceBefore = await planRepo.findSource(tx, plan.sourceId);
      await planRepo.updateSource(tx, plan.sourceId, { ...source, updatedAt: now });
    }
    await audit({
      action: 'assignment_plan.update',
      entityType: 'assignment_plan',
      entityId: id,
      before: { plan: pick(plan, Object.keys(fields)), source: sourceBefore },
      after: { plan: fields, source: source ?? null },
    });
  });
  return getPlan(ctx, actor, id);
}

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** Adds a section at the end (一、二、… numbered on). */
export async function addSection(ctx: Ctx, actor: Actor, planId: string, input: SectionCreate): Promise<PlanSection> {
  assertMay(actor, 'task.manage');
  return audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const plan = await planRepo.findForUpdate(tx, planId);
    if (!plan) throw appError('NOT_FOUND');
    const existing = await planRepo.sectionRows(tx, planId);
    const ordinal = existing.reduce((m, s) => Math.max(m, s.ordinal), 0) + 1;
    const s = await planRepo.insertSection(tx, {
      planId,
      ordinal,
      label: input.label ?? chineseOrdinal(ordinal),
      title: input.title,
    });
    await audit({ action: 'plan_section.create', entityType: 'plan_section', entityId: s.id, after: s });
    return presentSection(s, 0);
  });
}

// ── one task by hand ───────────────────────────────────────────────────────────────────────────────────────
function readDeadline(text: string, plan: Pick<PlanRow, 'year'>): ParsedDeadline {
  const r = parseDeadline(text, { year: plan.year });
  if (!r.ok) throw appError('VALIDATION_FAILED', { fields: [{ path: 'deadlineText', message: r.reason }] });
  return r.value;
}

/** Checks that the units and leaders named are in the caller's directory (own city). */
async function checkPeople(
  conn: Conn,
  actor: Actor,
  v: { leadUnitId?: string; partnerUnitIds?: readonly string[]; leaderIds?: readonly string[] },
) {
  const units = new Map((await planRepo.directoryUnits(conn, actor.directory)).map((u) => [u.id, u.name]));
  const leaders = new Set((await planRepo.directoryLeaders(conn, actor.directory)).map((l) => l.id));
  const fields: { path: string; message: string }[] = [];
  if (v.leadUnitId !== undefined && !units.has(v.leadUnitId)) {
    fields.push({ path: 'leadUnitId', message: '牵头单位不存在或不在本市' });
  }
  if (v.partnerUnitIds?.some((id) => !units.has(id))) {
    fields.push({ path: 'partnerUnitIds', message: '配合单位不存在或不在本市' });
  }
  if (v.leadUnitId !== undefined && v.partnerUnitIds?.includes(v.leadUnitId)) {
    fields.push({ path: 'partnerUnitIds', message: '牵头单位不能同时是配合单位' });
  }
  if (v.leaderIds?.some((id) => !leaders.has(id))) {
    fields.push({ path: 'leaderIds', message: '责任领导不存在' });
  }
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });
  return units;
}

/** The next free number: "<section ordinal>.<n>" in a sectioned plan with dotted numbers, else the running one. */
function nextNumber(existing: readonly { number: string }[], sectionOrdinal: number | null): string {
  const taken = new Set(existing.map((e) => e.number));
  const plainOnly = existing.length > 0 && existing.every((e) => /^\d+$/.test(e.number));
  let candidate: string;
  if (sectionOrdinal !== null && !plainOnly) {
    const prefix = `${sectionOrdinal}.`;
    const max = existing
      .filter((e) => e.number.startsWith(prefix) && /^\d+$/.test(e.number.slice(prefix.length)))
      .reduce((m, e) => Math.max(m, Number(e.number.slice(prefix.length))), 0);
    candidate = `${prefix}${max + 1}`;
  } else {
    const max = existing.filter((e) => /^\d+$/.test(e.number)).reduce((m, e) => Math.max(m, Number(e.number)), 0);
    candidate = String(max + 1);
  }
  while (taken.has(candidate)) candidate = `${candidate}-1`;
  return candidate;
}

async function sectionOf(conn: Conn, planId: string, sectionId: string | null) {
  if (sectionId === null) return null;
  const s = (await planRepo.sectionRows(conn, planId)).find((x) => x.id === sectionId);
  if (!s) throw appError('VALIDATION_FAILED', { fields: [{ path: 'sectionId', message: '章节不属于该方案' }] });
  return s;
}

async function oneTask(ctx: Ctx, actor: Actor, conn: Conn, id: string): Promise<PlanTask> {
  const found = await planRepo.findTask(conn, taskReach(actor), id);
  if (!found) throw appError('NOT_FOUND');
  const row = { t: found.t, leadUnitName: found.leadUnitName };
  const extras = await taskExtras(conn, [row]);
  return presentPlanTask(found.t, extras.get(id)!, actor, todayOf(ctx));
}

export async function addTask(ctx: Ctx, actor: Actor, planId: string, input: TaskCreate): Promise<PlanTask> {
  assertMay(actor, 'task.manage');
  const found = await planRepo.find(ctx.db, taskReach(actor), true, planId, todayOf(ctx));
  if (!found) throw appError('NOT_FOUND');
  const plan = found.plan;
  if (plan.status !== 'active') throw appError('RULE_VIOLATED', { params: { what: '方案已归档，不能添加任务' } });
  const deadline = readDeadline(input.deadlineText, plan);
  const units = await checkPeople(ctx.db, actor, input);
  const cal = await officialCalendar(ctx, ctx.db);
  const now = ctx.now();
  const today = todayOf(ctx);
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await planRepo.findForUpdate(tx, planId); // numbers are given one at a time
    const section = await sectionOf(tx, planId, input.sectionId);
    const existing = await planRepo.numbersOf(tx, planId);
    const number = input.number ?? nextNumber(existing, section?.ordinal ?? null);
    if (existing.some((e) => e.number === number)) {
      throw appError('VALIDATION_FAILED', {
        fields: [{ path: 'number', message: `序号“${number}”已被本方案的其他任务使用` }],
      });
    }
    // after the last task of its section (or of the plan); later tasks move down one place
    const sectionSorts = existing.filter((e) => e.sectionId === (section?.id ?? null)).map((e) => e.sort);
    const sort = (sectionSorts.length ? Math.max(...sectionSorts) : Math.max(0, ...existing.map((e) => e.sort))) + 1;
    await planRepo.shiftSorts(tx, planId, sort);
    const claimDueOn = claimDueOnOf(today, plan, cal);
    const [row] = await planRepo.insertTasks(tx, [
      {
        planId,
        sectionId: section?.id ?? null,
        number,
        sort,
        content: input.content,
        leadUnitId: input.leadUnitId,
        ...deadlineColumns(input.deadlineText, deadline),
        startsOn: startsOnOf(plan),
        targetValue: input.targetValue,
        targetUnit: input.targetUnit,
        tags: input.tags,
        claimStatus: 'pending',
        claimDueOn,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    const taskId = row!.id;
    await planRepo.insertPartners(
      tx,
      [...new Set(input.partnerUnitIds)].map((unitId) => ({ taskId, unitId })),
    );
    await planRepo.insertLeaders(
      tx,
      [...new Set(input.leaderIds)].map((leaderId) => ({ taskId, leaderId })),
    );
    await planRepo.insertMilestones(
      tx,
      deadline.milestones.map((m) => ({ taskId, title: m.title, dueOn: m.on })),
    );
    await planRepo.addEvents(tx, [
      {
        taskId,
        action: 'created',
        note: null,
        byUserId: actor.userId,
        byName: actor.displayName,
        byUnitName: actor.unitName,
        at: now,
      },
    ]);
    await audit({
      action: 'task.create',
      entityType: 'task',
      entityId: taskId,
      after: { planId, ...input, number, deadline: describeDeadline(deadline) },
    });
    await notifyUnit(
      tx,
      input.leadUnitId,
      TASK_HANDLER_ROLES,
      {
        kind: 'task_claim',
        title: '新的重点任务待认领（1项）',
        body: `${plan.title} ${number}：${clip(input.content)}（请于${claimDueOn}前认领或提出异议；牵头单位：${units.get(input.leadUnitId)}）`,
        link: claimsLink,
        subjectType: 'task',
        subjectId: taskId,
      },
      now,
    );
    return taskId;
  });
  return oneTask(ctx, actor, ctx.db, id);
}

export const clip = (s: string, n = 40) => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

/**
 * Edits a task (task.manage). A new deadline text is read again and its milestones replaced; a new lead unit must
 * claim the task again. Everything changed is written to the task's history and the audit record.
 */
export async function editTask(ctx: Ctx, actor: Actor, id: string, input: TaskUpdate): Promise<PlanTask> {
  assertMay(actor, 'task.manage');
  const seen = await planRepo.findTask(ctx.db, taskReach(actor), id);
  if (!seen) throw appError('NOT_FOUND');
  const plan = seen.plan;
  const deadline = input.deadlineText !== undefined ? readDeadline(input.deadlineText, plan) : null;
  const units = await checkPeople(ctx.db, actor, {
    leadUnitId: input.leadUnitId,
    partnerUnitIds: input.partnerUnitIds,
    leaderIds: input.leaderIds,
  });
  const cal = await officialCalendar(ctx, ctx.db);
  const now = ctx.now();
  const today = todayOf(ctx);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await planRepo.lockTask(tx, id);
    if (!t) throw appError('NOT_FOUND');
    if (t.version !== input.version) throw appError('STALE_WRITE');
    const partnersBefore = (await planRepo.partnersOf(tx, [id])).map((p) => p.id);
    const leadUnitId = input.leadUnitId ?? t.leadUnitId;
    const partnerIds = input.partnerUnitIds ?? partnersBefore;
    if (partnerIds.includes(leadUnitId)) {
      throw appError('VALIDATION_FAILED', {
        fields: [{ path: 'partnerUnitIds', message: '牵头单位不能同时是配合单位' }],
      });
    }
    const changes: string[] = [];
    const set: Partial<TaskRow> = { updatedAt: now };
    if (input.number !== undefined && input.number !== null && input.number !== t.number) {
      const taken = await planRepo.numbersOf(tx, t.planId);
      if (taken.some((e) => e.number === input.number)) {
        throw appError('VALIDATION_FAILED', {
          fields: [{ path: 'number', message: `序号“${input.number}”已被本方案的其他任务使用` }],
        });
      }
      set.number = input.number;
      changes.push(`序号：${t.number} → ${input.number}`);
    }
    if (input.sectionId !== undefined && input.sectionId !== t.sectionId) {
      const s = await sectionOf(tx, t.planId, input.sectionId);
      set.sectionId = s?.id ?? null;
      changes.push(`章节：${s ? `${s.label}、${s.title}` : '无'}`);
    }
    if (input.content !== undefined && input.content !== t.content) {
      set.content = input.content;
      changes.push('任务内容');
    }
    if (input.deadlineText !== undefined && deadline && input.deadlineText !== t.deadlineText) {
      Object.assign(set, deadlineColumns(input.deadlineText, deadline));
      changes.push(`完成时限：${t.deadlineText} → ${input.deadlineText}`);
    }
    if (input.targetValue !== undefined && input.targetValue !== (t.targetValue && trimDecimal(t.targetValue))) {
      set.targetValue = input.targetValue;
      changes.push(`目标值：${input.targetValue ?? '无'}`);
    }
    if (input.targetUnit !== undefined && input.targetUnit !== t.targetUnit) set.targetUnit = input.targetUnit;
    if (input.tags !== undefined && input.tags.join('、') !== t.tags.join('、')) {
      set.tags = input.tags;
      changes.push(`标签：${input.tags.join('、') || '无'}`);
    }
    const newLead = leadUnitId !== t.leadUnitId;
    if (newLead) {
      set.leadUnitId = leadUnitId;
      set.claimStatus = 'pending';
      set.claimDueOn = claimDueOnOf(today, plan, cal);
      set.claimedAt = null;
      set.claimedByName = null;
      set.disputeReason = null;
      changes.push(`牵头单位：${units.get(t.leadUnitId) ?? ''} → ${units.get(leadUnitId) ?? ''}`);
    }
    const updated = await planRepo.updateTask(tx, id, t.version, set);
    if (!updated) throw appError('STALE_WRITE');
    if (input.partnerUnitIds !== undefined && sameSet(partnersBefore, input.partnerUnitIds) === false) {
      await planRepo.setPartners(tx, id, [...new Set(input.partnerUnitIds)]);
      changes.push(`配合单位：${input.partnerUnitIds.map((u) => units.get(u)).join('、') || '无'}`);
    }
    if (input.leaderIds !== undefined) {
      const before = (await planRepo.leadersOf(tx, [id])).map((l) => l.id);
      if (!sameSet(before, input.leaderIds)) {
        await planRepo.setLeaders(tx, id, [...new Set(input.leaderIds)]);
        changes.push('责任领导');
      }
    }
    if (deadline && input.deadlineText !== t.deadlineText) {
      await planRepo.setMilestones(
        tx,
        id,
        deadline.milestones.map((m) => ({ title: m.title, dueOn: m.on })),
      );
    }
    await planRepo.addEvents(tx, [
      {
        taskId: id,
        action: 'edited',
        note: changes.join('；') || null,
        byUserId: actor.userId,
        byName: actor.displayName,
        byUnitName: actor.unitName,
        at: now,
      },
    ]);
    await audit({
      action: 'task.update',
      entityType: 'task',
      entityId: id,
      before: pick(
        t as unknown as Record<string, unknown>,
        Object.keys(set).filter((k) => k !== 'updatedAt'),
      ),
      after: { ...set, partnerUnitIds: input.partnerUnitIds, leaderIds: input.leaderIds, changes },
    });
    if (newLead) await tellNewLead(tx, updated, plan, now);
  });
  return oneTask(ctx, actor, ctx.db, id);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/** The unit a task was moved to hears that it has a task to claim. */
export async function tellNewLead(tx: Tx, t: TaskRow, plan: Pick<PlanRow, 'title'>, now: Date) {
  await notifyUnit(
    tx,
    t.leadUnitId,
    TASK_HANDLER_ROLES,
    {
      kind: 'task_claim',
      title: '改派给本单位的重点任务待认领',
      body: `${plan.title} ${t.number}：${clip(t.content)}（请于${t.claimDueOn}前认领或提出异议）`,
      link: claimsLink,
      subjectType: 'task',
      subjectId: t.id,
    },
    now,
  );
}

export type { Audit };
