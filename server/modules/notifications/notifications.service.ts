import type { NotificationListQuery } from '../../../domain/notifications/contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { notificationRepo } from './notifications.repository.ts';

/**
 * The signed-in user's notices (the bell). Everyone signed in has a bell; nobody sees another's. Reading a notice
 * changes nothing of the business, so it is not audited.
 */
export const listMyNotifications = (ctx: Ctx, actor: Actor, q: NotificationListQuery) =>
  notificationRepo.list(ctx.db, actor.userId, q);

export async function markRead(ctx: Ctx, actor: Actor, id: string) {
  const row = await ctx.db.transaction((tx) => notificationRepo.markRead(tx, actor.userId, id, ctx.now()));
  if (!row) throw appError('NOT_FOUND');
  return { row, unreadCount: await notificationRepo.unreadCount(ctx.db, actor.userId) };
}

export async function markAllRead(ctx: Ctx, actor: Actor) {
  const updated = await ctx.db.transaction((tx) => notificationRepo.markAllRead(tx, actor.userId, ctx.now()));
  return { updated, unreadCount: await notificationRepo.unreadCount(ctx.db, actor.userId) };
}
