/**
 * Project library at province scale (`npm run bench:projects`): 20,000 projects (the demo city's 300 repeated with
 * unique names and codes), then list and statistics latencies through the real app on PGlite and PostgreSQL.
 * Figures go to docs/performance.md; nothing here asserts a time.
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { projects } from '../server/db/schema/index.ts';
import { parseConfig } from '../server/platform/config/config.ts';
import type { Ctx } from '../server/platform/context.ts';
import { type Database, migrate, openPglite, openPostgres } from '../server/platform/db/database.ts';
import { LocalFileStore } from '../server/platform/files/file-store.ts';
import { SettingsStore } from '../server/platform/settings/settings.ts';
import { DEMO_PASSWORD } from '../server/seed/demo-data.ts';
import { demoProjects } from '../server/seed/demo-projects.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { postgresReachable, testPgUrl, withDatabase } from '../server/test/engines.ts';

const N = Number(process.env.BENCH_PROJECTS ?? 20_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const rows: string[] = [];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function bench(engine: 'pglite' | 'postgres', database: Database) {
  await migrate(database);
  const ctx: Ctx = {
    db: database.db,
    engine,
    config: parseConfig({}),
    settings: new SettingsStore(),
    files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-bench-files')),
    now: () => new Date(),
  };
  await seedDemo(ctx);
  // the demo generator's rows, repeated with unique names and codes, spread over the demo districts
  const units = await database.db.query.units.findMany();
  const unitIdByKey = new Map<string, string>();
  const { DEMO_UNITS, DEMO_LEADERS } = await import('../server/seed/demo-data.ts');
  DEMO_UNITS.forEach((u) => {
    const row = units.find((x) => x.name === u.name);
    if (row) unitIdByKey.set(u.key, row.id);
  });
  const leaderIdByKey = new Map(DEMO_LEADERS.map((l) => [l.key, '00000000-0000-4000-8000-000000000000']));
  const base = demoProjects({ today: '2026-11-25', unitIdByKey, leaderIdByKey }).projects;
  let t = performance.now();
  for (let start = 0; start < N; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(N, start + 1000); i++) {
      const p = base[i % base.length]!;
      const serial = String(i).padStart(6, '0');
      batch.push({
        ...p,
        name: `${p.name}·${i}`,
        projectCode: p.projectCode ? `${p.projectCode.slice(0, 18)}${serial}` : null,
      });
    }
    await database.db.insert(projects).values(batch);
  }
  rows.push(`| insert ${N} projects (1,000 per statement) | ${engine} | ${(performance.now() - t).toFixed(0)} ms |`);

  const app = await buildApp(ctx, { serveWeb: false });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'coordinator', password: DEMO_PASSWORD },
  });
  const cookie = `luoshi_session=${login.cookies.find((c) => c.name === 'luoshi_session')!.value}`;
  const cases: [string, string][] = [
    ['list, first page of 20, newest first', '/api/projects'],
    ['list, page 50 of 100 sorted by total investment', '/api/projects?page=50&pageSize=100&sort=totalInvestment'],
    [
      'list, filters (district + stage + category)',
      '/api/projects?regionCode=990102&stage=under_construction&category=industry',
    ],
    ['search, 4 Chinese characters', `/api/projects?q=${encodeURIComponent('新能源电')}`],
    ['search, 2 Chinese characters (no trigram: scan)', `/api/projects?q=${encodeURIComponent('园区')}`],
    ['statistics by stage, category, region, level', '/api/projects/stats'],
    ['search by project code fragment (trigram)', '/api/projects?q=990102-47'],
    ['策划包装 monthly report (all units)', '/api/projects/planning'],
  ];
  for (const [label, url] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < REQUESTS; i++) {
      t = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - t);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      total = r.json().total ?? 0;
    }
    rows.push(
      `| ${label}${total ? ` (${total} rows match)` : ''} | ${engine} | p50 ${pct(times, 50).toFixed(1)} ms / p95 ${pct(times, 95).toFixed(1)} ms |`,
    );
  }
  t = performance.now();
  const exp = await app.inject({
    method: 'GET',
    url: '/api/projects/export.xlsx?regionCode=990100',
    headers: { cookie },
  });
  rows.push(
    `| export the whole city's ledger (.xlsx, ${(exp.rawPayload.length / 1024).toFixed(0)} KB) | ${engine} | ${(performance.now() - t).toFixed(0)} ms |`,
  );
  await app.close();
}

const lite = await openPglite({});
await bench('pglite', lite);
await lite.close();
const url = testPgUrl();
if (await postgresReachable(url)) {
  const name = `luoshi_bench_projects_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const db = await openPostgres(withDatabase(url, name));
    await bench('postgres', db);
    await db.close();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
console.log(
  `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);
console.log('| what | engine | figure |\n|---|---|---|');
console.log(rows.join('\n'));
