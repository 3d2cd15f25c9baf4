import type { Role } from '../../../domain/auth/roles.ts';
import { businessDate } from '../../../domain/common/business-date.ts';
import { canRespond, checkStep, isNumbered, skippedSteps, stepNumber } from '../../../domain/supervision/ladder.ts';
import type {
  LadderRecord,
  LadderStepView,
  RecordCounts,
  StepClose,
  StepIssue,
  StepListQuery,
  StepPage,
  StepRespond,
} from '../../../domain/supervision/ladder-contracts.ts';
import {
  LADDER_STEP_LABELS,
  type LadderStep,
  NOTICE_POLARITY_LABELS,
  type NoticePolarity,
  type SupervisableType,
} from '../../../domain/supervision/model.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { type Audit, audited, type Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { notifyUnit, notifyUsers } from '../notifications/index.ts';
import { findUnitInDirectory } from '../org/index.ts';
import { seesAllTasks } from '../tasks/index.ts';
import { presentStep } from './ladder.presenter.ts';
import { ladderRepo, type StepRow, stepReach } from './ladder.repository.ts';
import { objectLink, resolveSupervisable } from './supervisable.ts';

/**
 * The supervision ladder (催办 → 督办 → 通报 → 约谈 → 问责) on any supervisable object: issued by the 督查室 (a step
 * above the next one in order only with a written reason), numbered per register and year, told to the addressed
 * unit, answered by it, closed by the 督查室. A unit sees only the steps addressed to it; city-wide roles all.
 */

/** The unit's staff told of a step (those who answer for the unit). */
const HANDLER_ROLES: readonly Role[] = ['unit_staff', 'coordinator'];

export const reachOf = (actor: Pick<Actor, 'roles' | 'unitId'>) => stepReach(seesAllTasks(actor), actor.unitId);

/** Where a notice about a step sends the unit: the register opens the step with its 答复 button. */
export const stepLink = (id: string) => `/supervision/steps?id=${id}`;

const stepTitle = (step: LadderStep, polarity: string | null | undefined) =>
  step === 'notice' && polarity ? NOTICE_POLARITY_LABELS[polarity as NoticePolarity].zh : LADDER_STEP_LABELS[step].zh;

const snapshot = (s: StepRow) => ({
  objectType: s.objectType,
  objectId: s.objectId,
  objectLabel: s.objectLabel,
  unitId: s.unitId,
  step: s.step,
  number: s.number,
  polarity: s.polarity,
  reason: s.reason,
  requirement: s.requirement,
  dueOn: s.dueOn,
  skipReason: s.skipReason,
  meetingOn: s.meetingOn,
  participants: s.participants,
  record: s.record,
  decision: s.decision,
  decisionRef: s.decisionRef,
  origin: s.origin,
  response: s.response,
  status: s.status,
});

