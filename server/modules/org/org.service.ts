import type {
  HandoverRequest,
  LeaderCreate,
  LeaderUpdate,
  RegionCreate,
  RegionUpdate,
  UnitCreate,
  UnitListQuery,
  UnitUpdate,
  UserCreate,
  UserListQuery,
  UserUpdate,
} from '../../../domain/org/contracts.ts';
import { type RegionKind, regionCreateProblems } from '../../../domain/org/region.ts';
import { assertMay } from '../../platform/access/access.ts';
import { entityHistory } from '../../platform/audit/audit.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import { generatePassword } from '../../platform/crypto/crypto.ts';
import { hashPassword } from '../../platform/crypto/password-hash.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { endSessionsOfUser, invalidateRegionTree } from '../auth/index.ts';
import { assignmentRepo, holderExists, leaderRepo, regionRepo, unitRepo, userRepo } from './org.repository.ts';

/** Editable fields only: what an audit record's before/after shows (never hashes or counters). */
const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
const REGION_FIELDS = ['code', 'name', 'kind', 'parentCode', 'sort'] as const;
const UNIT_FIELDS = ['name', 'shortName', 'aliases', 'kind', 'regionCode', 'parentUnitId', 'sort', 'active'] as const;
const LEADER_FIELDS = ['name', 'title', 'portfolio', 'regionCode', 'userId', 'sort', 'active'] as const;
const USER_FIELDS = ['username', 'displayName', 'unitId', 'roles', 'phone', 'active'] as const;

const stale = () => appError('STALE_WRITE');

// ── regions ──────────────────────────────────────────────────────────────────────────────────────────────
export const listRegions = (ctx: Ctx) => regionRepo.list(ctx.db);

export async function createRegion(ctx: Ctx, actor: Actor, input: RegionCreate) {
  assertMay(actor, 'org.manage');
  const row = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    if (await regionRepo.find(tx, input.code))
      throw appError('CONFLICT', { params: { what: `区划代码${input.code}` } });
    const parent = input.parentCode ? await regionRepo.find(tx, input.parentCode) : null;
    const problems = regionCreateProblems(
      input,
      parent ? { code: parent.code, kind: parent.kind as RegionKind } : null,
    );
    if (problems.length) throw appError('VALIDATION_FAILED', { fields: problems });
    const r = await regionRepo.insert(tx, { ...input, createdAt: ctx.now(), updatedAt: ctx.now() });
    await audit({ action: 'region.create', entityType: 'region', entityId: r.code, after: pick(r, REGION_FIELDS) });
    return r;
  });
  invalidateRegionTree(ctx);
  return row;
}

export async function updateRegion(ctx: Ctx, actor: Actor, code: string, input: RegionUpdate) {
  assertMay(actor, 'org.manage');
  return audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await regionRepo.findForUpdate(tx, code);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw stale();
    const after = await regionRepo.update(tx, code, input.version, { name: input.name, sort: input.sort }, ctx.now());
    if (!after) throw stale();
    await audit({
      action: 'region.update',
      entityType: 'region',
      entityId: code,
      before: pick(before, REGION_FIELDS),
      after: pick(after, REGION_FIELDS),
    });
    return after;
  });
}

export async function regionHistory(ctx: Ctx, code: string) {
  if (!(await regionRepo.find(ctx.db, code))) throw appError('NOT_FOUND');
  return entityHistory(ctx.db, 'region', code);
}

// ── units ────────────────────────────────────────────────────────────────────────────────────────────────
export const listUnits = (ctx: Ctx, actor: Actor, q: UnitListQuery) => unitRepo.list(ctx.db, actor.directory, q);

export async function getUnit(ctx: Ctx, actor: Actor, id: string) {
  const u = await unitRepo.find(ctx.db, actor.directory, id);
  if (!u) throw appError('NOT_FOUND');
  return u;
}

