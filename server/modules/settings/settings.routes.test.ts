import { describe, expect, it } from 'vitest';
import { ENGINES, useTestApp } from '../../test/harness.ts';

describe.each(ENGINES)('security policy settings on %s', (engine) => {
  const t = useTestApp(engine);

  it('is read and changed by an admin only, with a version and an audit record', async () => {
    expect((await (await t.login('supervisor')).get('/api/settings/security-policy')).statusCode).toBe(403);
    const admin = await t.login('admin');
    const p = (await admin.get('/api/settings/security-policy')).json();
    const res = await admin.put('/api/settings/security-policy', { ...p, lockoutThreshold: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lockoutThreshold: 3, version: p.version + 1 });
    const stale = await admin.put('/api/settings/security-policy', { ...p, lockoutThreshold: 4 });
    expect(stale.statusCode).toBe(409);
    const trail = (await admin.get('/api/audit?entityType=setting')).json().items;
    expect(trail[0]).toMatchObject({
      action: 'settings.update',
      before: { lockoutThreshold: 5 },
      after: { lockoutThreshold: 3 },
    });

    // the new threshold is what sign-in uses now
    const c = t.client();
    for (let i = 0; i < 2; i++) await c.post('/api/auth/login', { username: 'statistician', password: 'Wrong-pass-1' });
    expect((await c.post('/api/auth/login', { username: 'statistician', password: 'Wrong-pass-1' })).statusCode).toBe(
      423,
    );
  });

  it('keeps audit records at least six months and refuses HMAC-SM3 without a key', async () => {
    const admin = await t.login('admin');
    const p = (await admin.get('/api/settings/security-policy')).json();
    const short = await admin.put('/api/settings/security-policy', { ...p, auditRetentionMonths: 3 });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('auditRetentionMonths');
    const hmac = await admin.put('/api/settings/security-policy', { ...p, auditHash: 'hmac-sm3' });
    expect(hmac.statusCode).toBe(400);
    expect(hmac.json().error.fields).toEqual([{ path: 'auditHash', message: '使用HMAC-SM3需先配置 LUOSHI_AUDIT_KEY' }]);
  });
});
