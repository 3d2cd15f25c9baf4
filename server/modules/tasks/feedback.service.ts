import type { Role } from '../../../domain/auth/roles.ts';
import { businessDate } from '../../../domain/common/business-date.ts';
import { cycleDueOn, cycleLabel, openCycle, type PlanCycle } from '../../../domain/tasks/cycles.ts';
import {
  cycleRefusal,
  doneDecisionRefusal,
  doneRequestRefusal,
  type FeedbackAction,
  feedbackNext,
  partEditRefusal,
  submissionProblems,
} from '../../../domain/tasks/feedback.ts';
import type { TaskEventAction } from '../../../domain/tasks/model.ts';
import {
  CONFIDENCE_LABELS,
  type Confidence,
  type FeedbackCycle,
  type FeedbackStatus,
} from '../../../domain/tasks/model.ts';
import type {
  FeedbackSave,
  PartSave,
  RatingBody,
  ReturnBody,
  StepBody,
  TaskDetail,
} from '../../../domain/tasks/tasks-contracts.ts';
import { assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { type Audit, audited, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { recordFile, storeUpload } from '../../platform/files/files.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import { notifyUnit, notifyUsers } from '../notifications/index.ts';
import { feedbackRepo } from './feedback.repository.ts';
import { taskRoleOf } from './task-scope.ts';
import { owesFrom } from './tasks.facts.ts';
import { type TaskBase, type TaskRow, taskReach, taskRepo } from './tasks.repository.ts';
import { fileBelongsTo, getTaskDetail } from './tasks.service.ts';

/**
 * The feedback workflow and 销号: the lead unit writes and submits each cycle's feedback, partner units write their
 * parts, the 督查室 returns or accepts, the lead unit asks for 销号 and only the 督查室 confirms or refuses; the
 * 督查室 rates the task next to the unit's own confidence. Every step: permission → task in reach → domain rule →
 * rows, a task event, an audit record and the notices, in one transaction. Each answers with the task page.
 */

/** The unit's staff who answer tasks (as the weekly dispatch's items). */
const HANDLER_ROLES: readonly Role[] = ['unit_staff', 'coordinator'];
const link = (id: string) => `/tasks/t/${id}`;
const short = (t: Pick<TaskRow, 'number' | 'content'>) =>
  `${t.number} ${t.content.length > 30 ? `${t.content.slice(0, 30)}…` : t.content}`;

const violated = (what: string) => appError('RULE_VIOLATED', { params: { what } });
/** A partner reaches the task but may not do the lead unit's part: 403 with the reason. */
const forbidden = (reason: string) => appError('FORBIDDEN', { details: { reason } });

type Reached = { task: TaskBase; partnerUnitIds: string[]; role: 'lead' | 'partner' | 'oversight' };

async function reach(ctx: Ctx, actor: Actor, id: string): Promise<Reached> {
  assertMay(actor, 'task.read');
  const task = await taskRepo.find(ctx.db, taskReach(actor), id);
  if (!task) throw appError('NOT_FOUND');
  const partnerUnitIds = await taskRepo.partnerUnitIds(ctx.db, id);
  const role = taskRoleOf(actor, task, partnerUnitIds);
  if (!role) throw appError('NOT_FOUND');
  return { task, partnerUnitIds, role };
}

function assertLead(actor: Actor, r: Reached, what: string): void {
  assertMay(actor, 'task.answer');
  if (r.role === 'lead') return;
  if (r.role === 'partner') throw forbidden(`配合单位不能${what},请由牵头单位办理`);
  throw forbidden(`只有牵头单位可以${what}`);
}

function assertPartner(actor: Actor, r: Reached): void {
  assertMay(actor, 'task.answer');
  if (r.role !== 'partner') throw forbidden('只有配合单位填写配合材料;牵头单位请填写本期反馈');
}

const assertNotDone = (t: Pick<TaskRow, 'doneAt'>) => {
  if (t.doneAt) throw violated('任务已销号,不能再填报');
};

const planOf = (t: TaskBase): PlanCycle => ({
  feedbackCycle: t.feedbackCycle as FeedbackCycle,
  feedbackDueDay: t.feedbackDueDay,
});

/** The cycle must be one the task may be written for now; its due date on the official calendar. */
async function checkCycle(ctx: Ctx, t: TaskBase, cycle: string): Promise<string> {
  const cal = await officialCalendar(ctx, ctx.db);
  const plan = planOf(t);
  const today = businessDate(ctx.now());
  const refusal = cycleRefusal(cycle, plan, owesFrom(t), openCycle(plan, today, cal).key);
  if (refusal) throw appError('VALIDATION_FAILED', { fields: [{ path: 'cycle', message: refusal }] });
  return cycleDueOn(cycle, plan, cal);
}

async function event(tx: Tx, actor: Actor, taskId: string, action: TaskEventAction, note: string | null, now: Date) {
  await taskRepo.addEvent(tx, {
    taskId,
    action,
    note,
    byUserId: actor.userId,
    byName: actor.displayName,
    byUnitName: actor.unitName,
    at: now,
  });
}

/** Locks the task row for the step (two steps on one task are decided one after the other). */
async function lockTask(tx: Tx, id: string): Promise<TaskRow> {
  const t = await taskRepo.findForUpdate(tx, id);
  if (!t) throw appError('NOT_FOUND');
  return t;
}

const supervisorsOf = (tx: Tx) => feedbackRepo.usersWithRole(tx, 'supervisor');

// ── the lead unit's feedback ─────────────────────────────────────────────────────────────────────────────────

/** Saves the cycle's feedback as the lead unit (creates it on the first save); accepted or under review: refused. */
export async function saveFeedback(
  ctx: Ctx,
  actor: Actor,
  id: string,
  cycle: string,
  input: FeedbackSave,
): Promise<TaskDetail> {
  const r = await reach(ctx, actor, id);
  assertLead(actor, r, '填写本期反馈');
  assertNotDone(r.task);
  const dueOn = await checkCycle(ctx, r.task, cycle);
  if (input.quantValue !== null && r.task.targetValue === null) {
    throw appError('VALIDATION_FAILED', {
      fields: [{ path: 'quantValue', message: '本任务没有量化目标,无需填写完成值' }],
    });
  }
  const now = ctx.now();
  const words = {
    progress: input.progress,
    problems: input.problems,
    nextSteps: input.nextSteps,
    completionPct: input.completionPct,
    quantValue: input.quantValue,
    confidence: input.confidence,
  };
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await lockTask(tx, id);
    assertNotDone(t);
    const existing = await feedbackRepo.findForUpdate(tx, id, cycle);
    const next = feedbackNext((existing?.status as FeedbackStatus | undefined) ?? null, 'save');
    if (!next.ok) throw violated(next.reason);
    if ((existing?.version ?? 0) !== input.version) throw appError('STALE_WRITE');
    if (!existing) {
      const created = await feedbackRepo.insert(tx, {
        taskId: id,
        cycle,
        dueOn,
        status: 'draft',
        ...words,
        createdByName: actor.displayName,
        createdAt: now,
        updatedAt: now,
      });
      await audit({
        action: 'task_feedback.save',
        entityType: 'task',
        entityId: id,
        after: { feedback: created.id, cycle, ...words },
      });
    } else {
      const updated = await feedbackRepo.update(tx, existing.id, existing.version, { ...words, updatedAt: now });
      if (!updated) throw appError('STALE_WRITE');
      await audit({
        action: 'task_feedback.save',
        entityType: 'task',
        entityId: id,
        before: {
          feedback: existing.id,
          cycle,
          progress: existing.progress,
          problems: existing.problems,
          nextSteps: existing.nextSteps,
          completionPct: existing.completionPct,
          quantValue: existing.quantValue,
          confidence: existing.confidence,
        },
        after: { feedback: existing.id, cycle, ...words },
      });
    }
    await event(tx, actor, id, 'feedback_saved', `${cycleLabel(cycle, 'zh')}:完成${input.completionPct}%`, now);
  });
  return getTaskDetail(ctx, actor, id);
}

