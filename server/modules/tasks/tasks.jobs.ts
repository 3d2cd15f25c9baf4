import type { Ctx } from '../../platform/context.ts';
import type { AnyJobDefinition } from '../../platform/jobs/jobs.ts';
import { remindOverdueClaims } from './claims.service.ts';

/**
 * Key tasks' scheduled work, China time: every morning the units whose tasks are past their claim date hear of it
 * (once per unit and day, so a second run the same day notifies nobody).
 */
export const taskJobs: AnyJobDefinition[] = [
  {
    name: 'tasks.remind-unclaimed',
    cron: '0 9 * * *',
    handler: async (ctx: Ctx) => {
      await remindOverdueClaims(ctx);
    },
  },
];
