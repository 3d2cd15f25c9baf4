import { and, count, desc, eq, inArray, lte, max, sql } from 'drizzle-orm';
import type { DeliveryListQuery, DeliveryStatus, RobotListQuery } from '../../../domain/notifications/contracts.ts';
import type { Scope } from '../../../domain/org/scope.ts';
import { units, unitWebhooks, webhookDeliveries } from '../../db/schema/index.ts';
import { type Conn, rawRows, type Tx } from '../../platform/db/database.ts';
import { scopeWhere } from '../../platform/db/scope-sql.ts';

/**
 * Group robots (unit_webhooks) and their delivery log (webhook_deliveries). Every query a person causes takes the
 * robot scope (domain/notifications/access.ts) in its WHERE; the delivery job's claim and outcome queries act for
 * the system and see every due delivery.
 */
const first = <T>(rows: T[]): T | null => rows[0] ?? null;

export type RobotRow = typeof unitWebhooks.$inferSelect;
export type RobotStats = { pending: number; failed: number; delivered: number; lastDeliveredAt: Date | null };
export type RobotWithUnit = RobotRow & { unitName: string };
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
/** A claimed delivery with what sending it needs. */
export type DueDelivery = DeliveryRow & { provider: string; url: string; secret: string | null; enabled: boolean };

const inRobotScope = (scope: Scope) => scopeWhere(scope, { unit: unitWebhooks.unitId });

const robotColumns = {
  id: unitWebhooks.id,
  unitId: unitWebhooks.unitId,
  provider: unitWebhooks.provider,
  url: unitWebhooks.url,
  secret: unitWebhooks.secret,
  enabled: unitWebhooks.enabled,
  version: unitWebhooks.version,
  createdAt: unitWebhooks.createdAt,
  unitName: units.name,
};

export const robotRepo = {
  list: (conn: Conn, scope: Scope, q: RobotListQuery): Promise<RobotWithUnit[]> =>
    conn
      .select(robotColumns)
      .from(unitWebhooks)
      .innerJoin(units, eq(units.id, unitWebhooks.unitId))
      .where(and(inRobotScope(scope), q.unitId ? eq(unitWebhooks.unitId, q.unitId) : undefined))
      .orderBy(units.sort, units.name, unitWebhooks.createdAt),

  find: (conn: Conn, scope: Scope, id: string): Promise<RobotWithUnit | null> =>
    conn
      .select(robotColumns)
      .from(unitWebhooks)
      .innerJoin(units, eq(units.id, unitWebhooks.unitId))
      .where(and(eq(unitWebhooks.id, id), inRobotScope(scope)))
      .then(first),

  findForUpdate: (tx: Tx, scope: Scope, id: string): Promise<RobotRow | null> =>
    tx
      .select()
      .from(unitWebhooks)
      .where(and(eq(unitWebhooks.id, id), inRobotScope(scope)))
      .for('update')
      .then(first),

  insert: (tx: Tx, r: typeof unitWebhooks.$inferInsert): Promise<RobotRow> =>
    tx
      .insert(unitWebhooks)
      .values(r)
      .returning()
      .then((x) => x[0]!),

  update: (
    tx: Tx,
    scope: Scope,
    id: string,
    version: number,
    set: { url: string; secret: string | null; enabled: boolean },
  ): Promise<RobotRow | null> =>
    tx
      .update(unitWebhooks)
      .set({ ...set, version: sql`${unitWebhooks.version} + 1` })
      .where(and(eq(unitWebhooks.id, id), eq(unitWebhooks.version, version), inRobotScope(scope)))
      .returning()
      .then(first),

  /** Removes the robot and its delivery log (the audit record keeps what it was). */
  remove: async (tx: Tx, scope: Scope, id: string): Promise<boolean> => {
    const mine = await tx
      .select({ id: unitWebhooks.id })
      .from(unitWebhooks)
      .where(and(eq(unitWebhooks.id, id), inRobotScope(scope)));
    if (mine.length === 0) return false;
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    await tx.delete(unitWebhooks).where(eq(unitWebhooks.id, id));
    return true;
  },

  /** Counts by status and the last delivery, per robot, in one query. */
  stats: async (conn: Conn, robotIds: string[]): Promise<Map<string, RobotStats>> => {
    const out = new Map<string, RobotStats>();
    if (robotIds.length === 0) return out;
    const rows = await conn
      .select({
        webhookId: webhookDeliveries.webhookId,
        status: webhookDeliveries.status,
        n: count(),
        last: max(webhookDeliveries.deliveredAt),
      })
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.webhookId, robotIds))
      .groupBy(webhookDeliveries.webhookId, webhookDeliveries.status);
    for (const id of robotIds) out.set(id, { pending: 0, failed: 0, delivered: 0, lastDeliveredAt: null });
    for (const r of rows) {
      const s = out.get(r.webhookId)!;
      const n = Number(r.n);
      if (r.status === 'pending' || r.status === 'failed' || r.status === 'delivered') s[r.status] = n;
      if (r.last) s.lastDeliveredAt = new Date(r.last as unknown as string);
    }
    return out;
  },
};

