import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../db/schema/index.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { createPlan, setClock } from '../tasks/tasks.test-fixtures.ts';
import { ladderRecord } from './index.ts';
import { docxTexts } from './ladder.test-fixtures.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.each(ENGINES)('the supervision ladder on %s', (engine) => {
  const t = useTestApp(engine);
  let supervisor: Client;
  let dept: Client;
  let district: Client;
  let miit: string;
  let chengguan: string;
  /** 工信局 leads, 城关区 partners; deadline 30 September: 5 working days overdue on 13 October */
  let late: string;
  /** 城关区 leads */
  let other: string;
  /** 工信局 leads, used for numbering */
  let third: string;
  const ids: Record<string, string> = {};

  const issue = (c: Client, body: Record<string, unknown>) => c.post('/api/supervision/steps', body);
  const notices = (username: string) =>
    rawRows<{ title: string; link: string }>(
      t.ctx.db,
      sql`select n.title, n.link from notifications n join users u on u.id = n.user_id
          where u.username = ${username} and n.kind = 'ladder_step' order by n.created_at`,
    );

  beforeAll(async () => {
    // Tuesday 13 October 2026: 30 September + the National Day holiday + 5 working days (Sat 10 October works)
    setClock(t.clock, '2026-10-13T10:00');
    supervisor = await t.login('supervisor');
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
    miit = await t.unitId('示范市工业和信息化局');
    chengguan = await t.unitId('城关区人民政府');
    const plan = await createPlan(t, {
      title: '2026年督办测试方案',
      tasks: [
        {
          number: '9.1',
          content: '建成工业互联网标识解析二级节点',
          leadUnitId: miit,
          partnerUnitIds: [chengguan],
          deadlineOn: '2026-09-30',
          deadlineText: '9月底前',
        },
        { number: '9.2', content: '完成城关老街改造', leadUnitId: chengguan },
        { number: '9.3', content: '培育专精特新企业20家', leadUnitId: miit },
      ],
    });
    [late, other, third] = plan.taskIds as [string, string, string];
  });

  it('suggests an order for the task overdue by 5 working days, saying why', async () => {
    const res = await supervisor.get('/api/supervision/suggestions');
    expect(res.statusCode).toBe(200);
    const s = res
      .json()
      .items.find((x: { objectId: string; step: string }) => x.objectId === late && x.step === 'order');
    expect(s).toMatchObject({ code: 'TASK_OVERDUE', unitId: miit, objectLink: `/tasks/t/${late}` });
    expect(s.reason).toContain('5个工作日');
    expect(s.skipReason).toContain('按督查规则直接督办');
    // a unit may not see suggestions
    expect((await dept.get('/api/supervision/suggestions')).statusCode).toBe(403);
  });

  it('issues a reminder to the lead unit by default and tells its staff', async () => {
    const res = await issue(supervisor, {
      objectType: 'task',
      objectId: late,
      step: 'reminder',
      reason: '已超过完成时限,请抓紧推进',
    });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    ids.reminder = s.id;
    expect(s).toMatchObject({
      step: 'reminder',
      number: null,
      unitId: miit,
      unitName: '示范市工业和信息化局',
      status: 'open',
      origin: 'manual',
      issuedByName: expect.any(String),
      objectLink: `/tasks/t/${late}`,
    });
    expect(s.objectLabel).toContain('9.1');
    const bell = await notices('dept_staff');
    expect(bell.at(-1)).toMatchObject({ link: `/supervision/steps?id=${s.id}` });
    expect(bell.at(-1)!.title).toContain('催办');
  });

  it('refuses bad input with field messages in Chinese and writes nothing', async () => {
    const before = (await supervisor.get(`/api/supervision/steps?objectId=${late}`)).json().total;
    const noReq = await issue(supervisor, { objectType: 'task', objectId: late, step: 'order', reason: '逾期' });
    expect(noReq.statusCode).toBe(400);
    const paths = noReq.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['requirement', 'dueOn']));
    const past = await issue(supervisor, {
      objectType: 'task',
      objectId: late,
      step: 'order',
      reason: '逾期',
      requirement: '限期完成',
      dueOn: '2026-10-01',
    });
    expect(past.json().error.fields).toEqual([{ path: 'dueOn', message: '办理时限不能早于今天' }]);
    const missing = await issue(supervisor, {
      objectType: 'task',
      objectId: '00000000-0000-4000-8000-000000000000',
      step: 'reminder',
      reason: '测试',
    });
    expect(missing.json().error.fields).toEqual([{ path: 'objectId', message: '督办对象不存在或无权访问' }]);
    const noMeeting = await issue(supervisor, {
      objectType: 'task',
      objectId: late,
      step: 'admonition',
      reason: '约谈',
    });
    expect(noMeeting.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['meetingOn', 'participants']),
    );
    const noPolarity = await issue(supervisor, { objectType: 'task', objectId: late, step: 'notice', reason: '通报' });
    expect(noPolarity.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['polarity']);
    expect((await supervisor.get(`/api/supervision/steps?objectId=${late}`)).json().total).toBe(before);
  });

  it('only the 督查室 issues', async () => {
    const res = await issue(dept, { objectType: 'task', objectId: late, step: 'reminder', reason: '自己催自己' });
    expect(res.statusCode).toBe(403);
  });

  it('a skipped rung needs a written reason, which is kept and shown', async () => {
    const body = {
      objectType: 'task',
      objectId: other,
      step: 'order',
      reason: '老街改造群众反映强烈',
      requirement: '10月底前拿出整改方案',
      dueOn: '2026-10-30',
    };
    const refused = await issue(supervisor, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { path: 'skipReason', message: expect.stringContaining('该事项尚未催办，越级督办须写明理由') },
    ]);
    const ok = await issue(supervisor, { ...body, skipReason: '市长批示要求直接督办' });
    expect(ok.statusCode).toBe(201);
    ids.skipped = ok.json().id;
    expect(ok.json()).toMatchObject({ step: 'order', unitId: chengguan, skipReason: '市长批示要求直接督办' });
    expect(ok.json().number).toMatch(/^督办〔2026〕\d+号$/);
    // the audit trail keeps the reason
    const [a] = await rawRows<{ reason: string }>(
      t.ctx.db,
      sql`select reason from audit_records where entity_type = 'ladder_step' and entity_id = ${ok.json().id}`,
    );
    expect(a?.reason).toBe('市长批示要求直接督办');
  });

  it('numbers orders and notices in sequence per year', async () => {
    const order = (objectId: string) =>
      issue(supervisor, {
        objectType: 'task',
        objectId,
        step: 'order',
        reason: '已逾期5个工作日',
        requirement: '请于10月20日前完成并报送办理情况',
        dueOn: '2026-10-20',
        skipReason: '按督查规则直接督办',
      });
    const a = (await order(late)).json();
    const b = (await order(third)).json();
    ids.order = a.id;
    const seq = (n: string) => Number(/〔2026〕(\d+)号/.exec(n)![1]);
    const first = seq(a.number);
    expect(seq(b.number)).toBe(first + 1);
    // the skip reason is kept only where a rung was skipped: 9.1 had its reminder
    expect(a.skipReason).toBeNull();
    expect(b.skipReason).toBe('按督查规则直接督办');
    const n1 = await issue(supervisor, {
      objectType: 'task',
      objectId: late,
      step: 'notice',
      polarity: 'critical',
      reason: '督办后仍未完成',
    });
    expect(n1.statusCode).toBe(201);
    ids.notice = n1.json().id;
    expect(n1.json().number).toMatch(/^通报〔2026〕\d+号$/);
    const praise = await issue(supervisor, {
      objectType: 'task',
      objectId: other,
      step: 'notice',
      polarity: 'commending',
      reason: '提前完成老街改造方案',
    });
    expect(praise.statusCode).toBe(201);
    ids.praise = praise.json().id;
    expect(seq(praise.json().number)).toBe(seq(n1.json().number) + 1);
    // the register is unique per step and year
    const dup = await rawRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from ladder_steps where step = 'order' and year = 2026 group by seq having count(*) > 1`,
    );
    expect(dup).toEqual([]);
  });

  it('admonition and accountability carry their own fields', async () => {
    const adm = await issue(supervisor, {
      objectType: 'task',
      objectId: late,
      step: 'admonition',
      reason: '年内两次通报',
      meetingOn: '2026-10-15',
      participants: '市政府督查室主任、市工信局局长',
      record: '约谈指出问题,明确11月底前完成',
    });
    expect(adm.statusCode).toBe(201);
    expect(adm.json()).toMatchObject({ meetingOn: '2026-10-15', participants: '市政府督查室主任、市工信局局长' });
    const acc = await issue(supervisor, {
      objectType: 'task',
      objectId: late,
      step: 'accountability',
      reason: '约谈后仍未整改',
      decision: '对分管负责同志诫勉谈话',
      decisionRef: '示纪〔2026〕5号',
    });
    expect(acc.statusCode).toBe(201);
    expect(acc.json()).toMatchObject({
      decision: '对分管负责同志诫勉谈话',
      decisionRef: '示纪〔2026〕5号',
      number: null,
    });
  });

  it('a unit sees only the steps addressed to it; another unit’s step is not found', async () => {
    const mine = (await dept.get(`/api/supervision/steps?pageSize=200&year=2026`)).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((s: { unitId: string }) => s.unitId === miit)).toBe(true);
    expect(mine.can.issue).toBe(false);
    // 城关区 partners on 9.1 but the steps there were addressed to 工信局
    const onLate = (await district.get(`/api/supervision/steps?objectType=task&objectId=${late}`)).json();
    expect(onLate.total).toBe(0);
    expect((await dept.get(`/api/supervision/steps/${ids.skipped}`)).statusCode).toBe(404);
    expect(
      (await dept.post(`/api/supervision/steps/${ids.skipped}/respond`, { response: '不是我们的' })).statusCode,
    ).toBe(404);
    expect((await district.get(`/api/supervision/steps/${ids.skipped}`)).statusCode).toBe(200);
    const all = (await supervisor.get(`/api/supervision/steps?objectType=task&objectId=${late}`)).json();
    expect(all.total).toBe(5);
    expect(all.can.issue).toBe(true);
  });

  it('the unit answers, the supervisor closes, then the answer is final', async () => {
    const s = (await dept.get(`/api/supervision/steps/${ids.order}`)).json();
    expect(s.can).toEqual({ respond: true, close: false, orderDocx: true });
    expect((await dept.post(`/api/supervision/steps/${ids.order}/respond`, { response: '好' })).statusCode).toBe(400);
    const stale = await dept.post(`/api/supervision/steps/${ids.order}/respond`, {
      response: '已完成节点部署,10月18日上线',
      version: s.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    const answered = await dept.post(`/api/supervision/steps/${ids.order}/respond`, {
      response: '已完成节点部署,10月18日上线',
      version: s.version,
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', response: '已完成节点部署,10月18日上线' });
    expect(answered.json().respondedByName).toContain('示范市工业和信息化局');
    // the supervisor sees the answer, may close, may not answer for the unit
    expect(
      (await supervisor.post(`/api/supervision/steps/${ids.order}/respond`, { response: '代答复' })).statusCode,
    ).toBe(403);
    const closed = await supervisor.post(`/api/supervision/steps/${ids.order}/close`, {});
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', can: { close: false } });
    expect((await dept.post(`/api/supervision/steps/${ids.order}/close`, {})).statusCode).toBe(403);
    const late2 = await dept.post(`/api/supervision/steps/${ids.order}/respond`, { response: '补充说明材料' });
    expect(late2.statusCode).toBe(422);
    expect((await supervisor.post(`/api/supervision/steps/${ids.order}/close`, {})).statusCode).toBe(422);
    // praise needs no answer
    const praise = (await district.get(`/api/supervision/steps/${ids.praise}`)).json();
    expect(praise.can.respond).toBe(false);
    expect((await district.post(`/api/supervision/steps/${ids.praise}/respond`, { response: '谢谢' })).statusCode).toBe(
      422,
    );
  });

  it('the 督办单 .docx carries the register number, the matter, the units and the deadline', async () => {
    const res = await dept.get(`/api/supervision/steps/${ids.order}/order.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('督办单.docx'));
    const s = (await supervisor.get(`/api/supervision/steps/${ids.order}`)).json();
    const { paragraphs, cells } = await docxTexts(res.rawPayload);
    expect(paragraphs[0]).toBe('督办单');
    expect(paragraphs).toContain(s.number);
    const form = Object.fromEntries(cells[0]!.map((r) => [r[0]!.replace(/\s/g, ''), r[1]]));
    expect(form.编号).toBe(s.number);
    expect(form.督办事项).toContain('9.1');
    expect(form.任务来源).toContain('2026年督办测试方案');
    expect(form.承办单位).toBe('示范市工业和信息化局（协办单位：城关区人民政府）');
    expect(form.办理时限).toBe('2026年10月20日前');
    expect(form.督办要求).toBe('请于10月20日前完成并报送办理情况');
    expect(form.签发).toContain('2026年10月13日');
    // not an order, or not the unit's: not found
    expect((await dept.get(`/api/supervision/steps/${ids.reminder}/order.docx`)).statusCode).toBe(404);
    expect((await dept.get(`/api/supervision/steps/${ids.skipped}/order.docx`)).statusCode).toBe(404);
  });

  it('the unit’s record counts the steps per quarter', async () => {
    const res = await dept.get(`/api/supervision/units/${miit}/record?year=2026`);
    expect(res.statusCode).toBe(200);
    const direct = await ladderRecord(t.ctx.db, miit, 2026);
    expect(res.json()).toEqual(direct);
    const q4 = direct.quarters[3]!;
    // ours: a reminder, two orders, a notice, an admonition, an accountability (the demo city may have more)
    expect(q4.reminder).toBeGreaterThanOrEqual(1);
    expect(q4.order).toBeGreaterThanOrEqual(2);
    expect(q4.notice).toBeGreaterThanOrEqual(1);
    expect(q4.admonition).toBeGreaterThanOrEqual(1);
    expect(q4.accountability).toBeGreaterThanOrEqual(1);
    expect(direct.total.order).toBe(direct.quarters.reduce((n, q) => n + q.order, 0));
    // a unit reads only its own record
    expect((await district.get(`/api/supervision/units/${miit}/record`)).statusCode).toBe(404);
    expect((await supervisor.get(`/api/supervision/units/${miit}/record`)).statusCode).toBe(200);
  });

  it('supervises a project too, addressed to its responsible unit', async () => {
    const [p] = await t.ctx.db.select({ id: projects.id, unitId: projects.responsibleUnitId }).from(projects).limit(1);
    const res = await issue(supervisor, {
      objectType: 'project',
      objectId: p!.id,
      step: 'reminder',
      reason: '形象进度滞后',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ unitId: p!.unitId, objectLink: `/projects/${p!.id}` });
  });

  it('supervises a coordination item and an instruction; several named units need one chosen', async () => {
    const [item] = await rawRows<{ id: string; assigned_unit_id: string }>(
      t.ctx.db,
      sql`select id, assigned_unit_id from coordination_items limit 1`,
    );
    if (item) {
      const r = await issue(supervisor, {
        objectType: 'coordination_item',
        objectId: item.id,
        step: 'reminder',
        reason: '请加快协调',
      });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ unitId: item.assigned_unit_id, objectLink: `/dispatch/items/${item.id}` });
    }
    const li = (await rawRows<{ id: string }>(t.ctx.db, sql`select id from leaders where name = '李明远'`))[0]!.id;
    const [ins] = await rawRows<{ id: string }>(
      t.ctx.db,
      sql`insert into instructions (leader_id, leader_name, kind, text, due_on, created_by_name)
          values (${li}, '李明远', 'act', '请工信局、城关区联合研究老街改造资金', '2026-10-20', '李明远') returning id`,
    );
    await rawRows(
      t.ctx.db,
      sql`insert into instruction_units (instruction_id, unit_id) values (${ins!.id}, ${miit}), (${ins!.id}, ${chengguan})`,
    );
    const body = { objectType: 'instruction', objectId: ins!.id, step: 'reminder', reason: '请按批示要求办理' };
    const noUnit = await issue(supervisor, body);
    expect(noUnit.json().error.fields).toEqual([{ path: 'unitId', message: '该事项涉及多个单位,请选择承办单位' }]);
    const ok = await issue(supervisor, { ...body, unitId: chengguan });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ unitId: chengguan, objectLink: `/supervision/instructions/${ins!.id}` });
    expect(ok.json().objectLabel).toContain('李明远批示');
    // past its deadline (20 October), the other unit is suggested a reminder, the reminded one an order
    setClock(t.clock, '2026-10-21T10:00');
    const later = await t.login('supervisor');
    const s = (await later.get('/api/supervision/suggestions'))
      .json()
      .items.filter((x: { objectId: string }) => x.objectId === ins!.id);
    expect(Object.fromEntries(s.map((x: { unitId: string; step: string }) => [x.unitId, x.step]))).toEqual({
      [miit]: 'reminder',
      [chengguan]: 'order',
    });
    setClock(t.clock, '2026-10-13T10:00');
    supervisor = await t.login('supervisor');
  });

  it('filters the register', async () => {
    const orders = (await supervisor.get('/api/supervision/steps?step=order&status=closed&pageSize=200')).json();
    expect(orders.items.some((s: { id: string }) => s.id === ids.order)).toBe(true);
    expect(
      orders.items.every((s: { step: string; status: string }) => s.step === 'order' && s.status === 'closed'),
    ).toBe(true);
    const q = (await supervisor.get(`/api/supervision/steps?q=${encodeURIComponent('老街')}`)).json();
    expect(q.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([ids.skipped, ids.praise]));
  });
});
