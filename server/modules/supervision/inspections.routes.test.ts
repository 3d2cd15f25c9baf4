import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import { addDays } from '../../../domain/common/calendar.ts';
import { weekOfInstant } from '../../../domain/common/iso-week.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

/** A small JPEG whose EXIF says when and where it was taken (as the weekly-report photo tests build one). */
async function photo(opts: { at: string | null; lat?: number; lng?: number; shade?: number }) {
  const img = sharp({
    create: { width: 80, height: 60, channels: 3, background: { r: opts.shade ?? 90, g: 140, b: 110 } },
  }).jpeg();
  if (!opts.at) return img.toBuffer();
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  return img
    .withExif({
      IFD2: { DateTimeOriginal: opts.at },
      ...(opts.lat !== undefined && opts.lng !== undefined
        ? {
            IFD3: {
              GPSLatitudeRef: 'N',
              GPSLatitude: dms(opts.lat),
              GPSLongitudeRef: 'E',
              GPSLongitude: dms(opts.lng),
            },
          }
        : {}),
    })
    .toBuffer();
}
const exifDate = (isoDate: string, time = '10:30:00') => `${isoDate.replaceAll('-', ':')} ${time}`;

const CHENGGUAN = '城关区人民政府';

type Item = { id: string; label: string; answerType: string };

