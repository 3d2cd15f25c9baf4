import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { LockState } from '../../../domain/auth/lockout.ts';
import { passwordHistory, regions, sessions, units, users } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';

/**
 * Sign-in works before anyone has a scope: these queries find a user by name or by session. They return only the
 * signed-in user's own rows, so no other scope applies.
 */
const userWithUnit = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  roles: users.roles,
  passwordHash: users.passwordHash,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
  failedLoginCount: users.failedLoginCount,
  lockedUntil: users.lockedUntil,
  active: users.active,
  unitId: units.id,
  unitName: units.name,
  unitKind: units.kind,
  unitRegionCode: units.regionCode,
};

const byUsername = (username: string) => eq(sql`lower(${users.username})`, username.toLowerCase());

export const authRepo = {
  findUserByUsername: (conn: Conn, username: string) =>
    conn
      .select(userWithUnit)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(byUsername(username))
      .then((r) => r[0] ?? null),

  findUserByUsernameForUpdate: (tx: Tx, username: string) =>
    tx
      .select(userWithUnit)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(byUsername(username))
      .for('update', { of: users })
      .then((r) => r[0] ?? null),

  findUserById: (conn: Conn, id: string) =>
    conn
      .select(userWithUnit)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(eq(users.id, id))
      .then((r) => r[0] ?? null),

  setLockState: (tx: Tx, userId: string, s: LockState) =>
    tx.update(users).set({ failedLoginCount: s.failedCount, lockedUntil: s.lockedUntil }).where(eq(users.id, userId)),

  markLoggedIn: (tx: Tx, userId: string, now: Date) =>
    tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, userId)),

  insertSession: (tx: Tx, s: { id: string; userId: string; ip: string | null; userAgent: string | null; now: Date }) =>
    tx.insert(sessions).values({
      id: s.id,
      userId: s.userId,
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 300) ?? null,
      createdAt: s.now,
      lastSeenAt: s.now,
    }),

  /** An open session with its user and unit, or null. */
  findOpenSession: (conn: Conn, id: string) =>
    conn
      .select({ session: sessions, user: userWithUnit })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt)))
      .then((r) => r[0] ?? null),

  touchSession: (conn: Conn, id: string, now: Date) =>
    conn.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)),

  /** Ends a session once; returns false when it had already ended (a concurrent request did it). */
  endSession: async (tx: Tx, id: string, reason: string, now: Date) => {
    const r = await tx
      .update(sessions)
      .set({ endedAt: now, endReason: reason })
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    return r.length > 0;
  },

  endOtherSessions: (tx: Tx, userId: string, keepId: string | null, reason: string, now: Date) =>
    tx
      .update(sessions)
      .set({ endedAt: now, endReason: reason })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.endedAt),
          keepId ? sql`${sessions.id} <> ${keepId}` : sql`true`,
        ),
      ),

  recentPasswordHashes: (conn: Conn, userId: string, n: number) =>
    n === 0
      ? Promise.resolve([] as string[])
      : conn
          .select({ hash: passwordHistory.hash })
          .from(passwordHistory)
          .where(eq(passwordHistory.userId, userId))
          .orderBy(desc(passwordHistory.createdAt))
          .limit(n)
          .then((r) => r.map((x) => x.hash)),

  setPassword: async (
    tx: Tx,
    userId: string,
    hash: string,
    opts: { mustChange: boolean; now: Date; keepHistory: boolean },
  ) => {
    await tx
      .update(users)
      .set({
        passwordHash: hash,
        mustChangePassword: opts.mustChange,
        passwordChangedAt: opts.now,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: opts.now,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, userId));
    if (opts.keepHistory) await tx.insert(passwordHistory).values({ userId, hash, createdAt: opts.now });
  },

  /** Region tree (code, parent, kind) for resolving scopes; a city has tens of rows, a province hundreds. */
  regionTree: (conn: Conn) =>
    conn.select({ code: regions.code, parentCode: regions.parentCode, kind: regions.kind }).from(regions),
};

export type UserWithUnit = NonNullable<Awaited<ReturnType<typeof authRepo.findUserById>>>;
