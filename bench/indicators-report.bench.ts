/**
 * Monthly analysis (月分析) on the demo data (`npm run bench:indicators`): the 月度经济运行分析 report (.docx with the
 * scorecard, the table and six charts rendered on the server) and the analysis endpoints the dashboard calls, through
 * the real app on PGlite and PostgreSQL, signed in as the city statistician. Each case gives the wall time and the
 * CPU time this process spent on it (user + system): on a shared machine the wall time follows the load, the CPU
 * time much less so. With PostgreSQL the database's own CPU is in its server process and not counted. Figures go to
 * docs/performance.md; nothing here asserts a time.
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { businessDate } from '../domain/common/business-date.ts';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/platform/config/config.ts';
import type { Ctx } from '../server/platform/context.ts';
import { type Database, migrate, openPglite, openPostgres } from '../server/platform/db/database.ts';
import { LocalFileStore } from '../server/platform/files/file-store.ts';
import { SettingsStore } from '../server/platform/settings/settings.ts';
import { DEMO_CITY, DEMO_PASSWORD } from '../server/seed/demo-data.ts';
import { demoPeriods } from '../server/seed/demo-indicators.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { postgresReachable, testPgUrl, withDatabase } from '../server/test/engines.ts';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const DISTRICT = '990102';
const rows: string[] = [];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

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
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'statistician', password: DEMO_PASSWORD },
  });
  const cookie = `luoshi_session=${login.cookies.find((c) => c.name === 'luoshi_session')!.value}`;
  const get = async (url: string) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return { ms, cpuMs: (used.user + used.system) / 1000, bytes: r.rawPayload.length };
  };

  // the last quarter: GDP is published, so the report charts three indicators
  const period = demoPeriods(businessDate(ctx.now()))
    .filter((p) => Number(p.slice(5)) % 3 === 0)
    .at(-1)!;
  const q = (region: string) => `regionCode=${region}&period=${period}`;

  for (const [label, region] of [
    ['the city among 全省11个市(区)', DEMO_CITY],
    ['a district among 全市6个县区', DISTRICT],
  ] as const) {
    const first = await get(`/api/indicators/report.docx?${q(region)}`); // fonts and ECharts warm up here
    const times: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REPORTS; i++) {
      const r = await get(`/api/indicators/report.docx?${q(region)}`);
      times.push(r.ms);
      cpu.push(r.cpuMs);
      bytes = r.bytes;
    }
    rows.push(
      `| report.docx, ${label} (${(bytes / 1024).toFixed(0)} KB, 6 charts), first; p50 / p95 over ${REPORTS} | ${engine} | ${fmt(first.ms)}; ${fmt(pct(times, 50))} / ${fmt(pct(times, 95))} ms | ${fmt(first.cpuMs)}; ${fmt(pct(cpu, 50))} ms |`,
    );
  }

  const cases: [string, string][] = [
    ['dashboard (14 indicators: ranks, gaps, lights, pacing), city', `/api/indicators/dashboard?${q(DEMO_CITY)}`],
    ['dashboard, district', `/api/indicators/dashboard?${q(DISTRICT)}`],
    ['scorecard (成绩单), city', `/api/indicators/scorecard?${q(DEMO_CITY)}`],
    ['trend, 24 months with 全省 and target', `/api/indicators/gdp/trend?regionCode=${DEMO_CITY}&months=24`],
    ['ranking of one indicator in the group', `/api/indicators/gdp/ranking?period=${period}`],
    ['latest period with figures, region', `/api/indicators/latest-period?regionCode=${DEMO_CITY}`],
    ['latest period with figures, all regions', '/api/indicators/latest-period'],
    [
      'values of a period for the group (12 regions)',
      `/api/indicators/values?period=${period}&regionCode=990000,990100,990200,990300,990400,990500,990600,990700,990800,990900,991000,991100`,
    ],
  ];
  for (const [label, url] of cases) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const r = await get(url);
      times.push(r.ms);
      cpu.push(r.cpuMs);
    }
    rows.push(
      `| ${label}, p50 / p95 over ${REQUESTS} | ${engine} | ${fmt(pct(times, 50))} / ${fmt(pct(times, 95))} ms | ${fmt(pct(cpu, 50))} ms |`,
    );
  }
  await app.close();
}

const lite = await openPglite({});
await bench('pglite', lite);
await lite.close();
const url = testPgUrl();
if (await postgresReachable(url)) {
  const name = `luoshi_bench_indicators_${process.pid}`;
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
} else {
  console.error(`PostgreSQL not reachable at ${url}: PostgreSQL rows skipped`);
}
console.log(
  `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}\n`,
);
console.log('| what | engine | wall time | CPU time (p50) |\n|---|---|---|---|');
console.log(rows.join('\n'));
