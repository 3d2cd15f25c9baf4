import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  inspectionFindings,
  inspections,
  inspectionTargets,
  instructions,
  instructionUnits,
  rectifications,
  tasks,
} from '../../db/schema/index.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { listTaskFacts } from '../tasks/index.ts';
import { createPlan, insertFeedback, leaderIdByName, setClock } from '../tasks/tasks.test-fixtures.ts';
import { docxTexts } from './ladder.test-fixtures.ts';
import { supervisionSweep } from './supervision.jobs.ts';

type Row = { id: string; name: string; openOrders: number; stepsThisQuarter: number; [k: string]: unknown };

describe.each(ENGINES)('the supervision board, the inbox, the notice and the sweep on %s', (engine) => {
  const t = useTestApp(engine);
  let supervisor: Client;
  let dept: Client;
  let district: Client;
  let miit: string;
  let chengguan: string;
  let li: string;
  let planId: string;
  let id: Record<string, string>;
  let instructionId: string;
  let rectificationId: string;
  let orderId: string;

  const board = async (q = '') => (await supervisor.get(`/api/supervision/board?planId=${planId}${q}`)).json();
  const rowOf = (b: { rows: Row[] }, rowId: string) => b.rows.find((r) => r.id === rowId)!;

  beforeAll(async () => {
    // Monday 26 October 2026: October's feedback was due Friday 23rd (the 25th is a Sunday)
    setClock(t.clock, '2026-10-26T10:00');
    supervisor = await t.login('supervisor');
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
    miit = await t.unitId('示范市工业和信息化局');
    chengguan = await t.unitId('城关区人民政府');
    li = await leaderIdByName(t, '李明远');
    const plan = await createPlan(t, {
      title: '2026年看板测试方案',
      tasks: [
        { number: 'B1', content: '看板绿灯任务', leadUnitId: miit, partnerUnitIds: [chengguan], leaderIds: [li] },
        { number: 'B2', content: '看板红灯任务', leadUnitId: miit, leaderIds: [li] },
        { number: 'B3', content: '看板逾期任务', leadUnitId: miit, deadlineOn: '2026-09-30', deadlineText: '9月底前' },
        { number: 'B4', content: '看板配合任务', leadUnitId: chengguan, partnerUnitIds: [miit] },
        { number: 'B5', content: '看板销号任务', leadUnitId: chengguan },
        { number: 'B6', content: '看板待认领任务', leadUnitId: miit, claimStatus: 'pending' },
        { number: 'B7', content: '看板黄灯任务', leadUnitId: chengguan, leaderIds: [li] },
      ],
    });
    planId = plan.planId;
    id = Object.fromEntries(plan.taskIds.map((x, i) => [`B${i + 1}`, x]));
    await t.ctx.db
      .update(tasks)
      .set({ doneAt: new Date('2026-10-10T10:00:00+08:00'), doneConfirmedByName: '督查室' })
      .where(eq(tasks.id, id.B5!));
    // B1: September accepted, October submitted on time → green, 2 of 10 cycles on time
    await insertFeedback(t, {
      taskId: id.B1!,
      cycle: '2026-09',
      dueOn: '2026-09-25',
      status: 'accepted',
      completionPct: 70,
    });
    await insertFeedback(t, {
      taskId: id.B1!,
      cycle: '2026-10',
      dueOn: '2026-10-23',
      status: 'submitted',
      completionPct: 85,
    });
    // B2: September accepted (late), nothing for October → red
    await insertFeedback(t, {
      taskId: id.B2!,
      cycle: '2026-09',
      dueOn: '2026-09-25',
      status: 'accepted',
      completionPct: 60,
      submittedAt: new Date('2026-09-28T10:00:00+08:00'),
      reviewedAt: new Date('2026-09-29T10:00:00+08:00'),
    });
    // B7: October submitted on time but far behind time → yellow
    await insertFeedback(t, {
      taskId: id.B7!,
      cycle: '2026-10',
      dueOn: '2026-10-23',
      status: 'submitted',
      completionPct: 10,
    });

    // an overdue instruction naming 工信局, and an open rectification of 工信局
    const [ins] = await t.ctx.db
      .insert(instructions)
      .values({
        leaderId: li,
        leaderName: '李明远',
        kind: 'act',
        text: '请工信局尽快研究解决看板测试问题',
        dueOn: '2026-10-20',
        createdByName: '李明远',
      })
      .returning();
    instructionId = ins!.id;
    await t.ctx.db.insert(instructionUnits).values({ instructionId, unitId: miit });
    const [insp] = await t.ctx.db
      .insert(inspections)
      .values({
        title: '看板测试督查',
        kind: 'special',
        scope: { kind: 'list' },
        startsOn: '2026-10-01',
        endsOn: '2026-10-31',
        createdByName: '督查室',
      })
      .returning();
    const [target] = await t.ctx.db
      .insert(inspectionTargets)
      .values({
        inspectionId: insp!.id,
        objectType: 'task',
        objectId: id.B3!,
        objectLabel: 'B3 看板逾期任务',
        unitId: miit,
      })
      .returning();
    const [finding] = await t.ctx.db
      .insert(inspectionFindings)
      .values({
        targetId: target!.id,
        inspectionId: insp!.id,
        answers: {},
        inspectedOn: '2026-10-15',
        recordedByName: '督查组',
      })
      .returning();
    const [rect] = await t.ctx.db
      .insert(rectifications)
      .values({
        findingId: finding!.id,
        inspectionId: insp!.id,
        unitId: miit,
        requirement: '看板测试整改要求',
        dueOn: '2026-11-15',
        createdByName: '督查组',
      })
      .returning();
    rectificationId = rect!.id;
  });

  it('counts each unit’s tasks of the plan by computed status', async () => {
    const b = await board();
    expect(b).toMatchObject({ by: 'unit', asOf: '2026-10-26', quarter: '2026年第4季度' });
    expect(rowOf(b, miit)).toMatchObject({
      name: '示范市工业和信息化局',
      total: 4,
      done: 0,
      green: 1,
      yellow: 0,
      red: 2,
      overdue: 1,
      lastAcceptedOn: '2026-09-29',
      link: `/tasks?unitId=${miit}`,
    });
    expect(rowOf(b, chengguan)).toMatchObject({ total: 3, done: 1, yellow: 1, red: 1, green: 0, overdue: 0 });
    expect(b.rows).toHaveLength(2);
    expect(b.totals).toMatchObject({ total: 7, done: 1, green: 1, yellow: 1, red: 3, overdue: 1 });
    // the same facts the tasks module computes, summed
    const facts = await listTaskFacts(t.ctx, t.ctx.db, null, { planId }, '2026-10-26');
    const mine = facts.filter((f) => f.leadUnitId === miit);
    const due = mine.reduce((n, f) => n + f.cyclesDue, 0);
    const onTime = mine.reduce((n, f) => n + f.cyclesOnTime, 0);
    expect(rowOf(b, miit)).toMatchObject({ cyclesDue: due, cyclesOnTime: onTime });
    expect(rowOf(b, miit).onTimePct).toBe(Math.round((onTime * 1000) / due) / 10);
    // 工信局's overdue instruction and open rectification are on its row
    expect(rowOf(b, miit).overdueInstructions).toBeGreaterThanOrEqual(1);
    expect(rowOf(b, miit).openRectifications).toBeGreaterThanOrEqual(1);
  });

  it('counts open orders and this quarter’s steps as they are issued', async () => {
    const before = await board();
    const r = await supervisor.post('/api/supervision/steps', {
      objectType: 'task',
      objectId: id.B3,
      step: 'order',
      reason: '已逾期',
      requirement: '11月10日前完成',
      dueOn: '2026-11-10',
      skipReason: '已逾期超过5个工作日',
    });
    expect(r.statusCode).toBe(201);
    orderId = r.json().id;
    await supervisor.post('/api/supervision/steps', {
      objectType: 'task',
      objectId: id.B7,
      step: 'notice',
      polarity: 'commending',
      reason: '看板黄灯任务主动报送,予以表扬',
    });
    const after = await board();
    expect(rowOf(after, miit).openOrders - rowOf(before, miit).openOrders).toBe(1);
    expect(rowOf(after, miit).stepsThisQuarter - rowOf(before, miit).stepsThisQuarter).toBe(1);
    // praise is not a ladder step
    expect(rowOf(after, chengguan).stepsThisQuarter).toBe(rowOf(before, chengguan).stepsThisQuarter);
    expect(after.totals.openOrders - before.totals.openOrders).toBe(1);
  });

  it('per responsible leader: the portfolio’s tasks', async () => {
    const b = await board('&by=leader');
    expect(b.by).toBe('leader');
    expect(rowOf(b, li)).toMatchObject({
      name: '李明远',
      total: 3,
      green: 1,
      red: 1,
      yellow: 1,
      openRectifications: null,
      link: `/tasks?leaderId=${li}`,
    });
    expect(rowOf(b, li).overdueInstructions).toBeGreaterThanOrEqual(1);
  });

  it('a unit sees only its own row', async () => {
    const b = (await dept.get(`/api/supervision/board?planId=${planId}`)).json();
    expect(b.rows.map((r: Row) => r.id)).toEqual([miit]);
    expect(rowOf(b, miit)).toMatchObject({ total: 4, red: 2, overdue: 1 });
    expect(b.totals.total).toBe(4);
    expect((await supervisor.get('/api/supervision/board?by=region')).statusCode).toBe(400);
  });

  it('the unit’s inbox lists what it must do, soonest first, with links', async () => {
    const res = await dept.get('/api/supervision/inbox');
    expect(res.statusCode).toBe(200);
    const inbox = res.json();
    expect(inbox).toMatchObject({ unitId: miit, unitName: '示范市工业和信息化局', asOf: '2026-10-26' });
    const byKey = new Map(inbox.items.map((i: { key: string }) => [i.key, i]));
    expect(byKey.get(`feedback:${id.B2}:2026-10`)).toMatchObject({
      kind: 'feedback',
      dueOn: '2026-10-23',
      overdue: true,
      link: `/tasks/t/${id.B2}`,
    });
    expect(byKey.get(`feedback:${id.B3}:2026-10`)).toMatchObject({ kind: 'feedback', overdue: true });
    expect(byKey.has(`feedback:${id.B1}:2026-10`)).toBe(false); // submitted
    expect(byKey.get(`claim:${id.B6}`)).toMatchObject({ kind: 'claim', dueOn: '2026-01-10', overdue: true });
    expect(byKey.get(`part:${id.B4}:2026-10`)).toMatchObject({ kind: 'feedback_part', overdue: true });
    expect(byKey.has(`part:${id.B7}:2026-10`)).toBe(false); // not a partner there
    expect(byKey.get(`step:${orderId}`)).toMatchObject({
      kind: 'step',
      dueOn: '2026-11-10',
      overdue: false,
      link: `/supervision/steps?id=${orderId}`,
    });
    expect(byKey.get(`instruction:${instructionId}`)).toMatchObject({ kind: 'instruction', overdue: true });
    expect(byKey.get(`rectification:${rectificationId}`)).toMatchObject({ kind: 'rectification', dueOn: '2026-11-15' });
    // soonest first, undated last
    const dates = inbox.items.map((i: { dueOn: string | null }) => i.dueOn ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());
    // 城关区 sees its own, not 工信局's
    const other = (await district.get('/api/supervision/inbox')).json();
    const keys = other.items.map((i: { key: string }) => i.key);
    expect(keys).not.toContain(`step:${orderId}`);
    expect(keys).toContain(`feedback:${id.B4}:2026-10`);
  });

  it('the monthly 督查通报 has the counts, the named lists and the commendations', async () => {
    const res = await supervisor.get(`/api/supervision/notice.docx?month=2026-10&planId=${planId}`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('督查通报'));
    const { paragraphs, cells } = await docxTexts(res.rawPayload);
    const text = paragraphs.join('\n');
    expect(paragraphs[0]).toBe('重点任务落实情况督查通报');
    expect(text).toContain('（2026年10月）');
    expect(text).toContain(
      '截至2026年10月26日，纳入督查的重点任务共7项，其中已完成销号1项，按计划推进（绿灯）1项，进度滞后（黄灯）1项，红灯3项，逾期未完成1项。',
    );
    const b = await board();
    expect(text).toContain(`按时反馈率${b.totals.onTimePct.toFixed(1)}%`);
    // the unit table: one row per lead unit, figures as on the board
    const units = cells.find((c) => c[0]!.includes('牵头单位') && c[0]!.includes('按时反馈率（%）'))!;
    const miitRow = units.find((r) => r[1] === '示范市工业和信息化局')!;
    expect(miitRow.slice(2, 8)).toEqual(['4', '0', '1', '0', '2', '1']);
    // the named lists
    const overdue = cells.find((c) => c.some((r) => r.includes('看板逾期任务')))!;
    expect(overdue.find((r) => r.includes('看板逾期任务'))).toEqual(
      expect.arrayContaining(['示范市工业和信息化局', 'B3', '9月底前']),
    );
    expect(text).toContain('红灯任务（3项）');
    expect(cells.some((c) => c.some((r) => r.includes('看板红灯任务')))).toBe(true);
    // commendations: the commending notice of the month
    expect(text).toMatch(/通报〔2026〕\d+号：对城关区人民政府予以通报表扬。看板黄灯任务主动报送,予以表扬/);
    // the annex of lagging tasks
    expect(text).toContain('附件：进度滞后（慢序时）任务清单（1项）');
    expect(cells.some((c) => c.some((r) => r.includes('看板黄灯任务') && r.includes('10')))).toBe(true);
    // a unit may not print the city's notice; a future month is refused
    expect((await dept.get('/api/supervision/notice.docx?month=2026-10')).statusCode).toBe(403);
    const future = await supervisor.get('/api/supervision/notice.docx?month=2026-12');
    expect(future.json().error.fields).toEqual([{ path: 'month', message: '不能选择以后的月份' }]);
    expect((await supervisor.get('/api/supervision/notice.docx?month=2026-13')).statusCode).toBe(400);
  });

  const autoSteps = (taskId: string) =>
    rawRows<{ origin: string; status: string; unit_id: string }>(
      t.ctx.db,
      sql`select origin, status, unit_id from ladder_steps where object_id = ${taskId} and origin like 'auto:%' order by issued_at`,
    );

  it('the daily sweep reminds late feedback and overdue claims once', async () => {
    const first = await supervisionSweep(t.ctx);
    expect(first.reminded).toBeGreaterThanOrEqual(4);
    expect(await autoSteps(id.B2!)).toEqual([{ origin: 'auto:feedback:2026-10', status: 'open', unit_id: miit }]);
    expect(await autoSteps(id.B3!)).toEqual([{ origin: 'auto:feedback:2026-10', status: 'open', unit_id: miit }]);
    expect(await autoSteps(id.B4!)).toEqual([{ origin: 'auto:feedback:2026-10', status: 'open', unit_id: chengguan }]);
    expect(await autoSteps(id.B6!)).toEqual([{ origin: 'auto:claim', status: 'open', unit_id: miit }]);
    expect(await autoSteps(id.B1!)).toEqual([]); // submitted
    expect(await autoSteps(id.B5!)).toEqual([]); // done
    // the unit is told once, with the task's link
    const bell = await rawRows<{ title: string; link: string }>(
      t.ctx.db,
      sql`select n.title, n.link from notifications n join users u on u.id = n.user_id
          where u.username = 'dept_staff' and n.subject_type = 'ladder_step' and n.link = ${`/tasks/t/${id.B2}`}`,
    );
    expect(bell).toHaveLength(1);
    expect(bell[0]!.title).toContain('催办');
    // the automatic reminder repeats the feedback line: the inbox does not list it twice
    const keys = (await dept.get('/api/supervision/inbox')).json().items.map((i: { key: string }) => i.key);
    expect(keys.filter((k: string) => k.startsWith('step:'))).not.toContain(expect.stringContaining(id.B2!));
    // run again: nothing new
    const again = await supervisionSweep(t.ctx);
    expect(again.reminded).toBe(0);
    expect(await autoSteps(id.B2!)).toHaveLength(1);
  });

  it('closes its reminders once the duty is done', async () => {
    await insertFeedback(t, {
      taskId: id.B2!,
      cycle: '2026-10',
      dueOn: '2026-10-23',
      status: 'submitted',
      completionPct: 75,
      submittedAt: new Date('2026-10-26T11:00:00+08:00'),
    });
    const r = await supervisionSweep(t.ctx);
    expect(r.closed).toBeGreaterThanOrEqual(1);
    expect(await autoSteps(id.B2!)).toEqual([{ origin: 'auto:feedback:2026-10', status: 'closed', unit_id: miit }]);
    expect(await autoSteps(id.B3!)).toEqual([{ origin: 'auto:feedback:2026-10', status: 'open', unit_id: miit }]);
  });

  it('reminds before a due date within the rule’s working days, not earlier', async () => {
    // November's feedback is due Wednesday 25 November; 3 working days before is Friday 20 November
    setClock(t.clock, '2026-11-19T09:00');
    await supervisionSweep(t.ctx);
    expect((await autoSteps(id.B1!)).map((s) => s.origin)).toEqual([]);
    setClock(t.clock, '2026-11-20T09:00');
    await supervisionSweep(t.ctx);
    expect(await autoSteps(id.B1!)).toEqual([{ origin: 'auto:feedback:2026-11', status: 'open', unit_id: miit }]);
    await supervisionSweep(t.ctx);
    expect(await autoSteps(id.B1!)).toHaveLength(1);
  });
});
