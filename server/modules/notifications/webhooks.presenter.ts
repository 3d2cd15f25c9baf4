import type { Delivery, DeliveryStatus, Robot } from '../../../domain/notifications/contracts.ts';
import {
  maskRobotUrl,
  maskSecret,
  type RobotProvider,
  WEBHOOK_MAX_ATTEMPTS,
} from '../../../domain/notifications/robot-message.ts';
import type { DeliveryRow, RobotStats, RobotWithUnit } from './webhooks.repository.ts';

/** A robot as the client sees it: the URL's token and the secret masked, never whole. */
export const presentRobot = (r: RobotWithUnit, stats: RobotStats): Robot => ({
  id: r.id,
  unitId: r.unitId,
  unitName: r.unitName,
  provider: r.provider as RobotProvider,
  url: maskRobotUrl(r.url),
  secret: maskSecret(r.secret),
  enabled: r.enabled,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  deliveries: { ...stats, lastDeliveredAt: stats.lastDeliveredAt?.toISOString() ?? null },
  // whoever sees a robot (the robot scope) may change and test it
  can: { edit: true, test: true },
});

export const presentDelivery = (d: DeliveryRow): Delivery => ({
  id: d.id,
  kind: d.kind,
  title: String((d.payload as { title?: unknown } | null)?.title ?? ''),
  status: d.status as DeliveryStatus,
  attempts: d.attempts,
  maxAttempts: d.kind === 'robot.test' ? 1 : WEBHOOK_MAX_ATTEMPTS,
  nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});
