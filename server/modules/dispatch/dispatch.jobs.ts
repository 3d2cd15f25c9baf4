import type { Ctx } from '../../platform/context.ts';
import type { AnyJobDefinition } from '../../platform/jobs/jobs.ts';
import { escalateOverdueItems } from './items.service.ts';
import { remindDueReports } from './reports.service.ts';

/**
 * The weekly dispatch's scheduled work, China time: the "周报明天截止" reminder (it fires only within the 24 hours
 * before this week's deadline, so running it twice a day reaches a 17:00 deadline on the day before and catches a
 * deadline moved by a holiday), and the escalation of overdue coordination items. Both are idempotent.
 */
export async function dailySweep(ctx: Ctx): Promise<{ reminded: number; escalated: number }> {
  const reminded = await remindDueReports(ctx);
  const escalated = await escalateOverdueItems(ctx);
  return { reminded, escalated };
}

export const dispatchJobs: AnyJobDefinition[] = [
  {
    name: 'dispatch.daily-sweep',
    cron: '30 8,17 * * *',
    handler: async (ctx: Ctx) => {
      await dailySweep(ctx);
    },
  },
];