export const deliveryRepo = {
  /** One robot's log, newest first; the robot must be in scope (else nothing is found). */
  list: async (conn: Conn, scope: Scope, robotId: string, q: DeliveryListQuery) => {
    const where = and(
      eq(webhookDeliveries.webhookId, robotId),
      q.status ? eq(webhookDeliveries.status, q.status) : undefined,
      inArray(
        webhookDeliveries.webhookId,
        conn
          .select({ id: unitWebhooks.id })
          .from(unitWebhooks)
          .where(and(eq(unitWebhooks.id, robotId), inRobotScope(scope))),
      ),
    );
    const [items, [total]] = await Promise.all([
      conn
        .select()
        .from(webhookDeliveries)
        .where(where)
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      conn.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  insert: (tx: Tx, d: typeof webhookDeliveries.$inferInsert): Promise<DeliveryRow> =>
    tx
      .insert(webhookDeliveries)
      .values(d)
      .returning()
      .then((x) => x[0]!),

  /**
   * Takes up to `limit` due deliveries (pending, next attempt ≤ now) for sending: their next attempt moves to
   * `leaseUntil`, so another process (or a later run) does not send them too; should this process die while
   * sending, they fall due again then. SKIP LOCKED lets concurrent claimers pass each other on PostgreSQL.
   */
  claimDue: (conn: Conn, now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]> =>
    rawRows<Record<string, unknown>>(
      conn,
      sql`with due as (
            select d.id from ${webhookDeliveries} d
            where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
            order by d.next_attempt_at, d.created_at
            limit ${limit}
            for update of d skip locked
          )
          update ${webhookDeliveries} w set next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
          from due, ${unitWebhooks} r
          where w.id = due.id and r.id = w.webhook_id
          returning w.id, w.webhook_id, w.kind, w.payload, w.status, w.attempts, w.next_attempt_at, w.last_error,
                    w.created_at, w.delivered_at, r.provider, r.url, r.secret, r.enabled`,
    ).then((rows) =>
      rows.map((r) => ({
        id: r.id as string,
        webhookId: r.webhook_id as string,
        kind: r.kind as string,
        payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as unknown,
        status: r.status as string,
        attempts: Number(r.attempts),
        nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at as string) : null,
        lastError: (r.last_error as string | null) ?? null,
        createdAt: new Date(r.created_at as string),
        deliveredAt: r.delivered_at ? new Date(r.delivered_at as string) : null,
        provider: r.provider as string,
        url: r.url as string,
        secret: (r.secret as string | null) ?? null,
        enabled: Boolean(r.enabled),
      })),
    ),

  /**
   * Records one attempt's outcome; `attemptsBefore` guards against a second sender having recorded meanwhile
   * (then nothing changes and false is answered).
   */
  recordAttempt: (
    conn: Conn,
    id: string,
    attemptsBefore: number,
    o: { status: DeliveryStatus; nextAttemptAt: Date | null; lastError: string | null; deliveredAt: Date | null },
  ): Promise<boolean> =>
    conn
      .update(webhookDeliveries)
      .set({
        attempts: attemptsBefore + 1,
        status: o.status,
        nextAttemptAt: o.nextAttemptAt,
        lastError: o.lastError,
        deliveredAt: o.deliveredAt,
      })
      .where(
        and(
          eq(webhookDeliveries.id, id),
          eq(webhookDeliveries.attempts, attemptsBefore),
          eq(webhookDeliveries.status, 'pending'),
        ),
      )
      .returning({ id: webhookDeliveries.id })
      .then((r) => r.length === 1),

  /** How many deliveries are due now (pending, next attempt ≤ now). */
  countDue: (conn: Conn, now: Date) =>
    conn
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
      .then((r) => r[0]?.n ?? 0),
};