/** One review step of a cycle's feedback (submit by the lead; return / accept by the 督查室). */
async function step(
  ctx: Ctx,
  actor: Actor,
  id: string,
  cycle: string,
  action: Exclude<FeedbackAction, 'save'>,
  opts: { version?: number; comment?: string },
): Promise<TaskDetail> {
  const r = await reach(ctx, actor, id);
  if (action === 'submit') {
    assertLead(actor, r, '报送本期反馈');
    assertNotDone(r.task);
  } else {
    assertMay(actor, 'task.manage');
  }
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await lockTask(tx, id);
    if (action === 'submit') assertNotDone(t);
    const f = await feedbackRepo.findForUpdate(tx, id, cycle);
    if (f && opts.version !== undefined && f.version !== opts.version) throw appError('STALE_WRITE');
    const next = feedbackNext((f?.status as FeedbackStatus | undefined) ?? null, action);
    if (!next.ok || !f) throw violated(next.ok ? '牵头单位尚未填写本期反馈' : next.reason);
    if (action === 'submit') {
      const problems = submissionProblems(
        { progress: f.progress, completionPct: f.completionPct, confidence: f.confidence, quantValue: f.quantValue },
        r.task.targetValue !== null,
      );
      if (problems.length) throw appError('VALIDATION_FAILED', { fields: problems });
    }
    const updated = await feedbackRepo.update(tx, f.id, f.version, {
      status: next.status,
      updatedAt: now,
      ...(action === 'submit'
        ? { submittedAt: now, submittedByName: actor.displayName, firstSubmittedAt: f.firstSubmittedAt ?? now }
        : { reviewedAt: now, reviewedByName: actor.displayName }),
      ...(action === 'return' ? { returnComment: opts.comment ?? null } : {}),
    });
    if (!updated) throw appError('STALE_WRITE');
    const label = cycleLabel(cycle, 'zh');
    await event(
      tx,
      actor,
      id,
      `feedback_${action === 'submit' ? 'submitted' : action === 'return' ? 'returned' : 'accepted'}`,
      action === 'return' ? `${label}:${opts.comment}` : `${label}:完成${f.completionPct}%`,
      now,
    );
    await audit({
      action: `task_feedback.${action}`,
      entityType: 'task',
      entityId: id,
      before: { feedback: f.id, cycle, status: f.status },
      after: { feedback: f.id, cycle, status: next.status, ...(opts.comment ? { comment: opts.comment } : {}) },
    });
    const notice = {
      link: link(id),
      subjectType: 'task',
      subjectId: id,
    };
    if (action === 'submit') {
      await notifyUsers(
        tx,
        await supervisorsOf(tx),
        {
          kind: 'task_feedback_submitted',
          title: `${actor.unitName}报送了${label}进展:${short(t)}`,
          body: `完成${f.completionPct}%${f.confidence ? `,自评${CONFIDENCE_LABELS[f.confidence as Confidence].zh}` : ''}`,
          ...notice,
        },
        now,
      );
    } else {
      await notifyUnit(
        tx,
        t.leadUnitId,
        HANDLER_ROLES,
        action === 'return'
          ? {
              kind: 'task_feedback_returned',
              title: `${label}进展被督查室退回,请修改后重新报送:${short(t)}`,
              body: opts.comment ?? null,
              ...notice,
            }
          : { kind: 'task_feedback_accepted', title: `${label}进展已被督查室采纳:${short(t)}`, ...notice },
        now,
      );
    }
  });
  return getTaskDetail(ctx, actor, id);
}

