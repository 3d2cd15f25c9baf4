import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';
import { createPlan, setClock } from './tasks.test-fixtures.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('技改项目验收报告')]);

describe.each(ENGINES)('task feedback workflow on %s', (engine) => {
  const t = useTestApp(engine);
  let dept: Client; // 工信局: the lead unit
  let district: Client; // 城关区: a partner
  let supervisor: Client;
  let taskId: string;
  let otherTaskId: string;
  let planId: string;
  const url = (cycle = '2026-10') => `/api/tasks/${taskId}/feedback/${cycle}`;
  const detail = async (c: Client = dept) => (await c.get(`/api/tasks/${taskId}`)).json();
  const current = async (c: Client = dept) =>
    (await detail(c)).cycles.find((x: { cycle: string }) => x.cycle === '2026-10');
  const notices = (username: string, kind: string) =>
    rawRows<{ title: string; body: string | null; link: string }>(
      t.ctx.db,
      sql`select n.title, n.body, n.link from notifications n join users u on u.id = n.user_id
          where u.username = ${username} and n.kind = ${kind} order by n.created_at`,
    );
  const upload = (c: Client, path: string, name: string, data: Buffer) => {
    const { payload, contentType } = multipart([
      { name: 'caption', data: '验收报告' },
      { name: 'file', filename: name, data },
    ]);
    return c.post(path, payload, { 'content-type': contentType });
  };

  beforeAll(async () => {
    // Tuesday 20 October 2026: October's feedback is due Friday the 23rd (the 25th is a Sunday)
    setClock(t.clock, '2026-10-20T10:00');
    const miit = await t.unitId('示范市工业和信息化局');
    const chengguan = await t.unitId('城关区人民政府');
    const drc = await t.unitId('示范市发展和改革委员会');
    const plan = await createPlan(t, {
      tasks: [
        {
          number: '1.1',
          content: '新增规模以上工业企业100家',
          leadUnitId: miit,
          partnerUnitIds: [chengguan],
          targetValue: '100',
          targetUnit: '家',
          // added on 1 October: September (due the 24th) is not owed
          createdAt: new Date('2026-10-01T09:00:00+08:00'),
        },
        { number: '1.2', content: '推进发改委牵头的任务', leadUnitId: drc },
      ],
    });
    [taskId, otherTaskId] = plan.taskIds as [string, string];
    planId = plan.planId;
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
    supervisor = await t.login('supervisor');
  });

  it('shows each side its part: another unit gets 404, the partner sees the task with its own flags', async () => {
    expect((await dept.get(`/api/tasks/${otherTaskId}`)).statusCode).toBe(404);
    expect(
      (await dept.put(`/api/tasks/${otherTaskId}/feedback/2026-10`, { completionPct: 10, version: 0 })).statusCode,
    ).toBe(404);
    const lead = await detail(dept);
    expect(lead).toMatchObject({ myRole: 'lead', currentCycle: '2026-10', currentDueOn: '2026-10-23' });
    expect(lead.can).toMatchObject({
      writeFeedback: true,
      writePart: false,
      submit: false,
      review: false,
      rate: false,
    });
    expect(lead.writableCycles.map((c: { cycle: string }) => c.cycle)).toEqual(['2026-10']);
    const partner = await detail(district);
    expect(partner.myRole).toBe('partner');
    expect(partner.can).toMatchObject({ writeFeedback: false, writePart: true, submit: false, requestDone: false });
  });

  it('refuses bad input with Chinese field messages and writes nothing', async () => {
    const bad = await dept.put(url(), { completionPct: 101, confidence: 'great', quantValue: 'abc', version: 0 });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['completionPct', 'confidence', 'quantValue']));
    expect(bad.json().error.fields.find((f: { path: string }) => f.path === 'completionPct').message).toBe(
      '完成进度应为0—100的整数',
    );
    const future = await dept.put(url('2026-12'), { completionPct: 10, version: 0 });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([{ path: 'cycle', message: '2026年12月尚未开始填报' }]);
    const weekly = await dept.put(url('2026-W40'), { completionPct: 10, version: 0 });
    expect(weekly.json().error.fields[0].message).toBe('本方案按月反馈,周期“2026-W40”不适用');
    expect((await dept.put(url('2026-13'), { completionPct: 10, version: 0 })).statusCode).toBe(400);
    expect((await current()).feedback).toBeNull();
  });

  it('saves a draft, the partner writes its part, the lead sees it; evidence is attached', async () => {
    const saved = await dept.put(url(), {
      progress: '新增规上企业62家',
      problems: '部分企业入规意愿不强',
      nextSteps: '开展入规培育专项行动',
      completionPct: 62,
      version: 0,
    });
    expect(saved.statusCode).toBe(200);
    const fb = saved.json().cycles[0].feedback;
    expect(fb).toMatchObject({ status: 'draft', completionPct: 62, version: 1, quantValue: null });
    expect(saved.json().can.submit).toBe(true);
    // a stale version is refused
    expect((await dept.put(url(), { completionPct: 63, version: 0 })).statusCode).toBe(409);

    const part = await district.put(`${url()}/part`, {
      progress: '城关区新增入规企业18家',
      problems: '',
      nextSteps: '继续摸排小升规企业',
      version: 0,
    });
    expect(part.statusCode).toBe(200);
    const parts = (await current(dept)).parts;
    expect(parts).toMatchObject([{ unitName: '城关区人民政府', progress: '城关区新增入规企业18家', version: 1 }]);
    expect((await notices('dept_staff', 'task_part_saved'))[0]?.title).toContain('配合单位城关区人民政府');

    const up = await upload(dept, `${url()}/files`, '验收报告.pdf', PDF);
    expect(up.statusCode).toBe(201);
    const file = up.json().cycles[0].feedback.files[0];
    expect(file).toMatchObject({ name: '验收报告.pdf', caption: '验收报告', mediaType: 'application/pdf' });
    const got = await district.get(file.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    // a renamed script is refused
    const fake = await upload(dept, `${url()}/files`, 'x.pdf', Buffer.from('#!/bin/sh\nrm -rf /'));
    expect(fake.statusCode).toBe(400);
    // the partner's evidence goes on its part
    const partUp = await upload(district, `${url()}/files`, '城关区材料.pdf', PDF);
    expect(partUp.statusCode).toBe(201);
    expect(partUp.json().cycles[0].parts[0].files).toHaveLength(1);
  });

  it('a partner cannot write or submit the lead feedback nor ask for 销号 (403 with the reason)', async () => {
    const submit = await district.post(`${url()}/submit`, {});
    expect(submit.statusCode).toBe(403);
    expect(submit.json().error.details.reason).toBe('配合单位不能报送本期反馈,请由牵头单位办理');
    expect((await district.put(url(), { completionPct: 90, version: 1 })).statusCode).toBe(403);
    expect((await district.post(`/api/tasks/${taskId}/done-request`, { note: '已完成' })).statusCode).toBe(403);
    // and the lead does not write a partner's part
    expect((await dept.put(`${url()}/part`, { progress: 'x', version: 0 })).statusCode).toBe(403);
    // nor does the 督查室 review a draft
    const early = await supervisor.post(`${url()}/accept`, {});
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe('牵头单位尚未报送本期反馈');
  });

  it('submits: what is missing is listed; then the 督查室 is told; on time is recorded', async () => {
    const missing = await dept.post(`${url()}/submit`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([
      { path: 'confidence', message: '请选择推进评估' },
      { path: 'quantValue', message: '本任务有量化目标,请填写目前完成值' },
    ]);
    const v = (await current()).feedback.version;
    await dept.put(url(), {
      progress: '新增规上企业62家',
      problems: '部分企业入规意愿不强',
      nextSteps: '开展入规培育专项行动',
      completionPct: 62,
      quantValue: '62',
      confidence: 'on_track',
      version: v,
    });
    const res = await dept.post(`${url()}/submit`);
    expect(res.json().error).toBeUndefined();
    expect(res.statusCode).toBe(200);
    const fb = res.json().cycles[0].feedback;
    expect(fb).toMatchObject({ status: 'submitted', onTime: true, quantValue: '62', confidence: 'on_track' });
    expect(res.json().can.submit).toBe(false);
    const told = await notices('supervisor', 'task_feedback_submitted');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ link: `/tasks/t/${taskId}` });
    expect(told[0]!.title).toContain('2026年10月');
    // under review: the lead cannot change it
    const edit = await dept.put(url(), { completionPct: 70, version: fb.version });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error.message).toContain('正在等待督查室审核');
    expect((await dept.post(`${url()}/submit`)).json().error.message).toBe('本期反馈已报送,请勿重复报送');
  });

  it('the 督查室 returns it with a comment; the unit edits and resubmits late; first submission still counts', async () => {
    expect((await dept.post(`${url()}/return`, { comment: '不行' })).statusCode).toBe(403);
    const noComment = await supervisor.post(`${url()}/return`, { comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.fields).toEqual([{ path: 'comment', message: '请填写退回意见' }]);
    const ret = await supervisor.post(`${url()}/return`, { comment: '请补充各区县分布情况' });
    expect(ret.statusCode).toBe(200);
    expect(ret.json().cycles[0].feedback).toMatchObject({ status: 'returned', returnComment: '请补充各区县分布情况' });
    expect(ret.json().can.review).toBe(false);
    const told = await notices('dept_staff', 'task_feedback_returned');
    expect(told[0]).toMatchObject({ body: '请补充各区县分布情况' });

    // Monday 26 October: past the due day
    setClock(t.clock, '2026-10-26T09:00');
    dept = await t.login('dept_staff');
    district = await t.login('district_staff');
    supervisor = await t.login('supervisor');
    const d = await detail();
    // returned and not resubmitted by the due day: the task is red for October
    expect(d.status).toBe('red');
    expect(d.reasons[0].code).toBe('feedback_returned');
    expect(d.writableCycles.map((c: { cycle: string }) => c.cycle)).toEqual(['2026-10']);
    const fb = d.cycles.find((c: { cycle: string }) => c.cycle === '2026-10').feedback;
    await dept.put(url(), {
      progress: '新增规上企业62家,其中城关区18家、新城区20家',
      problems: '部分企业入规意愿不强',
      nextSteps: '开展入规培育专项行动',
      completionPct: 62,
      quantValue: '62',
      confidence: 'on_track',
      version: fb.version,
    });
    const again = await dept.post(`${url()}/submit`, { version: fb.version + 1 });
    expect(again.statusCode).toBe(200);
    const after = again.json().cycles.find((c: { cycle: string }) => c.cycle === '2026-10').feedback;
    expect(after.status).toBe('submitted');
    expect(after.firstSubmittedAt).toBe(fb.firstSubmittedAt);
    expect(after.onTime).toBe(true);
    expect(again.json().status).not.toBe('red');
  });

  it('accepting locks it: any edit, part or file is refused with a clear message', async () => {
    const acc = await supervisor.post(`${url()}/accept`, {});
    expect(acc.statusCode).toBe(200);
    const fb = acc.json().cycles.find((c: { cycle: string }) => c.cycle === '2026-10').feedback;
    expect(fb).toMatchObject({ status: 'accepted', reviewedByName: '钱督查' });
    expect(acc.json().lastAcceptedOn).toBe('2026-10-26');
    const edit = await dept.put(url(), { completionPct: 70, version: fb.version });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error).toMatchObject({
      code: 'RULE_VIOLATED',
      message: '本期反馈已被督查室采纳,已锁定,不能再修改',
    });
    const part = await district.put(`${url()}/part`, { progress: '补充', version: 1 });
    expect(part.statusCode).toBe(422);
    expect(part.json().error.message).toBe('本期反馈已被督查室采纳,配合单位材料已锁定,不能再修改');
    expect((await upload(dept, `${url()}/files`, 'b.pdf', PDF)).statusCode).toBe(422);
    const del = await dept.delete(`/api/tasks/${taskId}/files/${fb.files[0].id}`);
    expect(del.statusCode).toBe(422);
    expect((await supervisor.post(`${url()}/return`, { comment: '再改改' })).statusCode).toBe(422);
    expect((await dept.get(`/api/tasks/${taskId}`)).json().can.review).toBe(false);
    expect((await notices('dept_staff', 'task_feedback_accepted')).length).toBe(1);
  });

  it('the two ratings side by side; a divergence is flagged', async () => {
    const d = await detail(supervisor);
    expect(d).toMatchObject({ unitConfidence: 'on_track', supervisorRating: null, ratingsDivergent: false });
    expect(d.can.rate).toBe(true);
    expect(
      (await dept.put(`/api/tasks/${taskId}/rating`, { rating: 'off_track', version: d.version })).statusCode,
    ).toBe(403);
    const rated = await supervisor.put(`/api/tasks/${taskId}/rating`, { rating: 'at_risk', version: d.version });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({
      unitConfidence: 'on_track',
      supervisorRating: 'at_risk',
      ratingsDivergent: true,
    });
    const stale = await supervisor.put(`/api/tasks/${taskId}/rating`, { rating: 'on_track', version: d.version });
    expect(stale.statusCode).toBe(409);
    const list = (await supervisor.get(`/api/tasks?planId=${planId}&q=新增规模以上工业企业`)).json();
    expect(list.items[0]).toMatchObject({ ratingsDivergent: true, supervisorRating: 'at_risk' });
    const same = await supervisor.put(`/api/tasks/${taskId}/rating`, {
      rating: 'on_track',
      version: rated.json().version,
    });
    expect(same.json().ratingsDivergent).toBe(false);
  });

  it('销号: the lead asks with evidence, the 督查室 refuses with a reason, then confirms', async () => {
    const noNote = await dept.post(`/api/tasks/${taskId}/done-request`, { note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields).toEqual([{ path: 'note', message: '请填写销号申请说明' }]);
    expect((await supervisor.post(`/api/tasks/${taskId}/done-confirm`)).json().error.message).toBe(
      '牵头单位尚未申请销号',
    );
    const ev = await upload(dept, `/api/tasks/${taskId}/done-request/files`, '完成证明.pdf', PDF);
    expect(ev.statusCode).toBe(201);
    expect(ev.json().doneFiles).toHaveLength(1);
    const asked = await dept.post(`/api/tasks/${taskId}/done-request`, { note: '全年目标已提前完成' });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({
      doneRequestNote: '全年目标已提前完成',
      status: expect.not.stringMatching('done'),
    });
    expect(asked.json().can.requestDone).toBe(false);
    expect((await dept.post(`/api/tasks/${taskId}/done-request`, { note: '再申请' })).statusCode).toBe(422);
    expect((await notices('supervisor', 'task_done_requested')).length).toBe(1);
    // the unit cannot confirm its own 销号
    expect((await dept.post(`/api/tasks/${taskId}/done-confirm`)).statusCode).toBe(403);
    const sd = await detail(supervisor);
    expect(sd.can).toMatchObject({ confirmDone: true });

    expect((await supervisor.post(`/api/tasks/${taskId}/done-refuse`, {})).statusCode).toBe(400);
    const refused = await supervisor.post(`/api/tasks/${taskId}/done-refuse`, { reason: '完成值仅62家,未达目标' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ doneRequestedAt: null, doneRefusedReason: '完成值仅62家,未达目标' });
    expect((await notices('dept_staff', 'task_done_refused'))[0]?.body).toBe('完成值仅62家,未达目标');

    await dept.post(`/api/tasks/${taskId}/done-request`, { note: '已达100家,附统计局确认' });
    const done = await supervisor.post(`/api/tasks/${taskId}/done-confirm`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneConfirmedByName: '钱督查', doneRefusedReason: null });
    expect(done.json().reasons[0].zh).toBe('已于2026年10月26日销号');
    expect((await supervisor.post(`/api/tasks/${taskId}/done-confirm`)).statusCode).toBe(422);
    // a done task takes no more feedback
    // (on 26 October the open cycle is November)
    const late = await dept.put(url('2026-11'), { completionPct: 100, version: 0 });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe('任务已销号,不能再填报');
    expect((await detail(dept)).can).toMatchObject({ writeFeedback: false, submit: false, requestDone: false });
  });

  it('keeps every step in the history and the audit trail', async () => {
    const d = await detail(supervisor);
    const actions = d.events.map((e: { action: string }) => e.action);
    for (const a of [
      'feedback_saved',
      'part_saved',
      'file_added',
      'feedback_submitted',
      'feedback_returned',
      'feedback_accepted',
      'rated',
      'done_requested',
      'done_refused',
      'done_confirmed',
    ]) {
      expect(actions).toContain(a);
    }
    const returned = d.events.find((e: { action: string }) => e.action === 'feedback_returned');
    expect(returned).toMatchObject({ note: '2026年10月:请补充各区县分布情况', byName: '钱督查' });
    const audit = await rawRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_records where entity_type = 'task' and entity_id = ${taskId} order by id`,
    );
    const names = audit.map((a) => a.action);
    for (const a of [
      'task_feedback.save',
      'task_feedback.part_save',
      'task.file_add',
      'task_feedback.submit',
      'task_feedback.return',
      'task_feedback.accept',
      'task.rate',
      'task.done_request',
      'task.done_refuse',
      'task.done_confirm',
    ]) {
      expect(names).toContain(a);
    }
  });
});
