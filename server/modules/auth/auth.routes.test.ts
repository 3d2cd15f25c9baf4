import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY } from '../../../domain/auth/policy.ts';
import { DEMO_PASSWORD, ENGINES, useTestApp } from '../../test/harness.ts';

const P = DEFAULT_SECURITY_POLICY;

describe.each(ENGINES)('sign-in and sessions on %s', (engine) => {
  const t = useTestApp(engine);

  it('signs in, sets a strict httpOnly session cookie and answers /me with scope and can-flags', async () => {
    const res = await t.client().post('/api/auth/login', { username: 'coordinator', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'luoshi_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeFalsy(); // plain http here; Secure is set behind https
    const me = await t.client(`luoshi_session=${cookie.value}`).get('/api/auth/me');
    expect(me.json()).toMatchObject({
      username: 'coordinator',
      roles: ['coordinator'],
      scope: { kind: 'region', label: '全市数据', rootCode: '990100' },
      can: { administer: false, viewAudit: false },
      session: { idleMinutes: P.sessionIdleMinutes },
    });
  });

  it('answers a wrong password and an unknown account with the same message', async () => {
    const wrong = await t.client().post('/api/auth/login', { username: 'leader', password: 'nope-Nope-1' });
    const unknown = await t.client().post('/api/auth/login', { username: 'nobody', password: 'nope-Nope-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('账号或密码错误');
  });

  it(`locks the account after ${P.lockoutThreshold} failures for ${P.lockoutMinutes} minutes, even for the right password`, async () => {
    const c = t.client();
    for (let i = 1; i < P.lockoutThreshold; i++) {
      const r = await c.post('/api/auth/login', { username: 'assessor', password: `wrong-Pass-${i}` });
      expect(r.statusCode).toBe(401);
    }
    const locking = await c.post('/api/auth/login', { username: 'assessor', password: 'wrong-Pass-x' });
    expect(locking.statusCode).toBe(423);
    expect(locking.json().error.message).toBe(`账号已锁定,请${P.lockoutMinutes}分钟后重试`);
    const right = await c.post('/api/auth/login', { username: 'assessor', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(423);
    // the lock is per account: another account still signs in
    expect((await c.post('/api/auth/login', { username: 'supervisor', password: DEMO_PASSWORD })).statusCode).toBe(200);
    t.clock.advanceMinutes(P.lockoutMinutes - 1);
    const stillLocked = await c.post('/api/auth/login', { username: 'assessor', password: DEMO_PASSWORD });
    expect(stillLocked.json().error.message).toBe('账号已锁定,请1分钟后重试');
    t.clock.advanceMinutes(1);
    expect((await c.post('/api/auth/login', { username: 'assessor', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it(`ends a session idle for ${P.sessionIdleMinutes} minutes, and says so`, async () => {
    const c = await t.login('statistician');
    t.clock.advanceMinutes(P.sessionIdleMinutes - 1);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200); // activity resets the idle clock
    t.clock.advanceMinutes(P.sessionIdleMinutes - 1);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(P.sessionIdleMinutes);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'SESSION_EXPIRED', message: '登录超时,请重新登录' });
    // the session is ended server-side: it stays expired
    expect((await c.get('/api/auth/me')).json().error.code).toBe('UNAUTHENTICATED');
  });

  it(`ends every session after ${P.sessionAbsoluteHours} hours however active`, async () => {
    const c = await t.login('commissioner');
    for (let m = 0; m < P.sessionAbsoluteHours * 60 - 20; m += 20) {
      t.clock.advanceMinutes(20);
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(20);
    expect((await c.get('/api/auth/me')).json().error.code).toBe('SESSION_EXPIRED');
  });

  it('signs out server-side: the old cookie no longer works', async () => {
    const c = await t.login('enterprise');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a state-changing request from another origin', async () => {
    const c = await t.login('dept_staff');
    const res = await c.post('/api/auth/logout', undefined, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CROSS_ORIGIN');
    const same = await c.post('/api/auth/logout', undefined, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(same.statusCode).toBe(200);
  });

  it('lists every bad field of a login request', async () => {
    const res = await t.client().post('/api/auth/login', { username: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'username', message: '请输入账号' },
      { path: 'password', message: '请输入密码' },
    ]);
  });
});

describe.each(ENGINES)('passwords on %s', (engine) => {
  const t = useTestApp(engine);

  async function newUser(username: string) {
    const admin = await t.login('admin');
    const res = await admin.post('/api/users', {
      username,
      displayName: '新同事',
      unitId: await t.unitId('示范市商务局'),
      roles: ['unit_staff'],
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { user: { id: string }; initialPassword: string };
  }

  it('forces a change of the initial password at first sign-in, then lets the user work', async () => {
    const { initialPassword } = await newUser('newbie');
    const c = await t.login('newbie', initialPassword);
    const me = await c.get('/api/auth/me');
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await c.get('/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toEqual({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: '首次登录或密码已过期,请修改密码后继续',
    });

    const weak = await c.post('/api/auth/change-password', { currentPassword: initialPassword, newPassword: 'short1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.map((f: { message: string }) => f.message)).toEqual([
      `密码长度至少${P.passwordMinLength}位`,
      `密码须包含大写字母、小写字母、数字、符号中的至少${P.passwordMinClasses}类`,
    ]);
    const same = await c.post('/api/auth/change-password', {
      currentPassword: initialPassword,
      newPassword: initialPassword,
    });
    expect(same.json().error.code).toBe('PASSWORD_REUSED');
    const wrong = await c.post('/api/auth/change-password', { currentPassword: 'x', newPassword: 'Zhuaaluoshi-2026' });
    expect(wrong.json().error.code).toBe('WRONG_PASSWORD');

    const ok = await c.post('/api/auth/change-password', {
      currentPassword: initialPassword,
      newPassword: 'Zhua-Luoshi-2026',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mustChangePassword).toBe(false);
    expect((await c.get('/api/units')).statusCode).toBe(200);
    // the old password no longer signs in, the new one does
    expect(
      (await t.client().post('/api/auth/login', { username: 'newbie', password: initialPassword })).statusCode,
    ).toBe(401);
    await t.login('newbie', 'Zhua-Luoshi-2026');
  });

  it(`refuses any of the last ${P.passwordHistory} passwords`, async () => {
    const { initialPassword } = await newUser('rotator');
    let current = initialPassword;
    const c = await t.login('rotator', initialPassword);
    const used: string[] = [];
    for (let i = 0; i < 2; i++) {
      const next = `Rotate-Pass-${i}x`;
      expect(
        (await c.post('/api/auth/change-password', { currentPassword: current, newPassword: next })).statusCode,
      ).toBe(200);
      used.push(next);
      current = next;
    }
    const back = await c.post('/api/auth/change-password', { currentPassword: current, newPassword: used[0] });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message).toBe(`新密码不能与最近${P.passwordHistory}次使用过的密码相同`);
  });

  it('an admin reset forces a change and ends the user’s open sessions', async () => {
    const c = await t.login('district_staff');
    const admin = await t.login('admin');
    const res = await admin.post(`/api/users/${await t.userId('district_staff')}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    const fresh = await t.login('district_staff', res.json().initialPassword);
    expect((await fresh.get('/api/auth/me')).json().mustChangePassword).toBe(true);
  });
  it(`asks for a new password once it is ${P.passwordMaxAgeDays} days old`, async () => {
    const c = await t.login('leader');
    expect((await c.get('/api/units')).statusCode).toBe(200);
    // (last in this file: it moves the clock past every password's age)
    t.clock.advanceMinutes(P.passwordMaxAgeDays * 24 * 60);
    const again = await t.login('leader');
    expect((await again.get('/api/auth/me')).json()).toMatchObject({ mustChangePassword: true, passwordExpired: true });
    expect((await again.get('/api/units')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe.each(ENGINES)('login rate limit on %s', (engine) => {
  const t = useTestApp(engine);

  it('throttles sign-in attempts per client address at the policy rate', async () => {
    const admin = await t.login('admin');
    const current = (await admin.get('/api/settings/security-policy')).json();
    const put = await admin.put('/api/settings/security-policy', { ...current, loginRatePerMinute: 3 });
    expect(put.statusCode).toBe(200);
    t.ctx.settings.invalidate();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await t.client().post('/api/auth/login', { username: 'nobody', password: 'x' })).statusCode);
    }
    // the admin's own sign-in above counted too
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(2);
    const last = await t.client().post('/api/auth/login', { username: 'nobody', password: 'x' });
    expect(last.json().error).toEqual({ code: 'TOO_MANY_REQUESTS', message: '操作过于频繁,请稍后再试' });
  });
});
