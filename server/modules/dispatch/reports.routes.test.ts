import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/common/calendar.ts';
import { addWeeks, weekOfInstant, weekStart } from '../../../domain/common/iso-week.ts';
import { formatWan, parseWan } from '../../../domain/common/money.ts';
import { rawRows } from '../../platform/db/database.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

/** A small JPEG whose EXIF says when and where it was taken (null: no EXIF at all). */
async function photo(opts: { at: string | null; lat?: number; lng?: number; shade?: number }) {
  const img = sharp({
    create: { width: 80, height: 60, channels: 3, background: { r: opts.shade ?? 90, g: 120, b: 150 } },
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

describe.each(ENGINES)('weekly reports on %s', (engine) => {
  const t = useTestApp(engine);
  let commissioner: Client;
  let coordinator: Client;
  let week: string;
  let projectId: string;
  let secondProjectId: string;
  const url = (id: string, w = week) => `/api/dispatch/projects/${id}/reports/${w}`;
  const figures = {
    investedThisWeek: '35.50',
    visibleProgress: '主体结构施工至第6层',
    workersOnSite: 86,
    milestone: null,
  };

  beforeAll(async () => {
    // Wednesday 10:00 (China time) of the current week: before the Friday deadline whatever day the suite runs
    week = weekOfInstant(new Date());
    const wednesday = new Date(`${addDays(weekStart(week), 2)}T10:00:00+08:00`);
    t.clock.advanceMinutes((wednesday.getTime() - Date.now()) / 60_000);
    commissioner = await t.login('commissioner');
    coordinator = await t.login('coordinator');
  });

  it('lists every reporting project of the week with counts that add up', async () => {
    const res = await commissioner.get(`/api/dispatch/reports?week=${week}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.week).toBe(week);
    expect(b.weekLabel).toMatch(/^\d{4}年第\d+周/);
    expect(b.counts.expected).toBe(b.total);
    expect(b.counts.expected).toBeGreaterThan(2);
    const c = b.counts;
    expect(c.submitted + c.returned + c.draft + c.none).toBe(c.expected);
    for (const r of b.items) expect(['preparation', 'under_construction']).toContain(r.stage);
    const none = b.items.filter((r: { status: string }) => r.status === 'none');
    expect(none.length).toBeGreaterThan(1);
    projectId = none[0].projectId;
    secondProjectId = none[1].projectId;
    // a status filter narrows the rows but not the counts
    const filtered = (await commissioner.get(`/api/dispatch/reports?week=${week}&status=none&pageSize=200`)).json();
    expect(filtered.total).toBe(c.none);
    expect(filtered.counts).toEqual(c);
  });

  it('offers a new report pre-filled from the last one, with nothing typed for the amount', async () => {
    const r = (await commissioner.get(url(projectId))).json();
    expect(r).toMatchObject({ id: null, status: 'none', timing: 'pending', investedThisWeek: '', version: null });
    expect(r.can).toMatchObject({ edit: true, submit: true, addPhoto: false });
    const last = (await coordinator.get(url(projectId, addWeeks(week, -1)))).json();
    if (last.id) {
      expect(r.prefilled).toBe(true);
      expect(r.visibleProgress).toBe(last.visibleProgress);
      expect(r.workersOnSite).toBe(last.workersOnSite);
    }
  });

  it('refuses bad figures with field messages and writes nothing', async () => {
    const before = (await commissioner.get(url(projectId))).json();
    const neg = await commissioner.put(url(projectId), { ...figures, investedThisWeek: '-1' });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.fields).toEqual([{ path: 'investedThisWeek', message: '本周完成投资不能为负数' }]);
    const tooMuch = await commissioner.put(url(projectId), {
      ...figures,
      investedThisWeek: formatWan(parseWan(before.pacing.remainingInvestment)! + 1n),
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields[0]).toMatchObject({ path: 'investedThisWeek' });
    expect(tooMuch.json().error.fields[0].message).toContain('超过项目剩余投资');
    const future = await commissioner.put(url(projectId, addWeeks(week, 1)), figures);
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([{ path: 'week', message: '不能填报未来的周次' }]);
    const workers = await commissioner.put(url(projectId), { ...figures, workersOnSite: 2.5 });
    expect(workers.statusCode).toBe(400);
    expect((await commissioner.get(url(projectId))).json().id).toBeNull();
  });

  it('saves a draft, then submits it; the year cumulative counts it only once submitted', async () => {
    const before = (await commissioner.get(url(projectId))).json();
    const draft = await commissioner.put(url(projectId), figures);
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', version: 1, investedThisWeek: '35.50', timing: 'pending' });
    expect(draft.json().pacing.investedYtd).toBe(before.pacing.investedYtd);
    const sub = await commissioner.put(url(projectId), { ...figures, version: 1, submit: true });
    expect(sub.statusCode).toBe(200);
    const r = sub.json();
    expect(r).toMatchObject({ status: 'submitted', version: 2, timing: 'on_time' });
    expect(parseWan(r.pacing.investedYtd)).toBe(parseWan(before.pacing.investedYtd)! + 3550n);
    expect(r.firstSubmittedAt).not.toBeNull();
    expect(r.can.review).toBe(false);
    expect((await coordinator.get(url(projectId))).json().can.review).toBe(true);
  });

  it('refuses a second report for the same week, and a stale version', async () => {
    const second = await commissioner.put(url(projectId), { ...figures, investedThisWeek: '1.00' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CONFLICT');
    const stale = await commissioner.put(url(projectId), { ...figures, version: 1, submit: true });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_WRITE');
  });

  it('stores one report when the same form is sent twice at once', async () => {
    const body = { ...figures, investedThisWeek: '12.00', submit: true };
    const [a, b] = await Promise.all([
      commissioner.put(url(secondProjectId), body),
      commissioner.put(url(secondProjectId), body),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().id).toBe(b.json().id);
    expect(a.json().version).toBe(1);
    const rows = await rawRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from weekly_reports where project_id = ${secondProjectId} and week = ${week}`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('goes through return, resubmission and acceptance; the first submission time is kept', async () => {
    const sub = (await commissioner.get(url(projectId))).json();
    const noReason = await coordinator.post(`/api/dispatch/reports/${sub.id}/return`, {
      version: sub.version,
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const ret = await coordinator.post(`/api/dispatch/reports/${sub.id}/return`, {
      version: sub.version,
      reason: '本周完成投资与监理月报不符,请核实',
    });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', returnedReason: '本周完成投资与监理月报不符,请核实' });
    const told = await rawRows<{ body: string; link: string }>(
      t.ctx.db,
      sql`select n.body, n.link from notifications n join users u on u.id = n.user_id
          where u.username = 'commissioner' and n.kind = 'report_returned'`,
    );
    expect(told).toEqual([
      { body: '本周完成投资与监理月报不符,请核实', link: `/dispatch/projects/${projectId}/reports/${week}` },
    ]);
    const seen = (await commissioner.get(url(projectId))).json();
    expect(seen.can.submit).toBe(true);
    const again = await commissioner.put(url(projectId), {
      ...figures,
      investedThisWeek: '30.00',
      version: seen.version,
      submit: true,
    });
    expect(again.json()).toMatchObject({ status: 'submitted', investedThisWeek: '30.00', returnedReason: null });
    expect(again.json().firstSubmittedAt).toBe(sub.firstSubmittedAt);
    const acc = await coordinator.post(`/api/dispatch/reports/${sub.id}/accept`, { version: again.json().version });
    expect(acc.json()).toMatchObject({ status: 'accepted', reviewedByName: expect.any(String) });
    const twice = await coordinator.post(`/api/dispatch/reports/${sub.id}/accept`, { version: acc.json().version });
    expect(twice.statusCode).toBe(422);
    const locked = await commissioner.put(url(projectId), { ...figures, version: acc.json().version, submit: true });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().error.message).toContain('更正申请');
  });

  it('changes an accepted report only through an approved amendment, keeping both versions', async () => {
    const r = (await commissioner.get(url(projectId))).json();
    expect(r.can.amend).toBe(true);
    const ask = await commissioner.post(`/api/dispatch/reports/${r.id}/amendments`, {
      ...figures,
      investedThisWeek: '32.00',
      version: r.version,
      reason: '补录监理确认的钢筋进场款',
    });
    expect(ask.statusCode).toBe(200);
    expect(ask.json().amendments[0]).toMatchObject({ status: 'pending', before: { investedThisWeek: '30.00' } });
    expect(ask.json().investedThisWeek).toBe('30.00');
    const dup = await commissioner.post(`/api/dispatch/reports/${r.id}/amendments`, {
      ...figures,
      investedThisWeek: '33.00',
      version: r.version,
      reason: '再次更正',
    });
    expect(dup.statusCode).toBe(409);
    const amendmentId = ask.json().amendments[0].id;
    const ok = await coordinator.post(`/api/dispatch/reports/${r.id}/amendments/${amendmentId}/decision`, {
      approve: true,
      note: '同意',
    });
    expect(ok.statusCode).toBe(200);
    const after = ok.json();
    expect(after).toMatchObject({ status: 'accepted', investedThisWeek: '32.00' });
    expect(after.amendments[0]).toMatchObject({
      status: 'approved',
      before: { investedThisWeek: '30.00' },
      proposed: { investedThisWeek: '32.00' },
    });
  });

  it('checks photos by EXIF time and place, flags a re-used one, and serves a thumbnail', async () => {
    const r = (await commissioner.get(url(secondProjectId))).json();
    const p = (await coordinator.get(`/api/projects/${secondProjectId}`)).json();
    const send = (bytes: Buffer, name = '现场.jpg', id = r.id) => {
      const { payload, contentType } = multipart([{ name: 'file', filename: name, data: bytes }]);
      return commissioner.post(`/api/dispatch/reports/${id}/photos`, payload, { 'content-type': contentType });
    };
    const inWeek = exifDate(addDays(weekStart(week), 1));
    const good = await photo({ at: inWeek, lat: p.latitude ?? 34.26, lng: p.longitude ?? 108.94 });
    const ok = await send(good);
    expect(ok.statusCode).toBe(201);
    if (p.latitude !== null) expect(ok.json()).toMatchObject({ verified: true, issues: [] });
    const old = await send(await photo({ at: exifDate(addDays(weekStart(week), -10)), shade: 30 }));
    expect(old.json().verified).toBe(false);
    expect(old.json().issues.map((i: { code: string }) => i.code)).toContain('outside_week');
    const bare = await send(await photo({ at: null, shade: 200 }));
    expect(bare.json().issues.map((i: { code: string }) => i.code)).toContain('no_time');
    // the first photo again, on another report: re-used
    const other = (await commissioner.get(url(projectId))).json();
    expect(other.status).toBe('accepted');
    const lockedPhoto = await send(good, '现场.jpg', other.id);
    expect(lockedPhoto.statusCode).toBe(422);
    const pdf = await send(Buffer.from('%PDF-1.7\n'), '照片.pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.fields[0].message).toContain('照片');
    const thumb = await commissioner.get(ok.json().thumbUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const full = await commissioner.get(ok.json().url);
    expect(full.rawPayload.equals(good)).toBe(true);
    const listed = (await commissioner.get(url(secondProjectId))).json();
    expect(listed.photos).toHaveLength(3);
    const board = (await coordinator.get(`/api/dispatch/reports?week=${week}&pageSize=200`)).json();
    const row = board.items.find((x: { projectId: string }) => x.projectId === secondProjectId);
    expect(row).toMatchObject({ photoCount: 3, unverifiedPhotos: p.latitude !== null ? 2 : 3 });
  });

  it('flags a photo already used on an earlier report', async () => {
    // a week long before the demo history, so its report is certainly new
    const oldWeek = addWeeks(week, -80);
    const bytes = await photo({ at: exifDate(addDays(weekStart(week), 2)), shade: 10 });
    const first = (await commissioner.get(url(secondProjectId))).json();
    const send = (id: string) => {
      const { payload, contentType } = multipart([{ name: 'file', filename: 'a.jpg', data: bytes }]);
      return commissioner.post(`/api/dispatch/reports/${id}/photos`, payload, { 'content-type': contentType });
    };
    const original = await send(first.id);
    expect(original.statusCode).toBe(201);
    expect(original.json().issues.map((i: { code: string }) => i.code)).not.toContain('reused');
    const late = await commissioner.put(url(projectId, oldWeek), { ...figures, investedThisWeek: '0.00' });
    expect(late.json()).toMatchObject({ status: 'draft', week: oldWeek });
    const again = await send(late.json().id);
    expect(again.statusCode).toBe(201);
    expect(again.json().verified).toBe(false);
    const reused = again.json().issues.find((i: { code: string }) => i.code === 'reused');
    expect(reused.zh).toContain(first.projectName);
  });

  it('keeps reports inside scope and review to coordinators', async () => {
    const district = await t.login('district_staff');
    const mine = (await district.get(`/api/dispatch/reports?week=${week}&pageSize=200`)).json();
    expect(mine.items.every((r: { regionName: string }) => r.regionName.includes('城关'))).toBe(true);
    const outside = (await coordinator.get(`/api/dispatch/reports?week=${week}&pageSize=200`))
      .json()
      .items.find((r: { regionName: string }) => !r.regionName.includes('城关'));
    expect((await district.get(url(outside.projectId))).statusCode).toBe(404);
    expect((await district.put(url(outside.projectId), figures)).statusCode).toBe(404);
    const sub = (await commissioner.get(url(secondProjectId))).json();
    const dept = await t.login('dept_staff');
    const refused = await dept.post(`/api/dispatch/reports/${sub.id}/accept`, { version: sub.version });
    expect(refused.statusCode).toBe(403);
    const enterprise = await t.login('enterprise');
    expect((await enterprise.get(`/api/dispatch/reports?week=${week}`)).statusCode).toBe(403);
  });

  it('records every write in the audit trail', async () => {
    const r = (await coordinator.get(url(projectId))).json();
    const rows = await rawRows<{ action: string }>(
      t.ctx.db,
      sql`select action from audit_records where entity_type = 'weekly_report' and entity_id = ${r.id} order by id`,
    );
    expect(rows.map((x) => x.action)).toEqual([
      'weekly_report.save',
      'weekly_report.submit',
      'weekly_report.return',
      'weekly_report.submit',
      'weekly_report.accept',
      'weekly_report.amendment_request',
      'weekly_report.amendment_approve',
    ]);
  });
});
