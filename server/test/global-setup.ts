import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openPglite, openPostgres } from '../platform/db/database.ts';
import { postgresReachable, testPgUrl, withDatabase } from './engines.ts';
import { prepareTemplate } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: ('pglite' | 'postgres')[];
    pgliteTemplate: string;
    pgTemplateDb: string | null;
    pgUrl: string;
  }
}

/**
 * Builds one migrated, seeded template per run and per engine: a dumped PGlite data directory (loaded per test
 * file, ~1 s) and a PostgreSQL template database (cloned per test file with CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const engines: ('pglite' | 'postgres')[] = ['pglite'];
  const url = testPgUrl();
  const required = process.env.CI === 'true' || process.env.TEST_REQUIRE_POSTGRES === '1';
  const reachable = await postgresReachable(url);
  if (!reachable && required) {
    throw new Error(`PostgreSQL is required for this run (CI) but ${url} is not reachable`);
  }
  if (!reachable) console.warn(`[integration] PostgreSQL not reachable at ${url}: running on PGlite only`);

  // PGlite template
  const lite = await openPglite({});
  await migrate(lite);
  await prepareTemplate(lite);
  const dump = await lite.pglite!.dumpDataDir('gzip');
  await lite.close();
  const file = path.join(os.tmpdir(), `luoshi-template-${process.pid}.tar.gz`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));

  // PostgreSQL template
  let pgTemplateDb: string | null = null;
  if (reachable) {
    engines.push('postgres');
    pgTemplateDb = `luoshi_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${pgTemplateDb}`);
    await admin.query(`create database ${pgTemplateDb}`);
    await admin.end();
    const db = await openPostgres(withDatabase(url, pgTemplateDb), { max: 2 });
    await migrate(db);
    await prepareTemplate(db);
    await db.close();
  }

  console.log(`[integration] engines: ${engines.join(', ')}${reachable ? ` (PostgreSQL at ${url})` : ''}`);
  project.provide('engines', engines);
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplateDb', pgTemplateDb);
  project.provide('pgUrl', url);

  return async () => {
    fs.rmSync(file, { force: true });
    if (pgTemplateDb) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // test databases cloned from the template are dropped by their files; drop leftovers of crashed runs too
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'luoshi_t_${process.pid}_%' or datname = $1`,
        [pgTemplateDb],
      );
      for (const r of left.rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.end();
    }
  };
}