async function checkUnitRefs(tx: Tx, actor: Actor, input: UnitCreate, selfId: string | null) {
  const fields = [];
  if (!(await regionRepo.find(tx, input.regionCode))) fields.push({ path: 'regionCode', message: '行政区划不存在' });
  if (input.parentUnitId) {
    if (input.parentUnitId === selfId) fields.push({ path: 'parentUnitId', message: '上级单位不能是本单位' });
    else if (!(await unitRepo.find(tx, actor.directory, input.parentUnitId))) {
      fields.push({ path: 'parentUnitId', message: '上级单位不存在' });
    }
  }
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });
  if (await unitRepo.nameTaken(tx, input.regionCode, input.name, selfId)) {
    throw appError('CONFLICT', {
      params: { what: `本区划下的单位“${input.name}”` },
      fields: [{ path: 'name', message: '本区划下已有同名单位' }],
    });
  }
}

export async function createUnit(ctx: Ctx, actor: Actor, input: UnitCreate) {
  assertMay(actor, 'org.manage');
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await checkUnitRefs(tx, actor, input, null);
    const now = ctx.now();
    const u = await unitRepo.insert(tx, {
      ...input,
      shortName: input.shortName ?? null,
      parentUnitId: input.parentUnitId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await audit({ action: 'unit.create', entityType: 'unit', entityId: u.id, after: pick(u, UNIT_FIELDS) });
    return u.id;
  });
  return getUnit(ctx, actor, id);
}

export async function updateUnit(ctx: Ctx, actor: Actor, id: string, input: UnitUpdate) {
  assertMay(actor, 'org.manage');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await unitRepo.findForUpdate(tx, actor.directory, id);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw stale();
    await checkUnitRefs(tx, actor, input, id);
    const { version, ...set } = input;
    const after = await unitRepo.update(
      tx,
      id,
      version,
      { ...set, shortName: set.shortName ?? null, parentUnitId: set.parentUnitId ?? null },
      ctx.now(),
    );
    if (!after) throw stale();
    await audit({
      action: 'unit.update',
      entityType: 'unit',
      entityId: id,
      before: pick(before, UNIT_FIELDS),
      after: pick(after, UNIT_FIELDS),
    });
  });
  return getUnit(ctx, actor, id);
}

export async function unitHistory(ctx: Ctx, actor: Actor, id: string) {
  await getUnit(ctx, actor, id);
  return entityHistory(ctx.db, 'unit', id);
}

// ── leaders ──────────────────────────────────────────────────────────────────────────────────────────────
const OVERSEES = 'oversees_unit';

/** The units each leader oversees now, from the open assignments — one query for any number of leaders. */
async function overseenBy(ctx: Ctx, actor: Actor, leaderIds: string[]) {
  const open = (await assignmentRepo.openOfHolders(ctx.db, 'leader', leaderIds)).filter((a) => a.kind === OVERSEES);
  const byLeader = new Map<string, { unitId: string; unitName: string; since: Date }[]>();
  for (const a of open) {
    const list = byLeader.get(a.holderId) ?? [];
    list.push({ unitId: a.subjectId, unitName: a.subjectLabel, since: a.startedAt });
    byLeader.set(a.holderId, list);
  }
  void actor;
  return byLeader;
}

export async function listLeaders(ctx: Ctx, actor: Actor) {
  const rows = await leaderRepo.list(ctx.db, actor.directory);
  const oversees = await overseenBy(
    ctx,
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ row: r, oversees: oversees.get(r.id) ?? [] }));
}

export async function getLeader(ctx: Ctx, actor: Actor, id: string) {
  const row = await leaderRepo.find(ctx.db, actor.directory, id);
  if (!row) throw appError('NOT_FOUND');
  const oversees = await overseenBy(ctx, actor, [id]);
  return { row, oversees: oversees.get(id) ?? [] };
}

