/**
 * Key tasks at the scale of a province-level plan (`npm run bench:tasks`): a plan of `BENCH_TASKS` tasks (2,000) with
 * 12 monthly cycles of feedback (2025-12 … 2026-11, partners' parts on a third of them), on PGlite and PostgreSQL,
 * through the real app. Times the supervisor's board, the task list and the task ledger export, and the import of a
 * fresh 500-row plan. Figures go to docs/performance.md; nothing here asserts a time.
 */
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import {
  assignmentPlans,
  leaders,
  planSections,
  taskFeedback,
  taskFeedbackParts,
  taskLeaders,
  taskPartners,
  taskSources,
  tasks,
  units,
} from '../server/db/schema/index.ts';
import { parseConfig } from '../server/platform/config/config.ts';
import type { Ctx } from '../server/platform/context.ts';
import { type Database, migrate, openPglite, openPostgres } from '../server/platform/db/database.ts';
import { analyze } from '../server/platform/db/maintenance.ts';
import { LocalFileStore } from '../server/platform/files/file-store.ts';
import { SettingsStore } from '../server/platform/settings/settings.ts';
import { DEMO_PASSWORD } from '../server/seed/demo-data.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { postgresReachable, testPgUrl, withDatabase } from '../server/test/engines.ts';
import { multipart } from '../server/test/multipart.ts';

const N = Number(process.env.BENCH_TASKS ?? 2000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const CYCLES = ['2025-12', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)];
const rows: string[] = [];
/** each figure as soon as it is measured (a run takes minutes), then the table at the end */
const row = (line: string) => {
  rows.push(line);
  console.error(line);
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** A deterministic PRNG, so both engines get the same plan. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DEADLINES: [string, string | null, string][] = [
  ['2026年6月底前', '2026-06-30', 'date'],
  ['年底前', '2026-12-31', 'date'],
  ['三季度末', '2026-09-30', 'date'],
  ['2026年10月底前', '2026-10-31', 'date'],
  ['长期坚持', null, 'continuous'],
];

async function seedPlan(database: Database) {
  const db = database.db;
  const unitRows = (await db.select().from(units)).filter((u) => u.kind === 'department' || u.kind === 'district');
  const leaderRows = await db.select().from(leaders);
  const [source] = await db
    .insert(taskSources)
    .values({ kind: 'work_report', title: '压测政府工作报告', createdByName: 'bench' })
    .returning();
  const [plan] = await db
    .insert(assignmentPlans)
    .values({ sourceId: source!.id, title: '压测分工方案', year: 2026, createdByName: 'bench' })
    .returning();
  const sections = await db
    .insert(planSections)
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        planId: plan!.id,
        ordinal: i + 1,
        label: `${i + 1}`,
        title: `第${i + 1}部分`,
      })),
    )
    .returning();
  const rand = prng(7);
  for (let start = 0; start < N; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(N, start + 500); i++) {
      const [text, on, kind] = DEADLINES[i % DEADLINES.length]!;
      batch.push({
        planId: plan!.id,
        sectionId: sections[i % sections.length]!.id,
        number: `${(i % sections.length) + 1}.${Math.floor(i / sections.length) + 1}`,
        sort: i,
        content: `压测任务${i}:推进重点工作落地见效,确保完成年度目标任务`,
        leadUnitId: unitRows[i % unitRows.length]!.id,
        deadlineText: text,
        deadlineKind: kind,
        deadlineOn: on,
        startsOn: '2026-01-01',
        claimStatus: 'claimed',
        claimDueOn: '2026-01-25',
        claimedAt: new Date('2026-01-22T02:00:00Z'),
        doneAt: rand() < 0.1 ? new Date('2026-10-20T02:00:00Z') : null,
      });
    }
    const inserted = await db.insert(tasks).values(batch).returning({ id: tasks.id, leadUnitId: tasks.leadUnitId });
    await db.insert(taskPartners).values(
      inserted.flatMap((t, k) =>
        [1, 2]
          .map((d) => unitRows[(start + k + d * 7) % unitRows.length]!.id)
          .filter((u) => u !== t.leadUnitId)
          .map((unitId) => ({ taskId: t.id, unitId })),
      ),
    );
    await db
      .insert(taskLeaders)
      .values(inserted.map((t, k) => ({ taskId: t.id, leaderId: leaderRows[(start + k) % leaderRows.length]!.id })));
    const feedback = [];
    const parts = [];
    for (const [k, t] of inserted.entries()) {
      for (const [c, cycle] of CYCLES.entries()) {
        if (rand() < 0.05) continue; // a missed cycle now and then
        const due = `${cycle}-25`;
        const late = rand() < 0.1;
        const at = new Date(`${due}T0${late ? 9 : 1}:00:00Z`);
        if (late) at.setUTCDate(at.getUTCDate() + 2);
        feedback.push({
          taskId: t.id,
          cycle,
          dueOn: due,
          status: c === CYCLES.length - 1 ? 'submitted' : 'accepted',
          progress: `${cycle}进展:完成阶段性工作,累计推进${Math.min(100, (c + 1) * 8)}%。`,
          problems: '要素保障仍需加强。',
          nextSteps: '加快推进,确保按期完成。',
          completionPct: Math.min(100, Math.round((c + 1) * 8 * (0.7 + rand() * 0.5))),
          confidence: rand() < 0.8 ? 'on_track' : 'at_risk',
          firstSubmittedAt: at,
          submittedAt: at,
          submittedByName: 'bench',
          reviewedAt: c === CYCLES.length - 1 ? null : at,
          reviewedByName: c === CYCLES.length - 1 ? null : 'bench',
          createdByName: 'bench',
        });
        if ((start + k) % 3 === 0) {
          parts.push({
            taskId: t.id,
            cycle,
            unitId: unitRows[(start + k + 7) % unitRows.length]!.id,
            progress: '配合完成相关工作。',
            updatedByName: 'bench',
          });
        }
      }
    }
    for (let f = 0; f < feedback.length; f += 2000) await db.insert(taskFeedback).values(feedback.slice(f, f + 2000));
    for (let f = 0; f < parts.length; f += 2000)
      await db
        .insert(taskFeedbackParts)
        .values(parts.slice(f, f + 2000))
        .onConflictDoNothing();
  }
  return { planId: plan!.id, unitNames: unitRows.map((u) => u.name), sourceId: source!.id };
}

