import { z } from 'zod';
import { IdParams } from '../../../domain/common/contracts.ts';
import {
  Notification,
  NotificationList,
  NotificationListQuery,
  ReadAllResult,
} from '../../../domain/notifications/contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { presentNotification } from './notifications.presenter.ts';
import * as notices from './notifications.service.ts';

const tags = ['notifications'];
const ReadResult = z.object({ notification: Notification, unreadCount: z.number().int() });

/** The bell: my notices, unread first (or newest first), with the unread count; mark one or all read. */
export const notificationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/notifications',
    { schema: { tags, summary: '我的通知', querystring: NotificationListQuery, response: { 200: NotificationList } } },
    async (req) => {
      const r = await notices.listMyNotifications(ctx, actorOf(req), req.query);
      return {
        items: r.items.map(presentNotification),
        total: r.total,
        unreadCount: r.unreadCount,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
  app.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: '标记为已读', params: IdParams, response: { 200: ReadResult } } },
    async (req) => {
      const r = await notices.markRead(ctx, actorOf(req), req.params.id);
      return { notification: presentNotification(r.row), unreadCount: r.unreadCount };
    },
  );
  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 200: ReadAllResult } } },
    async (req) => notices.markAllRead(ctx, actorOf(req)),
  );
};
