/**
 * Generated artefacts are committed and must be current: the SQL migrations (drizzle-kit finds no schema change
 * left to generate) and docs/openapi.json (equal to what the routes generate now).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOpenApi, OPENAPI_FILE } from './openapi.ts';

const root = path.resolve(import.meta.dirname, '..');
const problems: string[] = [];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-migrations-'));
fs.cpSync(path.join(root, 'server/db/migrations'), tmp, { recursive: true });
const before = fs.readdirSync(tmp).filter((f) => f.endsWith('.sql'));
const r = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/drizzle-kit/bin.cjs'),
    'generate',
    '--dialect=postgresql',
    '--schema=./server/db/schema/index.ts',
    `--out=${tmp}`,
  ],
  { cwd: root, encoding: 'utf8' },
);
if (r.status !== 0) problems.push(`drizzle-kit generate failed:\n${r.stdout}\n${r.stderr}`);
const added = fs.readdirSync(tmp).filter((f) => f.endsWith('.sql') && !before.includes(f));
if (added.length)
  problems.push(`the schema has changes without a migration: run npm run db:generate (would add ${added.join(', ')})`);
fs.rmSync(tmp, { recursive: true, force: true });

const current = await generateOpenApi();
const committed = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
if (current !== committed) problems.push('docs/openapi.json is out of date: run npm run openapi');

if (problems.length) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log('✓ migrations and docs/openapi.json are current');
