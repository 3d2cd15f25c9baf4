import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Locator, Page, Response } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { businessDate } from '../domain/common/business-date.ts';
import { displayWan, formatWan, parseWan } from '../domain/common/money.ts';
import type { WeekBoard, WeeklyReport } from '../domain/dispatch/contracts.ts';
import type { MeetingView } from '../domain/dispatch/meeting-contracts.ts';
import { DEMO_PASSWORD, shot, signIn, useBrowser } from './support.ts';

/**
 * 周调度 at phone width, the way the issue tells it: a site commissioner (驻工地专员) reports the week from the
 * building site with a photo, the coordinator returns it with a reason, the commissioner corrects the amount and
 * submits again, the coordinator accepts; the week's board then shows it accepted with the amount in the year's
 * cumulative.
 *
 * The steps share one story (`story`), one `it` per person's turn; the last turn opens the dispatch meeting page
 * and its .docx bulletin, which show the same totals with the accepted amount in them.
 */

const FIRST_AMOUNT = '12.34';
const FINAL_AMOUNT = '23.45';
const RETURN_REASON = `本周完成投资与现场进度不符,请核实后重报(E2E ${Date.now().toString(36)})`;
const PROGRESS = '主体结构施工至第6层,二次结构砌筑完成约40%';

type Story = {
  week: string;
  projectId: string;
  projectName: string;
  /** Σ of the year's counted weeks before this one, hundredths of 万元 */
  ytdBefore: bigint;
  latitude: number | null;
  longitude: number | null;
};

// ── the API, for what the story needs to know before it starts ─────────────────────────────────────────────
async function apiSession(baseURL: string, username: string) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `sign in ${username}`).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(path: string): Promise<T> => {
    const r = await fetch(`${baseURL}${path}`, { headers: { cookie, accept: 'application/json' } });
    expect(r.status, path).toBe(200);
    return (await r.json()) as T;
  };
}

/**
 * A project the commissioner reports for whose current week has no report yet (the demo history is generated, so
 * none is fixed in advance), with room for the amounts and a site location to take the photo at.
 */
async function chooseProject(baseURL: string): Promise<Story> {
  const asCommissioner = await apiSession(baseURL, 'commissioner');
  const asCoordinator = await apiSession(baseURL, 'coordinator');
  const board = await asCommissioner<WeekBoard>('/api/dispatch/reports?mine=true&status=none&pageSize=200');
  for (const row of board.items) {
    if (row.stage !== 'under_construction') continue;
    const report = await asCommissioner<WeeklyReport>(`/api/dispatch/projects/${row.projectId}/reports/${board.week}`);
    if (!report.can.edit || report.id !== null) continue;
    if ((parseWan(report.pacing.remainingInvestment) ?? 0n) < 10_000n) continue;
    // the site commissioner does not see the library's record of a project outside his unit; the coordinator does
    const project = await asCoordinator<{ latitude: number | null; longitude: number | null }>(
      `/api/projects/${row.projectId}`,
    );
    return {
      week: board.week,
      projectId: row.projectId,
      projectName: row.projectName,
      ytdBefore: parseWan(row.investedYtd) ?? 0n,
      latitude: project.latitude,
      longitude: project.longitude,
    };
  }
  throw new Error(`no project of the commissioner is still to report in ${board.week}`);
}

/** A small JPEG whose EXIF says it was taken today at 10:30 Beijing time, at the given place. */
async function sitePhoto(at: { latitude: number | null; longitude: number | null }): Promise<Buffer> {
  const dms = (v: number) => {
    const a = Math.abs(v);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    const s = Math.round(((a - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  const taken = `${businessDate(new Date()).replaceAll('-', ':')} 10:30:00`;
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 150, g: 120, b: 90 } } })
    .jpeg()
    .withExif({
      IFD2: { DateTimeOriginal: taken },
      ...(at.latitude !== null && at.longitude !== null
        ? {
            IFD3: {
              GPSLatitudeRef: at.latitude >= 0 ? 'N' : 'S',
              GPSLatitude: dms(at.latitude),
              GPSLongitudeRef: at.longitude >= 0 ? 'E' : 'W',
              GPSLongitude: dms(at.longitude),
            },
          }
        : {}),
    })
    .toBuffer();
}

