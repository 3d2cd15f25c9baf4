import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/engines.ts';
import { LocalFileStore } from '../files/file-store.ts';
import { type Database, migrate, openPglite, openPostgres, rawRows } from './database.ts';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

const EXPECTED_TABLES = [
  'assignment_plans',
  'assignments',
  'audit_records',
  'coordination_item_events',
  'coordination_items',
  'files',
  'handovers',
  'indicator_targets',
  'indicator_value_revisions',
  'indicator_values',
  'indicators',
  'inspection_checklist_items',
  'inspection_findings',
  'inspection_photos',
  'inspection_targets',
  'inspection_teams',
  'inspections',
  'instruction_units',
  'instructions',
  'ladder_steps',
  'leaders',
  'notifications',
  'password_history',
  'peer_group_members',
  'peer_groups',
  'plan_sections',
  'planning_quotas',
  'project_attachments',
  'projects',
  'rectifications',
  'regions',
  'sessions',
  'settings',
  'supervision_files',
  'task_events',
  'task_feedback',
  'task_feedback_parts',
  'task_leaders',
  'task_milestones',
  'task_partners',
  'task_sources',
  'tasks',
  'unit_webhooks',
  'units',
  'users',
  'webhook_deliveries',
  'weekly_report_amendments',
  'weekly_report_photos',
  'weekly_reports',
];

async function tables(db: Database) {
  const rows = await rawRows<{ t: string }>(
    db.db,
    sql`select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return rows.map((r) => r.t);
}

describe('migrations', () => {
  it('apply cleanly to an empty PGlite, twice (the second run is a no-op), and pg_trgm works', async () => {
    const db = await openPglite({});
    await migrate(db);
    await migrate(db);
    expect(await tables(db)).toEqual(EXPECTED_TABLES);
    const [sim] = await rawRows<{ s: number }>(
      db.db,
      sql`select similarity('示范市发展和改革委员会', '发展和改革')::float as s`,
    );
    expect(sim!.s).toBeGreaterThan(0);
    await db.close();
  });

  it.runIf(inject('engines').includes('postgres'))('apply cleanly to an empty PostgreSQL database', async () => {
    const url = inject('pgUrl');
    const name = `luoshi_mig_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    try {
      const db = await openPostgres(withDatabase(url, name), { max: 2 });
      // two processes starting at once take turns on the advisory lock
      await Promise.all([migrate(db), migrate(db)]);
      expect(await tables(db)).toEqual(EXPECTED_TABLES);
      await db.close();
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});

describe('embedded data directory lock', () => {
  it('lets one process hold a data directory, refuses a second holder, and takes over a dead one’s lock', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-lock-'));
    const release = acquireDataDirLock(dir);
    // another live process holds it: pretend with our parent's pid
    release();
    fs.writeFileSync(path.join(dir, 'luoshi.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    // a pid that no longer exists: the stale lock is taken over
    fs.writeFileSync(path.join(dir, 'luoshi.lock'), '999999999');
    const again = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'luoshi.lock'), 'utf8')).toBe(String(process.pid));
    again();
    expect(fs.existsSync(path.join(dir, 'luoshi.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a clean install', () => {
  it('creates only the first admin, whose configured password must be changed at first sign-in', async () => {
    const { buildApp } = await import('../../app.ts');
    const { parseConfig } = await import('../config/config.ts');
    const { SettingsStore } = await import('../settings/settings.ts');
    const { createFirstAdmin } = await import('../../seed/seed.ts');
    const db = await openPglite({});
    await migrate(db);
    const ctx = {
      db: db.db,
      engine: db.engine,
      config: parseConfig({ LUOSHI_ADMIN_PASSWORD: 'First-Admin-2026' }),
      settings: new SettingsStore(),
      files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-migration-files')),
      now: () => new Date(),
    };
    const admin = await createFirstAdmin(ctx);
    expect(admin).toEqual({ username: 'admin', password: 'First-Admin-2026', generated: false });
    const app = await buildApp(ctx, { serveWeb: false });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'First-Admin-2026' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
    const cookie = `luoshi_session=${login.cookies[0]!.value}`;
    expect((await app.inject({ method: 'GET', url: '/api/units', headers: { cookie } })).statusCode).toBe(403);
    await app.close();
    await db.close();
  });
});
