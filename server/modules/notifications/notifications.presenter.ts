import type { Notification } from '../../../domain/notifications/contracts.ts';
import type { NotificationRow } from './notifications.repository.ts';

/** Only a path of this app is offered as a link (never another site: the bell must not become an open redirect). */
const safeLink = (link: string | null): string | null =>
  link?.startsWith('/') && !link.startsWith('//') && !link.includes('\\') ? link : null;

export const presentNotification = (n: NotificationRow): Notification => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: safeLink(n.link),
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});