/** Opens and closes "oversees unit" assignments so that exactly `unitIds` are open for the leader. */
async function syncOversees(tx: Tx, actor: Actor, leaderId: string, unitIds: string[], now: Date) {
  const wanted = [...new Set(unitIds)];
  const named = await unitRepo.names(tx, actor.directory, wanted);
  if (named.length !== wanted.length) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'overseesUnitIds', message: '分管单位不存在' }] });
  }
  const open = (await assignmentRepo.openOfHolders(tx, 'leader', [leaderId])).filter((a) => a.kind === OVERSEES);
  const toClose = open.filter((a) => !wanted.includes(a.subjectId)).map((a) => a.id);
  const have = new Set(open.map((a) => a.subjectId));
  await assignmentRepo.close(tx, toClose, now, null);
  await assignmentRepo.open(
    tx,
    named
      .filter((u) => !have.has(u.id))
      .map((u) => ({
        kind: OVERSEES,
        subjectType: 'unit',
        subjectId: u.id,
        subjectLabel: u.name,
        holderType: 'leader',
        holderId: leaderId,
        startedAt: now,
      })),
  );
  return wanted.sort();
}

async function checkLeaderRefs(tx: Tx, actor: Actor, input: LeaderCreate) {
  if (!(await regionRepo.find(tx, input.regionCode))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'regionCode', message: '行政区划不存在' }] });
  }
  if (input.userId && !(await userRepo.find(tx, actor.scope, input.userId))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'userId', message: '关联账号不存在' }] });
  }
}

export async function createLeader(ctx: Ctx, actor: Actor, input: LeaderCreate) {
  assertMay(actor, 'org.manage');
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await checkLeaderRefs(tx, actor, input);
    const now = ctx.now();
    const { overseesUnitIds, ...fields } = input;
    const l = await leaderRepo.insert(tx, { ...fields, userId: fields.userId ?? null, createdAt: now, updatedAt: now });
    const oversees = await syncOversees(tx, actor, l.id, overseesUnitIds, now);
    await audit({
      action: 'leader.create',
      entityType: 'leader',
      entityId: l.id,
      after: { ...pick(l, LEADER_FIELDS), oversees },
    });
    return l.id;
  });
  return getLeader(ctx, actor, id);
}

export async function updateLeader(ctx: Ctx, actor: Actor, id: string, input: LeaderUpdate) {
  assertMay(actor, 'org.manage');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await leaderRepo.findForUpdate(tx, actor.directory, id);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw stale();
    await checkLeaderRefs(tx, actor, input);
    const now = ctx.now();
    const beforeOversees = (await assignmentRepo.openOfHolders(tx, 'leader', [id]))
      .filter((a) => a.kind === OVERSEES)
      .map((a) => a.subjectId)
      .sort();
    const { overseesUnitIds, version, ...fields } = input;
    const after = await leaderRepo.update(tx, id, version, { ...fields, userId: fields.userId ?? null }, now);
    if (!after) throw stale();
    const oversees = await syncOversees(tx, actor, id, overseesUnitIds, now);
    await audit({
      action: 'leader.update',
      entityType: 'leader',
      entityId: id,
      before: { ...pick(before, LEADER_FIELDS), oversees: beforeOversees },
      after: { ...pick(after, LEADER_FIELDS), oversees },
    });
  });
  return getLeader(ctx, actor, id);
}

export async function leaderHistory(ctx: Ctx, actor: Actor, id: string) {
  await getLeader(ctx, actor, id);
  return entityHistory(ctx.db, 'leader', id);
}

// ── users ────────────────────────────────────────────────────────────────────────────────────────────────
export const listUsers = (ctx: Ctx, actor: Actor, q: UserListQuery) => userRepo.list(ctx.db, actor.scope, q);

export async function getUser(ctx: Ctx, actor: Actor, id: string) {
  const u = await userRepo.find(ctx.db, actor.scope, id);
  if (!u) throw appError('NOT_FOUND');
  return u;
}

async function checkUnitOf(tx: Tx, actor: Actor, unitId: string) {
  if (!(await unitRepo.find(tx, actor.directory, unitId))) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'unitId', message: '所属单位不存在' }] });
  }
}

