import { and, asc, type Column, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { UnitListQuery, UserListQuery } from '../../../domain/org/contracts.ts';
import type { Scope } from '../../../domain/org/scope.ts';
import { assignments, handovers, leaders, regions, units, users } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern as like, scopeWhere } from '../../platform/db/scope-sql.ts';

/**
 * Organisation queries. Units and leaders are filtered by the directory scope (own city), users by the data
 * scope; regions are public reference data (GB/T 2260) and need none.
 */
const first = <T>(rows: T[]): T | null => rows[0] ?? null;
const bump = (col: Column) => sql`${col} + 1`;

export type RegionRow = typeof regions.$inferSelect;
export type UnitRow = typeof units.$inferSelect & { regionName: string };
export type LeaderRow = typeof leaders.$inferSelect & { regionName: string };
export type UserRow = typeof users.$inferSelect & { unitName: string; regionCode: string };
export type AssignmentRow = typeof assignments.$inferSelect;

// ── regions ──────────────────────────────────────────────────────────────────────────────────────────────
export const regionRepo = {
  list: (conn: Conn) => conn.select().from(regions).orderBy(asc(regions.code)),
  find: (conn: Conn, code: string) => conn.select().from(regions).where(eq(regions.code, code)).then(first),
  findForUpdate: (tx: Tx, code: string) =>
    tx.select().from(regions).where(eq(regions.code, code)).for('update').then(first),
  insert: (tx: Tx, r: typeof regions.$inferInsert) =>
    tx
      .insert(regions)
      .values(r)
      .returning()
      .then((x) => x[0]!),
  update: (tx: Tx, code: string, version: number, set: { name: string; sort: number }, now: Date) =>
    tx
      .update(regions)
      .set({ ...set, version: bump(regions.version), updatedAt: now })
      .where(and(eq(regions.code, code), eq(regions.version, version)))
      .returning()
      .then(first),
};

// ── units ────────────────────────────────────────────────────────────────────────────────────────────────
const unitSelect = () =>
  ({
    id: units.id,
    name: units.name,
    shortName: units.shortName,
    aliases: units.aliases,
    kind: units.kind,
    regionCode: units.regionCode,
    parentUnitId: units.parentUnitId,
    sort: units.sort,
    active: units.active,
    version: units.version,
    createdAt: units.createdAt,
    updatedAt: units.updatedAt,
    regionName: regions.name,
  }) as const;

const unitInScope = (scope: Scope) => scopeWhere(scope, { region: units.regionCode, unit: units.id });

