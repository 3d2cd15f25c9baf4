import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, OFFICIAL_CALENDAR } from '../../../domain/common/calendar.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';

describe.each(ENGINES)('claiming tasks on %s', (engine) => {
  const t = useTestApp(engine);
  let supervisor: Client;
  let dept: Client;
  let district: Client;
  let miit: string;
  let chengguan: string;
  let drc: string;
  let planId: string;
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  /** moves the clock and signs everyone in again (the sessions of an earlier day have expired) */
  const setClock = async (iso: string) => {
    t.clock.advanceMinutes((new Date(iso).getTime() - t.clock.now().getTime()) / 60_000);
    supervisor = await t.login('supervisor');
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
  };
  const notices = (username: string, kind: string) =>
    rawRows<{ title: string; body: string; link: string }>(
      t.ctx.db,
      sql`select n.title, n.body, n.link from notifications n join users u on u.id = n.user_id
          where u.username = ${username} and n.kind = ${kind} order by n.created_at, n.id`,
    );
  const claims = async (c: Client, query = '') => (await c.get(`/api/task-claims?planId=${planId}${query}`)).json();
  const versionOf = async (id: string) =>
    (await rawRows<{ version: number }>(t.ctx.db, sql`select version from tasks where id = ${id}`))[0]!.version;

  beforeAll(async () => {
    await setClock('2026-03-02T09:00:00+08:00'); // a Monday
    miit = await t.unitId('示范市工业和信息化局');
    chengguan = await t.unitId('城关区人民政府');
    drc = await t.unitId('示范市发展和改革委员会');
    const plan = await supervisor.post('/api/task-plans', {
      source: { kind: 'meeting_minutes', title: '市政府第12次常务会议纪要' },
      title: '常务会议议定事项分工（认领测试）',
      year: 2026,
    });
    planId = plan.json().id;
    const add = async (content: string, leadUnitId: string, partnerUnitIds: string[] = []) => {
      const r = await supervisor.post(`/api/task-plans/${planId}/tasks`, {
        content,
        leadUnitId,
        partnerUnitIds,
        deadlineText: '6月底前',
      });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    };
    ids.a = await add('推动工业企业技术改造', miit, [chengguan]);
    ids.b = await add('制定园区标准厂房建设方案', miit);
    ids.c = await add('编制年度重大项目清单', drc);
  });

  it('a unit lists the tasks it leads to claim, with the claim date; partners see none to claim', async () => {
    const mine = await claims(dept);
    expect(mine.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.a, ids.b].sort());
    expect(mine.counts).toEqual({ pending: 2, disputed: 0, overdue: 0 });
    expect(mine.can).toEqual({ remind: false, reassign: false });
    const a = mine.items.find((i: { id: string }) => i.id === ids.a);
    expect(a).toMatchObject({
      claimStatus: 'pending',
      claimDueOn: addWorkingDays('2026-03-02', 3, OFFICIAL_CALENDAR),
      claimOverdue: false,
      partnerNames: ['城关区人民政府'],
      can: { claim: true, dispute: true, reassign: false },
    });
    expect((await claims(district)).items).toEqual([]);
    const all = await claims(supervisor);
    expect(all.items).toHaveLength(3);
    expect(all.can).toEqual({ remind: true, reassign: true });
    expect(all.items.every((i: { can: { claim: boolean; reassign: boolean } }) => !i.can.claim && i.can.reassign)).toBe(
      true,
    );
  });

  it('only the lead unit claims: a partner is refused, another unit’s task is not found', async () => {
    const partner = await district.post(`/api/tasks/${ids.a}/claim`, { version: await versionOf(ids.a) });
    expect(partner.statusCode).toBe(403);
    const other = await dept.post(`/api/tasks/${ids.c}/claim`, { version: await versionOf(ids.c) });
    expect(other.statusCode).toBe(404);
    const otherDispute = await dept.post(`/api/tasks/${ids.c}/dispute`, { version: 1, reason: '不属于本单位职责' });
    expect(otherDispute.statusCode).toBe(404);
    const partnerDispute = await district.post(`/api/tasks/${ids.a}/dispute`, {
      version: 1,
      reason: '不属于本单位职责',
    });
    expect(partnerDispute.statusCode).toBe(403);
  });

  it('claims with the version read; a second claim is refused; the history records it', async () => {
    const v = await versionOf(ids.a);
    const stale = await dept.post(`/api/tasks/${ids.a}/claim`, { version: v - 1 || 99 });
    expect(stale.statusCode).toBe(409);
    const ok = await dept.post(`/api/tasks/${ids.a}/claim`, { version: v });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ claimStatus: 'claimed', claimedByName: '郑工信', can: { claim: false } });
    const again = await dept.post(`/api/tasks/${ids.a}/claim`, { version: v + 1 });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('该任务已认领');
    const events = await rawRows<{ action: string; by_unit_name: string }>(
      t.ctx.db,
      sql`select action, by_unit_name from task_events where task_id = ${ids.a} order by at`,
    );
    expect(events.map((e) => e.action)).toEqual(['created', 'claimed']);
    expect(events[1]!.by_unit_name).toBe('示范市工业和信息化局');
  });

  it('disputes with a reason; the 督查室 hears of it', async () => {
    const short = await dept.post(`/api/tasks/${ids.b}/dispute`, { version: await versionOf(ids.b), reason: '不对' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([{ path: 'reason', message: '请写清楚异议理由（至少4个字）' }]);
    const res = await dept.post(`/api/tasks/${ids.b}/dispute`, {
      version: await versionOf(ids.b),
      reason: '标准厂房建设属园区管委会职责，建议由经开区管委会牵头',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ claimStatus: 'disputed', can: { claim: true, dispute: false } });
    const told = await notices('supervisor', 'task_dispute');
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toBe('示范市工业和信息化局对任务提出异议');
    expect(told[0]!.body).toContain('建议由经开区管委会牵头');
    const disputed = await claims(supervisor, '&status=disputed');
    expect(disputed.items.map((i: { id: string; disputeReason: string }) => [i.id, i.disputeReason])).toEqual([
      [ids.b, '标准厂房建设属园区管委会职责，建议由经开区管委会牵头'],
    ]);
    const claimedAfter = await dept.post(`/api/tasks/${ids.a}/dispute`, {
      version: await versionOf(ids.a),
      reason: '不属于本单位',
    });
    expect(claimedAfter.json().error.message).toBe('已认领的任务不能再提出异议');
  });

  it('the 督查室 reassigns a disputed task; the new unit must claim it; the old one no longer sees it', async () => {
    const byUnit = await dept.post(`/api/tasks/${ids.b}/reassign`, {
      version: await versionOf(ids.b),
      leadUnitId: chengguan,
    });
    expect(byUnit.statusCode).toBe(403);
    await setClock('2026-03-04T10:00:00+08:00');
    const res = await supervisor.post(`/api/tasks/${ids.b}/reassign`, {
      version: await versionOf(ids.b),
      leadUnitId: chengguan,
      note: '按属地原则由城关区牵头',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      claimStatus: 'pending',
      leadUnit: { id: chengguan, name: '城关区人民政府' },
      claimDueOn: addWorkingDays('2026-03-04', 3, OFFICIAL_CALENDAR),
      disputeReason: null,
    });
    const [ev] = await rawRows<{ note: string }>(
      t.ctx.db,
      sql`select note from task_events where task_id = ${ids.b} and action = 'reassigned'`,
    );
    expect(ev!.note).toBe(
      '由示范市工业和信息化局改派至城关区人民政府（异议：标准厂房建设属园区管委会职责，建议由经开区管委会牵头）：按属地原则由城关区牵头',
    );
    expect((await notices('district_staff', 'task_claim')).map((n) => n.title)).toEqual([
      '改派给本单位的重点任务待认领',
    ]);
    expect((await notices('dept_staff', 'task_reassigned')).map((n) => n.title)).toEqual(['任务已改派']);
    const lost = await dept.post(`/api/tasks/${ids.b}/claim`, { version: await versionOf(ids.b) });
    expect(lost.statusCode).toBe(404);
    const theirs = await claims(district);
    expect(theirs.items.map((i: { id: string }) => i.id)).toEqual([ids.b]);
    const claimed = await district.post(`/api/tasks/${ids.b}/claim`, { version: await versionOf(ids.b) });
    expect(claimed.json().claimStatus).toBe('claimed');
    const same = await supervisor.post(`/api/tasks/${ids.c}/reassign`, {
      version: await versionOf(ids.c),
      leadUnitId: drc,
    });
    expect(same.json().error.fields).toEqual([{ path: 'leadUnitId', message: '请选择另一个单位' }]);
  });

  it('reminds units with unclaimed tasks, once a day', async () => {
    // one more task for 工信局 (whose staff can be reminded); 发改委's is still unclaimed too
    const d = await supervisor.post(`/api/task-plans/${planId}/tasks`, {
      content: '组织企业参加产销对接活动',
      leadUnitId: miit,
      deadlineText: '每季度',
    });
    expect(d.statusCode).toBe(201);
    const denied = await dept.post('/api/task-claims/remind', { planId });
    expect(denied.statusCode).toBe(403);
    const first = await supervisor.post('/api/task-claims/remind', { planId });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ units: 2, tasks: 2 });
    const reminded = await notices('dept_staff', 'task_claim_reminder');
    expect(reminded.map((n) => [n.title, n.link])).toEqual([['有1项重点任务待认领', '/tasks/claims']]);
    expect(first.json().notified).toBeGreaterThan(0);
    const again = await supervisor.post('/api/task-claims/remind', { planId });
    expect(again.json()).toMatchObject({ units: 2, tasks: 2, notified: 0 });
    expect(await notices('dept_staff', 'task_claim_reminder')).toHaveLength(1);
  });

  it('the list flags tasks past their claim date, and a reminder then says they are overdue', async () => {
    // the daily 催办 of overdue claims is the supervision sweep's (auto:claim, once per task, in the ladder register)
    await setClock('2026-03-12T09:00:00+08:00');
    const list = await claims(supervisor);
    const c = list.items.find((i: { id: string }) => i.id === ids.c);
    expect(c).toMatchObject({ claimOverdue: true, claimOverdueDays: 5 });
    expect(list.counts.overdue).toBeGreaterThanOrEqual(1);
    const r = await supervisor.post('/api/task-claims/remind', { planId });
    expect(r.json().notified).toBeGreaterThan(0);
    const overdue = (await notices('dept_staff', 'task_claim_reminder')).map((n) => n.title);
    expect(overdue).toContain('有1项重点任务逾期未认领');
  });
});
