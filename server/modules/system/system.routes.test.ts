import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFileStore } from '../../platform/files/file-store.ts';
import { ENGINES, useTestApp } from '../../test/harness.ts';

describe.each(ENGINES)('system on %s', (engine) => {
  const t = useTestApp(engine);

  it('answers health without signing in, naming the engine', async () => {
    const res = await t.client().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: engine, version: expect.any(String) });
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await t.client().get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/units/{id}', '/api/audit']),
    );
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
  });

  it('tells an anonymous caller nothing about which routes exist', async () => {
    const res = await t.client().get('/api/nope');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it('answers unknown API routes with the error shape, in Chinese by default and English on request', async () => {
    const c = await t.login('dept_staff');
    const zh = await c.get('/api/nope');
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' } });
    const en = await t.client(c.cookie, { 'accept-language': 'en-US,en;q=0.9' }).get('/api/nope');
    expect(en.json().error.message).toBe('No such endpoint');
  });
});

describe('internal errors', () => {
  it('answer 500 with the catalogue message and never a stack or SQL', async () => {
    const { buildApp } = await import('../../app.ts');
    const { parseConfig } = await import('../../platform/config/config.ts');
    const { SettingsStore } = await import('../../platform/settings/settings.ts');
    const broken = new Proxy({} as never, {
      get() {
        throw new Error('relation "secret_table" does not exist at /srv/luoshi/db.ts:12');
      },
    });
    const app = await buildApp({
      db: broken,
      engine: 'pglite',
      config: parseConfig({}),
      settings: new SettingsStore(),
      files: new LocalFileStore(path.join(os.tmpdir(), 'luoshi-system-files')),
      now: () => new Date(),
    });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误,请稍后重试或联系管理员' } });
    expect(res.body).not.toMatch(/secret_table|\.ts|at /);
    await app.close();
  });
});