export async function listSteps(ctx: Ctx, actor: Actor, q: StepListQuery): Promise<StepPage> {
  assertMay(actor, 'task.read');
  const today = businessDate(ctx.now());
  const { rows, total } = await ladderRepo.list(
    ctx.db,
    reachOf(actor),
    {
      ...(q.objectType ? { objectType: q.objectType } : {}),
      ...(q.objectId ? { objectId: q.objectId } : {}),
      ...(q.unitId ? { unitId: q.unitId } : {}),
      ...(q.step ? { step: q.step } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.year ? { year: q.year } : {}),
      ...(q.q ? { q: q.q } : {}),
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return {
    items: rows.map((r) => presentStep(actor, r, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    can: { issue: actorMay(actor, 'supervision.issue') },
  };
}

export async function getStep(ctx: Ctx, actor: Actor, id: string): Promise<LadderStepView> {
  assertMay(actor, 'task.read');
  const s = await ladderRepo.find(ctx.db, reachOf(actor), id);
  if (!s) throw appError('NOT_FOUND');
  return presentStep(actor, s, businessDate(ctx.now()));
}

const invalid = (path: string, message: string) => appError('VALIDATION_FAILED', { fields: [{ path, message }] });

/** 发起: checks the object, the unit and the order of the ladder; numbers, tells the unit and audits in one go. */
export async function issueStep(ctx: Ctx, actor: Actor, input: StepIssue): Promise<LadderStepView> {
  assertMay(actor, 'supervision.issue');
  const now = ctx.now();
  const today = businessDate(now);
  const year = Number(today.slice(0, 4));
  if (input.dueOn && input.dueOn < today) throw invalid('dueOn', '办理时限不能早于今天');
  const ref = await resolveSupervisable(ctx, ctx.db, actor, input.objectType, input.objectId);
  if (!ref) throw invalid('objectId', '督办对象不存在或无权访问');
  const unitId = input.unitId ?? ref.unitId;
  if (!unitId) throw invalid('unitId', '该事项涉及多个单位,请选择承办单位');
  if (input.unitId) {
    const unit = await findUnitInDirectory(ctx.db, actor, input.unitId);
    if (!unit) throw invalid('unitId', '承办单位不存在或不在本市');
  }

  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const prior = await ladderRepo.onObject(tx, input.objectType, input.objectId);
    const priorSteps = prior.map((p) => ({ step: p.step as LadderStep, polarity: p.polarity }));
    const check = checkStep(input.step, priorSteps, input.skipReason, { polarity: input.polarity });
    if (!check.ok) throw invalid('skipReason', check.zh);
    const skipped = input.polarity === 'commending' ? [] : skippedSteps(input.step, priorSteps);
    const seq = isNumbered(input.step) ? await ladderRepo.nextSeq(tx, input.step, year) : null;
    const row = await ladderRepo.insert(tx, {
      objectType: input.objectType,
      objectId: input.objectId,
      objectLabel: ref.label,
      unitId,
      step: input.step,
      year,
      seq,
      number: seq === null ? null : stepNumber(input.step, year, seq),
      polarity: input.step === 'notice' ? input.polarity : null,
      reason: input.reason,
      requirement: input.requirement,
      dueOn: input.dueOn,
      skipReason: skipped.length ? input.skipReason : null,
      meetingOn: input.step === 'admonition' ? input.meetingOn : null,
      participants: input.step === 'admonition' ? input.participants : null,
      record: input.step === 'admonition' ? input.record : null,
      decision: input.step === 'accountability' ? input.decision : null,
      decisionRef: input.step === 'accountability' ? input.decisionRef : null,
      origin: 'manual',
      issuedBy: actor.userId,
      issuedByName: actor.displayName,
      issuedAt: now,
      status: 'open',
    });
    const title = `${stepTitle(input.step, input.polarity)}${row.number ? ` ${row.number}` : ''}:${ref.label}`;
    await notifyUnit(
      tx,
      unitId,
      HANDLER_ROLES,
      {
        kind: 'ladder_step',
        title,
        body: `${input.requirement ?? input.reason}${input.dueOn ? `(请于${input.dueOn}前办理并答复)` : ''}`,
        link: stepLink(row.id),
        subjectType: 'ladder_step',
        subjectId: row.id,
      },
      now,
    );
    await audit({
      action: 'ladder_step.issue',
      entityType: 'ladder_step',
      entityId: row.id,
      after: snapshot(row),
      reason: skipped.length ? input.skipReason : null,
    });
    return row.id;
  });
  return getStep(ctx, actor, id);
}

/**
 * An automatic 催办 (the daily sweep, a rule of another module): issued by the system in the caller's transaction,
 * once per object, unit and origin (`auto:feedback:2026-10` reminds a task once for that cycle). Returns the step, or
 * null when that reminder was already given.
 */
export async function issueReminder(
  tx: Tx,
  audit: Audit,
  input: {
    objectType: SupervisableType;
    objectId: string;
    unitId: string;
    label: string;
    reason: string;
    origin: string;
    now: Date;
    dueOn?: string | null;
    requirement?: string | null;
  },
): Promise<StepRow | null> {
  if (input.origin !== 'manual') {
    const given = await ladderRepo.hasOrigin(tx, input.objectType, input.objectId, input.unitId, input.origin);
    if (given) return null;
  }
  const today = businessDate(input.now);
  const row = await ladderRepo.insert(tx, {
    objectType: input.objectType,
    objectId: input.objectId,
    objectLabel: input.label,
    unitId: input.unitId,
    step: 'reminder',
    year: Number(today.slice(0, 4)),
    reason: input.reason,
    requirement: input.requirement ?? null,
    dueOn: input.dueOn ?? null,
    origin: input.origin,
    issuedBy: null,
    issuedByName: '系统',
    issuedAt: input.now,
    status: 'open',
  });
  await notifyUnit(
    tx,
    input.unitId,
    HANDLER_ROLES,
    {
      kind: 'ladder_step',
      title: `催办:${input.label}`,
      body: input.reason,
      link: objectLink(input.objectType, input.objectId),
      subjectType: 'ladder_step',
      subjectId: row.id,
      dedupeKey: `ladder:${input.origin}:${input.objectId}:${input.unitId}`,
    },
    input.now,
  );
  await audit({ action: 'ladder_step.issue', entityType: 'ladder_step', entityId: row.id, after: snapshot(row) });
  return row;
}

/** Closes a step in the caller's transaction (the sweep closes its own reminders once the duty is done). */
export async function closeStepInTx(
  tx: Tx,
  audit: Audit,
  row: StepRow,
  by: { name: string; now: Date; note?: string },
): Promise<StepRow> {
  const next = await ladderRepo.update(tx, row.id, row.version, {
    status: 'closed',
    closedAt: by.now,
    closedByName: by.name,
  });
  if (!next) throw appError('STALE_WRITE');
  await audit({
    action: 'ladder_step.close',
    entityType: 'ladder_step',
    entityId: row.id,
    before: { status: row.status },
    after: { status: 'closed' },
    reason: by.note ?? null,
  });
  return next;
}

/** 答复: the addressed unit answers (or amends its answer) until the step is closed; the issuer is told. */
export async function respondStep(ctx: Ctx, actor: Actor, id: string, input: StepRespond): Promise<LadderStepView> {
  assertMay(actor, 'task.answer');
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const row = await ladderRepo.findForUpdate(tx, reachOf(actor), id);
    if (!row) throw appError('NOT_FOUND');
    if (row.unitId !== actor.unitId) throw appError('FORBIDDEN');
    if (input.version !== undefined && input.version !== row.version) throw appError('STALE_WRITE');
    if (!canRespond({ step: row.step as LadderStep, polarity: row.polarity, status: row.status })) {
      throw appError('RULE_VIOLATED', {
        params: { what: row.status === 'closed' ? '该督办事项已办结,不能再答复' : '通报表扬无需答复' },
      });
    }
    const next = await ladderRepo.update(tx, row.id, row.version, {
      response: input.response,
      respondedAt: now,
      respondedByName: `${actor.displayName}(${actor.unitName})`,
      status: 'answered',
    });
    if (!next) throw appError('STALE_WRITE');
    if (row.issuedBy) {
      await notifyUsers(
        tx,
        [row.issuedBy],
        {
          kind: 'ladder_answer',
          title: `${actor.unitName}已答复${stepTitle(row.step as LadderStep, row.polarity)}${row.number ? ` ${row.number}` : ''}`,
          body: input.response.slice(0, 200),
          link: stepLink(row.id),
          subjectType: 'ladder_step',
          subjectId: row.id,
        },
        now,
      );
    }
    await audit({
      action: 'ladder_step.respond',
      entityType: 'ladder_step',
      entityId: row.id,
      before: { response: row.response, status: row.status },
      after: { response: next.response, status: next.status },
    });
  });
  return getStep(ctx, actor, id);
}