export const unitRepo = {
  find: (conn: Conn, scope: Scope, id: string): Promise<UnitRow | null> =>
    conn
      .select(unitSelect())
      .from(units)
      .innerJoin(regions, eq(regions.code, units.regionCode))
      .where(and(eq(units.id, id), unitInScope(scope)))
      .then(first),

  findForUpdate: (tx: Tx, scope: Scope, id: string) =>
    tx
      .select()
      .from(units)
      .where(and(eq(units.id, id), unitInScope(scope)))
      .for('update')
      .then(first),

  list: async (conn: Conn, scope: Scope, q: UnitListQuery) => {
    const where: SQL[] = [unitInScope(scope)];
    if (q.q) {
      const p = like(q.q);
      where.push(
        or(
          ilike(units.name, p),
          ilike(units.shortName, p),
          sql`exists (select 1 from unnest(${units.aliases}) a where a ilike ${p})`,
        )!,
      );
    }
    if (q.regionCode) where.push(eq(units.regionCode, q.regionCode));
    if (q.kind) where.push(eq(units.kind, q.kind));
    const cond = and(...where);
    const [items, [count]] = await Promise.all([
      conn
        .select(unitSelect())
        .from(units)
        .innerJoin(regions, eq(regions.code, units.regionCode))
        .where(cond)
        .orderBy(asc(units.regionCode), asc(units.sort), asc(units.name))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      conn.select({ n: sql<number>`count(*)::int` }).from(units).where(cond),
    ]);
    return { items: items as UnitRow[], total: count?.n ?? 0 };
  },

  nameTaken: (conn: Conn, regionCode: string, name: string, exceptId: string | null) =>
    conn
      .select({ id: units.id })
      .from(units)
      .where(
        and(
          eq(units.regionCode, regionCode),
          eq(units.name, name),
          exceptId ? sql`${units.id} <> ${exceptId}` : sql`true`,
        ),
      )
      .then((r) => r.length > 0),

  insert: (tx: Tx, u: typeof units.$inferInsert) =>
    tx
      .insert(units)
      .values(u)
      .returning()
      .then((x) => x[0]!),

  update: (tx: Tx, id: string, version: number, set: Partial<typeof units.$inferInsert>, now: Date) =>
    tx
      .update(units)
      .set({ ...set, version: bump(units.version), updatedAt: now })
      .where(and(eq(units.id, id), eq(units.version, version)))
      .returning()
      .then(first),

  /** Names of units by id, within scope (for labels). */
  names: (conn: Conn, scope: Scope, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([] as { id: string; name: string }[])
      : conn
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(and(inArray(units.id, ids), unitInScope(scope))),
};

// ── leaders ──────────────────────────────────────────────────────────────────────────────────────────────
const leaderInScope = (scope: Scope) => scopeWhere(scope, { region: leaders.regionCode });
const leaderSelect = () =>
  ({
    id: leaders.id,
    name: leaders.name,
    title: leaders.title,
    portfolio: leaders.portfolio,
    regionCode: leaders.regionCode,
    userId: leaders.userId,
    sort: leaders.sort,
    active: leaders.active,
    version: leaders.version,
    createdAt: leaders.createdAt,
    updatedAt: leaders.updatedAt,
    regionName: regions.name,
  }) as const;

export const leaderRepo = {
  list: (conn: Conn, scope: Scope): Promise<LeaderRow[]> =>
    conn
      .select(leaderSelect())
      .from(leaders)
      .innerJoin(regions, eq(regions.code, leaders.regionCode))
      .where(leaderInScope(scope))
      .orderBy(asc(leaders.regionCode), asc(leaders.sort), asc(leaders.name)),

  find: (conn: Conn, scope: Scope, id: string): Promise<LeaderRow | null> =>
    conn
      .select(leaderSelect())
      .from(leaders)
      .innerJoin(regions, eq(regions.code, leaders.regionCode))
      .where(and(eq(leaders.id, id), leaderInScope(scope)))
      .then(first),

  findForUpdate: (tx: Tx, scope: Scope, id: string) =>
    tx
      .select()
      .from(leaders)
      .where(and(eq(leaders.id, id), leaderInScope(scope)))
      .for('update')
      .then(first),

  insert: (tx: Tx, l: typeof leaders.$inferInsert) =>
    tx
      .insert(leaders)
      .values(l)
      .returning()
      .then((x) => x[0]!),

  update: (tx: Tx, id: string, version: number, set: Partial<typeof leaders.$inferInsert>, now: Date) =>
    tx
      .update(leaders)
      .set({ ...set, version: bump(leaders.version), updatedAt: now })
      .where(and(eq(leaders.id, id), eq(leaders.version, version)))
      .returning()
      .then(first),
};

// ── users ────────────────────────────────────────────────────────────────────────────────────────────────
const userInScope = (scope: Scope) => scopeWhere(scope, { region: units.regionCode, unit: users.unitId });
const userSelect = () =>
  ({
    id: users.id,
    username: users.username,
    displayName: users.displayName,
    unitId: users.unitId,
    roles: users.roles,
    phone: users.phone,
    passwordHash: users.passwordHash,
    mustChangePassword: users.mustChangePassword,
    passwordChangedAt: users.passwordChangedAt,
    failedLoginCount: users.failedLoginCount,
    lockedUntil: users.lockedUntil,
    lastLoginAt: users.lastLoginAt,
    active: users.active,
    version: users.version,
    createdAt: users.createdAt,
    updatedAt: users.updatedAt,
    unitName: units.name,
    regionCode: units.regionCode,
  }) as const;

export const userRepo = {
  find: (conn: Conn, scope: Scope, id: string): Promise<UserRow | null> =>
    conn
      .select(userSelect())
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.id, id), userInScope(scope)))
      .then(first),

  findForUpdate: (tx: Tx, scope: Scope, id: string): Promise<UserRow | null> =>
    tx
      .select(userSelect())
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.id, id), userInScope(scope)))
      .for('update', { of: users })
      .then(first),

  list: async (conn: Conn, scope: Scope, q: UserListQuery) => {
    const where: SQL[] = [userInScope(scope)];
    if (q.q) where.push(or(ilike(users.username, like(q.q)), ilike(users.displayName, like(q.q)))!);
    if (q.unitId) where.push(eq(users.unitId, q.unitId));
    if (q.role) where.push(sql`${q.role} = any(${users.roles})`);
    const cond = and(...where);
    const [items, [count]] = await Promise.all([
      conn
        .select(userSelect())
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .where(cond)
        .orderBy(asc(units.regionCode), asc(units.sort), asc(users.username))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      conn
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .where(cond),
    ]);
    return { items: items as UserRow[], total: count?.n ?? 0 };
  },

  usernameTaken: (conn: Conn, username: string) =>
    conn
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
      .then((r) => r.length > 0),

  insert: (tx: Tx, u: typeof users.$inferInsert) =>
    tx
      .insert(users)
      .values(u)
      .returning({ id: users.id })
      .then((x) => x[0]!),

  update: (tx: Tx, id: string, version: number, set: Partial<typeof users.$inferInsert>, now: Date) =>
    tx
      .update(users)
      .set({ ...set, version: bump(users.version), updatedAt: now })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning({ id: users.id })
      .then(first),

  setLock: (tx: Tx, id: string, now: Date) =>
    tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, updatedAt: now, version: bump(users.version) })
      .where(eq(users.id, id)),
};

