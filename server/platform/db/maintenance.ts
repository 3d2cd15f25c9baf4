import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { AnyJobDefinition } from '../jobs/jobs.ts';
import type { Db } from './database.ts';

/**
 * Refreshes the planner's statistics. PostgreSQL's autovacuum does this on its own; the embedded database has no
 * autovacuum, and without statistics the planner picks nested loops that turn a 0.2 s supervisor's board into 3 s
 * once a plan of a few thousand tasks is imported (docs/performance.md). So the embedded database is analysed at
 * start, after the demo is seeded, and every hour.
 */
export async function analyze(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

export const maintenanceJobs: AnyJobDefinition[] = [
  {
    name: 'platform.analyze',
    cron: '17 * * * *',
    handler: async (ctx: Ctx) => {
      if (ctx.engine === 'pglite') await analyze(ctx.db);
    },
  },
];
