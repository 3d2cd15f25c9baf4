import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from '../../platform/db/database.ts';
import { ENGINES, useTestApp } from '../../test/harness.ts';

describe.each(ENGINES)('audit trail on %s', (engine) => {
  const t = useTestApp(engine);

  it('records sign-in, failed sign-in and sign-out with actor, IP and time', async () => {
    await t.client().post('/api/auth/login', { username: 'leader', password: 'wrong-Pass-1' });
    const c = await t.login('leader');
    await c.post('/api/auth/logout');
    const admin = await t.login('admin');
    const items = (await admin.get('/api/audit?action=auth.&pageSize=10')).json().items as {
      action: string;
      actorName: string;
      ip: string;
    }[];
    const actions = items.map((i) => i.action);
    expect(actions.slice(0, 4)).toEqual(['auth.login', 'auth.logout', 'auth.login', 'auth.login_failed']);
    expect(items[1]).toMatchObject({ actorName: '李明远', ip: '127.0.0.1' });
  });

  it('lets admins and the 督查室 browse the trail, nobody else', async () => {
    expect((await (await t.login('supervisor')).get('/api/audit')).statusCode).toBe(200);
    expect((await (await t.login('coordinator')).get('/api/audit')).statusCode).toBe(403);
    expect((await (await t.login('supervisor')).get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('filters by entity, actor and date', async () => {
    const admin = await t.login('admin');
    const unitId = await t.unitId('示范市商务局');
    const u = (await admin.get(`/api/units/${unitId}`)).json();
    await admin.put(`/api/units/${unitId}`, { ...u, sort: 99 });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await admin.get(
      `/api/audit?entityType=unit&entityId=${unitId}&actor=${encodeURIComponent('管理员')}&from=${today}&to=${today}`,
    );
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].after.sort).toBe(99);
    // the actor filter takes the account name too
    const byAccount = (await admin.get('/api/audit?actor=district_&action=auth.login')).json().items;
    expect(byAccount.length).toBe(0);
    await t.login('district_staff');
    const after = (await admin.get('/api/audit?actor=district_&action=auth.login')).json().items;
    expect(after.map((r: { actorName: string }) => r.actorName)).toEqual(['吴城关']);
    const bad = await admin.get('/api/audit?from=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('from');
  });

  it('is append-only: the database refuses to change a record', async () => {
    await expect(t.ctx.db.execute(sql`update audit_records set action = 'x' where id = 1`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from audit_records where id = 1`)).rejects.toThrow();
  });

  it('verifies the chain, and finds the first record edited behind the application’s back', async () => {
    const admin = await t.login('admin');
    const ok = (await admin.get('/api/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);

    // a database superuser edits a record (the trigger stops the application, not the owner of the server)
    const [target] = await rawRows<{ id: number }>(
      t.ctx.db,
      sql`select id::int as id from audit_records where action = 'auth.login' order by id limit 1 offset 1`,
    );
    await t.ctx.db.execute(sql`alter table audit_records disable trigger audit_records_no_update`);
    await t.ctx.db.execute(sql`update audit_records set actor_name = '他人' where id = ${target!.id}`);
    await t.ctx.db.execute(sql`alter table audit_records enable trigger audit_records_no_update`);

    const broken = (await admin.get('/api/audit/verify')).json();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toEqual({ id: target!.id, reason: 'hash' });
  });
});

describe.each(ENGINES)('audit chain with HMAC-SM3 on %s', (engine) => {
  const t = useTestApp(engine, { auditKey: 'k'.repeat(40) });

  it('switches the chain algorithm by policy and still verifies; a removed record breaks the link', async () => {
    const admin = await t.login('admin');
    const policy = (await admin.get('/api/settings/security-policy')).json();
    const put = await admin.put('/api/settings/security-policy', { ...policy, auditHash: 'hmac-sm3' });
    expect(put.statusCode).toBe(200);
    await admin.post('/api/auth/logout');
    await t.login('leader');
    const admin2 = await t.login('admin');
    const algs = await rawRows<{ alg: string }>(t.ctx.db, sql`select distinct alg from audit_records order by alg`);
    expect(algs.map((a) => a.alg)).toEqual(['hmac-sm3', 'sha256']);
    expect((await admin2.get('/api/audit/verify')).json().ok).toBe(true);

    const [victim] = await rawRows<{ id: number }>(t.ctx.db, sql`select max(id)::int - 1 as id from audit_records`);
    await t.ctx.db.execute(sql`alter table audit_records disable trigger audit_records_no_update`);
    await t.ctx.db.execute(sql`delete from audit_records where id = ${victim!.id}`);
    await t.ctx.db.execute(sql`alter table audit_records enable trigger audit_records_no_update`);
    expect((await admin2.get('/api/audit/verify')).json().firstBroken).toEqual({ id: victim!.id + 1, reason: 'link' });
  });
});