export const submitFeedback = (ctx: Ctx, actor: Actor, id: string, cycle: string, body: StepBody) =>
  step(ctx, actor, id, cycle, 'submit', { ...(body.version !== undefined ? { version: body.version } : {}) });
export const returnFeedback = (ctx: Ctx, actor: Actor, id: string, cycle: string, body: ReturnBody) =>
  step(ctx, actor, id, cycle, 'return', {
    comment: body.comment,
    ...(body.version !== undefined ? { version: body.version } : {}),
  });
export const acceptFeedback = (ctx: Ctx, actor: Actor, id: string, cycle: string, body: StepBody) =>
  step(ctx, actor, id, cycle, 'accept', { ...(body.version !== undefined ? { version: body.version } : {}) });

// ── a partner unit's part ────────────────────────────────────────────────────────────────────────────────────

/** A partner unit writes its part of the cycle; the lead unit hears of it once per cycle. */
export async function savePart(
  ctx: Ctx,
  actor: Actor,
  id: string,
  cycle: string,
  input: PartSave,
): Promise<TaskDetail> {
  const r = await reach(ctx, actor, id);
  assertPartner(actor, r);
  assertNotDone(r.task);
  await checkCycle(ctx, r.task, cycle);
  if (!input.progress && !input.problems && !input.nextSteps) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'progress', message: '请填写本单位配合推进情况' }] });
  }
  const now = ctx.now();
  const words = { progress: input.progress, problems: input.problems, nextSteps: input.nextSteps };
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await lockTask(tx, id);
    assertNotDone(t);
    const lead = await feedbackRepo.find(tx, id, cycle);
    const refusal = partEditRefusal((lead?.status as FeedbackStatus | undefined) ?? null);
    if (refusal) throw violated(refusal);
    const existing = await feedbackRepo.findPartForUpdate(tx, id, cycle, actor.unitId);
    if ((existing?.version ?? 0) !== input.version) throw appError('STALE_WRITE');
    if (!existing) {
      const created = await feedbackRepo.insertPart(tx, {
        taskId: id,
        cycle,
        unitId: actor.unitId,
        ...words,
        updatedByName: actor.displayName,
        createdAt: now,
        updatedAt: now,
      });
      await audit({
        action: 'task_feedback.part_save',
        entityType: 'task',
        entityId: id,
        after: { part: created.id, cycle, unitId: actor.unitId, ...words },
      });
    } else {
      const updated = await feedbackRepo.updatePart(tx, existing.id, existing.version, {
        ...words,
        updatedByName: actor.displayName,
        updatedAt: now,
      });
      if (!updated) throw appError('STALE_WRITE');
      await audit({
        action: 'task_feedback.part_save',
        entityType: 'task',
        entityId: id,
        before: {
          part: existing.id,
          progress: existing.progress,
          problems: existing.problems,
          nextSteps: existing.nextSteps,
        },
        after: { part: existing.id, cycle, unitId: actor.unitId, ...words },
      });
    }
    const label = cycleLabel(cycle, 'zh');
    await event(tx, actor, id, 'part_saved', `${label}:${actor.unitName}填写了配合材料`, now);
    await notifyUnit(
      tx,
      t.leadUnitId,
      HANDLER_ROLES,
      {
        kind: 'task_part_saved',
        title: `配合单位${actor.unitName}填写了${label}配合材料:${short(t)}`,
        link: link(id),
        subjectType: 'task',
        subjectId: id,
        dedupeKey: `task-part:${id}:${cycle}:${actor.unitId}`,
      },
      now,
    );
  });
  return getTaskDetail(ctx, actor, id);
}

