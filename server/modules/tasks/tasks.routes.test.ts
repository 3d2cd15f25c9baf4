import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TASK_STATUS_LABELS, type TaskStatus } from '../../../domain/tasks/model.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { findTaskRef, listTaskFacts, taskRules } from './index.ts';
import { createPlan, insertFeedback, insertPart, leaderIdByName, setClock } from './tasks.test-fixtures.ts';

describe.each(ENGINES)('task facts for other modules on %s', (engine) => {
  const t = useTestApp(engine);
  let planId: string;
  let ids: string[];
  let miit: string;
  let drc: string;
  let chengguan: string;

  beforeAll(async () => {
    setClock(t.clock, '2026-10-26T10:00');
    miit = await t.unitId('示范市工业和信息化局');
    drc = await t.unitId('示范市发展和改革委员会');
    chengguan = await t.unitId('城关区人民政府');
    const li = await leaderIdByName(t, '李明远');
    const plan = await createPlan(t, {
      tasks: [
        // reported October (due Fri 23rd, the 25th being a Sunday): 80% by 26 Oct with 82% of the time gone → green
        { number: '1.1', content: '推进工业技改', leadUnitId: miit, partnerUnitIds: [drc], leaderIds: [li] },
        // nothing reported for October → red
        { number: '1.2', content: '培育专精特新企业', leadUnitId: miit },
        // deadline 30 September passed → overdue
        { number: '2.1', content: '完成老旧小区改造', leadUnitId: chengguan, deadlineOn: '2026-09-30', section: 1 },
        // created on 24 October, after October's due date: not red for October
        {
          number: '2.2',
          content: '新增任务',
          leadUnitId: chengguan,
          section: 1,
          deadlineKind: 'continuous',
          deadlineOn: null,
          deadlineText: '持续推进',
          createdAt: new Date('2026-10-24T09:00:00+08:00'),
        },
      ],
    });
    planId = plan.planId;
    ids = plan.taskIds;
    await insertFeedback(t, {
      taskId: ids[0]!,
      cycle: '2026-09',
      dueOn: '2026-09-24',
      status: 'accepted',
      completionPct: 70,
      confidence: 'on_track',
    });
    await insertFeedback(t, {
      taskId: ids[0]!,
      cycle: '2026-10',
      dueOn: '2026-10-23',
      status: 'submitted',
      completionPct: 80,
      confidence: 'at_risk',
      submittedAt: new Date('2026-10-26T09:00:00+08:00'),
    });
    await insertFeedback(t, {
      taskId: ids[1]!,
      cycle: '2026-09',
      dueOn: '2026-09-24',
      status: 'accepted',
      completionPct: 60,
    });
  });

  it('computes status, freshness and on-time cycles', async () => {
    const facts = await listTaskFacts(t.ctx, t.ctx.db, null, { planId }, '2026-10-26');
    const by = new Map(facts.map((f) => [f.number, f]));
    expect(facts.map((f) => f.number)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    const a = by.get('1.1')!;
    expect(a).toMatchObject({
      status: 'green',
      completionPct: 80,
      lastAcceptedOn: '2026-09-24',
      leadUnitName: '示范市工业和信息化局',
      partnerUnitIds: [drc],
      leaderNames: ['李明远'],
      sectionTitle: '稳增长',
      missedCycle: null,
      overdueWorkingDays: null,
      claimStatus: 'claimed',
    });
    // 10 cycles of 2026 due by 26 October; September on time, October late (26th after the 23rd)
    expect([a.cyclesDue, a.cyclesOnTime]).toEqual([10, 1]);
    const b = by.get('1.2')!;
    expect(b.status).toBe('red');
    expect(b.missedCycle).toBe('2026-10');
    expect(b.reasons[0]?.zh).toBe('2026年10月进展未报送(应于10月23日前报送)');
    const c = by.get('2.1')!;
    expect(c.status).toBe('overdue');
    // 1 to 7 October are holidays, 10 October a make-up Saturday: 8, 9, 10, 12-16, 19-23, 26 October
    expect(c.overdueWorkingDays).toBe(14);
    expect(by.get('2.2')).toMatchObject({ status: 'green', missedCycle: null, cyclesDue: 0 });
  });

  it('applies the reach of an actor and the filters', async () => {
    const actor = { roles: ['unit_staff'], unitId: drc } as never;
    const mine = await listTaskFacts(t.ctx, t.ctx.db, actor, { planId }, '2026-10-26');
    expect(mine.map((f) => f.number)).toEqual(['1.1']);
    const lead = await listTaskFacts(t.ctx, t.ctx.db, null, { planId, unitId: chengguan }, '2026-10-26');
    expect(lead.map((f) => f.number)).toEqual(['2.1', '2.2']);
    const some = await listTaskFacts(t.ctx, t.ctx.db, null, { ids: [ids[1]!] }, '2026-10-26');
    expect(some.map((f) => f.number)).toEqual(['1.2']);
    expect(await listTaskFacts(t.ctx, t.ctx.db, null, { ids: [] }, '2026-10-26')).toEqual([]);
  });

  it('finds a task as a supervisable object within reach', async () => {
    const ref = await findTaskRef(t.ctx.db, null, ids[0]!);
    expect(ref).toMatchObject({ id: ids[0], unitId: miit, partnerUnitIds: [drc], link: `/tasks/t/${ids[0]}` });
    expect(ref!.label).toContain('1.1');
    const other = { roles: ['unit_staff'], unitId: chengguan } as never;
    expect(await findTaskRef(t.ctx.db, other, ids[0]!)).toBeNull();
    expect(await findTaskRef(t.ctx.db, null, 'not-a-uuid')).toBeNull();
  });

  it('reads the rules with their defaults', async () => {
    expect(await taskRules(t.ctx, t.ctx.db)).toEqual({
      yellowGapPoints: 15,
      orderAfterOverdueWorkingDays: 5,
      noticesForAdmonition: 2,
      remindDaysBefore: 3,
      claimWorkingDays: 3,
    });
  });
});

describe.each(ENGINES)('task list, ledger and rules on %s', (engine) => {
  const t = useTestApp(engine);
  let planId: string;
  let ids: string[];
  let miit: string;
  let drc: string;
  let leaderId: string;
  let supervisor: Client;
  let dept: Client;
  let district: Client;
  const list = async (c: Client, query: string) => {
    const res = await c.get(`/api/tasks?planId=${planId}&${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const numbers = (page: { items: { number: string }[] }) => page.items.map((i) => i.number);
  const loginAll = async () => {
    supervisor = await t.login('supervisor');
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
  };

  beforeAll(async () => {
    setClock(t.clock, '2026-10-26T10:00');
    miit = await t.unitId('示范市工业和信息化局');
    drc = await t.unitId('示范市发展和改革委员会');
    const chengguan = await t.unitId('城关区人民政府');
    leaderId = await leaderIdByName(t, '李明远');
    const plan = await createPlan(t, {
      title: '2026年政府工作报告重点任务分解方案(列表测试)',
      sections: ['稳增长', '优环境'],
      tasks: [
        {
          number: '1.1',
          content: '实施工业技改项目50个',
          leadUnitId: miit,
          partnerUnitIds: [chengguan],
          leaderIds: [leaderId],
        },
        { number: '1.2', content: '培育专精特新企业', leadUnitId: miit },
        {
          number: '2.1',
          content: '完成老旧小区改造',
          leadUnitId: chengguan,
          deadlineText: '9月底前',
          deadlineOn: '2026-09-30',
          section: 1,
        },
        { number: '2.2', content: '优化营商环境', leadUnitId: drc, section: 1 },
        {
          number: '2.3',
          content: '出台招商引资政策',
          leadUnitId: drc,
          section: 1,
          doneAt: new Date('2026-08-01T10:00:00+08:00'),
        },
      ],
    });
    planId = plan.planId;
    ids = plan.taskIds;
    const [t11, t12, , t22] = ids as [string, string, string, string];
    await insertFeedback(t, {
      taskId: t11,
      cycle: '2026-09',
      dueOn: '2026-09-24',
      status: 'accepted',
      completionPct: 70,
      confidence: 'on_track',
    });
    await insertFeedback(t, {
      taskId: t11,
      cycle: '2026-10',
      dueOn: '2026-10-23',
      status: 'submitted',
      completionPct: 80,
      confidence: 'on_track',
      progress: '已实施技改项目40个',
      problems: '资金到位偏慢',
      nextSteps: '加快资金拨付',
    });
    await insertPart(t, {
      taskId: t11,
      cycle: '2026-10',
      unitId: chengguan,
      progress: '城关区技改项目8个',
      nextSteps: '做好服务',
    });
    await insertFeedback(t, {
      taskId: t12,
      cycle: '2026-09',
      dueOn: '2026-09-24',
      status: 'accepted',
      completionPct: 75,
      progress: '认定专精特新企业12家',
    });
    await insertFeedback(t, {
      taskId: t22,
      cycle: '2026-10',
      dueOn: '2026-10-23',
      status: 'submitted',
      completionPct: 40,
    });
    await loginAll();
  });

  it('lists with the computed status, reasons, freshness and counts by status', async () => {
    const page = await list(supervisor, '');
    expect(numbers(page)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3']);
    expect(page.counts).toEqual({ all: 5, done: 1, overdue: 1, red: 1, yellow: 1, green: 1 });
    const by = Object.fromEntries(page.items.map((i: { number: string }) => [i.number, i]));
    expect(by['1.1']).toMatchObject({
      status: 'green',
      completionPct: 80,
      lastAcceptedOn: '2026-09-24',
      leaderNames: ['李明远'],
      partnerNames: ['城关区人民政府'],
      sectionTitle: '稳增长',
      unitConfidence: 'on_track',
      currentCycle: '2026-11',
      currentFeedbackStatus: null,
      myRole: 'oversight',
    });
    expect(by['1.2']).toMatchObject({ status: 'red', currentCycle: '2026-10', currentDueOn: '2026-10-23' });
    expect(by['1.2'].reasons[0].zh).toBe('2026年10月进展未报送(应于10月23日前报送)');
    expect(by['2.1'].status).toBe('overdue');
    expect(by['2.2'].status).toBe('yellow');
    expect(by['2.2'].reasons[0].code).toBe('behind_schedule');
    expect(by['2.3'].status).toBe('done');
    expect(page.can).toEqual({ manage: true, exportLedger: true });
  });

  it('filters after computing the status, then pages; and by text, leader, unit, section, claim', async () => {
    const red = await list(supervisor, 'status=red');
    expect(numbers(red)).toEqual(['1.2']);
    expect(red.total).toBe(1);
    expect(red.counts.all).toBe(5);
    const p2 = await list(supervisor, 'page=2&pageSize=2');
    expect([numbers(p2), p2.total]).toEqual([['2.1', '2.2'], 5]);
    expect(numbers(await list(supervisor, `q=${encodeURIComponent('技改')}`))).toEqual(['1.1']);
    expect(numbers(await list(supervisor, `leaderId=${leaderId}`))).toEqual(['1.1']);
    expect(numbers(await list(supervisor, `unitId=${drc}`))).toEqual(['2.2', '2.3']);
    const sections = (await supervisor.get(`/api/tasks/${ids[2]}`)).json().sectionId;
    expect(numbers(await list(supervisor, `sectionId=${sections}`))).toEqual(['2.1', '2.2', '2.3']);
    expect(numbers(await list(supervisor, 'claim=pending'))).toEqual([]);
    const bad = await supervisor.get('/api/tasks?status=purple&unitId=x');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['status', 'unitId']);
  });

  it('scopes the list per unit: lead or partner only; another unit’s task is a 404', async () => {
    expect(numbers(await list(dept, ''))).toEqual(['1.1', '1.2']);
    const mine = await list(district, '');
    expect(numbers(mine)).toEqual(['1.1', '2.1']);
    expect(mine.items.map((i: { myRole: string }) => i.myRole)).toEqual(['partner', 'lead']);
    expect(mine.can.manage).toBe(false);
    expect((await dept.get(`/api/tasks/${ids[3]}`)).statusCode).toBe(404);
    expect((await dept.get('/api/tasks/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const leader = await t.login('leader');
    expect(numbers(await list(leader, ''))).toHaveLength(5);
    expect((await (await t.login('enterprise')).get('/api/tasks')).statusCode).toBe(403);
  });

  it('offers the filter options of the tasks in reach, and a task’s change history within reach', async () => {
    const f = (await supervisor.get('/api/tasks/filters')).json();
    expect(f.plans.map((p: { id: string }) => p.id)).toContain(planId);
    expect(
      f.sections.filter((x: { planId: string }) => x.planId === planId).map((x: { title: string }) => x.title),
    ).toEqual(['稳增长', '优环境']);
    expect(f.units.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([miit, drc]));
    expect(f.leaders.map((l: { id: string }) => l.id)).toContain(leaderId);
    const mine = (await dept.get('/api/tasks/filters')).json();
    expect(mine.plans.map((p: { id: string }) => p.id)).toContain(planId);
    expect(mine.units.map((u: { id: string }) => u.id)).toContain(miit);
    const h = await supervisor.get(`/api/tasks/${ids[0]}/history`);
    expect(h.statusCode).toBe(200);
    expect(Array.isArray(h.json().items)).toBe(true);
    expect((await dept.get(`/api/tasks/${ids[3]}/history`)).statusCode).toBe(404);
  });

  it('the detail has the milestones, cycles with parts and the oversight flags', async () => {
    const d = (await supervisor.get(`/api/tasks/${ids[0]}`)).json();
    expect(d.cycles.map((c: { cycle: string }) => c.cycle)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(d.cycles[1].parts[0]).toMatchObject({ unitName: '城关区人民政府', progress: '城关区技改项目8个' });
    expect(d.can).toMatchObject({ review: true, rate: true, writeFeedback: false, requestDone: false, edit: true });
    expect(d).toMatchObject({ cyclesDue: 10, cyclesOnTime: 2 });
  });

  it('status through the clock: the due day itself is not missed', async () => {
    // Friday 23 October, October's due day: 1.2 (75% on 23 Oct, 81% of the time gone) is green
    setClock(t.clock, '2026-10-23T15:00');
    await loginAll();
    const on = (await list(supervisor, '')).items.find((i: { number: string }) => i.number === '1.2');
    expect(on.status).toBe('green');
    expect(on.currentCycle).toBe('2026-10');
    setClock(t.clock, '2026-10-24T09:00');
    await loginAll();
    const after = (await list(supervisor, '')).items.find((i: { number: string }) => i.number === '1.2');
    expect(after.status).toBe('red');
    setClock(t.clock, '2026-10-26T10:00');
    await loginAll();
  });

  it('exports the ledger with the list’s filters, sections, partners’ parts and the same status words', async () => {
    const res = await supervisor.get(`/api/tasks/ledger.xlsx?planId=${planId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '2026年政府工作报告重点任务分解方案(列表测试)推进情况台账（2026年10月）.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const row = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map((v) => v ?? '');
    expect(ws.getCell('A1').value).toBe('2026年政府工作报告重点任务分解方案(列表测试)推进情况台账（2026年10月）');
    expect(String(ws.getCell('A2').value)).toContain('共5项');
    expect(row(3)).toEqual([
      '序号',
      '任务',
      '责任领导',
      '牵头单位',
      '配合单位',
      '完成时限',
      '进展情况',
      '存在问题',
      '下步打算',
      '状态',
    ]);
    expect(ws.getCell('A4').value).toBe('一、稳增长');
    expect(ws.getCell('J4').master.address).toBe('A4');
    expect(row(5)).toEqual([
      '1.1',
      '实施工业技改项目50个',
      '李明远',
      '示范市工业和信息化局',
      '城关区人民政府',
      '年底前',
      '已实施技改项目40个\n【城关区人民政府】城关区技改项目8个',
      '资金到位偏慢',
      '加快资金拨付\n【城关区人民政府】做好服务',
      '绿灯',
    ]);
    expect(row(6)).toEqual([
      '1.2',
      '培育专精特新企业',
      '',
      '示范市工业和信息化局',
      '',
      '年底前',
      '(2026年9月)认定专精特新企业12家',
      '',
      '',
      '红灯',
    ]);
    expect(ws.getCell('A7').value).toBe('二、优环境');
    expect(row(8).slice(0, 1).concat(row(8).slice(6))).toEqual(['2.1', '未报送', '', '', '逾期']);
    // the page's words: every row's 状态 is the list's status label
    const page = await list(supervisor, '');
    const statusWords = [5, 6, 8, 9, 10].map((r) => ws.getCell(r, 10).value);
    expect(statusWords).toEqual(page.items.map((i: { status: TaskStatus }) => TASK_STATUS_LABELS[i.status].zh));
    expect([5, 6, 8, 9, 10].map((r) => ws.getCell(r, 1).value)).toEqual(numbers(page));

    // same filters and scope as the list
    const red = await supervisor.get(`/api/tasks/ledger.xlsx?planId=${planId}&status=red`);
    const wr = new ExcelJS.Workbook();
    await wr.xlsx.load(red.rawPayload as unknown as ArrayBuffer);
    const ws2 = wr.worksheets[0]!;
    expect(String(ws2.getCell('A2').value)).toContain('状态=红灯');
    expect([ws2.getCell('A4').value, ws2.getCell('A5').value, ws2.getCell('A6').value]).toEqual([
      '一、稳增长',
      '1.2',
      null,
    ]);
    const mine = await dept.get(`/api/tasks/ledger.xlsx?planId=${planId}`);
    const wm = new ExcelJS.Workbook();
    await wm.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    expect(String(wm.worksheets[0]!.getCell('A2').value)).toContain('共2项');
  });

  it('the rules setting: read by all, changed by the 督查室 only, versioned, audited, applied at once', async () => {
    const read = await dept.get('/api/task-rules');
    expect(read.json()).toEqual({
      rules: {
        yellowGapPoints: 15,
        orderAfterOverdueWorkingDays: 5,
        noticesForAdmonition: 2,
        remindDaysBefore: 3,
        claimWorkingDays: 3,
      },
      version: 0,
    });
    const rules = { ...read.json().rules, yellowGapPoints: 50 };
    expect((await dept.put('/api/task-rules', { rules, version: 0 })).statusCode).toBe(403);
    const bad = await supervisor.put('/api/task-rules', {
      rules: { ...rules, yellowGapPoints: 0, claimWorkingDays: 1.5 },
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'rules.yellowGapPoints', message: '黄灯阈值(落后百分点)不能小于1' },
      { path: 'rules.claimWorkingDays', message: '认领时限(工作日)应为整数' },
    ]);
    const ok = await supervisor.put('/api/task-rules', { rules, version: 0 });
    expect(ok.json()).toEqual({ rules, version: 1 });
    expect((await supervisor.put('/api/task-rules', { rules, version: 0 })).statusCode).toBe(409);
    // 2.2 is 42 points behind: green with a 50-point threshold
    const page = await list(supervisor, '');
    expect(page.items.find((i: { number: string }) => i.number === '2.2').status).toBe('green');
    const audit = await rawRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_records where entity_type = 'setting' and entity_id = 'tasks.rules'`,
    );
    expect(audit).toEqual([{ action: 'settings.update' }]);
    expect(await taskRules(t.ctx, t.ctx.db)).toMatchObject({ yellowGapPoints: 50 });
  });
});