// ── assignments and handovers ────────────────────────────────────────────────────────────────────────────
const holderName = sql<string>`coalesce(
  (select u.display_name from users u where ${assignments.holderType} = 'user' and u.id = ${assignments.holderId}),
  (select n.name from units n where ${assignments.holderType} = 'unit' and n.id = ${assignments.holderId}),
  (select l.name from leaders l where ${assignments.holderType} = 'leader' and l.id = ${assignments.holderId}),
  '')`;

export const assignmentRepo = {
  ofHolder: (conn: Conn, holderType: string, holderId: string) =>
    conn
      .select({ a: assignments, holderName })
      .from(assignments)
      .where(and(eq(assignments.holderType, holderType), eq(assignments.holderId, holderId)))
      .orderBy(sql`${assignments.endedAt} is not null`, asc(assignments.startedAt))
      .limit(1000),

  openOfHolders: (conn: Conn, holderType: string, holderIds: string[]) =>
    holderIds.length === 0
      ? Promise.resolve([] as AssignmentRow[])
      : conn
          .select()
          .from(assignments)
          .where(
            and(
              eq(assignments.holderType, holderType),
              inArray(assignments.holderId, holderIds),
              isNull(assignments.endedAt),
            ),
          ),

  openOfSubjects: (conn: Conn, subjectType: string, subjectIds: string[]) =>
    subjectIds.length === 0
      ? Promise.resolve([] as { a: AssignmentRow; holderName: string }[])
      : conn
          .select({ a: assignments, holderName })
          .from(assignments)
          .where(
            and(
              eq(assignments.subjectType, subjectType),
              inArray(assignments.subjectId, subjectIds),
              isNull(assignments.endedAt),
            ),
          )
          .orderBy(asc(assignments.startedAt)),

  open: (tx: Tx, rows: (typeof assignments.$inferInsert)[]) =>
    rows.length ? tx.insert(assignments).values(rows).returning() : Promise.resolve([] as AssignmentRow[]),

  close: (tx: Tx, ids: string[], now: Date, handoverId: string | null) =>
    ids.length
      ? tx
          .update(assignments)
          .set({ endedAt: now, ...(handoverId ? { handoverId } : {}) })
          .where(and(inArray(assignments.id, ids), isNull(assignments.endedAt)))
          .returning({ id: assignments.id })
      : Promise.resolve([]),

  insertHandover: (tx: Tx, h: typeof handovers.$inferInsert) =>
    tx
      .insert(handovers)
      .values(h)
      .returning()
      .then((x) => x[0]!),
};

/** Whether a holder of this type and id exists (admins only reach handover, so no scope narrows it). */
export async function holderExists(conn: Conn, type: 'user' | 'unit' | 'leader', id: string): Promise<string | null> {
  const table = type === 'user' ? users : type === 'unit' ? units : leaders;
  const nameCol = type === 'user' ? users.displayName : type === 'unit' ? units.name : leaders.name;
  const r = await conn.select({ name: nameCol }).from(table).where(eq(table.id, id));
  return r[0]?.name ?? null;
}