// ── evidence ─────────────────────────────────────────────────────────────────────────────────────────────────

type Upload = { name: string; bytes: Buffer; caption: string | null };

async function attach(
  ctx: Ctx,
  actor: Actor,
  taskId: string,
  owner: { type: string; id: string; what: string },
  upload: Upload,
  check: (tx: Tx) => Promise<void>,
) {
  const stored = await storeUpload(ctx.files, upload.name, upload.bytes);
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await lockTask(tx, taskId);
    await check(tx);
    const file = await recordFile(tx, { ...stored, createdBy: actor.userId }, now);
    const row = await feedbackRepo.insertFile(tx, {
      ownerType: owner.type,
      ownerId: owner.id,
      fileId: file.id,
      caption: upload.caption,
      uploadedByName: actor.displayName,
      uploadedAt: now,
    });
    await event(tx, actor, taskId, 'file_added', `${owner.what}:${stored.originalName}`, now);
    await audit({
      action: 'task.file_add',
      entityType: 'task',
      entityId: taskId,
      after: {
        file: row.id,
        ownerType: owner.type,
        ownerId: owner.id,
        name: stored.originalName,
        size: stored.size,
        sha256: stored.sha256,
      },
    });
  });
}

/**
 * Evidence for a cycle: the lead unit's on its feedback (while it can still edit it), a partner's on its part.
 * The feedback or part must have been saved first.
 */
