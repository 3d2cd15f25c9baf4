import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SECURITY_POLICY } from '../../domain/auth/policy.ts';
import { settings } from '../db/schema/index.ts';
import { parseConfig } from '../platform/config/config.ts';
import type { Ctx } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { LocalFileStore } from '../platform/files/file-store.ts';
import { SettingsStore } from '../platform/settings/settings.ts';
import { seedDemo } from '../seed/seed.ts';

/**
 * What every test database starts with: the demo city, and a login rate limit high enough that a test file's
 * many sign-ins from one address are not throttled (the rate-limit test lowers it again).
 */
export async function prepareTemplate(database: Database): Promise<void> {
  const ctx: Ctx = {
    db: database.db,
    engine: database.engine,
    config: parseConfig({}),
    settings: new SettingsStore(),
    files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-template-files')),
    now: () => new Date(),
  };
  await seedDemo(ctx);
  await database.db
    .insert(settings)
    .values({ key: 'security_policy', value: { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 1000 } });
}
