import { businessDate } from '../../../domain/common/business-date.ts';
import type {
  Instruction,
  InstructionCreate,
  InstructionListQuery,
  InstructionRespond,
} from '../../../domain/supervision/inspections-contracts.ts';
import {
  checkNewInstruction,
  daysPastDue,
  type InstructionFacts,
  type InstructionKind,
  instructionOverdue,
  instructionState,
  mayRespond,
  unitState,
} from '../../../domain/supervision/instructions.ts';
import { actorMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError, type FieldError } from '../../platform/errors/app-error.ts';
import { notifyUnit, notifyUsers } from '../notifications/index.ts';
import { findUnitInDirectory } from '../org/index.ts';
import { objectLink, resolveObject } from './instructions.objects.ts';
import {
  type InstructionReach,
  type InstructionRow,
  type InstructionUnitRow,
  instructionRepo,
} from './instructions.repository.ts';

/**
 * 批示: a leader writes an instruction, naming units and (for action) a deadline; each named unit answers — and may
 * change its answer — until the leader (or the 督查室) closes it. States (待答复 / 已答复 / 逾期 / 已办结 / 阅知) are
 * computed in domain/supervision/instructions.ts, never stored.
 */

/** Who in a unit hears of an instruction: the staff who answer for it. */
const ANSWER_ROLES = ['unit_staff', 'coordinator'] as const;
const link = (id: string) => `/supervision/instructions/${id}`;

const seesAll = (actor: Actor) => actor.roles.includes('admin') || actorMay(actor, 'supervision.issue');

function assertMayRead(actor: Actor) {
  if (!actorMay(actor, 'task.read') && !actorMay(actor, 'instruction.write')) throw appError('FORBIDDEN');
}

async function reachOf(conn: Conn, actor: Actor): Promise<{ reach: InstructionReach; leaderId: string | null }> {
  const leader = actorMay(actor, 'instruction.write') ? await instructionRepo.leaderOfUser(conn, actor.userId) : null;
  const leaderId = leader?.id ?? null;
  if (seesAll(actor)) return { reach: { all: true }, leaderId };
  return { reach: { all: false, leaderId, unitId: actor.unitId }, leaderId };
}

const factsOf = (i: InstructionRow): InstructionFacts => ({
  kind: i.kind as InstructionKind,
  status: i.status as 'open' | 'closed',
  dueOn: i.dueOn,
});

function present(
  actor: Actor,
  leaderId: string | null,
  i: InstructionRow,
  units: InstructionUnitRow[],
  today: string,
): Instruction {
  const facts = factsOf(i);
  const unitFacts = units.map((u) => ({ responded: u.respondedAt !== null }));
  const mine = units.find((u) => u.unitId === actor.unitId) ?? null;
  const overdue = instructionOverdue(facts, unitFacts, today);
  const isLeader = leaderId !== null && leaderId === i.leaderId;
  return {
    id: i.id,
    leaderId: i.leaderId,
    leaderName: i.leaderName,
    object:
      i.objectType && i.objectId
        ? {
            type: i.objectType as NonNullable<Instruction['object']>['type'],
            id: i.objectId,
            label: i.objectLabel ?? '',
            link: objectLink(i.objectType, i.objectId),
          }
        : null,
    kind: facts.kind,
    text: i.text,
    dueOn: i.dueOn,
    status: facts.status,
    state: instructionState(facts, unitFacts, today),
    overdue,
    daysOverdue: overdue ? daysPastDue(i.dueOn, today) : 0,
    units: units.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      state: unitState(facts, { responded: u.respondedAt !== null }, today),
      response: u.response,
      respondedAt: u.respondedAt?.toISOString() ?? null,
      respondedByName: u.respondedByName,
      version: u.version,
    })),
    respondedCount: unitFacts.filter((u) => u.responded).length,
    createdByName: i.createdByName,
    createdAt: i.createdAt.toISOString(),
    closedAt: i.closedAt?.toISOString() ?? null,
    version: i.version,
    can: {
      respond: mine !== null && actorMay(actor, 'task.answer') && mayRespond(facts),
      close: facts.status === 'open' && (isLeader || seesAll(actor)),
      myUnitId: mine?.unitId ?? null,
    },
  };
}

