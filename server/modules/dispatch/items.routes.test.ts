import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import { addDays, OFFICIAL_CALENDAR, workingDaysBetween } from '../../../domain/common/calendar.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { escalateOverdueItems } from './items.service.ts';

describe.each(ENGINES)('coordination items on %s', (engine) => {
  const t = useTestApp(engine);
  let district: Client;
  let dept: Client;
  let coordinator: Client;
  let projectId: string;
  let miit: string;
  let nature: string;
  let itemId: string;
  const notices = (username: string, kind: string) =>
    rawRows<{ title: string; link: string }>(
      t.ctx.db,
      sql`select n.title, n.link from notifications n join users u on u.id = n.user_id
          where u.username = ${username} and n.kind = ${kind} order by n.created_at`,
    );
  const act = (c: Client, id: string, version: number, action: string, note: string | null = null) =>
    c.post(`/api/dispatch/items/${id}/actions`, { version, action, note });

  beforeAll(async () => {
    // a Monday 09:00 in China, so "five working days" lands on a known day
    const monday = new Date('2026-11-23T09:00:00+08:00');
    t.clock.advanceMinutes((monday.getTime() - Date.now()) / 60_000);
    district = await t.login('district_staff');
    dept = await t.login('dept_staff');
    coordinator = await t.login('coordinator');
    miit = await t.unitId('示范市工业和信息化局');
    nature = await t.unitId('示范市自然资源和规划局');
    const board = (await district.get('/api/dispatch/reports?pageSize=1')).json();
    projectId = board.items[0].projectId;
  });

  it('refuses an item with field messages and writes nothing', async () => {
    const bad = await district.post('/api/dispatch/items', {
      projectId,
      category: 'rocket',
      description: '电',
      assignedUnitId: '00000000-0000-4000-8000-000000000000',
      requestedDate: '2020-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['category', 'description']));
    const unknownUnit = await district.post('/api/dispatch/items', {
      projectId,
      category: 'utilities',
      description: '施工用电尚未接入',
      assignedUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownUnit.json().error.fields).toEqual([{ path: 'assignedUnitId', message: '责任单位不存在或不在本市' }]);
    const past = await district.post('/api/dispatch/items', {
      projectId,
      category: 'utilities',
      description: '施工用电尚未接入',
      assignedUnitId: miit,
      requestedDate: '2026-11-20',
    });
    expect(past.json().error.fields).toEqual([{ path: 'requestedDate', message: '期望解决时间不能早于今天' }]);
    const mine = (await district.get(`/api/dispatch/items?projectId=${projectId}&box=raised`)).json();
    expect(mine.total).toBe(0);
  });

  it('raises an item due in five working days and tells the assigned unit', async () => {
    const res = await district.post('/api/dispatch/items', {
      projectId,
      category: 'utilities',
      description: '施工用电尚未接入,影响塔吊安装',
      assignedUnitId: miit,
      requestedDate: '2026-11-27',
    });
    expect(res.statusCode).toBe(201);
    const i = res.json();
    itemId = i.id;
    expect(i).toMatchObject({
      status: 'open',
      dueDate: '2026-11-30',
      overdueDays: 0,
      escalationLevel: 0,
      assignedUnitName: '示范市工业和信息化局',
      raisedByUnitName: '城关区人民政府',
      can: { actions: [] },
    });
    expect(i.events.map((e: { action: string }) => e.action)).toEqual(['raised']);
    const told = await notices('dept_staff', 'item_assigned');
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/dispatch/items/${itemId}`);
  });

  it('lets the assigned unit see it without seeing the project list, and only it sign and answer', async () => {
    const box = (await dept.get('/api/dispatch/items?box=assigned')).json();
    expect(box.items.map((x: { id: string }) => x.id)).toContain(itemId);
    expect((await dept.get(`/api/dispatch/projects/${projectId}/reports/2026-W48`)).statusCode).toBe(404);
    const seen = (await dept.get(`/api/dispatch/items/${itemId}`)).json();
    expect(seen.can.actions).toEqual(['accept']);
    // the item is there, the project's page is not: no link to a 404
    expect(seen.can.viewProject).toBe(false);
    expect((await district.get(`/api/dispatch/items/${itemId}`)).json().can.viewProject).toBe(true);
    expect((await act(district, itemId, seen.version, 'accept')).statusCode).toBe(403);
    const accepted = await act(dept, itemId, seen.version, 'accept');
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const noNote = await act(dept, itemId, accepted.json().version, 'respond');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields).toEqual([{ path: 'note', message: '请填写办理进展' }]);
    const responded = await act(dept, itemId, accepted.json().version, 'respond', '已协调供电公司,本周勘察');
    expect(responded.json().status).toBe('in_progress');
    const stale = await act(dept, itemId, accepted.json().version, 'resolve', '已接电');
    expect(stale.statusCode).toBe(409);
    const resolved = await act(dept, itemId, responded.json().version, 'resolve', '临时用电已接入');
    expect(resolved.json()).toMatchObject({ status: 'resolved', can: { actions: [] } });
    expect(resolved.json().resolvedAt).not.toBeNull();
    const told = await notices('district_staff', 'item_resolved');
    expect(told.map((n) => n.link)).toContain(`/dispatch/items/${itemId}`);
  });

  it('is closed out by the raiser only, and then takes no step', async () => {
    const i = (await district.get(`/api/dispatch/items/${itemId}`)).json();
    expect(i.can.actions).toEqual(['close_out', 'reopen']);
    expect((await act(dept, itemId, i.version, 'close_out')).statusCode).toBe(403);
    const closed = await act(district, itemId, i.version, 'close_out', '已核实');
    expect(closed.json()).toMatchObject({ status: 'closed_out' });
    const again = await act(district, itemId, closed.json().version, 'reopen', '又断电了');
    expect(again.statusCode).toBe(422);
    expect(closed.json().events.map((e: { action: string }) => e.action)).toEqual([
      'raised',
      'accepted',
      'responded',
      'resolved',
      'closed_out',
    ]);
  });

  it('goes back to the unit when the raiser reopens it', async () => {
    const raised = (
      await district.post('/api/dispatch/items', {
        projectId,
        category: 'land',
        description: '剩余12亩用地指标未落实',
        assignedUnitId: nature,
      })
    ).json();
    const natureUser = await rawRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from users where unit_id = ${nature}`,
    );
    // no account in the nature bureau: the admin acts for the unit
    expect(natureUser[0]!.n).toBe(0);
    const admin = await t.login('admin');
    const acc = await act(admin, raised.id, raised.version, 'accept');
    const res = await act(admin, raised.id, acc.json().version, 'resolve', '指标已下达');
    const reopened = await act(district, raised.id, res.json().version, 'reopen', '指标文件未到区里');
    expect(reopened.json()).toMatchObject({ status: 'reopened', resolvedAt: null });
    expect((await dept.get(`/api/dispatch/items/${raised.id}`)).statusCode).toBe(404);
  });

  it('escalates an unanswered item once per level, tells the unit and the coordinators, and lists it as overdue', async () => {
    // the finance bureau is overseen by the executive vice mayor, who has an account (`leader`)
    const finance = await t.unitId('示范市财政局');
    const fresh = (
      await district.post('/api/dispatch/items', {
        projectId,
        category: 'funds',
        description: '中央预算内资金拨付滞后',
        assignedUnitId: finance,
      })
    ).json();
    expect(fresh.dueDate).toBe('2026-11-30');
    expect(await escalateOverdueItems(t.ctx)).toBe(0);
    // Tuesday 1 December: one working day late
    t.clock.advanceMinutes(8 * 24 * 60);
    expect(businessDate(t.ctx.now())).toBe('2026-12-01');
    expect(workingDaysBetween('2026-11-30', '2026-12-01', OFFICIAL_CALENDAR)).toBe(1);
    expect(await escalateOverdueItems(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueItems(t.ctx)).toBe(0);
    coordinator = await t.login('coordinator'); // the earlier session expired with the days that passed
    const one = (await coordinator.get(`/api/dispatch/items/${fresh.id}`)).json();
    expect(one).toMatchObject({ escalationLevel: 1, overdueDays: 1 });
    expect(one.events.at(-1)).toMatchObject({ action: 'escalated', byName: '系统' });
    expect(one.events.at(-1).note).toContain('市项目办督办');
    expect((await notices('coordinator', 'item_overdue')).map((n) => n.link)).toContain(`/dispatch/items/${fresh.id}`);
    const link = `/dispatch/items/${fresh.id}`;
    expect((await notices('leader', 'item_overdue')).map((n) => n.link)).not.toContain(link);
    const overdue = (await coordinator.get('/api/dispatch/items?overdue=true&pageSize=200')).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(fresh.id);
    expect(overdue.counts.overdue).toBe(overdue.total);
    const escalated = (await coordinator.get('/api/dispatch/items?escalated=true&pageSize=200')).json();
    expect(escalated.items.map((x: { id: string }) => x.id)).toContain(fresh.id);
    expect(escalated.total).toBe(escalated.counts.escalated);
    expect(escalated.items.every((x: { escalationLevel: number }) => x.escalationLevel > 0)).toBe(true);
    const notFlag = (await coordinator.get('/api/dispatch/items?escalated=false&pageSize=200')).json();
    expect(notFlag.total).toBeGreaterThan(escalated.total);
    // six working days late (the 8th of December): on the leader's agenda
    t.clock.advanceMinutes(7 * 24 * 60);
    expect(businessDate(t.ctx.now())).toBe(addDays('2026-12-01', 7));
    await escalateOverdueItems(t.ctx);
    coordinator = await t.login('coordinator');
    const two = (await coordinator.get(`/api/dispatch/items/${fresh.id}`)).json();
    expect(two.escalationLevel).toBe(2);
    // on the leader's agenda: the leader who oversees the finance bureau is told, once
    expect((await notices('leader', 'item_overdue')).filter((n) => n.link === link)).toHaveLength(1);
    expect(two.events.filter((e: { action: string }) => e.action === 'escalated')).toHaveLength(2);
  });

  it('records every step in the audit trail', async () => {
    const rows = await rawRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_records where entity_type = 'coordination_item' and entity_id = ${itemId} order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual([
      'coordination_item.raise',
      'coordination_item.accept',
      'coordination_item.respond',
      'coordination_item.resolve',
      'coordination_item.close_out',
    ]);
  });
});