/** Creates a user with a one-time initial password, returned once; the user must change it at first sign-in. */
export async function createUser(ctx: Ctx, actor: Actor, input: UserCreate) {
  assertMay(actor, 'user.manage');
  const initialPassword = generatePassword();
  const hash = await hashPassword(initialPassword);
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await checkUnitOf(tx, actor, input.unitId);
    if (await userRepo.usernameTaken(tx, input.username)) {
      throw appError('CONFLICT', {
        params: { what: `账号“${input.username}”` },
        fields: [{ path: 'username', message: '该账号已被使用' }],
      });
    }
    const now = ctx.now();
    const roles = [...new Set(input.roles)];
    const { id } = await userRepo.insert(tx, {
      ...input,
      roles,
      phone: input.phone ?? null,
      passwordHash: hash,
      mustChangePassword: true,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await audit({
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: {
        ...pick(input, ['username', 'displayName', 'unitId'] as const),
        roles,
        phone: input.phone ?? null,
        active: true,
      },
    });
    return id;
  });
  return { user: await getUser(ctx, actor, id), initialPassword };
}

export async function updateUser(ctx: Ctx, actor: Actor, id: string, input: UserUpdate) {
  assertMay(actor, 'user.manage');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await userRepo.findForUpdate(tx, actor.scope, id);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw stale();
    if (id === actor.userId && (!input.active || !input.roles.includes('admin'))) {
      throw appError('RULE_VIOLATED', { params: { what: '不能停用自己的账号或取消自己的管理员角色' } });
    }
    await checkUnitOf(tx, actor, input.unitId);
    const { version, ...set } = input;
    const roles = [...new Set(set.roles)];
    // a phone left out means unchanged (a caller may only have seen it masked); null clears it
    const phone = set.phone === undefined ? before.phone : set.phone;
    const updated = await userRepo.update(tx, id, version, { ...set, roles, phone }, ctx.now());
    if (!updated) throw stale();
    if (before.active && !set.active) await endSessionsOfUser(tx, id, ctx.now(), 'deactivated');
    await audit({
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: pick(before, USER_FIELDS),
      after: { ...pick(before, USER_FIELDS), ...set, roles, phone },
    });
  });
  return getUser(ctx, actor, id);
}

/** A new initial password; the user must change it at next sign-in, and every open session of the user ends. */
export async function resetUserPassword(ctx: Ctx, actor: Actor, id: string) {
  assertMay(actor, 'user.manage');
  const initialPassword = generatePassword();
  const hash = await hashPassword(initialPassword);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const u = await userRepo.findForUpdate(tx, actor.scope, id);
    if (!u) throw appError('NOT_FOUND');
    const now = ctx.now();
    await userRepo.update(
      tx,
      id,
      u.version,
      { passwordHash: hash, mustChangePassword: true, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null },
      now,
    );
    await endSessionsOfUser(tx, id, now, 'password_reset');
    await audit({ action: 'user.reset_password', entityType: 'user', entityId: id });
  });
  return { user: await getUser(ctx, actor, id), initialPassword };
}

export async function unlockUser(ctx: Ctx, actor: Actor, id: string) {
  assertMay(actor, 'user.manage');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const u = await userRepo.findForUpdate(tx, actor.scope, id);
    if (!u) throw appError('NOT_FOUND');
    await userRepo.setLock(tx, id, ctx.now());
    await audit({
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      before: { failedLoginCount: u.failedLoginCount, lockedUntil: u.lockedUntil },
    });
  });
  return getUser(ctx, actor, id);
}

export async function userHistory(ctx: Ctx, actor: Actor, id: string) {
  await getUser(ctx, actor, id);
  return entityHistory(ctx.db, 'user', id);
}

// ── handover (换届 / 调整) ─────────────────────────────────────────────────────────────────────────────────
export async function listAssignments(
  ctx: Ctx,
  actor: Actor,
  holderType: 'user' | 'unit' | 'leader',
  holderId: string,
) {
  assertMay(actor, 'handover.perform');
  return assignmentRepo.ofHolder(ctx.db, holderType, holderId);
}

/**
 * Moves every open responsibility of one holder to another: the old rows are closed (ended now, with the
 * handover's id) and the same responsibilities opened for the receiver, so history keeps who held what when.
 */
