import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../../db/schema/index.ts';

export type Schema = typeof schema;
/** One handle type for both drivers: repositories never know which engine they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: read-only repository functions accept both. */
export type Conn = Db | Tx;
export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  engine: Engine;
  /** the PGlite instance in embedded mode (for dumps and the job-queue adapter), else null */
  pglite: PGlite | null;
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations', import.meta.url));

/** Extensions must be loaded on every open: a directory whose schema uses pg_trgm fails on writes without it. */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** node-postgres returns bigint as a string; PGlite as a number. One parser for both: numbers. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: pgTypes });
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it on the next query
  });
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, engine: 'postgres', pglite: null, close: () => pool.end() };
}

/** Open an embedded database: a directory on disk, or (for tests) in memory from a dumped template. */
export async function openPglite(opts: { dir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  const pglite = await PGlite.create({
    ...(opts.dir ? { dataDir: opts.dir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
  });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { db, engine: 'pglite', pglite, close: () => pglite.close() };
}

/**
 * Apply pending migrations. On PostgreSQL an advisory lock makes several starting processes take turns;
 * PGlite has one process by construction (the data-directory lock).
 */
export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.pglite) {
    await migratePglite(drizzlePglite(database.pglite), config);
    return;
  }
  // run on one dedicated connection so the session-level lock and the migration share it
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(72417001)');
    await migratePg(drizzlePg(client), config);
  } finally {
    await client.query('select pg_advisory_unlock(72417001)').catch(() => undefined);
    client.release();
  }
}

export const embeddedDbDir = (dataDir: string) => path.join(dataDir, 'db');

/**
 * Rows of a raw `execute`: both drivers answer `{ rows }`, but their value types differ (bigint is a number on
 * PGlite, a string on node-postgres through Drizzle): cast in SQL (`::int`). Prefer the query builder.
 */
export async function rawRows<T>(conn: Conn, query: SQL): Promise<T[]> {
  const res = (await conn.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
