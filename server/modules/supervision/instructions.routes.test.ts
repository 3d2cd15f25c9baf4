import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import { addDays } from '../../../domain/common/calendar.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';

const MIIT = '示范市工业和信息化局';
const CHENGGUAN = '城关区人民政府';

describe.each(ENGINES)('leaders’ instructions (批示) on %s', (engine) => {
  const t = useTestApp(engine);
  let leader: Client;
  let dept: Client;
  let district: Client;
  let supervisor: Client;
  let admin: Client;
  let miit: string;
  let chengguan: string;
  let today: string;
  let projectId: string;
  let instructionId: string;

  /** sessions end when the clock jumps days ahead: sign in again after moving it */
  const signIn = async () => {
    leader = await t.login('leader');
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
    supervisor = await t.login('supervisor');
    admin = await t.login('admin');
  };

  beforeAll(async () => {
    await signIn();
    miit = await t.unitId(MIIT);
    chengguan = await t.unitId(CHENGGUAN);
    today = businessDate(t.clock.now());
    const projects = (await leader.get('/api/projects?pageSize=5')).json();
    projectId = projects.items[0].id;
  });

  const auditCount = async (action: string) =>
    (
      await rawRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from audit_records where action = ${action}`)
    )[0]!.n;

  it('refuses a bad instruction field by field and writes nothing', async () => {
    const before = (await supervisor.get('/api/instructions')).json().total;
    const res = await leader.post('/api/instructions', {
      kind: 'act',
      text: '',
      unitIds: [miit, '00000000-0000-4000-8000-000000000000'],
      dueOn: null,
      objectType: 'project',
      objectId: '00000000-0000-4000-8000-000000000001',
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('text');
    const again = await leader.post('/api/instructions', {
      kind: 'act',
      text: '请抓紧研究落实',
      unitIds: [miit, '00000000-0000-4000-8000-000000000000'],
      dueOn: null,
      objectType: 'project',
      objectId: '00000000-0000-4000-8000-000000000001',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toEqual([
      { path: 'dueOn', message: '办理类批示须规定答复时限' },
      { path: 'unitIds.1', message: '承办单位不存在或已停用' },
      { path: 'objectId', message: '批示对象不存在或无权访问' },
    ]);
    expect((await supervisor.get('/api/instructions')).json().total).toBe(before);
    // a unit's staff may not write one
    const staff = await dept.post('/api/instructions', { kind: 'read', text: '阅', unitIds: [miit] });
    expect(staff.statusCode).toBe(403);
  });

  it('a leader writes on a project; the named unit is told and sees it, another unit does not', async () => {
    const res = await leader.post('/api/instructions', {
      kind: 'act',
      text: '请工信局牵头协调解决企业用电问题,一周内报告进展。',
      unitIds: [miit],
      dueOn: addDays(today, 7),
      objectType: 'project',
      objectId: projectId,
    });
    expect(res.statusCode).toBe(201);
    const i = res.json();
    instructionId = i.id;
    expect(i).toMatchObject({
      leaderName: '李明远',
      kind: 'act',
      status: 'open',
      state: 'open',
      overdue: false,
      respondedCount: 0,
      object: { type: 'project', id: projectId, link: `/projects/${projectId}` },
      units: [{ unitId: miit, unitName: MIIT, state: 'pending', response: null }],
      can: { close: true, respond: false },
    });
    expect(await auditCount('instruction.create')).toBeGreaterThan(0);

    const bell = (await dept.get('/api/notifications')).json();
    expect(bell.items.some((n: { link: string }) => n.link === `/supervision/instructions/${i.id}`)).toBe(true);

    const mine = (await dept.get('/api/instructions?mine=true&pageSize=200')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(i.id);
    expect(mine.items.find((x: { id: string }) => x.id === i.id).can).toMatchObject({ respond: true, myUnitId: miit });

    expect((await district.get(`/api/instructions/${i.id}`)).statusCode).toBe(404);
    expect(
      (await district.get('/api/instructions?pageSize=200')).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(i.id);
    const notNamed = await district.post(`/api/instructions/${i.id}/respond`, { response: '收到', version: 1 });
    expect(notNamed.statusCode).toBe(404);

    const leaderMine = (await leader.get('/api/instructions?mine=true&pageSize=200')).json();
    expect(leaderMine.items.map((x: { id: string }) => x.id)).toContain(i.id);
    expect(leaderMine.can).toEqual({ write: true, chooseLeader: false });
    expect((await supervisor.get(`/api/instructions/${i.id}`)).statusCode).toBe(200);
  });

  it('the unit answers and may change its answer; the leader hears of each; a stale answer is refused', async () => {
    const empty = await dept.post(`/api/instructions/${instructionId}/respond`, { response: ' ', version: 1 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].path).toBe('response');

    const first = await dept.post(`/api/instructions/${instructionId}/respond`, {
      response: '已约见供电公司,拟本周内完成线路改造。',
      version: 1,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      state: 'answered',
      respondedCount: 1,
      units: [{ state: 'responded', respondedByName: '郑工信', version: 2 }],
    });
    const stale = await dept.post(`/api/instructions/${instructionId}/respond`, { response: '改', version: 1 });
    expect(stale.statusCode).toBe(409);
    const second = await dept.post(`/api/instructions/${instructionId}/respond`, {
      response: '线路改造已完成,企业恢复满负荷生产。',
      version: 2,
    });
    expect(second.json().units[0]).toMatchObject({ response: '线路改造已完成,企业恢复满负荷生产。', version: 3 });
    const bell = (await leader.get('/api/notifications')).json();
    const answers = bell.items.filter((n: { kind: string; link: string }) => n.link.endsWith(instructionId));
    expect(answers).toHaveLength(2);
    expect(await auditCount('instruction.respond')).toBe(2);
  });

  it('overdue when the deadline passes with a unit silent; closed by the leader, then final', async () => {
    const res = await leader.post('/api/instructions', {
      kind: 'act',
      text: '请城关区、工信局联合督促项目尽快复工。',
      unitIds: [chengguan, miit],
      dueOn: addDays(today, 2),
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    await district.post(`/api/instructions/${id}/respond`, { response: '已督促,下周复工。', version: 1 });
    t.clock.advanceMinutes(3 * 24 * 60);
    await signIn();
    try {
      const late = (await leader.get(`/api/instructions/${id}`)).json();
      expect(late).toMatchObject({ state: 'overdue', overdue: true, daysOverdue: 1 });
      expect(late.units.map((u: { unitId: string; state: string }) => [u.unitId, u.state])).toEqual(
        expect.arrayContaining([
          [chengguan, 'responded'],
          [miit, 'overdue'],
        ]),
      );
      const listed = (await supervisor.get('/api/instructions?state=overdue&pageSize=200')).json();
      expect(listed.items.map((x: { id: string }) => x.id)).toContain(id);
      expect(listed.counts.overdue).toBeGreaterThanOrEqual(1);

      // a unit may not close it
      expect((await dept.post(`/api/instructions/${id}/close`, { version: 1 })).statusCode).toBe(403);
      const closed = await leader.post(`/api/instructions/${id}/close`, { version: 1 });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed', state: 'closed', overdue: false });
      const after = await dept.post(`/api/instructions/${id}/respond`, { response: '补充答复', version: 1 });
      expect(after.statusCode).toBe(422);
      expect(await auditCount('instruction.close')).toBe(1);
    } finally {
      t.clock.advanceMinutes(-3 * 24 * 60);
      await signIn();
    }
  });

  it('a 阅知 instruction needs no answer and cannot be answered', async () => {
    const bad = await leader.post('/api/instructions', {
      kind: 'read',
      text: '阅',
      unitIds: [miit],
      dueOn: addDays(today, 3),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'dueOn', message: '阅知类批示无须答复,不设时限' }]);
    const res = await leader.post('/api/instructions', { kind: 'read', text: '阅。请各单位参阅。', unitIds: [miit] });
    expect(res.statusCode).toBe(201);
    const i = res.json();
    expect(i).toMatchObject({ state: 'for_reading', units: [{ state: 'informed' }] });
    const seen = (await dept.get(`/api/instructions/${i.id}`)).json();
    expect(seen.can.respond).toBe(false);
    const answer = await dept.post(`/api/instructions/${i.id}/respond`, { response: '已阅', version: 1 });
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error.message).toBe('阅知类批示无须答复');
  });

  it('an administrator writes on behalf of a leader it names', async () => {
    const none = await admin.post('/api/instructions', { kind: 'read', text: '阅', unitIds: [miit] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([{ path: 'leaderId', message: '请选择批示领导' }]);
    const leaders = (await admin.get('/api/leaders')).json().items;
    const mayor = leaders.find((l: { name: string }) => l.name === '王建国');
    const res = await admin.post('/api/instructions', {
      leaderId: mayor.id,
      kind: 'act',
      text: '请抓紧办理。',
      unitIds: [chengguan],
      dueOn: addDays(today, 5),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ leaderId: mayor.id, leaderName: '王建国', createdByName: '系统管理员' });
    // the leader 李明远 does not see the mayor's instruction to another unit
    expect((await leader.get(`/api/instructions/${res.json().id}`)).statusCode).toBe(404);
    // nor may a leader write in another's name
    const other = await leader.post('/api/instructions', {
      leaderId: mayor.id,
      kind: 'read',
      text: '阅',
      unitIds: [miit],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields).toEqual([{ path: 'leaderId', message: '只能以本人名义批示' }]);
  });

  it('finds tasks and projects to write on', async () => {
    const found = await leader.get('/api/instructions/objects?type=project');
    expect(found.statusCode).toBe(200);
    expect(found.json().items.length).toBeGreaterThan(0);
    expect((await dept.get('/api/instructions/objects?type=task')).statusCode).toBe(403);
  });
});
