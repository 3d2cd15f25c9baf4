import { describe, expect, it } from 'vitest';
import { ENGINES, useTestApp } from '../../test/harness.ts';

describe.each(ENGINES)('organisation administration on %s', (engine) => {
  const t = useTestApp(engine);

  it('400 lists every bad field of a new unit, in Chinese, and writes nothing', async () => {
    const admin = await t.login('admin');
    const before = (await admin.get('/api/units?pageSize=1')).json().total;
    const res = await admin.post('/api/units', { name: ' ', kind: 'club', regionCode: '12345', sort: -1 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'kind',
      'name',
      'regionCode',
      'sort',
    ]);
    expect(body.error.fields.find((f: { path: string }) => f.path === 'name').message).toBe('请填写单位名称');
    expect((await admin.get('/api/units?pageSize=1')).json().total).toBe(before);
  });

  it('creates, reads and updates a unit with optimistic concurrency; a stale write gets 409', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/units', {
      name: '示范市数据局',
      shortName: '市数据局',
      aliases: ['市大数据局'],
      kind: 'department',
      regionCode: '990100',
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ version: 1, regionName: '示范市', can: { edit: true } });

    const first = await admin.put(`/api/units/${unit.id}`, { ...unit, name: '示范市数据管理局', version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await admin.put(`/api/units/${unit.id}`, { ...unit, name: '示范市数据资源局', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toEqual({ code: 'STALE_WRITE', message: '数据已被他人修改,请刷新后重试' });
    expect((await admin.get(`/api/units/${unit.id}`)).json().name).toBe('示范市数据管理局');

    // found by its alias
    const byAlias = await admin.get(`/api/units?q=${encodeURIComponent('大数据')}`);
    expect(byAlias.json().items.map((u: { id: string }) => u.id)).toContain(unit.id);

    // history shows both writes with before and after
    const history = (await admin.get(`/api/units/${unit.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['unit.create', 'unit.update']);
    expect(history[1].before.name).toBe('示范市数据局');
    expect(history[1].after.name).toBe('示范市数据管理局');
    expect(history[1].actorName).toBe('系统管理员');
  });

  it('refuses a duplicate unit name in the same region with 409', async () => {
    const admin = await t.login('admin');
    const res = await admin.post('/api/units', { name: '示范市财政局', kind: 'department', regionCode: '990100' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('本区划下的单位“示范市财政局”已存在');
  });

  it('only an admin may change the organisation', async () => {
    const coordinator = await t.login('coordinator');
    const res = await coordinator.post('/api/units', { name: '某局', kind: 'department', regionCode: '990100' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it.each([
    [{ code: '990106', name: '新区', kind: 'district', parentCode: '990100' }, 201, null],
    [{ code: '990200', name: '重复', kind: 'city', parentCode: '990000' }, 409, null],
    [{ code: '990107', name: '错类', kind: 'city', parentCode: '990100' }, 400, 'code'],
    [{ code: '980102', name: '越界', kind: 'district', parentCode: '990100' }, 400, 'code'],
    [{ code: '990108', name: '无上级', kind: 'district', parentCode: '990999' }, 400, 'parentCode'],
    [{ code: '990109', name: '园下设区', kind: 'district', parentCode: '990171' }, 400, 'kind'],
  ])('region %o → %i', async (body, status, field) => {
    const admin = await t.login('admin');
    const res = await admin.post('/api/regions', body);
    expect(res.statusCode).toBe(status);
    if (field) expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('masks phone numbers for callers who do not administer users', async () => {
    const coordinator = await t.login('coordinator');
    const list = (await coordinator.get(`/api/users?q=dept_staff`)).json().items;
    expect(list[0].phone).toBe('138****0007');
    const admin = await t.login('admin');
    expect((await admin.get(`/api/users?q=dept_staff`)).json().items[0].phone).toBe('13800000007');
  });

  it('keeps a phone left out of an update, clears it on null, and names the field of a duplicate account', async () => {
    const admin = await t.login('admin');
    const id = await t.userId('statistician');
    const u = (await admin.get(`/api/users/${id}`)).json();
    const body = { version: u.version, displayName: '陈统计员', unitId: u.unitId, roles: u.roles, active: true };
    const kept = await admin.put(`/api/users/${id}`, body);
    expect(kept.json()).toMatchObject({ displayName: '陈统计员', phone: '13800000009' });
    const cleared = await admin.put(`/api/users/${id}`, { ...body, version: kept.json().version, phone: null });
    expect(cleared.json().phone).toBeNull();
    const dup = await admin.post('/api/users', {
      username: 'Statistician',
      displayName: '重名',
      unitId: u.unitId,
      roles: ['unit_staff'],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual([{ path: 'username', message: '该账号已被使用' }]);
  });

  it('refuses to let an admin disable their own account', async () => {
    const admin = await t.login('admin');
    const me = (await admin.get(`/api/users/${await t.userId('admin')}`)).json();
    const res = await admin.put(`/api/users/${me.id}`, {
      version: me.version,
      displayName: me.displayName,
      unitId: me.unitId,
      roles: me.roles,
      active: false,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('不能停用自己的账号或取消自己的管理员角色');
  });

  it('an unknown unit for a leader rolls the whole request back', async () => {
    const admin = await t.login('admin');
    const before = (await admin.get('/api/leaders')).json().items.length;
    const res = await admin.post('/api/leaders', {
      name: '孙副市长',
      title: '副市长',
      regionCode: '990100',
      overseesUnitIds: [await t.unitId('示范市商务局'), '00000000-0000-4000-8000-000000000000'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'overseesUnitIds', message: '分管单位不存在' }]);
    expect((await admin.get('/api/leaders')).json().items.length).toBe(before);
  });

  it('hands every open responsibility of one leader to another and keeps the history', async () => {
    const admin = await t.login('admin');
    const leaders = (await admin.get('/api/leaders')).json().items as {
      id: string;
      name: string;
      oversees: { unitName: string }[];
    }[];
    const from = leaders.find((l) => l.name === '张慧敏')!;
    const overseen = from.oversees.map((o) => o.unitName).sort();
    expect(overseen.length).toBeGreaterThan(0);
    const created = await admin.post('/api/leaders', { name: '新任副市长', title: '副市长', regionCode: '990100' });
    const to = created.json();

    const bad = await admin.post('/api/handovers', {
      holderType: 'leader',
      fromId: from.id,
      toId: from.id,
      reason: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['reason', 'toId']);

    // every open responsibility moves: the units overseen and the projects the leader pushes (包抓)
    const openBefore = (await admin.get(`/api/assignments?holderType=leader&holderId=${from.id}`)).json().items;
    expect(openBefore.filter((a: { kind: string }) => a.kind === 'lead_official').length).toBeGreaterThan(0);
    const res = await admin.post('/api/handovers', {
      holderType: 'leader',
      fromId: from.id,
      toId: to.id,
      reason: '换届调整分工',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().moved).toBe(openBefore.length);

    const after = (await admin.get(`/api/leaders/${to.id}`)).json();
    expect(after.oversees.map((o: { unitName: string }) => o.unitName).sort()).toEqual(overseen);
    expect((await admin.get(`/api/leaders/${from.id}`)).json().oversees).toEqual([]);

    const history = (await admin.get(`/api/assignments?holderType=leader&holderId=${from.id}`)).json().items;
    expect(history).toHaveLength(openBefore.length);
    for (const a of history) {
      expect(a.endedAt).not.toBeNull();
      expect(a.handoverId).toBe(res.json().handoverId);
    }
    const trail = (await admin.get('/api/audit?action=handover')).json().items;
    expect(trail[0]).toMatchObject({ action: 'handover.perform', reason: '换届调整分工' });
    expect(trail[0].after.moved).toHaveLength(openBefore.length);
  });
});