// ── the page ───────────────────────────────────────────────────────────────────────────────────────────────
/** A button by its words; antd puts an icon's name in front of them ("send 报送"). */
const button = (scope: Page | Locator, words: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${words}$`) });

const isApi = (method: string, pathname: RegExp) => (r: Response) =>
  r.request().method() === method && pathname.test(new URL(r.url()).pathname);

/** Clicks and waits for the API's answer, which must be a success. */
async function clickAndAnswer(page: Page, target: Locator, match: (r: Response) => boolean) {
  const [res] = await Promise.all([page.waitForResponse(match), target.click()]);
  expect(res.status(), `${res.request().method()} ${res.url()}`).toBeLessThan(300);
  return res;
}

/** The week's board through the phone's menu drawer, narrowed to one project by the search form. */
async function openBoardFor(page: Page, projectName: string) {
  await page.getByRole('button', { name: '打开菜单' }).click();
  const drawer = page.getByRole('dialog');
  const link = drawer.getByRole('link', { name: '周报报送', exact: true });
  // the group is open already when the current page belongs to it
  await drawer.getByRole('menuitem', { name: '周调度' }).waitFor();
  if (!(await link.isVisible())) await drawer.getByRole('menuitem', { name: '周调度' }).click();
  await link.click();
  await page.waitForURL((u) => u.pathname === '/dispatch/reports');
  await page.getByTestId('week-label').waitFor();
  await page.getByLabel('关键字').fill(projectName);
  await button(page, '查询').click();
  await page.waitForURL((u) => u.searchParams.get('q') === projectName);
  return page.getByTestId('board-card').filter({ hasText: projectName });
}

const statusTag = (page: Page, words: string) =>
  page.getByTestId('report-state').locator('.ant-tag').filter({ hasText: words });

describe('weekly report at phone width', () => {
  const e2e = useBrowser();
  const baseURL = inject('baseURL');
  let story: Story;
  let commissioner: Page;
  let coordinator: Page;
  const reportUrl = () => `/dispatch/projects/${story.projectId}/reports/${story.week}`;

  it('the site commissioner fills the week’s report with a photo from the site and submits it', {
    timeout: 180_000,
  }, async () => {
    story = await chooseProject(baseURL);
    commissioner = await e2e.newPage({ phone: true });
    await signIn(commissioner, 'commissioner');
    await commissioner.waitForURL((u) => u.pathname === '/');

    const card = await openBoardFor(commissioner, story.projectName);
    await card.getByText('未填报').waitFor();
    await shot(commissioner, 'dispatch-board-phone');
    await card.click();
    await commissioner.waitForURL((u) => u.pathname === reportUrl());
    await commissioner.getByTestId('report-project').filter({ hasText: story.projectName }).waitFor();
    await commissioner
      .getByText(/^截止 \d+月\d+日\(周.\) \d\d:\d\d$/)
      .first()
      .waitFor();

    // the amount as typed moves the year's cumulative at once, in exact hundredths
    await commissioner.getByLabel('本周完成投资').fill(FIRST_AMOUNT);
    await expect
      .poll(() => commissioner.getByTestId('live-ytd').textContent())
      .toBe(displayWan(story.ytdBefore + parseWan(FIRST_AMOUNT)!));
    await commissioner.getByLabel('形象进度').fill(PROGRESS);
    await commissioner.getByLabel('在岗人数').fill('56');

    // a photo from the camera, picked before the report exists: it goes up with the submission
    await commissioner
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: await sitePhoto(story) });
    await commissioner.getByTestId('photo-pending').waitFor();
    await shot(commissioner, 'dispatch-report-phone-filled');

    const uploaded = commissioner.waitForResponse(isApi('POST', /\/photos$/));
    await clickAndAnswer(
      commissioner,
      button(commissioner, '报送'),
      (r) => isApi('PUT', /\/reports\//)(r) && r.request().postDataJSON()?.submit === true,
    );
    expect((await uploaded).status()).toBe(201);
    await commissioner.getByText('周报已报送').waitFor();
    await statusTag(commissioner, '已报送').waitFor();
    // taken today at the site: verified, nothing to flag
    await commissioner.getByTestId('photo-verified').waitFor();
    expect(await commissioner.getByTestId('photo-unverified').count()).toBe(0);
    await shot(commissioner, 'dispatch-report-phone-submitted');
  });

  it('the coordinator returns it with a reason', { timeout: 120_000 }, async () => {
    coordinator = await e2e.newPage({ phone: true });
    await signIn(coordinator, 'coordinator');
    await coordinator.waitForURL((u) => u.pathname === '/');
    const card = await openBoardFor(coordinator, story.projectName);
    await card.getByText('已报送').waitFor();
    await card.click();
    await coordinator.waitForURL((u) => u.pathname === reportUrl());
    await coordinator.getByTestId('figure-invested').filter({ hasText: FIRST_AMOUNT }).waitFor();

    await button(coordinator, '退回').click();
    const dialog = coordinator.getByRole('dialog').filter({ hasText: '退回周报' });
    // a return without a reason is refused on the spot
    await button(dialog, '退回').click();
    await dialog.getByText('请填写退回原因').waitFor();
    await dialog.getByLabel('退回原因').fill(RETURN_REASON);
    await clickAndAnswer(coordinator, button(dialog, '退回'), isApi('POST', /\/return$/));
    await statusTag(coordinator, '已退回').waitFor();
  });

  it('the commissioner sees the reason, corrects the amount and submits again', { timeout: 120_000 }, async () => {
    await commissioner.reload();
    const reason = commissioner.getByTestId('returned-reason');
    await reason.getByText(RETURN_REASON).waitFor();
    await shot(commissioner, 'dispatch-report-phone-returned');

    const amount = commissioner.getByLabel('本周完成投资');
    await amount.fill(FINAL_AMOUNT);
    await expect
      .poll(() => commissioner.getByTestId('live-ytd').textContent())
      .toBe(displayWan(story.ytdBefore + parseWan(FINAL_AMOUNT)!));
    await clickAndAnswer(commissioner, button(commissioner, '重新报送'), isApi('PUT', /\/reports\//));
    await statusTag(commissioner, '已报送').waitFor();
    expect(await commissioner.getByTestId('returned-reason').count()).toBe(0);
  });

  it('the coordinator accepts it, and the board counts the amount in the year', { timeout: 120_000 }, async () => {
    await coordinator.reload();
    await coordinator.getByTestId('figure-invested').filter({ hasText: FINAL_AMOUNT }).waitFor();
    await button(coordinator, '审核通过').click();
    const confirm = coordinator.locator('.ant-popconfirm').filter({ hasText: '审核通过后周报将锁定' });
    await clickAndAnswer(coordinator, button(confirm, '确定'), isApi('POST', /\/accept$/));
    await statusTag(coordinator, '已审核').waitFor();
    await coordinator.getByText('周报已审核通过并锁定').waitFor();

    // back to the board the report was opened from, still narrowed to the project
    await coordinator.getByRole('button', { name: '返回' }).click();
    await coordinator.waitForURL((u) => u.pathname === '/dispatch/reports');
    const card = coordinator.getByTestId('board-card').filter({ hasText: story.projectName });
    await card.getByText('已审核').waitFor();
    const ytd = displayWan(story.ytdBefore + parseWan(FINAL_AMOUNT)!);
    await card.getByText(ytd, { exact: true }).waitFor();
    await card.getByText(displayWan(parseWan(FINAL_AMOUNT)!), { exact: true }).waitFor();
    await shot(coordinator, 'dispatch-board-phone-accepted');
  });

  it('the meeting page and the .docx bulletin show the same totals, the accepted amount in them', {
    timeout: 180_000,
  }, async () => {
    const page = coordinator;
    await page.goto(`${baseURL}/dispatch/meeting?week=${story.week}`);
    const lead = page.getByTestId('meeting-lead');
    await lead.waitFor();
    const tile = (id: string) => page.locator(`[data-tile="${id}"]`);
    await tile('thisWeek').waitFor();
    // what the page shows is what the API computed for the week
    const asCoordinator = await apiSession(baseURL, 'coordinator');
    const view = await asCoordinator<MeetingView>(`/api/dispatch/meeting?week=${story.week}`);
    expect(view.week).toBe(story.week);
    const thisWeek = parseWan(view.totals.investedThisWeek)!;
    const ytd = parseWan(view.totals.investedYtd)!;
    await expect.poll(() => tile('thisWeek').textContent()).toContain(displayWan(thisWeek));
    expect(await tile('ytd').textContent()).toContain(displayWan(ytd));
    expect((await lead.locator('.ant-typography').textContent())?.trim()).toBe(view.lead);
    // the accepted report is in the week's totals
    expect(thisWeek).toBeGreaterThanOrEqual(parseWan(FINAL_AMOUNT)!);
    await shot(page, 'dispatch-meeting-phone');

    const [download] = await Promise.all([page.waitForEvent('download'), button(page, '生成通报').click()]);
    expect(download.suggestedFilename()).toMatch(/周调度通报.*\.docx$/);
    const file = path.join(os.tmpdir(), `luoshi-e2e-${Date.now()}.docx`);
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    fs.rmSync(file, { force: true });
    const xml = await zip.file('word/document.xml')!.async('string');
    const docText = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
    // the bulletin prints the page's opening paragraph word for word: the week's amount, the year's, the counts
    expect(docText).toContain(view.lead);
    expect(docText).toContain(`完成投资${formatWan(thisWeek)}万元`);
  });
});
