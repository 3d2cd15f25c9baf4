import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema/index.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { notifyUsers } from './notify.ts';

type Item = { id: string; title: string; link: string | null; readAt: string | null; createdAt: string };

describe.each(ENGINES)('the bell (in-app notifications) on %s', (engine) => {
  const t = useTestApp(engine);
  let staff: Client;
  let other: Client;
  let staffId: string;
  let otherId: string;
  const base = Date.parse('2026-11-23T09:00:00+08:00');
  const at = (minutes: number) => new Date(base + minutes * 60_000);

  beforeAll(async () => {
    staff = await t.login('dept_staff');
    other = await t.login('district_staff');
    staffId = await t.userId('dept_staff');
    otherId = await t.userId('district_staff');
    // whatever the demo city's history left in these bells, this file starts them empty
    await t.ctx.db.delete(notifications).where(inArray(notifications.userId, [staffId, otherId]));
    const notify = (ids: string[], title: string, minutes: number, extra: object = {}) =>
      t.ctx.db.transaction((tx) =>
        notifyUsers(tx, ids, { kind: 'test.notice', title, link: '/dispatch/reports', ...extra }, at(minutes)),
      );
    await notify([staffId], '第一条', 0);
    await notify([staffId], '第二条', 10);
    await notify([staffId], '第三条', 20, { link: '//evil.example.com/phish' });
    await notify([staffId, otherId], '共同通知', 30, { dedupeKey: 'shared-1' });
    // the same dedupe key again (a daily reminder run twice) notifies nobody twice
    expect(await notify([staffId, otherId], '共同通知', 31, { dedupeKey: 'shared-1' })).toBe(0);
  });

  const list = async (c: Client, q = '') => {
    const res = await c.get(`/api/notifications${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; total: number; unreadCount: number; page: number; pageSize: number };
  };

  it('lists only my own notices, newest first, with the unread count', async () => {
    const mine = await list(staff);
    expect(mine.items.map((n) => n.title)).toEqual(['共同通知', '第三条', '第二条', '第一条']);
    expect(mine).toMatchObject({ total: 4, unreadCount: 4, page: 1, pageSize: 20 });
    // a link that is not a path of this app is not offered
    expect(mine.items.find((n) => n.title === '第三条')!.link).toBeNull();
    expect(mine.items.find((n) => n.title === '第一条')!.link).toBe('/dispatch/reports');
    const theirs = await list(other);
    expect(theirs.items.map((n) => n.title)).toEqual(['共同通知']);
    expect((await t.client().get('/api/notifications')).statusCode).toBe(401);
  });

  it('marks one read (only my own), and puts unread ones first', async () => {
    const mine = await list(staff);
    const second = mine.items.find((n) => n.title === '第二条')!;
    const res = await staff.post(`/api/notifications/${second.id}/read`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unreadCount).toBe(3);
    const readAt = res.json().notification.readAt;
    expect(readAt).toBeTruthy();
    // reading again keeps the first reading time
    t.clock.advanceMinutes(5);
    expect((await staff.post(`/api/notifications/${second.id}/read`)).json().notification.readAt).toBe(readAt);

    const unreadFirst = await list(staff);
    expect(unreadFirst.items.map((n) => n.title)).toEqual(['共同通知', '第三条', '第一条', '第二条']);
    expect(unreadFirst.unreadCount).toBe(3);
    const newest = await list(staff, '?order=newest');
    expect(newest.items.map((n) => n.title)).toEqual(['共同通知', '第三条', '第二条', '第一条']);
    const unreadOnly = await list(staff, '?unread=1&pageSize=2');
    expect(unreadOnly).toMatchObject({ total: 3, unreadCount: 3, pageSize: 2 });
    expect(unreadOnly.items.map((n) => n.title)).toEqual(['共同通知', '第三条']);
    const page2 = await list(staff, '?pageSize=3&page=2');
    expect(page2.items.map((n) => n.title)).toEqual(['第二条']);

    // another person's notice looks exactly like a missing one
    const theirs = (await list(other)).items[0]!;
    expect((await staff.post(`/api/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    expect((await list(other)).unreadCount).toBe(1);
    expect((await staff.post('/api/notifications/00000000-0000-4000-8000-000000000000/read')).statusCode).toBe(404);
    expect((await staff.post('/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
  });

  it('marks all of mine read, and nobody else’s', async () => {
    const res = await staff.post('/api/notifications/read-all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 3, unreadCount: 0 });
    expect((await list(staff)).unreadCount).toBe(0);
    expect((await staff.post('/api/notifications/read-all')).json()).toEqual({ updated: 0, unreadCount: 0 });
    expect((await list(other)).unreadCount).toBe(1);
  });
});
