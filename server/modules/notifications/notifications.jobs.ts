import { defineJob } from '../../platform/jobs/jobs.ts';
import { deliverDue } from './webhooks.service.ts';

/** Every minute: send the group-robot deliveries that are due (first attempts and retries after back-off). */
export const deliverWebhooksJob = defineJob({
  name: 'notifications.deliver-webhooks',
  cron: '* * * * *',
  handler: async (ctx) => {
    await deliverDue(ctx);
  },
});

/** The jobs of this module; server/main.ts registers them. */
export const notificationJobs = [deliverWebhooksJob];
