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
  tally(out);
}

function tally(file: string): void {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  counts.passed += r.numPassedTests ?? 0;
  counts.failed += r.numFailedTests ?? 0;
  counts.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function summary(code: number): never {
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
