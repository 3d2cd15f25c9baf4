/**
 * Friday afternoon (`npm run bench:dispatch`): N reporters submit their weekly reports at once against PostgreSQL,
 * through the real app over real HTTP (one socket per reporter, one session each). Prints throughput and latency
 * percentiles for several levels of concurrency; figures go to docs/performance.md. Nothing here asserts a time.
 *
 * The demo city is seeded, then `BENCH_PROJECTS` extra under-construction projects are added so that every
 * reporter has a project of their own. Reports go to a week long before the demo history, so every submission
 * creates a new report (the path that locks the project row, sums what was reported before and writes the audit).
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_SECURITY_POLICY } from '../domain/auth/policy.ts';
import { addWeeks, weekOfInstant } from '../domain/common/iso-week.ts';
import { buildApp } from '../server/app.ts';
import { projects, settings } from '../server/db/schema/index.ts';
import { parseConfig } from '../server/platform/config/config.ts';
import type { Ctx } from '../server/platform/context.ts';
import { migrate, openPostgres } from '../server/platform/db/database.ts';
import { LocalFileStore } from '../server/platform/files/file-store.ts';
import { SettingsStore } from '../server/platform/settings/settings.ts';
import { DEMO_PASSWORD } from '../server/seed/demo-data.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { postgresReachable, testPgUrl, withDatabase } from '../server/test/engines.ts';

const EXTRA = Number(process.env.BENCH_PROJECTS ?? 2000);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '25,100,400').split(',').map(Number);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 60);
const POOL = Number(process.env.BENCH_POOL ?? 10);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const url = testPgUrl();
if (!(await postgresReachable(url))) {
  console.error('PostgreSQL is not reachable at', url);
  process.exit(2);
}
const name = `luoshi_bench_dispatch_${process.pid}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create database ${name}`);
const rows: string[] = [];
try {
  if (process.env.BENCH_ASYNC_COMMIT) await admin.query(`alter database ${name} set synchronous_commit = off`);
  const database = await openPostgres(withDatabase(url, name), { max: POOL });
  await migrate(database);
  const ctx: Ctx = {
    db: database.db,
    engine: 'postgres',
    config: parseConfig({}),
    settings: new SettingsStore(),
    files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-bench-files')),
    now: () => new Date(),
  };
  await seedDemo(ctx);
  // a login rate limit high enough for one sign-in per reporter from one address
  await database.db
    .insert(settings)
    .values({ key: 'security_policy', value: { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 1000 } });
  // copies of the demo's projects, all under construction, so each reporter has one
  const template = await database.db.select().from(projects).limit(300);
  for (let start = 0; start < EXTRA; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(EXTRA, start + 500); i++) {
      const { id: _id, ...p } = template[i % template.length]!;
      batch.push({ ...p, name: `${p.name}·压测${i}`, projectCode: null, stage: 'under_construction' });
    }
    await database.db.insert(projects).values(batch);
  }

  const app = await buildApp(ctx, { serveWeb: false, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const cookies: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const r = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: address },
      body: JSON.stringify({ username: 'coordinator', password: DEMO_PASSWORD }),
    });
    cookies.push(
      r.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    );
  }
  const board = await fetch(`${address}/api/dispatch/reports?pageSize=200&page=1`, {
    headers: { cookie: cookies[0]! },
  }).then((r) => r.json() as Promise<{ total: number }>);
  const ids: string[] = [];
  for (let page = 1; ids.length < board.total; page++) {
    const b = await fetch(`${address}/api/dispatch/reports?pageSize=200&page=${page}`, {
      headers: { cookie: cookies[0]! },
    }).then((r) => r.json() as Promise<{ items: { projectId: string }[] }>);
    if (b.items.length === 0) break;
    ids.push(...b.items.map((x) => x.projectId));
  }
  let week = addWeeks(weekOfInstant(new Date()), -70);
  let next = 0;
  for (const n of LEVELS) {
    if (next + n > ids.length) {
      week = addWeeks(week, -1);
      next = 0;
    }
    const mine = ids.slice(next, next + n);
    next += n;
    const times: number[] = [];
    const failures: string[] = [];
    const t0 = performance.now();
    await Promise.all(
      mine.map(async (projectId, i) => {
        const t = performance.now();
        const r = await fetch(`${address}/api/dispatch/projects/${projectId}/reports/${week}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', origin: address, cookie: cookies[i % cookies.length]! },
          body: JSON.stringify({
            investedThisWeek: '12.50',
            visibleProgress: '主体结构施工',
            workersOnSite: 40,
            milestone: null,
            submit: true,
          }),
        });
        times.push(performance.now() - t);
        if (r.status !== 200) failures.push(`${r.status} ${(await r.text()).slice(0, 120)}`);
        else await r.arrayBuffer();
      }),
    );
    const wall = performance.now() - t0;
    if (failures.length) console.error(`${failures.length} failed, e.g.`, failures[0]);
    rows.push(
      `| ${n} reporters at once | ${(n / (wall / 1000)).toFixed(0)} reports/s | p50 ${pct(times, 50).toFixed(0)} ms | p99 ${pct(times, 99).toFixed(0)} ms | ${failures.length} |`,
    );
  }
  await app.close();
  await database.close();
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
console.log(
  `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; pool ${POOL} connections, ${SESSIONS} sessions\n`,
);
console.log('| burst | throughput | latency p50 | latency p99 | failed |\n|---|---|---|---|---|');
console.log(rows.join('\n'));
