import { describe, expect, it } from 'vitest';
import { ENGINES, useTestApp } from './test/harness.ts';

/** The same app over a real TCP port, as a browser reaches it: cookies, Origin, JSON errors. */
describe.each(ENGINES)('over a real port on %s', (engine) => {
  const t = useTestApp(engine);

  it('signs in, keeps the session by cookie, refuses a foreign Origin and signs out', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: address },
      body: JSON.stringify({ username: 'coordinator', password: 'Demo@2026!' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    const me = await fetch(`${address}/api/auth/me`, { headers: { cookie } });
    expect((await me.json()).username).toBe('coordinator');
    const foreign = await fetch(`${address}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: 'http://127.0.0.1:1' },
    });
    expect(foreign.status).toBe(403);
    const out = await fetch(`${address}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: address } });
    expect(out.status).toBe(200);
    expect((await fetch(`${address}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });
});