export async function addFeedbackFile(
  ctx: Ctx,
  actor: Actor,
  id: string,
  cycle: string,
  upload: Upload,
): Promise<TaskDetail> {
  const r = await reach(ctx, actor, id);
  assertMay(actor, 'task.answer');
  assertNotDone(r.task);
  const label = cycleLabel(cycle, 'zh');
  if (r.role === 'lead') {
    const f = await feedbackRepo.find(ctx.db, id, cycle);
    if (!f) throw violated('请先保存本期反馈草稿,再上传佐证材料');
    await attach(ctx, actor, id, { type: 'feedback', id: f.id, what: `${label}反馈佐证` }, upload, async (tx) => {
      const now = await feedbackRepo.find(tx, id, cycle);
      const next = feedbackNext((now?.status as FeedbackStatus | undefined) ?? null, 'save');
      if (!next.ok) throw violated(next.reason);
    });
  } else if (r.role === 'partner') {
    const p = (await feedbackRepo.partsOfTask(ctx.db, id)).find((x) => x.cycle === cycle && x.unitId === actor.unitId);
    if (!p) throw violated('请先保存本单位配合材料,再上传佐证材料');
    await attach(
      ctx,
      actor,
      id,
      { type: 'feedback_part', id: p.id, what: `${label}配合材料佐证` },
      upload,
      async (tx) => {
        const lead = await feedbackRepo.find(tx, id, cycle);
        const refusal = partEditRefusal((lead?.status as FeedbackStatus | undefined) ?? null);
        if (refusal) throw violated(refusal);
      },
    );
  } else {
    throw forbidden('只有牵头单位和配合单位可以上传佐证材料');
  }
  return getTaskDetail(ctx, actor, id);
}

/** Evidence for the 销号 request, by the lead unit, before the 督查室 decides. */
export async function addDoneFile(ctx: Ctx, actor: Actor, id: string, upload: Upload): Promise<TaskDetail> {
  const r = await reach(ctx, actor, id);
  assertLead(actor, r, '上传销号佐证材料');
  if (r.task.doneAt) throw violated('任务已销号');
  await attach(ctx, actor, id, { type: 'done_request', id, what: '销号佐证' }, upload, async (tx) => {
    const t = await lockTask(tx, id);
    if (t.doneAt) throw violated('任务已销号');
  });
  return getTaskDetail(ctx, actor, id);
}

/** Removes an evidence file (the row, bytes and audit record keep it) while its owner can still be changed. */
export async function removeTaskFile(ctx: Ctx, actor: Actor, id: string, fileId: string): Promise<TaskDetail> {
  const r = await reach(ctx, actor, id);
  assertMay(actor, 'task.answer');
  const f = await feedbackRepo.file(ctx.db, fileId);
  if (!f || !(await fileBelongsTo(ctx, f, id))) throw appError('NOT_FOUND');
  if (f.ownerType === 'feedback_part') {
    const p = (await feedbackRepo.partsOfTask(ctx.db, id)).find((x) => x.id === f.ownerId);
    if (r.role !== 'partner' || p?.unitId !== actor.unitId) throw forbidden('只能删除本单位上传的材料');
  } else if (r.role !== 'lead') {
    throw forbidden('只能删除本单位上传的材料');
  }
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await lockTask(tx, id);
    if (t.doneAt) throw violated('任务已销号,材料已锁定');
    if (f.ownerType === 'feedback') {
      const fb = (await feedbackRepo.ofTask(tx, id)).find((x) => x.id === f.ownerId);
      const next = feedbackNext((fb?.status as FeedbackStatus | undefined) ?? null, 'save');
      if (!next.ok) throw violated(next.reason);
    } else if (f.ownerType === 'feedback_part') {
      const p = (await feedbackRepo.partsOfTask(tx, id)).find((x) => x.id === f.ownerId);
      const lead = p ? await feedbackRepo.find(tx, id, p.cycle) : null;
      const refusal = partEditRefusal((lead?.status as FeedbackStatus | undefined) ?? null);
      if (refusal) throw violated(refusal);
    }
    const removed = await feedbackRepo.removeFile(tx, fileId, now);
    if (!removed) throw appError('NOT_FOUND');
    await event(tx, actor, id, 'file_removed', f.name, now);
    await audit({
      action: 'task.file_remove',
      entityType: 'task',
      entityId: id,
      before: { file: fileId, ownerType: f.ownerType, ownerId: f.ownerId, name: f.name },
    });
  });
  return getTaskDetail(ctx, actor, id);
}