export async function listInstructions(ctx: Ctx, actor: Actor, q: InstructionListQuery) {
  assertMayRead(actor);
  const { reach, leaderId } = await reachOf(ctx.db, actor);
  const today = businessDate(ctx.now());
  const rows = await instructionRepo.list(ctx.db, reach, {
    ...(q.mine ? { mine: { leaderId, unitId: actor.unitId } } : {}),
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(q.objectType ? { objectType: q.objectType } : {}),
    ...(q.objectId ? { objectId: q.objectId } : {}),
    ...(q.q ? { q: q.q } : {}),
  });
  const units = await instructionRepo.units(
    ctx.db,
    rows.map((r) => r.id),
  );
  const byInstruction = Map.groupBy(units, (u) => u.instructionId);
  const all = rows.map((r) => present(actor, leaderId, r, byInstruction.get(r.id) ?? [], today));
  const shown = q.state ? all.filter((i) => i.state === q.state) : all;
  // the overdue first, then the newest
  shown.sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const from = (q.page - 1) * q.pageSize;
  const writer = actorMay(actor, 'instruction.write');
  return {
    items: shown.slice(from, from + q.pageSize),
    total: shown.length,
    page: q.page,
    pageSize: q.pageSize,
    counts: {
      open: all.filter((i) => i.state === 'open').length,
      overdue: all.filter((i) => i.state === 'overdue').length,
      answered: all.filter((i) => i.state === 'answered').length,
      closed: all.filter((i) => i.state === 'closed').length,
    },
    can: {
      write: writer && (leaderId !== null || actor.roles.includes('admin')),
      chooseLeader: writer && actor.roles.includes('admin'),
    },
  };
}

export async function getInstruction(ctx: Ctx, actor: Actor, id: string): Promise<Instruction> {
  assertMayRead(actor);
  const { reach, leaderId } = await reachOf(ctx.db, actor);
  const i = await instructionRepo.find(ctx.db, reach, id);
  if (!i) throw appError('NOT_FOUND');
  const units = await instructionRepo.units(ctx.db, [i.id]);
  return present(actor, leaderId, i, units, businessDate(ctx.now()));
}

/** A leader writes an instruction (an administrator for a leader it names); the named units are told. */
export async function writeInstruction(ctx: Ctx, actor: Actor, input: InstructionCreate): Promise<Instruction> {
  if (!actorMay(actor, 'instruction.write')) throw appError('FORBIDDEN');
  const now = ctx.now();
  const today = businessDate(now);
  const fields: FieldError[] = [...checkNewInstruction(input, today)];
  // the leader: one's own row; an administrator names one
  let leader: { id: string; name: string; userId: string | null } | null = null;
  if (actor.roles.includes('admin') && input.leaderId) {
    const l = await instructionRepo.leader(ctx.db, input.leaderId);
    if (!l?.active) fields.push({ path: 'leaderId', message: '批示领导不存在或已停用' });
    else leader = l;
  } else {
    leader = await instructionRepo.leaderOfUser(ctx.db, actor.userId);
    if (!leader) {
      fields.push({
        path: 'leaderId',
        message: actor.roles.includes('admin') ? '请选择批示领导' : '当前账号未关联领导信息,请联系管理员',
      });
    } else if (input.leaderId && input.leaderId !== leader.id) {
      fields.push({ path: 'leaderId', message: '只能以本人名义批示' });
    }
  }
  const units: { id: string; name: string }[] = [];
  for (const [n, unitId] of input.unitIds.entries()) {
    const u = await findUnitInDirectory(ctx.db, actor, unitId);
    if (!u?.active) fields.push({ path: `unitIds.${n}`, message: '承办单位不存在或已停用' });
    else units.push({ id: u.id, name: u.name });
  }
  const object =
    input.objectType && input.objectId
      ? await resolveObject(ctx, ctx.db, actor, input.objectType, input.objectId)
      : null;
  if (input.objectType && input.objectId && !object) {
    fields.push({ path: 'objectId', message: '批示对象不存在或无权访问' });
  }
  if (fields.length || !leader) throw appError('VALIDATION_FAILED', { fields });
  const l = leader;

  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const row = await instructionRepo.insert(tx, {
      leaderId: l.id,
      leaderName: l.name,
      objectType: object?.type ?? null,
      objectId: object?.id ?? null,
      objectLabel: object?.label ?? null,
      kind: input.kind,
      text: input.text,
      dueOn: input.dueOn,
      status: 'open',
      createdBy: actor.userId,
      createdByName: actor.displayName,
      createdAt: now,
    });
    await instructionRepo.insertUnits(
      tx,
      units.map((u) => ({ instructionId: row.id, unitId: u.id })),
    );
    await audit({
      action: 'instruction.create',
      entityType: 'instruction',
      entityId: row.id,
      after: {
        leaderId: l.id,
        kind: input.kind,
        object: object ? { type: object.type, id: object.id } : null,
        unitIds: units.map((u) => u.id),
        dueOn: input.dueOn,
      },
    });
    const about = object ? `(${object.label})` : '';
    const snippet = input.text.length > 60 ? `${input.text.slice(0, 60)}…` : input.text;
    for (const u of units) {
      await notifyUnit(
        tx,
        u.id,
        ANSWER_ROLES,
        {
          kind: 'instruction',
          title: `${l.name}批示${about}`,
          body: input.kind === 'act' ? `${snippet}(请于${input.dueOn}前答复)` : `${snippet}(阅知)`,
          link: link(row.id),
          subjectType: 'instruction',
          subjectId: row.id,
        },
        now,
      );
    }
    return row.id;
  });
  return getInstruction(ctx, actor, id);
}