async function importSheet(unitNames: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分工方案');
  ws.addRow(['序号', '重点任务', '责任领导', '牵头单位', '配合单位', '完成时限']);
  for (let i = 0; i < IMPORT_ROWS; i++) {
    if (i % 50 === 0) ws.addRow([`${'一二三四五六七八九十'[i / 50]}、第${i / 50 + 1}部分`]);
    ws.addRow([
      i + 1,
      `导入压测任务${i}:加快推进重点领域改革任务落地`,
      '',
      unitNames[i % unitNames.length],
      `${unitNames[(i + 3) % unitNames.length]}、${unitNames[(i + 5) % unitNames.length]}`,
      DEADLINES[i % DEADLINES.length]![0],
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function bench(engine: 'pglite' | 'postgres', database: Database) {
  await migrate(database);
  const ctx: Ctx = {
    db: database.db,
    engine,
    config: parseConfig({}),
    settings: new SettingsStore(),
    files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-bench-files')),
    now: () => new Date('2026-11-26T02:00:00Z'),
  };
  await seedDemo(ctx);
  let t = performance.now();
  const { planId, unitNames, sourceId } = await seedPlan(database);
  // as the server does on the embedded database at start and hourly, and PostgreSQL's autovacuum after a bulk load
  await analyze(database.db);
  row(
    `| insert ${N} tasks with ${CYCLES.length} cycles of feedback | ${engine} | ${(performance.now() - t).toFixed(0)} ms |`,
  );

  const app = await buildApp(ctx, { serveWeb: false, logger: false });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'supervisor', password: DEMO_PASSWORD },
  });
  const cookie = `luoshi_session=${login.cookies.find((c) => c.name === 'luoshi_session')!.value}`;
  const cases: [string, string, number][] = [
    [`supervisor's board by unit (${N} tasks)`, `/api/supervision/board?planId=${planId}&by=unit`, REQUESTS],
    [`supervisor's board by leader (${N} tasks)`, `/api/supervision/board?planId=${planId}&by=leader`, REQUESTS],
    ['board over every plan (demo plan included)', '/api/supervision/board?by=unit', REQUESTS],
    ['task list, first page of 20 with computed status', `/api/tasks?planId=${planId}`, REQUESTS],
    ['task list filtered to red', `/api/tasks?planId=${planId}&status=red`, REQUESTS],
  ];
  for (const [label, url, n] of cases) {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      t = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - t);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    }
    row(`| ${label} | ${engine} | p50 ${pct(times, 50).toFixed(1)} ms / p95 ${pct(times, 95).toFixed(1)} ms |`);
  }
  const ledgerTimes: number[] = [];
  let size = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const r = await app.inject({ method: 'GET', url: `/api/tasks/ledger.xlsx?planId=${planId}`, headers: { cookie } });
    ledgerTimes.push(performance.now() - t);
    if (r.statusCode !== 200) throw new Error(`ledger: ${r.statusCode} ${r.body}`);
    size = r.rawPayload.length;
  }
  row(
    `| task ledger .xlsx of ${N} tasks (${(size / 1024).toFixed(0)} KB), 5 runs | ${engine} | median ${pct(ledgerTimes, 50).toFixed(0)} ms / max ${Math.max(...ledgerTimes).toFixed(0)} ms |`,
  );

  // a fresh plan, then its 500-row sheet: the dry run and the real run
  const created = await app.inject({
    method: 'POST',
    url: '/api/task-plans',
    headers: { cookie },
    payload: {
      source: { kind: 'work_report', title: '导入压测来源' },
      title: '导入压测方案',
      year: 2026,
      feedbackCycle: 'monthly',
      feedbackDueDay: 25,
      claimWorkingDays: 3,
    },
  });
  if (created.statusCode >= 300) throw new Error(`create plan: ${created.statusCode} ${created.body} (${sourceId})`);
  const newPlanId = created.json().id as string;
  const sheet = await importSheet(unitNames);
  for (const dryRun of [true, false]) {
    const body = multipart([
      { name: 'dryRun', data: String(dryRun) },
      { name: 'file', data: sheet, filename: 'plan.xlsx' },
    ]);
    t = performance.now();
    const r = await app.inject({
      method: 'POST',
      url: `/api/task-plans/${newPlanId}/import`,
      headers: { cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    const ms = performance.now() - t;
    if (r.statusCode !== 200) throw new Error(`import: ${r.statusCode} ${r.body.slice(0, 500)}`);
    const out = r.json() as { created: number; rejected: unknown[] };
    if (out.created !== IMPORT_ROWS || out.rejected.length > 0) throw new Error(`import: ${r.body.slice(0, 500)}`);
    row(
      `| import a ${IMPORT_ROWS}-row plan (${out.created} tasks), ${dryRun ? 'dry run' : 'real run'} | ${engine} | ${ms.toFixed(0)} ms |`,
    );
  }
  await app.close();
}

const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
if (ENGINES.includes('pglite')) {
  const lite = await openPglite({});
  await bench('pglite', lite);
  await lite.close();
}
const url = testPgUrl();
if (ENGINES.includes('postgres') && (await postgresReachable(url))) {
  const name = `luoshi_bench_tasks_${process.pid}`;
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
