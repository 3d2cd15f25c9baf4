/**
 * The OpenAPI document, generated from the route schemas. `npm run openapi` writes docs/openapi.json;
 * `npm run db:check` (part of npm test) fails when the committed copy is out of date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/platform/config/config.ts';
import type { Ctx } from '../server/platform/context.ts';
import { LocalFileStore } from '../server/platform/files/file-store.ts';
import { SettingsStore } from '../server/platform/settings/settings.ts';

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../docs/openapi.json');

export async function generateOpenApi(): Promise<string> {
  const noDb = new Proxy({} as Ctx['db'], {
    get() {
      throw new Error('generating the OpenAPI document needs no database');
    },
  });
  const config = { ...parseConfig({}), version: 'current' };
  const ctx: Ctx = {
    db: noDb,
    engine: 'pglite',
    config,
    settings: new SettingsStore(),
    files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-openapi-files')),
    now: () => new Date(),
  };
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const doc = JSON.stringify(app.swagger(), null, 2);
  await app.close();
  return `${doc}\n`;
}

if (import.meta.main) {
  fs.writeFileSync(OPENAPI_FILE, await generateOpenApi());
  console.log(`written ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