describe.each(ENGINES)('inspections (督查), findings and rectifications on %s', (engine) => {
  const t = useTestApp(engine);
  let supervisor: Client;
  let coordinator: Client;
  let assessor: Client;
  let district: Client;
  let dept: Client;
  let chengguan: string;
  let today: string;
  let id: string;
  let version: number;
  let items: Record<string, Item>;
  let teamA: string;
  let teamB: string;
  /** a project that reported investment this year, and its target */
  let project: { projectId: string; projectName: string; investedYtd: string; unitName: string };
  let targetId: string;
  let findingId: string;
  let rectId: string;

  const idOf = (label: string) => items[label]!.id;

  const signIn = async () => {
    supervisor = await t.login('supervisor');
    coordinator = await t.login('coordinator');
    assessor = await t.login('assessor');
    district = await t.login('district_staff');
    dept = await t.login('dept_staff');
  };

  beforeAll(async () => {
    await signIn();
    chengguan = await t.unitId(CHENGGUAN);
    today = businessDate(t.clock.now());
    // the projects that reported this year; one of 城关区 if there is one (its staff then rectify by default)
    const week = weekOfInstant(t.clock.now());
    const board = (await coordinator.get(`/api/dispatch/reports?week=${week}&pageSize=200`)).json();
    const reported = board.items.filter((r: { investedYtd: string }) => Number(r.investedYtd) > 0) as {
      projectId: string;
      projectName: string;
      investedYtd: string;
      responsibleUnitName: string;
    }[];
    expect(reported.length).toBeGreaterThan(0);
    const pick = reported.find((r) => r.responsibleUnitName === CHENGGUAN) ?? reported[0]!;
    project = {
      projectId: pick.projectId,
      projectName: pick.projectName,
      investedYtd: pick.investedYtd,
      unitName: pick.responsibleUnitName,
    };
  });

  it('creates a campaign; bad dates are refused', async () => {
    const bad = await supervisor.post('/api/inspections', {
      title: '重点项目拉网式督查',
      kind: 'sweep',
      startsOn: today,
      endsOn: addDays(today, -1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'endsOn', message: '结束日期不能早于开始日期' }]);
    const body = { title: '专项督查', kind: 'special', startsOn: today, endsOn: today };
    expect((await coordinator.post('/api/inspections', body)).statusCode).toBe(403);
    const res = await supervisor.post('/api/inspections', {
      title: '2026年第四季度重点项目拉网式督查',
      kind: 'sweep',
      startsOn: addDays(today, -2),
      endsOn: addDays(today, 20),
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ status: 'active', kind: 'sweep', checklist: [], teams: [], can: { manage: true } });
    id = c.id;
    version = c.version;
  });

  it('sets the checklist, refusing a comparison on the wrong answer type', async () => {
    const bad = await supervisor.put(`/api/inspections/${id}/checklist`, {
      version,
      items: [
        { label: '实际完成投资(万元)', answerType: 'text', compareTo: 'reported_investment' },
        { label: '是否开工', answerType: 'yes_no' },
        { label: '是否开工', answerType: 'yes_no' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'items.0.answerType', message: '对照上报完成投资的检查项,答案类型应为“数值”' },
      { path: 'items.2.label', message: '与第2项重复' },
    ]);
    const res = await supervisor.put(`/api/inspections/${id}/checklist`, {
      version,
      items: [
        { label: '是否开工', answerType: 'yes_no' },
        { label: '现场施工人数', answerType: 'number' },
        { label: '实际完成投资(万元)', answerType: 'number', compareTo: 'reported_investment' },
        { label: '形象进度是否与上报一致', answerType: 'yes_no', compareTo: 'reported_progress' },
        { label: '现场照片', answerType: 'photo' },
        { label: '其他情况', answerType: 'text', required: false },
      ],
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    version = c.version;
    expect(c.checklist.map((i: Item) => i.label)).toEqual([
      '是否开工',
      '现场施工人数',
      '实际完成投资(万元)',
      '形象进度是否与上报一致',
      '现场照片',
      '其他情况',
    ]);
    items = Object.fromEntries(c.checklist.map((i: Item) => [i.label, i]));
    // a stale version changes nothing
    const stale = await supervisor.put(`/api/inspections/${id}/checklist`, { version: version - 1, items: [] });
    expect(stale.statusCode).toBe(409);
  });

  it('forms joint teams of users who may record', async () => {
    const leaderId = await t.userId('leader');
    const bad = await supervisor.post(`/api/inspections/${id}/teams`, {
      name: '第一督查组',
      unitIds: [],
      memberUserIds: [leaderId],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'memberUserIds.0', message: '李明远没有录入督查记录的权限' }]);
    const drc = await t.unitId('示范市发展和改革委员会').catch(() => null);
    const a = await supervisor.post(`/api/inspections/${id}/teams`, {
      name: '第一督查组',
      leaderName: '钱督查',
      unitIds: drc ? [drc] : [],
      memberUserIds: [await t.userId('coordinator'), await t.userId('supervisor')],
    });
    expect(a.statusCode).toBe(200);
    const b = await supervisor.post(`/api/inspections/${id}/teams`, {
      name: '第二督查组',
      unitIds: [],
      memberUserIds: [await t.userId('assessor')],
    });
    const teams = b.json().teams;
    expect(teams.map((x: { name: string }) => x.name)).toEqual(['第一督查组', '第二督查组']);
    teamA = teams[0].id;
    teamB = teams[1].id;
    expect(teams[0].members.map((m: { name: string }) => m.name)).toEqual(['孙项目', '钱督查']);
  });

  it('adds targets by batch and by hand, skipping those already in, and assigns them to teams', async () => {
    const options = (await supervisor.get('/api/inspections/options')).json();
    expect(options.batches.length).toBeGreaterThan(0);
    const batch = options.batches[0];
    const byBatch = await supervisor.post(`/api/inspections/${id}/targets`, {
      scope: { kind: 'projects_batch', batch: batch.batch },
      teamId: teamB,
    });
    expect(byBatch.statusCode).toBe(200);
    expect(byBatch.json().added).toBe(batch.projects);
    const none = await supervisor.post(`/api/inspections/${id}/targets`, {
      scope: { kind: 'projects_batch', batch: '不存在的批次' },
    });
    expect(none.json().error.fields).toEqual([{ path: 'scope.batch', message: '该开工批次没有项目' }]);
    const byHand = await supervisor.post(`/api/inspections/${id}/targets`, {
      scope: { kind: 'list', objects: [{ objectType: 'project', objectId: project.projectId }] },
    });
    expect(byHand.statusCode).toBe(200);
    const again = await supervisor.post(`/api/inspections/${id}/targets`, {
      scope: { kind: 'list', objects: [{ objectType: 'project', objectId: project.projectId }] },
    });
    expect(again.json()).toEqual({ added: 0, skipped: 1 });
    const all = (await supervisor.get(`/api/inspections/${id}/targets`)).json();
    expect(all.total).toBe(batch.projects + byHand.json().added);
    targetId = all.items.find((x: { objectId: string }) => x.objectId === project.projectId).id;
    const assigned = await supervisor.post(`/api/inspections/${id}/targets/assign`, {
      targetIds: [targetId],
      teamId: teamA,
    });
    expect(assigned.json()).toEqual({ added: 1, skipped: 0 });
    const mine = (await coordinator.get(`/api/inspections/${id}/targets?mine=true`)).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([targetId]);
    expect(mine.items[0].can.record).toBe(true);
    const detail = (await supervisor.get(`/api/inspections/${id}`)).json();
    expect(detail.scope.picks.map((p: { kind: string }) => p.kind)).toEqual(['projects_batch', 'list', 'list']);
  });

  it('lets only a member of the target’s team record; a unit outside sees nothing', async () => {
    expect((await dept.get(`/api/inspections/${id}`)).statusCode).toBe(404);
    expect((await dept.get('/api/inspections')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    const body = { answers: {}, inspectedOn: today, version: null };
    const other = await assessor.put(`/api/inspections/${id}/targets/${targetId}/finding`, body);
    expect(other.statusCode).toBe(403);
    expect((await dept.put(`/api/inspections/${id}/targets/${targetId}/finding`, body)).statusCode).toBe(404);
  });

  it('refuses bad answers field by field and changes nothing', async () => {
    const res = await coordinator.put(`/api/inspections/${id}/targets/${targetId}/finding`, {
      answers: {
        [idOf('是否开工')]: '是',
        [idOf('现场施工人数')]: -5,
        [idOf('实际完成投资(万元)')]: 'abc',
      },
      inspectedOn: addDays(today, 1),
      version: null,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: `answers.${idOf('是否开工')}`, message: '“是否开工”只能回答是或否' },
      { path: `answers.${idOf('现场施工人数')}`, message: '“现场施工人数”不能为负数' },
      { path: `answers.${idOf('实际完成投资(万元)')}`, message: '“实际完成投资(万元)”应为数字' },
      { path: `answers.${idOf('形象进度是否与上报一致')}`, message: '请选择“形象进度是否与上报一致”:是或否' },
      { path: 'inspectedOn', message: '检查日期不能晚于今天' },
    ]);
    const after = (await coordinator.get(`/api/inspections/${id}/targets/${targetId}`)).json();
    expect(after.detail).toBeNull();
    expect(after.reported).toMatchObject({ investedYtd: project.investedYtd });
  });

  it('records a finding; an investment that differs from the reports flags them', async () => {
    const seen = Math.round(Number(project.investedYtd) * 0.5 * 100) / 100;
    const body = {
      answers: {
        [idOf('是否开工')]: true,
        [idOf('现场施工人数')]: 35,
        [idOf('实际完成投资(万元)')]: seen,
        [idOf('形象进度是否与上报一致')]: true,
        [idOf('其他情况')]: '现场塔吊2台,部分作业面停工',
      },
      problemKinds: ['safety'],
      note: '完成投资与上报差距较大,脚手架防护不到位',
      inspectedOn: today,
      version: null,
    };
    const res = await coordinator.put(`/api/inspections/${id}/targets/${targetId}/finding`, body);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.finding).toMatchObject({ problemKinds: ['investment_mismatch', 'safety'], complete: false });
    expect(d.detail).toMatchObject({ missing: [idOf('现场照片')], version: 1, recordedByName: '孙项目' });
    expect(d.mismatches).toEqual([
      expect.objectContaining({ kind: 'investment_mismatch', itemId: idOf('实际完成投资(万元)') }),
    ]);
    findingId = d.detail.id;
    const flagged = await rawRows<{ week: string; inspection_flag: string }>(
      t.ctx.db,
      sql`select week, inspection_flag from weekly_reports where project_id = ${project.projectId}
        and inspection_flag like ${'%2026年第四季度重点项目拉网式督查%'} order by week`,
    );
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged[0]!.inspection_flag).toContain('督查核实完成投资');
    // the weekly report says so
    const report = (
      await coordinator.get(`/api/dispatch/projects/${project.projectId}/reports/${flagged.at(-1)!.week}`)
    ).json();
    expect(report.inspectionFlag.note).toContain('2026年第四季度重点项目拉网式督查');
    // a second save with the version read, and a stale one
    const stale = await coordinator.put(`/api/inspections/${id}/targets/${targetId}/finding`, body);
    expect(stale.statusCode).toBe(409);
    const again = await coordinator.put(`/api/inspections/${id}/targets/${targetId}/finding`, { ...body, version: 1 });
    expect(again.json().detail.version).toBe(2);
  });

  it('takes photos on the saved finding, with the EXIF result, as the photo item’s answer', async () => {
    const url = `/api/inspections/${id}/targets/${targetId}/finding/photos`;
    const send = async (bytes: Buffer, query = '') => {
      const { payload, contentType } = multipart([
        { name: 'file', filename: 'site.jpg', contentType: 'image/jpeg', data: bytes },
      ]);
      return coordinator.post(`${url}${query}`, payload, { 'content-type': contentType });
    };
    const projects = (await supervisor.get(`/api/projects/${project.projectId}`)).json();
    const lat = projects.latitude ?? 34.26;
    const lng = projects.longitude ?? 108.94;
    const good = await send(await photo({ at: exifDate(today), lat, lng }), `?itemId=${idOf('现场照片')}`);
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ verified: true, issues: [] });
    const old = await send(await photo({ at: exifDate(addDays(today, -30)), shade: 20 }));
    expect(old.statusCode).toBe(201);
    expect(old.json().verified).toBe(false);
    expect(old.json().issues.map((i: { code: string }) => i.code)).toContain('outside_day');
    const notPhoto = await send(Buffer.from('not an image'));
    expect(notPhoto.statusCode).toBe(400);
    const wrongItem = await send(await photo({ at: null }), `?itemId=${idOf('是否开工')}`);
    expect(wrongItem.json().error.fields).toEqual([{ path: 'itemId', message: '该检查项不是照片类' }]);

    const d = (await coordinator.get(`/api/inspections/${id}/targets/${targetId}`)).json();
    expect(d.detail.photos).toHaveLength(2);
    expect(d.detail.answers[idOf('现场照片')]).toEqual([good.json().id]);
    expect(d.detail.missing).toEqual([]);
    expect(d.finding.complete).toBe(true);
    const thumb = await supervisor.get(`${good.json().thumbUrl}`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');

    // another target: no finding yet, no photo
    const other = (await supervisor.get(`/api/inspections/${id}/targets`))
      .json()
      .items.find((x: { id: string }) => x.id !== targetId);
    await supervisor.post(`/api/inspections/${id}/targets/assign`, { targetIds: [other.id], teamId: teamA });
    const { payload, contentType } = multipart([
      { name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: await photo({ at: null }) },
    ]);
    const early = await coordinator.post(`/api/inspections/${id}/targets/${other.id}/finding/photos`, payload, {
      'content-type': contentType,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe('请先保存检查结果,再上传照片');
  });

  it('opens a rectification; the unit submits, the team rejects, the unit resubmits, the team verifies', async () => {
    const byOther = await assessor.post(`/api/inspection-findings/${findingId}/rectifications`, {
      requirement: '整改',
      dueOn: addDays(today, 10),
    });
    expect(byOther.statusCode).toBe(403);
    const past = await coordinator.post(`/api/inspection-findings/${findingId}/rectifications`, {
      requirement: '完善脚手架安全防护,如实报送完成投资',
      dueOn: addDays(today, -1),
    });
    expect(past.json().error.fields).toEqual([{ path: 'dueOn', message: '整改期限不能早于今天' }]);
    // the default unit is the target's
    const byDefault = await coordinator.post(`/api/inspection-findings/${findingId}/rectifications`, {
      requirement: '如实报送完成投资,更正周报',
      dueOn: addDays(today, 1),
    });
    expect(byDefault.statusCode).toBe(201);
    expect(byDefault.json()).toMatchObject({ unitName: project.unitName, status: 'open', overdue: false });
    const res = await coordinator.post(`/api/inspection-findings/${findingId}/rectifications`, {
      unitId: chengguan,
      requirement: '完善脚手架安全防护',
      dueOn: addDays(today, 10),
    });
    expect(res.statusCode).toBe(201);
    rectId = res.json().id;
    expect(res.json()).toMatchObject({ unitId: chengguan, objectLabel: project.projectName, can: { submit: false } });

    const mine = (await district.get('/api/rectifications?mine=true&pageSize=200')).json();
    expect(mine.items.map((r: { id: string }) => r.id)).toContain(rectId);
    const r0 = mine.items.find((r: { id: string }) => r.id === rectId);
    expect(r0.can).toEqual({ submit: true, verify: false, reject: false, addFile: true });
    expect((await dept.get(`/api/rectifications/${rectId}`)).statusCode).toBe(404);

    // evidence file, then the text
    const { payload, contentType } = multipart([
      { name: 'file', filename: '整改照片.jpg', contentType: 'image/jpeg', data: await photo({ at: null, shade: 5 }) },
    ]);
    const filed = await district.post(`/api/rectifications/${rectId}/files`, payload, { 'content-type': contentType });
    expect(filed.statusCode).toBe(201);
    expect(filed.json().files).toHaveLength(1);
    const fileGet = await district.get(filed.json().files[0].url);
    expect(fileGet.statusCode).toBe(200);

    const early = await coordinator.post(`/api/rectifications/${rectId}/verify`, { version: 1 });
    expect(early.statusCode).toBe(422);
    const submitted = await district.post(`/api/rectifications/${rectId}/submit`, {
      evidence: '已增设防护网和踢脚板,经安监站复查合格。',
      version: 1,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', submittedByName: '吴城关' });
    expect((await district.post(`/api/rectifications/${rectId}/verify`, { version: 2 })).statusCode).toBe(403);
    const noReason = await coordinator.post(`/api/rectifications/${rectId}/reject`, { reason: '', version: 2 });
    expect(noReason.statusCode).toBe(400);
    const rejected = await coordinator.post(`/api/rectifications/${rectId}/reject`, {
      reason: '未附复查记录',
      version: 2,
    });
    expect(rejected.json()).toMatchObject({ status: 'open', rejectReason: '未附复查记录' });
    const resubmitted = await district.post(`/api/rectifications/${rectId}/submit`, {
      evidence: '已补充安监站复查记录。',
      version: 3,
    });
    expect(resubmitted.json().status).toBe('submitted');
    const verified = await coordinator.post(`/api/rectifications/${rectId}/verify`, { version: 4 });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'closed', verifiedByName: '孙项目' });
    const bell = (await district.get('/api/notifications')).json();
    expect(bell.items.filter((n: { link: string }) => n.link?.endsWith(rectId)).length).toBeGreaterThanOrEqual(3);
    const audits = await rawRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_records where entity_type = 'rectification' and entity_id = ${rectId} order by at`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'rectification.open',
      'rectification.file_add',
      'rectification.submit',
      'rectification.reject',
      'rectification.submit',
      'rectification.verify',
    ]);
  });

  it('reports the counts and the lists, and the .docx says the same', async () => {
    // the default-unit rectification falls due tomorrow: two days on it is overdue
    t.clock.advanceMinutes(2 * 24 * 60);
    await signIn();
    try {
      const res = await supervisor.get(`/api/inspections/${id}/report`);
      expect(res.statusCode).toBe(200);
      const r = res.json();
      const targets = (await supervisor.get(`/api/inspections/${id}/targets`)).json().total;
      expect(r.counts).toMatchObject({
        targets,
        inspected: 1,
        notInspected: targets - 1,
        withProblems: 1,
        mismatches: 1,
        rectifications: { total: 2, open: 1, submitted: 0, closed: 1, overdue: 1 },
      });
      expect(r.counts.problemsByKind).toEqual({
        not_started: 0,
        progress_mismatch: 0,
        investment_mismatch: 1,
        safety: 1,
        other: 0,
      });
      expect(r.lists.problems).toEqual([expect.objectContaining({ objectLabel: project.projectName })]);
      expect(r.lists.rectified).toEqual([expect.objectContaining({ requirement: '完善脚手架安全防护' })]);
      expect(r.lists.overdue).toEqual([expect.objectContaining({ requirement: '如实报送完成投资,更正周报' })]);
      expect(r.lists.notInspected).toHaveLength(targets - 1);
      expect(r.byTeam.map((x: { teamName: string }) => x.teamName)).toEqual(['第一督查组', '第二督查组']);

      const docx = await supervisor.get(`/api/inspections/${id}/report.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(docx.rawPayload);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      expect(text).toContain('关于2026年第四季度重点项目拉网式督查情况的通报');
      expect(text).toContain(`共安排检查对象${targets}个,已检查1个`);
      expect(text).toContain('逾期未完成1件');
      expect(text).toContain(project.projectName);
      expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);

      // the unit's overdue item shows as overdue in its list
      const overdue = (await supervisor.get(`/api/rectifications?inspectionId=${id}&overdue=true`)).json();
      expect(overdue.total).toBe(1);
      expect((await dept.get(`/api/inspections/${id}/report`)).statusCode).toBe(404);
    } finally {
      t.clock.advanceMinutes(-2 * 24 * 60);
      await signIn();
    }
  });

  it('keeps answered checklist items and refuses changing their type', async () => {
    const c = (await supervisor.get(`/api/inspections/${id}`)).json();
    const res = await supervisor.put(`/api/inspections/${id}/checklist`, {
      version: c.version,
      items: c.checklist
        .filter((i: Item) => i.label !== '是否开工')
        .map((i: Item & { compareTo: string | null; required: boolean }) => ({
          id: i.id,
          label: i.label,
          answerType: i.label === '现场施工人数' ? 'text' : i.answerType,
          compareTo: i.compareTo,
          required: i.required,
        })),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'items.0.answerType', message: '该检查项已有检查记录,不能修改答案类型或对照项' },
      { path: 'items', message: '“是否开工”已有检查记录,不能删除' },
    ]);
  });
});
