import type { Role } from '../../../domain/auth/roles.ts';
import type { Tx } from '../../platform/db/database.ts';
import { noticeRepo } from './notifications.repository.ts';

/**
 * Telling people: in-app notifications (the bell) and, for a unit, its group robots (DingTalk / WeCom). Called by
 * services inside their own transaction, so a notice exists exactly when the change it reports does. Robots are
 * not called here: a delivery row is queued and the delivery job sends it with retries (`deliverDue` in
 * webhooks.service.ts).
 */
export type Notice = {
  kind: string;
  title: string;
  body?: string | null;
  /** a path in the web app, e.g. /dispatch/items/… */
  link?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  /** one notice per user and key: a daily reminder run twice notifies once */
  dedupeKey?: string | null;
};

/** In-app notices to users; a repeated dedupe key for a user is skipped. Returns how many were created. */
export async function notifyUsers(tx: Tx, userIds: readonly string[], n: Notice, now: Date): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const rows = await noticeRepo.insertMany(
    tx,
    ids.map((userId) => ({
      userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      subjectType: n.subjectType ?? null,
      subjectId: n.subjectId ?? null,
      dedupeKey: n.dedupeKey ?? null,
      createdAt: now,
    })),
  );
  return rows.length;
}

/** The active users of a unit holding any of `roles`. */
export const unitUsers = (tx: Tx, unitId: string, roles: readonly Role[]): Promise<string[]> =>
  noticeRepo.unitUsers(tx, unitId, roles);

/**
 * A notice to a unit: its staff in `roles` get it in the app, and each enabled robot of the unit gets a queued
 * delivery — unless the notice was already given (same dedupe key for every user), so robots are not spammed either.
 */
export async function notifyUnit(
  tx: Tx,
  unitId: string,
  roles: readonly Role[],
  n: Notice,
  now: Date,
): Promise<number> {
  const people = await unitUsers(tx, unitId, roles);
  const created = await notifyUsers(tx, people, n, now);
  if (n.dedupeKey && people.length > 0 && created === 0) return 0;
  const robots = await noticeRepo.enabledRobots(tx, unitId);
  if (robots.length > 0) {
    await noticeRepo.queueDeliveries(
      tx,
      robots.map((webhookId) => ({
        webhookId,
        kind: n.kind,
        payload: { title: n.title, body: n.body ?? null, link: n.link ?? null },
        status: 'pending',
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
  }
  return created;
}
