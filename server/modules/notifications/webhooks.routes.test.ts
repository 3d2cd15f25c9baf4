import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_MAX_ATTEMPTS } from '../../../domain/notifications/robot-message.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { notifyUnit } from './notify.ts';
import { deliverDue } from './webhooks.service.ts';

type Answer = { status: number; body: string; headers?: Record<string, string> };
type Received = { path: string; query: URLSearchParams; body: unknown; at: number };

const OK: Answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };

/**
 * A stand-in for the DingTalk / WeCom robot servers on 127.0.0.1: each path answers from its script (the last answer
 * repeats) and records what it received.
 */
function robotServer() {
  const scripts = new Map<string, Answer[]>();
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      received.push({ path: u.pathname, query: u.searchParams, body, at: Date.now() });
      const script = scripts.get(u.pathname) ?? [OK];
      const answer = script.length > 1 ? script.shift()! : script[0]!;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  return {
    server,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    script: (path: string, answers: Answer[]) => scripts.set(path, [...answers]),
    url: (path: string, query = 'access_token=0123456789abcdef') =>
      `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}?${query}`,
  };
}

describe.each(ENGINES)('group robots on %s', (engine) => {
  const t = useTestApp(engine, {
    env: { LUOSHI_WEBHOOK_ALLOW_LOCAL_HTTP: '1', LUOSHI_PUBLIC_URL: 'https://luoshi.example.gov.cn' },
  });
  const robots = robotServer();
  let admin: Client;
  let deptStaff: Client;
  let districtStaff: Client;
  let leader: Client;
  let deptUnitId: string;
  let districtUnitId: string;
  /** units for the delivery scenarios: one robot each, so a unit's notice reaches exactly one robot */
  let units: { id: string; name: string }[];

  beforeAll(async () => {
    await new Promise<void>((r) => robots.server.listen(0, '127.0.0.1', r));
    admin = await t.login('admin');
    deptStaff = await t.login('dept_staff');
    districtStaff = await t.login('district_staff');
    leader = await t.login('leader');
    deptUnitId = (await deptStaff.get('/api/auth/me')).json().unit.id;
    districtUnitId = (await districtStaff.get('/api/auth/me')).json().unit.id;
    const list = (await admin.get('/api/units?pageSize=100')).json().items as { id: string; name: string }[];
    units = list.filter((u) => u.id !== deptUnitId && u.id !== districtUnitId).slice(0, 8);
    expect(units).toHaveLength(8);
  });
  afterAll(() => new Promise<void>((r) => robots.server.close(() => r())));

  const createRobot = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post('/api/robots', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; url: string; secret: string | null; enabled: boolean };
  };
  /** a notice to a unit, queued the way services do: inside their transaction */
  const notify = (unitId: string, title: string, link = '/dispatch/reports') =>
    t.ctx.db.transaction((tx) =>
      notifyUnit(tx, unitId, ['unit_staff'], { kind: 'test.notice', title, body: `${title}的内容`, link }, t.ctx.now()),
    );
  const log = async (robotId: string) => {
    const res = await admin.get(`/api/robots/${robotId}/deliveries`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: {
        kind: string;
        title: string;
        status: string;
        attempts: number;
        maxAttempts: number;
        lastError: string | null;
        nextAttemptAt: string | null;
        deliveredAt: string | null;
      }[];
      total: number;
    };
  };

  describe('robots of a unit', () => {
    const SECRET = 'SECb5a1d9e6f00c4a7c88f2b9d0a1e2f3c4';
    let robotId: string;

    it('lets a unit’s staff add a robot to their own unit, and never returns the token or the secret', async () => {
      const url = robots.url('/dept', 'access_token=feedfacecafebeef0123');
      const r = await createRobot(deptStaff, { unitId: deptUnitId, provider: 'dingtalk', url, secret: SECRET });
      robotId = r.id;
      expect(r).toMatchObject({ provider: 'dingtalk', enabled: true, version: 1, secret: '********f3c4' });
      expect(r.url).toMatch(/\/dept\?access_token=feed\*\*\*\*0123$/);
      const listed = await deptStaff.get('/api/robots');
      expect(listed.statusCode).toBe(200);
      const body = listed.body;
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain('feedfacecafebeef0123');
      expect(listed.json().items.map((x: { id: string }) => x.id)).toEqual([robotId]);
      expect(listed.json().items[0].deliveries).toEqual({ pending: 0, failed: 0, delivered: 0, lastDeliveredAt: null });
    });

    it('refuses another unit, plain http to another host, and roles without robots', async () => {
      const other = await deptStaff.post('/api/robots', {
        unitId: districtUnitId,
        provider: 'wecom',
        url: robots.url('/x'),
      });
      expect(other.statusCode).toBe(400);
      expect(other.json().error.fields).toEqual([{ path: 'unitId', message: '只能为本单位配置群机器人' }]);
      const plain = await admin.post('/api/robots', {
        unitId: deptUnitId,
        provider: 'wecom',
        url: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1',
      });
      expect(plain.statusCode).toBe(400);
      expect(plain.json().error.fields).toEqual([{ path: 'url', message: '地址必须以 https:// 开头' }]);
      expect((await leader.get('/api/robots')).statusCode).toBe(403);
      expect((await leader.post(`/api/robots/${robotId}/test`)).statusCode).toBe(403);
    });

    it('hides a unit’s robot from another unit’s staff: not found, in every route', async () => {
      expect((await districtStaff.get('/api/robots')).json().items).toEqual([]);
      expect((await districtStaff.get(`/api/robots/${robotId}`)).statusCode).toBe(404);
      expect((await districtStaff.put(`/api/robots/${robotId}`, { enabled: false, version: 1 })).statusCode).toBe(404);
      expect((await districtStaff.get(`/api/robots/${robotId}/deliveries`)).statusCode).toBe(404);
      expect((await districtStaff.post(`/api/robots/${robotId}/test`)).statusCode).toBe(404);
      expect((await districtStaff.delete(`/api/robots/${robotId}`)).statusCode).toBe(404);
      // the admin sees every unit's robots, and can filter by unit
      const all = (await admin.get(`/api/robots?unitId=${deptUnitId}`)).json().items;
      expect(all.map((x: { id: string }) => x.id)).toEqual([robotId]);
      expect(all[0].unitName).toBeTruthy();
    });

    it('updates with the version read, keeping the URL and secret unless given, and refuses a stale write', async () => {
      const res = await deptStaff.put(`/api/robots/${robotId}`, { enabled: false, version: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ enabled: false, version: 2, secret: '********f3c4' });
      expect(res.json().url).toMatch(/access_token=feed\*\*\*\*0123$/);
      const stale = await deptStaff.put(`/api/robots/${robotId}`, { enabled: true, version: 1 });
      expect(stale.statusCode).toBe(409);
      const cleared = await admin.put(`/api/robots/${robotId}`, { enabled: true, secret: null, version: 2 });
      expect(cleared.json()).toMatchObject({ enabled: true, version: 3, secret: null });
      const audit = await admin.get(`/api/audit?entityType=unit_webhook&entityId=${robotId}`);
      expect(audit.body).not.toContain(SECRET);
    });

    it('测试发送 posts a test message at once and logs it, without retries', async () => {
      const ok = await deptStaff.post(`/api/robots/${robotId}/test`);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        delivered: true,
        error: null,
        delivery: { kind: 'robot.test', status: 'delivered', attempts: 1, maxAttempts: 1 },
      });
      const sent = robots.at('/dept').at(-1)!;
      expect(sent.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '落实平台测试消息' } });
      robots.script('/dept', [{ status: 200, body: '{"errcode":300001,"errmsg":"token is not exist"}' }]);
      const bad = await deptStaff.post(`/api/robots/${robotId}/test`);
      expect(bad.json()).toMatchObject({
        delivered: false,
        error: 'errcode 300001: token is not exist',
        delivery: { status: 'failed', attempts: 1, nextAttemptAt: null },
      });
      const l = await log(robotId);
      expect(l.total).toBe(2);
      expect(l.items.map((d) => d.status)).toEqual(['failed', 'delivered']);
      await deliverDue(t.ctx);
      expect(robots.at('/dept')).toHaveLength(2);
    });

    it('deletes a robot with its log, audited', async () => {
      const v = (await admin.get(`/api/robots/${robotId}`)).json().version;
      expect(v).toBe(3);
      expect((await deptStaff.delete(`/api/robots/${robotId}`)).statusCode).toBe(204);
      expect((await deptStaff.get(`/api/robots/${robotId}`)).statusCode).toBe(404);
      expect((await admin.get(`/api/robots/${robotId}/deliveries`)).statusCode).toBe(404);
    });
  });

  describe('delivery with retries', () => {
    it('delivers a unit’s notice to its WeCom robot in WeCom’s markdown format', async () => {
      const unit = units[0]!;
      const r = await createRobot(admin, {
        unitId: unit.id,
        provider: 'wecom',
        url: robots.url('/wecom-ok', 'key=k1'),
      });
      await notify(unit.id, '协调事项已交办');
      const result = await deliverDue(t.ctx);
      expect(result.delivered).toBeGreaterThanOrEqual(1);
      const got = robots.at('/wecom-ok');
      expect(got).toHaveLength(1);
      expect(got[0]!.query.get('key')).toBe('k1');
      expect(got[0]!.body).toEqual({
        msgtype: 'markdown',
        markdown: {
          content:
            '**协调事项已交办**\n协调事项已交办的内容\n\n[查看详情](https://luoshi.example.gov.cn/dispatch/reports)',
        },
      });
      const l = await log(r.id);
      expect(l.items[0]).toMatchObject({
        kind: 'test.notice',
        title: '协调事项已交办',
        status: 'delivered',
        attempts: 1,
        lastError: null,
        nextAttemptAt: null,
      });
      expect(l.items[0]!.deliveredAt).toBeTruthy();
      const listed = (await admin.get(`/api/robots/${r.id}`)).json();
      expect(listed.deliveries).toMatchObject({ delivered: 1, pending: 0, failed: 0 });
    });

    it('retries after a 500 once the back-off has passed, then delivers', async () => {
      const unit = units[1]!;
      robots.script('/flaky', [{ status: 500, body: 'internal error' }, OK]);
      const r = await createRobot(admin, { unitId: unit.id, provider: 'dingtalk', url: robots.url('/flaky') });
      await notify(unit.id, '周报被退回');
      await deliverDue(t.ctx);
      let d = (await log(r.id)).items[0]!;
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500: internal error' });
      const due = new Date(d.nextAttemptAt!).getTime() - t.clock.now().getTime();
      expect(due).toBeGreaterThan(50_000);
      expect(due).toBeLessThanOrEqual(60_000);
      // not yet due: nothing is sent
      await deliverDue(t.ctx);
      expect(robots.at('/flaky')).toHaveLength(1);
      t.clock.advanceMinutes(1);
      await deliverDue(t.ctx);
      expect(robots.at('/flaky')).toHaveLength(2);
      d = (await log(r.id)).items[0]!;
      expect(d).toMatchObject({ status: 'delivered', attempts: 2, lastError: null, nextAttemptAt: null });
      expect(robots.at('/flaky')[1]!.body).toMatchObject({
        msgtype: 'markdown',
        markdown: { title: '周报被退回', text: expect.stringContaining('#### 周报被退回') },
      });
    });

    it('counts an errcode other than 0 as a failure and keeps the robot’s message', async () => {
      const unit = units[2]!;
      robots.script('/errcode', [{ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' }]);
      const r = await createRobot(admin, { unitId: unit.id, provider: 'dingtalk', url: robots.url('/errcode') });
      await notify(unit.id, '逾期提醒');
      await deliverDue(t.ctx);
      expect((await log(r.id)).items[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: 'errcode 310000: sign not match',
      });
      // give it up: the robot is disabled, and its pending delivery is not sent again
      await admin.put(`/api/robots/${r.id}`, { enabled: false, version: r.version });
      t.clock.advanceMinutes(1);
      await deliverDue(t.ctx);
      expect(robots.at('/errcode')).toHaveLength(1);
      expect((await log(r.id)).items[0]).toMatchObject({ status: 'failed', lastError: '机器人已停用,不再发送' });
    });

    it(`gives up after ${WEBHOOK_MAX_ATTEMPTS} attempts, 1, 2, 4, 8 and 16 minutes apart`, async () => {
      const unit = units[3]!;
      robots.script('/down', [{ status: 503, body: '' }]);
      const r = await createRobot(admin, { unitId: unit.id, provider: 'wecom', url: robots.url('/down', 'key=k4') });
      await notify(unit.id, '应开未开预警');
      const gaps: number[] = [];
      for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
        await deliverDue(t.ctx);
        expect(robots.at('/down')).toHaveLength(attempt);
        const d = (await log(r.id)).items[0]!;
        expect(d.attempts).toBe(attempt);
        expect(d.lastError).toBe('HTTP 503');
        if (attempt < WEBHOOK_MAX_ATTEMPTS) {
          expect(d.status).toBe('pending');
          const minutes = Math.round((new Date(d.nextAttemptAt!).getTime() - t.clock.now().getTime()) / 60_000);
          gaps.push(minutes);
          t.clock.advanceMinutes(minutes - 0.5);
          await deliverDue(t.ctx); // half a minute early: not yet
          expect(robots.at('/down')).toHaveLength(attempt);
          t.clock.advanceMinutes(0.5);
        } else {
          expect(d).toMatchObject({ status: 'failed', nextAttemptAt: null, maxAttempts: WEBHOOK_MAX_ATTEMPTS });
        }
      }
      expect(gaps).toEqual([1, 2, 4, 8, 16]);
      t.clock.advanceMinutes(60);
      await deliverDue(t.ctx);
      expect(robots.at('/down')).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
      admin = await t.login('admin'); // an hour idle: the session has timed out
      const failedOnly = await admin.get(`/api/robots/${r.id}/deliveries?status=failed&pageSize=1`);
      expect(failedOnly.json()).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    });

    it('signs DingTalk messages of a robot with a secret: timestamp and sign in the URL', async () => {
      const unit = units[4]!;
      const secret = 'SEC7d0c2b1e9a8f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0';
      const r = await createRobot(admin, {
        unitId: unit.id,
        provider: 'dingtalk',
        url: robots.url('/signed', 'access_token=abcdef0123456789'),
        secret,
      });
      await notify(unit.id, '调度会通知');
      await deliverDue(t.ctx);
      const [got] = robots.at('/signed');
      expect(got).toBeDefined();
      const ts = got!.query.get('timestamp');
      const sign = got!.query.get('sign');
      expect(got!.query.get('access_token')).toBe('abcdef0123456789');
      expect(ts).toMatch(/^\d{13}$/);
      expect(Math.abs(Number(ts) - t.clock.now().getTime())).toBeLessThan(60_000);
      expect(sign).toBe(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
      expect((await log(r.id)).items[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    });

    it('does not follow a redirect: a 3xx is a failed attempt', async () => {
      const unit = units[5]!;
      robots.script('/moved', [{ status: 302, body: '', headers: { location: robots.url('/wecom-ok', 'key=k1') } }]);
      const before = robots.at('/wecom-ok').length;
      const r = await createRobot(admin, { unitId: unit.id, provider: 'wecom', url: robots.url('/moved', 'key=k6') });
      await notify(unit.id, '改址');
      await deliverDue(t.ctx);
      expect((await log(r.id)).items[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 302' });
      expect(robots.at('/wecom-ok')).toHaveLength(before);
    });

    it('reports a robot that does not answer as a connection failure', async () => {
      const unit = units[6]!;
      const closed = http.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const r = await createRobot(admin, {
        unitId: unit.id,
        provider: 'wecom',
        url: `http://127.0.0.1:${port}/gone?key=k7`,
      });
      await notify(unit.id, '无人接收');
      await deliverDue(t.ctx);
      const d = (await log(r.id)).items[0]!;
      expect(d).toMatchObject({ status: 'pending', attempts: 1 });
      expect(d.lastError).toMatch(/^连接失败:ECONNREFUSED/);
    });
  });
});
