export { notificationJobs } from './notifications.jobs.ts';
export { notificationRoutes } from './notifications.routes.ts';
export { type Notice, notifyUnit, notifyUsers, unitUsers } from './notify.ts';
export { webhookRoutes } from './webhooks.routes.ts';