/** A named unit answers (or changes its answer) while the instruction is open; the leader hears of it. */
export async function respondToInstruction(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: InstructionRespond,
): Promise<Instruction> {
  const seen = await getInstruction(ctx, actor, id);
  if (!actorMay(actor, 'task.answer') || seen.can.myUnitId === null) throw appError('FORBIDDEN');
  if (seen.kind === 'read') throw appError('RULE_VIOLATED', { params: { what: '阅知类批示无须答复' } });
  if (seen.status === 'closed') throw appError('RULE_VIOLATED', { params: { what: '批示已办结,不能再答复' } });
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const i = await instructionRepo.findForUpdate(tx, id);
    if (!i) throw appError('NOT_FOUND');
    if (!mayRespond(factsOf(i))) throw appError('RULE_VIOLATED', { params: { what: '批示已办结,不能再答复' } });
    const u = await instructionRepo.unitForUpdate(tx, id, actor.unitId);
    if (!u) throw appError('FORBIDDEN');
    if (u.version !== input.version) throw appError('STALE_WRITE');
    const updated = await instructionRepo.updateUnit(tx, id, actor.unitId, u.version, {
      response: input.response,
      respondedAt: now,
      respondedByName: actor.displayName,
    });
    if (!updated) throw appError('STALE_WRITE');
    await audit({
      action: 'instruction.respond',
      entityType: 'instruction',
      entityId: id,
      before: { unitId: actor.unitId, response: u.response },
      after: { unitId: actor.unitId, response: input.response },
    });
    const leader = await instructionRepo.leader(tx, i.leaderId);
    if (leader?.userId) {
      await notifyUsers(
        tx,
        [leader.userId],
        {
          kind: 'instruction_response',
          title: `${actor.unitName}${u.respondedAt ? '更新了' : ''}对批示的答复`,
          body: input.response.length > 80 ? `${input.response.slice(0, 80)}…` : input.response,
          link: link(id),
          subjectType: 'instruction',
          subjectId: id,
        },
        now,
      );
    }
  });
  return getInstruction(ctx, actor, id);
}

/** The leader who wrote it (or the 督查室) closes an instruction: answers are then final. */
export async function closeInstruction(ctx: Ctx, actor: Actor, id: string, version: number): Promise<Instruction> {
  const seen = await getInstruction(ctx, actor, id);
  if (seen.status === 'closed') throw appError('RULE_VIOLATED', { params: { what: '批示已办结' } });
  if (!seen.can.close) throw appError('FORBIDDEN');
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const i = await instructionRepo.findForUpdate(tx, id);
    if (!i) throw appError('NOT_FOUND');
    if (i.version !== version) throw appError('STALE_WRITE');
    const updated = await instructionRepo.update(tx, id, i.version, { status: 'closed', closedAt: now });
    if (!updated) throw appError('STALE_WRITE');
    await audit({
      action: 'instruction.close',
      entityType: 'instruction',
      entityId: id,
      before: { status: i.status },
      after: { status: 'closed' },
    });
  });
  return getInstruction(ctx, actor, id);
}

// ── for the board, the inbox and the ladder (exported through index.ts) ─────────────────────────────────────
/** Each (instruction, unit) pair overdue on `today`: an open `act` instruction past its deadline, unit silent. */
export async function overdueInstructions(conn: Conn, today: string) {
  const rows = await instructionRepo.overdue(conn, today);
  return rows.map((r) => ({
    id: r.i.id,
    leaderName: r.i.leaderName,
    text: r.i.text,
    objectLabel: r.i.objectLabel,
    dueOn: r.i.dueOn!,
    daysOverdue: daysPastDue(r.i.dueOn, today),
    unitId: r.unitId,
    unitName: r.unitName,
    link: link(r.i.id),
  }));
}

/** What a unit still has to answer, soonest deadline first. */
export async function instructionsAwaitingUnit(conn: Conn, unitId: string, today: string) {
  const rows = await instructionRepo.awaitingUnit(conn, unitId);
  return rows.map((i) => ({
    id: i.id,
    leaderName: i.leaderName,
    text: i.text,
    objectLabel: i.objectLabel,
    dueOn: i.dueOn,
    overdue: i.dueOn !== null && i.dueOn < today,
    link: link(i.id),
  }));
}