export async function performHandover(ctx: Ctx, actor: Actor, input: HandoverRequest) {
  assertMay(actor, 'handover.perform');
  return audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const fromName = await holderExists(tx, input.holderType, input.fromId);
    const toName = await holderExists(tx, input.holderType, input.toId);
    const fields = [];
    if (!fromName) fields.push({ path: 'fromId', message: '移交方不存在' });
    if (!toName) fields.push({ path: 'toId', message: '接收方不存在' });
    if (fields.length) throw appError('VALIDATION_FAILED', { fields });
    const now = ctx.now();
    const open = await assignmentRepo.openOfHolders(tx, input.holderType, [input.fromId]);
    const h = await assignmentRepo.insertHandover(tx, {
      holderType: input.holderType,
      fromId: input.fromId,
      toId: input.toId,
      reason: input.reason,
      moved: open.length,
      actorId: actor.userId,
      at: now,
    });
    await assignmentRepo.close(
      tx,
      open.map((a) => a.id),
      now,
      h.id,
    );
    await assignmentRepo.open(
      tx,
      open.map((a) => ({
        kind: a.kind,
        subjectType: a.subjectType,
        subjectId: a.subjectId,
        subjectLabel: a.subjectLabel,
        holderType: input.holderType,
        holderId: input.toId,
        startedAt: now,
        handoverId: h.id,
      })),
    );
    await audit({
      action: 'handover.perform',
      entityType: 'handover',
      entityId: h.id,
      after: {
        holderType: input.holderType,
        from: { id: input.fromId, name: fromName },
        to: { id: input.toId, name: toName },
        moved: open.map((a) => ({
          kind: a.kind,
          subjectType: a.subjectType,
          subjectId: a.subjectId,
          subject: a.subjectLabel,
        })),
      },
      reason: input.reason,
    });
    return { handoverId: h.id, moved: open.length };
  });
}

// ── for other modules (through index.ts) ───────────────────────────────────────────────────────────────
export type SubjectHolder = { kind: string; holderType: 'user' | 'leader' | 'unit'; holderId: string };

/** The open responsibilities over some subjects (e.g. projects), with the holders' names: one query. */
export async function openAssignmentsOf(conn: Conn, subjectType: string, subjectIds: string[]) {
  return assignmentRepo.openOfSubjects(conn, subjectType, subjectIds);
}

/**
 * Makes the open assignments of `kinds` over one subject exactly `holders`, inside the caller's transaction:
 * unchanged ones stay (their start date too), removed ones are closed, new ones opened.
 */
export async function setSubjectAssignments(
  tx: Tx,
  subject: { type: string; id: string; label: string },
  kinds: readonly string[],
  holders: SubjectHolder[],
  now: Date,
) {
  const open = (await assignmentRepo.openOfSubjects(tx, subject.type, [subject.id])).filter((a) =>
    kinds.includes(a.a.kind),
  );
  const key = (h: { kind: string; holderType: string; holderId: string }) => `${h.kind}:${h.holderType}:${h.holderId}`;
  const wanted = new Set(holders.map(key));
  const have = new Set(open.map((o) => key(o.a)));
  await assignmentRepo.close(
    tx,
    open.filter((o) => !wanted.has(key(o.a))).map((o) => o.a.id),
    now,
    null,
  );
  await assignmentRepo.open(
    tx,
    holders
      .filter((h) => !have.has(key(h)))
      .map((h) => ({
        kind: h.kind,
        subjectType: subject.type,
        subjectId: subject.id,
        subjectLabel: subject.label,
        holderType: h.holderType,
        holderId: h.holderId,
        startedAt: now,
      })),
  );
}

/** Which of these ids exist as leaders in the actor's directory, and as users in the actor's city. */
export async function existingHolders(conn: Conn, actor: Actor, leaderIds: string[], userIds: string[]) {
  const leadersFound = leaderIds.length ? await leaderRepo.list(conn, actor.directory) : [];
  const usersFound = await Promise.all(userIds.map((id) => userRepo.find(conn, actor.directory, id)));
  return {
    leaders: new Set(leadersFound.filter((l) => leaderIds.includes(l.id)).map((l) => l.id)),
    users: new Set(usersFound.filter((u) => u !== null).map((u) => u!.id)),
  };
}

/** A unit in the actor's directory, or null. */
export const findUnitInDirectory = (conn: Conn, actor: Actor, id: string) => unitRepo.find(conn, actor.directory, id);
export const findRegion = (conn: Conn, code: string) => regionRepo.find(conn, code);
