import fs from 'node:fs';
import path from 'node:path';
import { type Config, parseConfig } from './config/config.ts';
import type { Ctx } from './context.ts';
import { acquireDataDirLock, type Database, embeddedDbDir, migrate, openPglite, openPostgres } from './db/index.ts';
import { LocalFileStore } from './files/file-store.ts';
import { SettingsStore } from './settings/settings.ts';

export const VERSION: string = JSON.parse(
  fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

export const loadConfig = (env = process.env): Config => parseConfig(env, VERSION);

/**
 * Opens the configured database (taking the data-directory lock in embedded mode) and applies migrations.
 * Used by the server and by every CLI command that writes.
 */
export async function openContext(
  config: Config,
): Promise<{ ctx: Ctx; database: Database; close: () => Promise<void> }> {
  let release = () => {};
  if (!config.databaseUrl) release = acquireDataDirLock(config.dataDir);
  try {
    const database = config.databaseUrl
      ? await openPostgres(config.databaseUrl)
      : await openPglite({ dir: embeddedDbDir(config.dataDir) });
    await migrate(database);
    const ctx: Ctx = {
      db: database.db,
      engine: database.engine,
      config,
      settings: new SettingsStore(),
      files: new LocalFileStore(path.join(config.dataDir, 'files')),
      now: () => new Date(),
    };
    return {
      ctx,
      database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