/** 办结: the 督查室 closes a step (answered or not); the answer is then final. */
export async function closeStep(ctx: Ctx, actor: Actor, id: string, input: StepClose): Promise<LadderStepView> {
  assertMay(actor, 'supervision.issue');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const row = await ladderRepo.findForUpdate(tx, reachOf(actor), id);
    if (!row) throw appError('NOT_FOUND');
    if (input.version !== undefined && input.version !== row.version) throw appError('STALE_WRITE');
    if (row.status === 'closed') throw appError('RULE_VIOLATED', { params: { what: '该督办事项已办结' } });
    await closeStepInTx(tx, audit, row, { name: actor.displayName, now: ctx.now() });
  });
  return getStep(ctx, actor, id);
}

// ── the unit's record, for the assessment ──────────────────────────────────────────────────────────────────
const zero = (): RecordCounts => ({
  reminder: 0,
  autoReminder: 0,
  order: 0,
  notice: 0,
  commendation: 0,
  admonition: 0,
  accountability: 0,
});

/**
 * The ladder steps a unit received in a year, per quarter (of the business date of issue): reminders (of which
 * automatic), orders, critical notices, commendations, admonitions and accountability decisions.
 */
export async function ladderRecord(conn: Conn, unitId: string, year: number): Promise<LadderRecord> {
  const rows = await ladderRepo.record(conn, unitId, year);
  const quarters = [1, 2, 3, 4].map((quarter) => ({ quarter, ...zero() }));
  const total = zero();
  for (const r of rows) {
    const q = quarters[Number(r.quarter) - 1];
    if (!q) continue;
    const n = Number(r.n);
    const key: keyof RecordCounts =
      r.step === 'notice' ? (r.polarity === 'commending' ? 'commendation' : 'notice') : (r.step as LadderStep);
    q[key] += n;
    total[key] += n;
    if (r.step === 'reminder' && (r.auto === true || (r.auto as unknown) === 't')) {
      q.autoReminder += n;
      total.autoReminder += n;
    }
  }
  return { unitId, year, quarters, total };
}

export async function unitRecord(ctx: Ctx, actor: Actor, unitId: string, year?: number): Promise<LadderRecord> {
  assertMay(actor, 'task.read');
  if (!seesAllTasks(actor) && unitId !== actor.unitId) throw appError('NOT_FOUND');
  const unit = await ladderRepo.unit(ctx.db, unitId);
  if (!unit) throw appError('NOT_FOUND');
  return ladderRecord(ctx.db, unitId, year ?? Number(businessDate(ctx.now()).slice(0, 4)));
}
