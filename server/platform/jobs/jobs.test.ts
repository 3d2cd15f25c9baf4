import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ENGINES, useTestApp } from '../../test/harness.ts';
import { rawRows } from '../db/database.ts';
import { defineJob, JOB_TIMEZONE, type Jobs, startJobs } from './jobs.ts';

const quiet = { debug() {}, info() {}, error() {} };

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no result in ${ms} ms`)), ms)),
  ]);
}

/**
 * pg-boss on both engines: over PGlite through the executeSql adapter (multi-statement migrations via exec), over
 * PostgreSQL through its own pool. The server's jobs are not started by the harness; this file starts the queue
 * itself against its test database.
 */
describe.each(ENGINES)('jobs (pg-boss) on %s', (engine) => {
  const t = useTestApp(engine);

  const start = (defs: Parameters<typeof startJobs>[2]): Promise<Jobs> =>
    startJobs(t.ctx, t.database, defs, { connectionString: t.databaseUrl, log: quiet, pollingIntervalSeconds: 0.5 });

  it('runs a sent job end to end with the application context, and puts cron jobs on the China-time schedule', async () => {
    let resolve: (v: unknown) => void = () => {};
    const ran = new Promise((r) => {
      resolve = r;
    });
    const ping = defineJob<{ n: number }>({
      name: 'test.ping',
      handler: async (ctx, data) => {
        const [row] = await rawRows<{ v: number }>(ctx.db, sql`select (${data.n}::int + 1) as v`);
        resolve({ data, v: row?.v, now: ctx.now() instanceof Date });
      },
    });
    const weekly = defineJob({ name: 'test.weekly-sweep', cron: '0 9 * * 1', handler: async () => {} });

    const jobs = await start([ping, weekly]);
    try {
      const id = await jobs.send('test.ping', { n: 41 });
      expect(id).toBeTruthy();
      await expect(within(ran, 20_000)).resolves.toEqual({ data: { n: 41 }, v: 42, now: true });
      const schedules = await jobs.boss.getSchedules();
      expect(schedules).toEqual([
        expect.objectContaining({ name: 'test.weekly-sweep', cron: '0 9 * * 1', timezone: JOB_TIMEZONE }),
      ]);
      // the run is recorded as completed in pg-boss's tables
      let state: string | undefined;
      for (let i = 0; i < 40 && state !== 'completed'; i++) {
        state = (await jobs.boss.getJobById('test.ping', id!))?.state;
        if (state !== 'completed') await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toBe('completed');
      expect(() => jobs.send('test.unknown')).toThrow(/no job/);
    } finally {
      await jobs.stop({ timeoutMs: 2000 });
    }

    // a later start without the cron job takes its schedule off (several processes: one schedule per job)
    const again = await start([ping]);
    try {
      expect(await again.boss.getSchedules()).toEqual([]);
    } finally {
      await again.stop({ timeoutMs: 2000 });
    }
  });

  it('refuses a registry with a duplicate or malformed name before touching the database', async () => {
    const a = defineJob({ name: 'test.a', handler: async () => {} });
    await expect(start([a, a])).rejects.toThrow(/defined twice/);
    await expect(start([defineJob({ name: 'Bad Name', handler: async () => {} })])).rejects.toThrow(/job name/);
  });
});
