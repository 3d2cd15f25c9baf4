/**
 * Platform benchmarks (`npm run bench`). Prints a Markdown table; figures go to docs/performance.md with the
 * machine and the command. Not a test: nothing here asserts a time.
 *
 * - embedded database: create + migrate a new data directory, reopen (child process, peak RSS)
 * - sign-in (argon2id) and authenticated list requests through the real app on PGlite and PostgreSQL
 * - audit chain: append N records, verify the whole chain
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { verifyAuditChain } from '../server/platform/audit/audit.ts';
import { auditActorOf } from '../server/platform/auth/actor.ts';
import { parseConfig } from '../server/platform/config/config.ts';
import { audited, type Ctx } from '../server/platform/context.ts';
import { type Database, migrate, openPglite, openPostgres } from '../server/platform/db/database.ts';
import { LocalFileStore } from '../server/platform/files/file-store.ts';
import { SettingsStore } from '../server/platform/settings/settings.ts';
import { DEMO_PASSWORD } from '../server/seed/demo-data.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { postgresReachable, testPgUrl, withDatabase } from '../server/test/engines.ts';

const N_REQ = Number(process.env.BENCH_REQUESTS ?? 300);
const N_AUDIT = Number(process.env.BENCH_AUDIT ?? 5000);
const rows: string[] = [];
const row = (what: string, engine: string, value: string) => rows.push(`| ${what} | ${engine} | ${value} |`);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

// 1. embedded start-up, isolated in a child process for an honest peak RSS
const startup = JSON.parse(
  execFileSync(process.execPath, [path.join(import.meta.dirname, 'pglite-startup.ts')], { encoding: 'utf8' }),
);
row('new embedded database: create + migrate', 'pglite', ms(startup.createMs));
row('reopen embedded database (+ migrations check)', 'pglite', ms(startup.reopenMs));
row('peak memory of that process', 'pglite', `${startup.peakRssMb.toFixed(0)} MB`);

async function engineBench(engine: 'pglite' | 'postgres', database: Database) {
  await migrate(database);
  const ctx: Ctx = {
    db: database.db,
    engine,
    config: parseConfig({}),
    settings: new SettingsStore(),
    files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-bench-files')),
    now: () => new Date(),
  };
  let t = performance.now();
  await seedDemo(ctx);
  row('seed the demo city', engine, ms(performance.now() - t));
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();

  const logins: number[] = [];
  let cookie = '';
  for (let i = 0; i < 10; i++) {
    t = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    logins.push(performance.now() - t);
    cookie = `luoshi_session=${res.cookies.find((c) => c.name === 'luoshi_session')!.value}`;
  }
  row('sign-in (argon2id verify + session + audit), p50', engine, ms(pct(logins, 50)));

  for (const [label, url] of [
    ['GET /api/auth/me', '/api/auth/me'],
    ['GET /api/units (page of 50, with count)', '/api/units?pageSize=50'],
    ['GET /api/users (page of 20, with count)', '/api/users'],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < N_REQ; i++) {
      t = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - t);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
    }
    row(`${label}, p50 / p95 over ${N_REQ}`, engine, `${ms(pct(times, 50))} / ${ms(pct(times, 95))}`);
  }

  t = performance.now();
  const actor = auditActorOf({ userId: null, displayName: 'bench', ip: null } as never);
  for (let i = 0; i < N_AUDIT; i += 100) {
    await audited(ctx, actor, async (_tx, audit) => {
      for (let j = 0; j < 100; j++)
        await audit({ action: 'bench.write', entityType: 'bench', entityId: String(i + j), after: { i: i + j } });
    });
  }
  row(
    `append ${N_AUDIT} audit records (100 per transaction), per record`,
    engine,
    ms((performance.now() - t) / N_AUDIT),
  );
  t = performance.now();
  const v = await verifyAuditChain(ctx.db, null);
  if (!v.ok) throw new Error('chain broken');
  row(`verify the audit chain (${v.checked} records)`, engine, ms(performance.now() - t));
  await app.close();
}

const lite = await openPglite({});
await engineBench('pglite', lite);
await lite.close();

const url = testPgUrl();
if (await postgresReachable(url)) {
  const name = `luoshi_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const db = await openPostgres(withDatabase(url, name));
    await engineBench('postgres', db);
    await db.close();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else {
  console.error(`PostgreSQL not reachable at ${url}: PostgreSQL rows skipped`);
}

console.log(
  `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);
console.log('| what | engine | figure |\n|---|---|---|');
console.log(rows.join('\n'));