// ── 销号 and the 督查室's rating ───────────────────────────────────────────────────────────────────────────────

export async function requestDone(ctx: Ctx, actor: Actor, id: string, note: string): Promise<TaskDetail> {
  const r = await reach(ctx, actor, id);
  assertLead(actor, r, '申请销号');
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await lockTask(tx, id);
    const refusal = doneRequestRefusal(t);
    if (refusal) throw violated(refusal);
    const updated = await taskRepo.update(tx, id, t.version, {
      doneRequestedAt: now,
      doneRequestNote: note,
      doneRequestedByName: actor.displayName,
      doneRefusedReason: null,
    });
    if (!updated) throw appError('STALE_WRITE');
    await event(tx, actor, id, 'done_requested', note, now);
    await audit({ action: 'task.done_request', entityType: 'task', entityId: id, after: { note } });
    await notifyUsers(
      tx,
      await supervisorsOf(tx),
      {
        kind: 'task_done_requested',
        title: `${actor.unitName}申请销号:${short(t)}`,
        body: note,
        link: link(id),
        subjectType: 'task',
        subjectId: id,
      },
      now,
    );
  });
  return getTaskDetail(ctx, actor, id);
}

async function decideDone(ctx: Ctx, actor: Actor, id: string, confirm: boolean, reason: string | null) {
  await reach(ctx, actor, id);
  assertMay(actor, 'task.manage');
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const t = await lockTask(tx, id);
    const refusal = doneDecisionRefusal(t);
    if (refusal) throw violated(refusal);
    const updated = await taskRepo.update(
      tx,
      id,
      t.version,
      confirm
        ? { doneAt: now, doneConfirmedByName: actor.displayName }
        : { doneRequestedAt: null, doneRequestedByName: null, doneRefusedReason: reason },
    );
    if (!updated) throw appError('STALE_WRITE');
    await event(tx, actor, id, confirm ? 'done_confirmed' : 'done_refused', reason, now);
    await audit({
      action: confirm ? 'task.done_confirm' : 'task.done_refuse',
      entityType: 'task',
      entityId: id,
      before: { doneRequestNote: t.doneRequestNote },
      after: confirm ? { doneAt: now.toISOString() } : { reason },
    });
    await notifyUnit(
      tx,
      t.leadUnitId,
      HANDLER_ROLES,
      {
        kind: confirm ? 'task_done_confirmed' : 'task_done_refused',
        title: confirm ? `督查室已确认销号:${short(t)}` : `督查室不予销号:${short(t)}`,
        body: reason,
        link: link(id),
        subjectType: 'task',
        subjectId: id,
      },
      now,
    );
  });
  return getTaskDetail(ctx, actor, id);
}

export const confirmDone = (ctx: Ctx, actor: Actor, id: string) => decideDone(ctx, actor, id, true, null);
export const refuseDone = (ctx: Ctx, actor: Actor, id: string, reason: string) =>
  decideDone(ctx, actor, id, false, reason);

/** The 督查室's own rating of the task, shown next to the unit's confidence (a divergence is highlighted). */
export async function rateTask(ctx: Ctx, actor: Actor, id: string, input: RatingBody): Promise<TaskDetail> {
  await reach(ctx, actor, id);
  assertMay(actor, 'task.manage');
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit: Audit) => {
    const t = await lockTask(tx, id);
    if (t.version !== input.version) throw appError('STALE_WRITE');
    const updated = await taskRepo.update(tx, id, t.version, { supervisorRating: input.rating });
    if (!updated) throw appError('STALE_WRITE');
    await event(tx, actor, id, 'rated', input.rating ? CONFIDENCE_LABELS[input.rating].zh : '清除督查评估', now);
    await audit({
      action: 'task.rate',
      entityType: 'task',
      entityId: id,
      before: { supervisorRating: t.supervisorRating },
      after: { supervisorRating: input.rating },
    });
  });
  return getTaskDetail(ctx, actor, id);
}
