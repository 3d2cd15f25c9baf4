import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/database.ts';

/**
 * Background work (reminders, escalation sweeps, webhook delivery, long exports) in the database with pg-boss, so
 * any number of server processes share one queue and a cron schedule fires once, not once per process. Modules
 * export job definitions; server/main.ts registers them (schedule + work) after migrations. Tests never start the
 * queue: they call a job's handler (or the service behind it) directly with a test clock.
 */

/** The business calendar: every cron expression is read in China time. */
export const JOB_TIMEZONE = 'Asia/Shanghai';

/** Job data travels as JSON; a cron job gets `{}`. */
export type JobData = Record<string, unknown>;

export type JobDefinition<D extends object = JobData> = {
  /** `<module>.<what>`, e.g. `notifications.deliver-webhooks`: letters, digits, `.`, `-` and `_` */
  name: string;
  /** a cron expression (5 fields, minute first) in Asia/Shanghai; omitted: runs only when sent */
  cron?: string;
  /** the work; throwing fails this run (logged; pg-boss retries a sent job, a cron job waits for its next tick) */
  handler: (ctx: Ctx, data: D) => Promise<void>;
  /** retries of a failed run (default: 0 for cron jobs — the next tick is the retry —, 3 with back-off otherwise) */
  retryLimit?: number;
  /** a run still active after this long is failed (default 15 minutes) */
  expireInSeconds?: number;
};

/** Type the handler's data once, where the job is defined; the registry takes every definition as is. */
export const defineJob = <D extends object = JobData>(def: JobDefinition<D>): JobDefinition<D> => def;

/** A definition of any data type, as the registry holds it (the handler's data is typed where it is defined). */
// biome-ignore lint/suspicious/noExplicitAny: handlers are contravariant in their data; the registry holds them all
export type AnyJobDefinition = JobDefinition<any>;

export type JobLogger = {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export type Jobs = {
  /** queue a run of a registered job now (or after `startAfterSeconds`) */
  send(name: string, data?: JobData, opts?: { startAfterSeconds?: number }): Promise<string | null>;
  /** stop fetching, let running handlers finish (up to `timeoutMs`), then stop; the database stays open */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
  /** the pg-boss instance, for tests and diagnostics */
  readonly boss: PgBoss;
};

const NAME_RE = /^[a-z][a-z0-9_.-]{2,62}$/;

/**
 * pg-boss's database interface over the embedded PGlite: without parameters the text may hold several statements
 * (pg-boss's own migrations are multi-statement), which only `exec` runs; with parameters `query` (one statement,
 * extended protocol). `exec` answers one result per statement: the last one with columns is what a SELECT returned.
 */
export function pgliteExecutor(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        const last = results.filter((r) => r.fields.length > 0).at(-1) ?? results.at(-1);
        return { rows: last?.rows ?? [] };
      }
      return pglite.query(text, values);
    },
  };
}

function checkDefinitions(defs: readonly AnyJobDefinition[]): void {
  const seen = new Set<string>();
  for (const d of defs) {
    if (!NAME_RE.test(d.name)) throw new Error(`job name "${d.name}": use lower-case letters, digits, ".", "-", "_"`);
    if (seen.has(d.name)) throw new Error(`job "${d.name}" is defined twice`);
    seen.add(d.name);
  }
}

export type StartJobsOptions = {
  /** PostgreSQL: pg-boss opens its own small pool (`max` connections); null on the embedded database */
  connectionString: string | null;
  log: JobLogger;
  /** how often an idle worker looks for work (pg-boss default 2 s) */
  pollingIntervalSeconds?: number;
  /** pool size of pg-boss on PostgreSQL */
  max?: number;
};

/**
 * Starts pg-boss on the application's database (creating or migrating its `pgboss` schema), creates a queue per job,
 * puts every cron job on the schedule (and takes schedules of jobs no longer defined off it), and starts one worker
 * per job. Handlers receive the application's `ctx`.
 */
export async function startJobs(
  ctx: Ctx,
  database: Database,
  defs: readonly AnyJobDefinition[],
  opts: StartJobsOptions,
): Promise<Jobs> {
  checkDefinitions(defs);
  const common = {
    schedule: true,
    supervise: true,
    migrate: true,
    application_name: 'luoshi-jobs',
  } satisfies PgBoss.ConstructorOptions;
  let boss: PgBoss;
  if (database.pglite) boss = new PgBoss({ ...common, db: pgliteExecutor(database.pglite) });
  else if (opts.connectionString) {
    boss = new PgBoss({ ...common, connectionString: opts.connectionString, max: opts.max ?? 3 });
  } else throw new Error('startJobs: PostgreSQL needs a connection string');
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));
  await boss.start();

  try {
    for (const d of defs) {
      const queue: PgBoss.Queue = {
        name: d.name,
        // a cron job never runs twice at once (several processes, a slow run): one queued, one active at most
        policy: d.cron ? 'stately' : 'standard',
        retryLimit: d.retryLimit ?? (d.cron ? 0 : 3),
        retryBackoff: !d.cron,
        retryDelay: d.cron ? 0 : 30,
        expireInSeconds: d.expireInSeconds ?? 15 * 60,
      };
      await boss.createQueue(d.name, queue);
      await boss.updateQueue(d.name, queue);
      if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: JOB_TIMEZONE });
      await boss.work<JobData>(
        d.name,
        { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) {
            const started = Date.now();
            try {
              await d.handler(ctx, job.data ?? {});
            } catch (err) {
              opts.log.error({ err, job: d.name, id: job.id }, 'job failed');
              throw err;
            }
            opts.log.debug({ job: d.name, id: job.id, ms: Date.now() - started }, 'job done');
          }
        },
      );
    }
    const cronNames = new Set(defs.filter((d) => d.cron).map((d) => d.name));
    for (const s of await boss.getSchedules()) {
      if (!cronNames.has(s.name)) await boss.unschedule(s.name);
    }
  } catch (e) {
    await boss.stop({ graceful: false, wait: true, timeout: 1000 }).catch(() => undefined);
    throw e;
  }

  const names = new Set(defs.map((d) => d.name));
  opts.log.info({ jobs: defs.map((d) => (d.cron ? `${d.name} (${d.cron})` : d.name)) }, 'jobs started');
  return {
    boss,
    send(name, data = {}, o = {}) {
      if (!names.has(name)) throw new Error(`no job "${name}"`);
      return boss.send(name, data, o.startAfterSeconds ? { startAfter: o.startAfterSeconds } : {});
    },
    async stop(o = {}) {
      await boss.stop({ graceful: true, wait: true, timeout: o.timeoutMs ?? 10_000 });
    },
  };
}
