import { and, arrayOverlaps, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { NotificationListQuery } from '../../../domain/notifications/contracts.ts';
import { notifications, unitWebhooks, users, webhookDeliveries } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';

/**
 * The bell: a user's own in-app notices. The "scope" here is the user: every query has `user_id = me` in its WHERE,
 * so another person's notice is simply not found.
 */
export type NotificationRow = typeof notifications.$inferSelect;

const mine = (userId: string) => eq(notifications.userId, userId);
const unread = isNull(notifications.readAt);

export const notificationRepo = {
  list: async (conn: Conn, userId: string, q: NotificationListQuery) => {
    const where = and(mine(userId), q.unread ? unread : undefined);
    const order =
      q.order === 'unread_first'
        ? [sql`${notifications.readAt} is not null`, desc(notifications.createdAt), asc(notifications.id)]
        : [desc(notifications.createdAt), asc(notifications.id)];
    const [items, [counts]] = await Promise.all([
      conn
        .select()
        .from(notifications)
        .where(where)
        .orderBy(...order)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      conn
        .select({
          total: sql<number>`count(*)::int`,
          unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int`,
        })
        .from(notifications)
        .where(where),
    ]);
    return { items, total: counts?.total ?? 0, unreadCount: q.unread ? (counts?.total ?? 0) : (counts?.unread ?? 0) };
  },

  unreadCount: (conn: Conn, userId: string): Promise<number> =>
    conn
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(mine(userId), unread))
      .then((r) => r[0]?.n ?? 0),

  /** Marks one notice read (keeping the first reading time); null when it is not the user's. */
  markRead: (tx: Tx, userId: string, id: string, now: Date): Promise<NotificationRow | null> =>
    tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(notifications.id, id), mine(userId)))
      .returning()
      .then((r) => r[0] ?? null),

  markAllRead: (tx: Tx, userId: string, now: Date): Promise<number> =>
    tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(mine(userId), unread))
      .returning({ id: notifications.id })
      .then((r) => r.length),
};

/** What `notify.ts` writes and reads: notices of several users, a unit's people and its robots, queued deliveries. */
export const noticeRepo = {
  /** Inserts one notice per user; a user who already has the dedupe key is skipped. Returns the ids created. */
  insertMany: (tx: Tx, rows: (typeof notifications.$inferInsert)[]) =>
    tx.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id }),

  /** The active users of a unit holding any of `roles`. */
  unitUsers: (tx: Tx, unitId: string, roles: readonly string[]): Promise<string[]> =>
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.unitId, unitId), eq(users.active, true), arrayOverlaps(users.roles, [...roles])))
      .then((r) => r.map((x) => x.id)),

  /** The enabled robots of a unit. */
  enabledRobots: (tx: Tx, unitId: string): Promise<string[]> =>
    tx
      .select({ id: unitWebhooks.id })
      .from(unitWebhooks)
      .where(and(eq(unitWebhooks.unitId, unitId), eq(unitWebhooks.enabled, true)))
      .then((r) => r.map((x) => x.id)),

  queueDeliveries: (tx: Tx, rows: (typeof webhookDeliveries.$inferInsert)[]) =>
    tx.insert(webhookDeliveries).values(rows),
};
