import { z } from 'zod';
import { PageQuery, pageOf } from '../common/contracts.ts';
import { ROBOT_PROVIDERS } from './robot-message.ts';

/**
 * Request and response contracts of notifications: the bell (in-app notices of the signed-in user) and a unit's
 * group robots (群机器人, DingTalk / WeCom) with their delivery log.
 */

// ── in-app notices ─────────────────────────────────────────────────────────────────────────────────────────
export const NOTIFICATION_ORDERS = ['unread_first', 'newest'] as const;

export const NotificationListQuery = PageQuery.extend({
  /** unread first (then newest), or simply newest first */
  order: z.enum(NOTIFICATION_ORDERS).default('unread_first'),
  /** only the unread ones */
  unread: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const Notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  /** a path of the web app to open, or null */
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = pageOf(Notification).extend({ unreadCount: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

export const ReadAllResult = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
export type ReadAllResult = z.infer<typeof ReadAllResult>;

// ── group robots ───────────────────────────────────────────────────────────────────────────────────────────
export const ROBOT_URL_MAX = 500;
export const ROBOT_SECRET_MAX = 200;

const robotUrl = z
  .string({ error: '请填写机器人Webhook地址' })
  .trim()
  .min(1, { error: '请填写机器人Webhook地址' })
  .max(ROBOT_URL_MAX, { error: `地址不能超过${ROBOT_URL_MAX}个字符` });
/** the DingTalk 加签 secret: empty means none */
const robotSecret = z
  .string()
  .trim()
  .max(ROBOT_SECRET_MAX, { error: `密钥不能超过${ROBOT_SECRET_MAX}个字符` })
  .nullable()
  .transform((v) => v || null);

export const RobotListQuery = z.object({ unitId: z.uuid({ error: '单位编号格式不正确' }).optional() });
export type RobotListQuery = z.infer<typeof RobotListQuery>;

export const RobotCreate = z.object({
  unitId: z.uuid({ error: '请选择单位' }),
  provider: z.enum(ROBOT_PROVIDERS, { error: '请选择机器人类型' }),
  url: robotUrl,
  secret: robotSecret.optional(),
  enabled: z.boolean().default(true),
});
export type RobotCreate = z.input<typeof RobotCreate>;

export const RobotUpdate = z.object({
  /** omitted: keep the stored URL (the client only ever sees it masked) */
  url: robotUrl.optional(),
  /** omitted: keep; null or empty: remove the secret */
  secret: robotSecret.optional(),
  enabled: z.boolean(),
  version: z.number().int().min(1),
});
export type RobotUpdate = z.input<typeof RobotUpdate>;

export const Robot = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  provider: z.enum(ROBOT_PROVIDERS),
  /** the webhook URL with its token masked */
  url: z.string(),
  /** the secret masked ("********ab12"), or null when there is none; never the secret itself */
  secret: z.string().nullable(),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  deliveries: z.object({
    pending: z.number().int(),
    failed: z.number().int(),
    delivered: z.number().int(),
    lastDeliveredAt: z.iso.datetime().nullable(),
  }),
  can: z.object({ edit: z.boolean(), test: z.boolean() }),
});
export type Robot = z.infer<typeof Robot>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, { zh: string; en: string }> = {
  pending: { zh: '待发送', en: 'Pending' },
  delivered: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '发送失败', en: 'Failed' },
};

export const DeliveryListQuery = PageQuery.extend({ status: z.enum(DELIVERY_STATUSES).optional() });
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const Delivery = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** when the next attempt is due while pending */
  nextAttemptAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryList = pageOf(Delivery);
export type DeliveryList = z.infer<typeof DeliveryList>;

export const RobotTestResult = z.object({ delivered: z.boolean(), error: z.string().nullable(), delivery: Delivery });
export type RobotTestResult = z.infer<typeof RobotTestResult>;
