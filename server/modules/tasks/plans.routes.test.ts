import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, OFFICIAL_CALENDAR } from '../../../domain/common/calendar.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, type TestApp, useTestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

type Cell = string | number | null;
const HEADER = ['序号', '重点任务', '责任领导', '牵头单位', '配合单位', '完成时限'];

/** A 分工方案 as offices send it: a title, the header, merged section rows, one row per task. */
async function sheet(rows: (Cell[] | { section: string })[], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['2026年政府工作报告重点任务分解和责任落实分工方案']);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  for (const r of rows) {
    if (Array.isArray(r)) ws.addRow(r);
    else {
      const row = ws.addRow([r.section]);
      ws.mergeCells(row.number, 1, row.number, header.length);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ROWS: (Cell[] | { section: string })[] = [
  { section: '一、着力稳增长，推动经济运行持续向好' },
  [1, '全年地区生产总值增长6%左右', '李明远', '市发改委', '市财政局、市统计局', '年底前'],
  [2, '新增规上工业企业50户', '张慧敏', '市经信局', '市发改委，市统计局', '每季度'],
  [3, '推进数字经济核心产业发展', '张慧敏', '示范市工业和信息化局', '市经信局', '4月底前出台相关政策，年内持续推进'],
  { section: '二、着力惠民生，办好民生实事' },
  [4, '改造老旧小区120个', '刘志刚', '市住建局', '各区县政府', '尽快'],
  [5, '建设口袋公园10个', '刘志刚', '', '市城管局', '年底前'],
  [6, '新增城镇就业1.2万人', '陈静怡、刘志钢', '市人社局', '城关区政府、新城区政府', '２０２６年６月底前'],
];

describe.each(ENGINES)('assignment plans and their import on %s', (engine) => {
  const t: TestApp = useTestApp(engine);
  let supervisor: Client;
  let dept: Client;
  let district: Client;
  let planId: string;
  let file: Buffer;
  let miit: string;
  let liu: string;

  const upload = (c: Client, id: string, bytes: Buffer, fields: Record<string, string> = {}) => {
    const { payload, contentType } = multipart([
      ...Object.entries(fields).map(([name, data]) => ({ name, data })),
      { name: 'file', data: bytes, filename: '分工方案.xlsx' },
    ]);
    return c.post(`/api/task-plans/${id}/import`, payload, { 'content-type': contentType });
  };
  const count = async (table: string, where = sql`true`) =>
    (await rawRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]!
      .n;
  /** rows of everything an import writes, for "nothing changed" */
  const snapshot = async () => ({
    tasks: await count('tasks', sql`plan_id = ${planId}`),
    sections: await count('plan_sections', sql`plan_id = ${planId}`),
    partners: await count('task_partners', sql`task_id in (select id from tasks where plan_id = ${planId})`),
    leaders: await count('task_leaders', sql`task_id in (select id from tasks where plan_id = ${planId})`),
    milestones: await count('task_milestones', sql`task_id in (select id from tasks where plan_id = ${planId})`),
    events: await count('task_events', sql`task_id in (select id from tasks where plan_id = ${planId})`),
    versions: (
      await rawRows<{ v: number }>(
        t.ctx.db,
        sql`select coalesce(sum(version), 0)::int as v from tasks where plan_id = ${planId}`,
      )
    )[0]!.v,
    audit: await count('audit_records'),
  });

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in China
    t.clock.advanceMinutes((new Date('2026-03-02T09:00:00+08:00').getTime() - t.clock.now().getTime()) / 60_000);
    supervisor = await t.login('supervisor');
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
    miit = await t.unitId('示范市工业和信息化局');
    liu = (await rawRows<{ id: string }>(t.ctx.db, sql`select id from leaders where name = '刘志刚'`))[0]!.id;
    file = await sheet(ROWS);
    const res = await supervisor.post('/api/task-plans', {
      source: {
        kind: 'work_report',
        title: '2026年示范市政府工作报告',
        docNumber: '示政发〔2026〕1号',
        issuedOn: '2026-02-10',
      },
      title: '2026年政府工作报告重点任务分解方案（测试）',
      year: 2026,
      feedbackCycle: 'monthly',
      feedbackDueDay: 25,
      claimWorkingDays: 3,
    });
    expect(res.statusCode).toBe(201);
    planId = res.json().id;
  });

  it('creates a plan with its source; refuses bad input with Chinese field messages; units may not create', async () => {
    const plan = (await supervisor.get(`/api/task-plans/${planId}`)).json();
    expect(plan).toMatchObject({
      title: '2026年政府工作报告重点任务分解方案（测试）',
      source: { kind: 'work_report', docNumber: '示政发〔2026〕1号', issuedOn: '2026-02-10' },
      counts: { tasks: 0, sections: 0 },
      can: { edit: true, import: true, addTask: true },
    });
    const bad = await supervisor.post('/api/task-plans', {
      title: '',
      year: 1990,
      feedbackCycle: 'weekly',
      feedbackDueDay: 25,
    });
    expect(bad.statusCode).toBe(400);
    const messages = bad.json().error.fields.map((f: { message: string }) => f.message);
    expect(messages).toEqual(expect.arrayContaining(['请填写方案名称', '年度不正确']));
    const denied = await dept.post('/api/task-plans', {
      source: { kind: 'work_report', title: 'x' },
      title: 'x',
      year: 2026,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('dry run: counts, row errors quoting the text, unknown names once each with the closest units', async () => {
    const before = await snapshot();
    const res = await upload(supervisor, planId, file);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({ dryRun: true, created: 4, updated: 0, unchanged: 0, skipped: 0 });
    expect(o.sections).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(o.rejected).toEqual([
      {
        row: 8,
        column: '完成时限',
        original: '尽快',
        message: '“尽快”不是具体时限，请写明完成日期（如“6月底前”“2026年12月31日前”）或“长期坚持”',
      },
      {
        row: 9,
        column: '牵头单位',
        original: '',
        message: '缺少牵头单位：请填写牵头单位（没有牵头单位列时，责任单位中排在第一位的单位牵头）',
      },
    ]);
    expect(o.unmatchedUnits).toHaveLength(1);
    expect(o.unmatchedUnits[0]).toMatchObject({ name: '市经信局', rows: [5, 6] });
    expect(o.unmatchedUnits[0].suggestions).toHaveLength(3);
    expect(o.unmatchedUnits[0].suggestions[0]).toEqual({ id: miit, name: '示范市工业和信息化局' });
    expect(o.unmatchedLeaders).toEqual([
      { name: '刘志钢', rows: [10], suggestions: expect.arrayContaining([{ id: liu, name: '刘志刚（副市长）' }]) },
    ]);
    expect(o.unmatchedLeaders[0].suggestions[0].id).toBe(liu);
    expect(
      o.preview.map((p: { number: string; section: string; action: string }) => [p.number, p.section, p.action]),
    ).toEqual([
      ['1', '一、着力稳增长，推动经济运行持续向好', 'create'],
      ['2', '一、着力稳增长，推动经济运行持续向好', 'create'],
      ['3', '一、着力稳增长，推动经济运行持续向好', 'create'],
      ['6', '二、着力惠民生，办好民生实事', 'create'],
    ]);
    expect(o.preview[2].deadline).toBe('长期任务（无截止日期）；节点：2026年4月30日前出台相关政策');
    expect(await snapshot()).toEqual(before);
  });

  it('a real run needs every unknown name mapped, and changes nothing until then', async () => {
    const before = await snapshot();
    const res = await upload(supervisor, planId, file, { dryRun: 'false' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields).toEqual([
      { path: 'unitMapping', message: expect.stringContaining('市经信局（第5、6行）') },
      { path: 'leaderMapping', message: expect.stringContaining('刘志钢（第10行）') },
    ]);
    const wrong = await upload(supervisor, planId, file, {
      dryRun: 'false',
      unitMapping: JSON.stringify({ 市经信局: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(wrong.json().error.fields).toEqual([
      { path: 'unitMapping', message: '“市经信局”对应的单位不存在或不在本市' },
    ]);
    const garbled = await upload(supervisor, planId, file, { dryRun: 'false', unitMapping: '{not json' });
    expect(garbled.json().error.fields).toEqual([
      { path: 'unitMapping', message: '单位对应关系格式不正确，请重新预检' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('units may not import', async () => {
    expect((await upload(dept, planId, file)).statusCode).toBe(403);
  });

  it('a real run with the mapping writes everything in one transaction and remembers the alias', async () => {
    const auditBefore = await count('audit_records');
    const res = await upload(supervisor, planId, file, {
      dryRun: 'false',
      unitMapping: JSON.stringify({ 市经信局: miit }),
      leaderMapping: JSON.stringify({ 刘志钢: liu }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, created: 4, updated: 0, unchanged: 0 });
    const s = await snapshot();
    expect(s).toMatchObject({ tasks: 4, sections: 2, partners: 6, leaders: 5, milestones: 1, events: 4 });
    // one import record and one alias record
    const audits = await rawRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_records order by id desc limit ${(await count('audit_records')) - auditBefore}`,
    );
    expect(audits.map((a) => a.action).sort()).toEqual(['assignment_plan.import', 'unit.alias_add']);
    const [unit] = await rawRows<{ aliases: string[] }>(t.ctx.db, sql`select aliases from units where id = ${miit}`);
    expect(unit!.aliases).toContain('市经信局');

    const plan = (await supervisor.get(`/api/task-plans/${planId}`)).json();
    expect(
      plan.sections.map((x: { label: string; title: string; tasks: number }) => [x.label, x.title, x.tasks]),
    ).toEqual([
      ['一', '着力稳增长，推动经济运行持续向好', 3],
      ['二', '着力惠民生，办好民生实事', 1],
    ]);
    const byNumber = Object.fromEntries(plan.tasks.map((x: { number: string }) => [x.number, x]));
    expect(byNumber['2']).toMatchObject({
      leadUnit: { id: miit, name: '示范市工业和信息化局' },
      deadlineKind: 'recurring',
      recurrence: 'quarterly',
      claimStatus: 'pending',
      claimDueOn: addWorkingDays('2026-03-02', 3, OFFICIAL_CALENDAR),
    });
    expect(byNumber['2'].partners.map((p: { name: string }) => p.name).sort()).toEqual(
      ['示范市发展和改革委员会', '示范市统计局'].sort(),
    );
    expect(byNumber['3']).toMatchObject({ deadlineKind: 'continuous', deadlineOn: null });
    expect(byNumber['3'].milestones).toEqual([
      { id: expect.any(String), title: '出台相关政策', dueOn: '2026-04-30', doneOn: null },
    ]);
    // the partner 市经信局 is the lead itself: not a partner
    expect(byNumber['3'].partners).toEqual([]);
    expect(byNumber['6']).toMatchObject({ deadlineOn: '2026-06-30', deadlineText: '２０２６年６月底前' });
    expect(byNumber['6'].leaders.map((l: { name: string }) => l.name).sort()).toEqual(['刘志刚', '陈静怡'].sort());
    // the lead units hear of their new tasks, once per unit
    const notices = await rawRows<{ title: string }>(
      t.ctx.db,
      sql`select n.title from notifications n join users u on u.id = n.user_id where u.username = 'dept_staff' and n.kind = 'task_claim'`,
    );
    expect(notices.map((n) => n.title)).toEqual(['新的重点任务待认领（2项）']);
  });

  it('the mapped name is remembered: a second dry run matches it without a mapping (leaders: per run)', async () => {
    const o = (await upload(supervisor, planId, file)).json();
    expect(o.unmatchedUnits).toEqual([]);
    expect(o.unmatchedLeaders.map((u: { name: string }) => u.name)).toEqual(['刘志钢']);
    const mapped = (await upload(supervisor, planId, file, { leaderMapping: JSON.stringify({ 刘志钢: liu }) })).json();
    expect(mapped).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('importing the same file again changes nothing', async () => {
    const before = await snapshot();
    const o = (
      await upload(supervisor, planId, file, { dryRun: 'false', leaderMapping: JSON.stringify({ 刘志钢: liu }) })
    ).json();
    expect(o).toMatchObject({ dryRun: false, created: 0, updated: 0, unchanged: 4 });
    expect(o.sections).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('bad rows change nothing', async () => {
    const before = await snapshot();
    const bad = await sheet([
      { section: '一、着力稳增长，推动经济运行持续向好' },
      [7, '谋划储备项目200个', '李明远', '市发改委、市工信局分别牵头', '', '年底前'],
      [8, '完成招商引资任务', '张慧敏', '市投促局', '', '13月底前'],
      [9, '创建国家级开发区', '张慧敏', '市商务局', '', '2026年2月30日'],
    ]);
    const o = (await upload(supervisor, planId, bad, { dryRun: 'false' })).json();
    expect(o).toMatchObject({ created: 0, updated: 0 });
    expect(
      o.rejected.map((r: { row: number; column: string; original: string }) => [r.row, r.column, r.original]),
    ).toEqual([
      [4, '牵头单位', '市发改委、市工信局分别牵头'],
      [5, '完成时限', '13月底前'],
      [6, '完成时限', '2026年2月30日'],
    ]);
    expect(o.rejected[2].message).toBe('“2026年2月30日”不是有效日期：2026年2月只有28天');
    expect(await snapshot()).toEqual(before);
    const missing = await upload(
      supervisor,
      planId,
      await sheet([[1, '甲', '李明远', '市发改委', '']], HEADER.slice(0, 5)),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([{ path: 'file', message: '缺少必填列：完成时限' }]);
    const notExcel = await upload(supervisor, planId, Buffer.from('序号,重点任务\n1,甲'));
    expect(notExcel.json().error.fields[0].path).toBe('file');
  });

  it('a changed row updates its task (or is skipped on request), with the history', async () => {
    const changed = ROWS.map((r) =>
      Array.isArray(r) && r[0] === 1 ? [...r.slice(0, 5), '9月底前完成年度目标，年底前全面完成'] : r,
    );
    const bytes = await sheet(changed);
    const lm = JSON.stringify({ 刘志钢: liu });
    const before = await snapshot();
    const skip = (
      await upload(supervisor, planId, bytes, { dryRun: 'false', leaderMapping: lm, onExisting: 'skip' })
    ).json();
    expect(skip).toMatchObject({ created: 0, updated: 0, skipped: 1, unchanged: 3 });
    expect(await snapshot()).toEqual(before);
    const upd = (await upload(supervisor, planId, bytes, { dryRun: 'false', leaderMapping: lm })).json();
    expect(upd).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const plan = (await supervisor.get(`/api/task-plans/${planId}`)).json();
    const one = plan.tasks.find((x: { number: string }) => x.number === '1');
    expect(one).toMatchObject({ deadlineOn: '2026-12-31', version: 2 });
    expect(one.milestones.map((m: { title: string; dueOn: string }) => [m.title, m.dueOn])).toEqual([
      ['完成年度目标', '2026-09-30'],
    ]);
    const [ev] = await rawRows<{ note: string }>(
      t.ctx.db,
      sql`select note from task_events where task_id = ${one.id} and action = 'import_updated'`,
    );
    expect(ev!.note).toBe('导入自Excel第4行，更新：完成时限');
  });

  it('the template and the export open in Excel in the same shape; the export imports again unchanged', async () => {
    const tpl = await supervisor.get('/api/task-plans/template.xlsx');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(twb.worksheets.map((w) => w.name)).toEqual(['分工方案', '填写说明']);
    const theader = (twb.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    expect(theader).toEqual([
      '序号',
      '重点任务',
      '责任领导',
      '牵头单位',
      '配合单位',
      '完成时限',
      '目标值',
      '计量单位',
      '标签',
    ]);

    const exp = await supervisor.get(`/api/task-plans/${planId}/export.xlsx`);
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('2026年政府工作报告重点任务分解方案（测试）');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(theader);
    expect(ws.getCell('A3').value).toBe('一、着力稳增长，推动经济运行持续向好');
    expect(ws.getCell('I3').isMerged).toBe(true);
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as unknown[]).slice(1, 7));
    });
    expect(rows).toEqual([
      ['一、着力稳增长，推动经济运行持续向好', ...Array(5).fill('一、着力稳增长，推动经济运行持续向好')],
      [
        '1',
        '全年地区生产总值增长6%左右',
        '李明远',
        '市发改委',
        expect.stringMatching(/市财政局、市统计局|市统计局、市财政局/),
        '9月底前完成年度目标，年底前全面完成',
      ],
      ['2', '新增规上工业企业50户', '张慧敏', '市工信局', expect.any(String), '每季度'],
      ['3', '推进数字经济核心产业发展', '张慧敏', '市工信局', undefined, '4月底前出台相关政策，年内持续推进'],
      ['二、着力惠民生，办好民生实事', ...Array(5).fill('二、着力惠民生，办好民生实事')],
      [
        '6',
        '新增城镇就业1.2万人',
        expect.stringMatching(/陈静怡、刘志刚|刘志刚、陈静怡/),
        '市人社局',
        expect.any(String),
        '２０２６年６月底前',
      ],
    ]);
    const again = (await upload(supervisor, planId, exp.rawPayload)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, unmatchedUnits: [], unmatchedLeaders: [] });
    expect(again.rejected).toEqual([]);
  });

  it('a unit sees the plan with its own tasks only, and exports only those', async () => {
    const mine = (await dept.get(`/api/task-plans/${planId}`)).json();
    expect(mine.tasks.map((x: { number: string }) => x.number).sort()).toEqual(['2', '3']);
    expect(mine.can).toMatchObject({ edit: false, import: false, addTask: false });
    const partner = (await district.get(`/api/task-plans/${planId}`)).json();
    expect(partner.tasks.map((x: { number: string }) => x.number)).toEqual(['6']);
    expect(partner.counts.tasks).toBe(1);
    const list = (await dept.get('/api/task-plans')).json();
    expect(list.items.find((p: { id: string }) => p.id === planId).counts.tasks).toBe(2);
    const exp = await district.get(`/api/task-plans/${planId}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const numbers: unknown[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 2) numbers.push(row.getCell(1).value);
    });
    expect(numbers).toEqual(['二、着力惠民生，办好民生实事', '6']);
  });

  it('adds a task by hand: the deadline read or refused with its reason; the number runs on', async () => {
    const base = {
      content: '开展营商环境提升行动',
      leadUnitId: miit,
      partnerUnitIds: [await t.unitId('示范市行政审批服务局')],
      leaderIds: [liu],
    };
    const bad = await supervisor.post(`/api/task-plans/${planId}/tasks`, { ...base, deadlineText: '尽快' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'deadlineText', message: expect.stringContaining('“尽快”不是具体时限') },
    ]);
    const sectionId = (await supervisor.get(`/api/task-plans/${planId}`)).json().sections[1].id;
    const ok = await supervisor.post(`/api/task-plans/${planId}/tasks`, {
      ...base,
      sectionId,
      deadlineText: '三季度末',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ number: '7', deadlineOn: '2026-09-30', claimStatus: 'pending', sectionId });
    const dup = await supervisor.post(`/api/task-plans/${planId}/tasks`, {
      ...base,
      number: '7',
      deadlineText: '年底前',
    });
    expect(dup.json().error.fields).toEqual([{ path: 'number', message: '序号“7”已被本方案的其他任务使用' }]);
    const unit = await dept.post(`/api/task-plans/${planId}/tasks`, { ...base, deadlineText: '年底前' });
    expect(unit.statusCode).toBe(403);
  });

  it('edits a task: a new deadline re-read, stale versions refused, a new lead must claim again', async () => {
    const plan = (await supervisor.get(`/api/task-plans/${planId}`)).json();
    const seven = plan.tasks.find((x: { number: string }) => x.number === '7');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${seven.id}`,
      headers: { cookie: supervisor.cookie },
      payload: {
        version: seven.version,
        deadlineText: '6月底前完成方案，年底前见效',
        leadUnitId: await t.unitId('示范市商务局'),
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      deadlineOn: '2026-12-31',
      leadUnit: { name: '示范市商务局' },
      claimStatus: 'pending',
      milestones: [{ title: '完成方案', dueOn: '2026-06-30' }],
    });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${seven.id}`,
      headers: { cookie: supervisor.cookie },
      payload: { version: seven.version, content: '改' },
    });
    expect(stale.statusCode).toBe(409);
    const byUnit = await t.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${seven.id}`,
      headers: { cookie: dept.cookie },
      payload: { version: res.json().version, content: '改' },
    });
    expect(byUnit.statusCode).toBe(403);
  });
});
