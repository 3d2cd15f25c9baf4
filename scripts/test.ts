/**
 * `npm test`: every check CI runs, in order, stopping at the first failure:
 * type check → lint → generated artefacts current → unit + integration (PGlite, and PostgreSQL when reachable;
 * required when CI=true) → web build → end-to-end in Chromium. Ends with one "N passed, N failed" line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (p: string) => path.join(root, 'node_modules', p);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

function step(title: string, args: string[]): void {
  console.log(`\n━━ ${title} ━━`);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (${secs}s)`);
    summary(1);
  }
  console.log(`✓ ${title} (${secs}s)`);
}

const counts = { passed: 0, failed: 0, skipped: 0 };
function vitest(title: string, projects: string[], report: string): void {
  const out = path.join(results, `${report}.json`);
  step(title, [
    bin('vitest/vitest.mjs'),
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const r = tally(out);
  if (report === 'unit-integration') {
    const server = (f: string) => f.includes(`${path.sep}server${path.sep}`);
    const onPg = passedWhere(r, (f, n) => server(f) && n.includes(' on postgres'));
    const onLite = passedWhere(r, (f, n) => server(f) && n.includes(' on pglite'));
    ran.push(`unit (domain): ${passedWhere(r, (f) => f.includes(`${path.sep}domain${path.sep}`))} passed`);
    ran.push(`integration on PGlite: ${onLite} passed`);
    ran.push(`integration on PostgreSQL: ${onPg} passed`);
    if (onPg === 0 && process.env.CI === 'true') {
      console.error('\n✗ CI requires the integration suite on PostgreSQL, and none of it ran');
      summary(1);
    }
  } else {
    ran.push(`end-to-end in Chromium: ${passedWhere(r, () => true)} passed`);
  }
}

type JsonReport = {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name: string; assertionResults: { fullName: string; status: string }[] }[];
};

/** Passed tests whose file or full name matches, so the log shows which engines and browser really ran. */
function passedWhere(r: JsonReport, match: (file: string, fullName: string) => boolean): number {
  let n = 0;
  for (const f of r.testResults ?? []) {
    for (const a of f.assertionResults) if (a.status === 'passed' && match(f.name, a.fullName)) n++;
  }
  return n;
}

const ran: string[] = [];
function tally(file: string): JsonReport {
  if (!fs.existsSync(file)) return {};
  const r: JsonReport = JSON.parse(fs.readFileSync(file, 'utf8'));
  counts.passed += r.numPassedTests ?? 0;
  counts.failed += r.numFailedTests ?? 0;
  counts.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  return r;
}

function summary(code: number): never {
  if (ran.length) console.log(`\n${ran.map((l) => `  ${l}`).join('\n')}`);
  console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(code);
}

step('type check', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
step('lint', [bin('@biomejs/biome/bin/biome'), 'check', '.']);
step('generated artefacts', [path.join(root, 'scripts/check-generated.ts')]);
vitest('unit and integration tests', ['unit', 'integration'], 'unit-integration');
step('web build', [bin('vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
vitest('end-to-end tests (Chromium)', ['e2e'], 'e2e');
summary(counts.failed > 0 ? 1 : 0);
