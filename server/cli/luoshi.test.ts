import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = path.resolve(import.meta.dirname, 'luoshi.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
    timeout: 120_000,
  });

describe('luoshi CLI on the embedded database', () => {
  it('seeds the demo city, refuses to seed twice without --reset, and verifies the audit chain', () => {
    const seed = run('seed', '--demo');
    expect(seed.status).toBe(0);
    expect(seed.stdout).toContain('district_staff');
    const again = run('seed', '--demo');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('--reset');
    const verify = run('audit', 'verify');
    expect(verify.stdout).toMatch(/审计链完整 audit chain intact: \d+ records/);
    expect(verify.status).toBe(0);
    const backup = run('backup', '--out', path.join(dir, 'b.tar.gz'));
    expect(backup.status).toBe(0);
    expect(fs.statSync(path.join(dir, 'b.tar.gz')).size).toBeGreaterThan(1000);
    // four cold starts of the embedded database in child processes: more than the 60 s of a single request test
  }, 180_000);

  it('refuses to open a data directory another live process holds', () => {
    fs.writeFileSync(path.join(dir, 'luoshi.lock'), String(process.pid));
    const r = run('audit', 'verify');
    fs.rmSync(path.join(dir, 'luoshi.lock'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`正被进程 ${process.pid} 使用`);
  });

  it('answers an unknown command with the help and a non-zero status', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('seed --demo');
  });
});
