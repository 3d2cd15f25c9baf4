import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp } from '../app.ts';
import { units, users } from '../db/schema/index.ts';
import { parseConfig } from '../platform/config/config.ts';
import type { Ctx } from '../platform/context.ts';
import { type Database, type Engine, openPglite, openPostgres } from '../platform/db/database.ts';
import { LocalFileStore } from '../platform/files/file-store.ts';
import { SettingsStore } from '../platform/settings/settings.ts';
import { DEMO_PASSWORD } from '../seed/demo-data.ts';
import { withDatabase } from './engines.ts';

export const ENGINES: Engine[] = inject('engines');
export { DEMO_PASSWORD };

/** A clock the test moves by hand (timeouts, lockouts). */
export class TestClock {
  private offset = 0;
  now = (): Date => new Date(Date.now() + this.offset);
  advanceMinutes(m: number) {
    this.offset += m * 60_000;
  }
}

export type Client = {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookie: string;
};

export type TestApp = {
  app: FastifyInstance;
  ctx: Ctx;
  clock: TestClock;
  engine: Engine;
  /** the open test database (its PGlite instance on the embedded engine), for tests of platform plumbing (jobs) */
  database: Database;
  /** the test database's connection string on PostgreSQL; null on PGlite */
  databaseUrl: string | null;
  /** a fresh sign-in; throws unless it succeeds */
  login(username: string, password?: string): Promise<Client>;
  /** a client for a cookie (or none) */
  client(cookie?: string, headers?: Record<string, string>): Client;
  /** id of a unit or user by name */
  unitId(name: string): Promise<string>;
  userId(username: string): Promise<string>;
};

let counter = 0;

/** Opens a private copy of the template database on `engine` and builds the app over it for one test file. */
async function openCopy(
  engine: Engine,
): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const file = inject('pgliteTemplate');
    const blob = new Blob([fs.readFileSync(file)]);
    const database = await openPglite({ loadDataDir: blob });
    return { database, url: null, drop: async () => {} };
  }
  const url = inject('pgUrl');
  const template = inject('pgTemplateDb')!;
  const name = `luoshi_t_${template.replace('luoshi_tpl_', '')}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // CREATE DATABASE … TEMPLATE needs the template to have no other sessions; files cloning at once take turns
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (e) {
      if (attempt > 50 || !String(e).includes('being accessed by other users')) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const database = await openPostgres(withDatabase(url, name), { max: 5 });
  return {
    database,
    url: withDatabase(url, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** `env`: more configuration variables for this file's app (e.g. LUOSHI_WEBHOOK_ALLOW_LOCAL_HTTP). */
export function useTestApp(engine: Engine, opts: { auditKey?: string; env?: Record<string, string> } = {}): TestApp {
  const clock = new TestClock();
  const state: {
    app?: FastifyInstance;
    ctx?: Ctx;
    database?: Database;
    databaseUrl?: string | null;
    close?: () => Promise<void>;
  } = {};

  beforeAll(async () => {
    const { database, url, drop } = await openCopy(engine);
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-test-files-'));
    const ctx: Ctx = {
      db: database.db,
      engine,
      config: parseConfig({ ...(opts.auditKey ? { LUOSHI_AUDIT_KEY: opts.auditKey } : {}), ...opts.env }),
      settings: new SettingsStore(),
      files: new LocalFileStore(filesDir),
      now: clock.now,
    };
    const app = await buildApp(ctx, { serveWeb: false });
    await app.ready();
    state.app = app;
    state.ctx = ctx;
    state.database = database;
    state.databaseUrl = url;
    state.close = async () => {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => state.close?.());

  const client = (cookie = '', headers: Record<string, string> = {}): Client => {
    const send = (o: InjectOptions) =>
      state.app!.inject({ ...o, headers: { ...(cookie ? { cookie } : {}), ...headers, ...(o.headers ?? {}) } });
    return {
      cookie,
      get: (url) => send({ method: 'GET', url }),
      post: (url, body, h) =>
        send({ method: 'POST', url, ...(body !== undefined ? { payload: body as object } : {}), headers: h }),
      put: (url, body) => send({ method: 'PUT', url, payload: body as object }),
      delete: (url) => send({ method: 'DELETE', url }),
    };
  };

  return {
    get app() {
      return state.app!;
    },
    get ctx() {
      return state.ctx!;
    },
    get database() {
      return state.database!;
    },
    get databaseUrl() {
      return state.databaseUrl ?? null;
    },
    clock,
    engine,
    client,
    async login(username, password = DEMO_PASSWORD) {
      const res = await client().post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === 'luoshi_session');
      return client(`luoshi_session=${set!.value}`);
    },
    async unitId(name) {
      const [u] = await state.ctx!.db.select({ id: units.id }).from(units).where(eq(units.name, name));
      if (!u) throw new Error(`no unit ${name}`);
      return u.id;
    },
    async userId(username) {
      const [u] = await state
        .ctx!.db.select({ id: users.id })
        .from(users)
        .where(eq(sql`${users.username}`, username));
      if (!u) throw new Error(`no user ${username}`);
      return u.id;
    },
  };
}
