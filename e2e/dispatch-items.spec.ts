import type { Locator, Page, Response } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { WeekBoard } from '../domain/dispatch/contracts.ts';
import type { CoordinationItemDetail } from '../domain/dispatch/items-contracts.ts';
import { DEMO_PASSWORD, shot, signIn, useBrowser } from './support.ts';

/**
 * 协调事项, the way the issue tells it: the district (城关区) raises a problem of one of its projects and asks the
 * city's 工业和信息化局 to solve it; the bureau's staff find it under 我单位承办 on a phone, sign for it, report
 * progress and resolve it; the district closes it out (销号). The item's history shows every step with its note.
 */

const STAMP = Date.now().toString(36);
const DESCRIPTION = `项目用电增容申请未获批复,影响设备调试(E2E ${STAMP})`;
const PROGRESS = '已与供电公司对接,增容方案正在会审';
const RESULT = '增容方案已批复,供电公司本周完成接火';
const UNIT = '示范市工业和信息化局';

type Story = { projectId: string; projectName: string; itemId?: string };

// ── the API, for what the story needs to know before it starts ─────────────────────────────────────────────
async function apiGet<T>(baseURL: string, username: string, path: string): Promise<T> {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status, `sign in ${username}`).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const r = await fetch(`${baseURL}${path}`, { headers: { cookie, accept: 'application/json' } });
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
}

/** One of the district's projects in the weekly dispatch (the demo data is generated, so none is fixed). */
async function chooseProject(baseURL: string): Promise<Story> {
  const board = await apiGet<WeekBoard>(baseURL, 'district_staff', '/api/dispatch/reports?pageSize=50');
  const row = board.items.find((r) => r.stage === 'under_construction') ?? board.items[0];
  if (!row) throw new Error('the district has no project in the weekly dispatch');
  return { projectId: row.projectId, projectName: row.projectName };
}

// ── the page ───────────────────────────────────────────────────────────────────────────────────────────────
/** A button by its words; antd puts an icon's name in front of them ("check 签收"). */
const button = (scope: Page | Locator, words: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${words}$`) });
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:visible');

const isApi =
  (method: string, pathname: RegExp, query: Record<string, string> = {}) =>
  (r: Response) => {
    const u = new URL(r.url());
    return (
      r.request().method() === method &&
      pathname.test(u.pathname) &&
      Object.entries(query).every(([k, v]) => u.searchParams.get(k) === v)
    );
  };

/** Clicks and waits for the API's answer, which must be a success. */
async function clickAndAnswer(page: Page, target: Locator, match: (r: Response) => boolean) {
  const [res] = await Promise.all([page.waitForResponse(match), target.click()]);
  expect(res.status(), `${res.request().method()} ${res.url()}`).toBeLessThan(300);
  return res;
}

/**
 * A select searched on the server: type, wait for the answer to the typed words (an option of the list before it
 * would be replaced under the click), pick the option; a click lost while the popup moves in is tried again.
 */
async function pick(page: Page, drawer: Locator, label: string, option: string, search: string, api: RegExp) {
  const field = drawer.getByLabel(label, { exact: true });
  await field.click();
  await Promise.all([page.waitForResponse(isApi('GET', api, { q: search })), field.fill(search)]);
  const id = await field.getAttribute('id');
  const chosen = drawer
    .locator('.ant-form-item')
    .filter({ has: page.locator(`[id="${id}"]`) })
    .filter({ hasText: option })
    .first();
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await openDropdown(page).count())) await field.click();
      await openDropdown(page).getByTitle(option, { exact: true }).filter({ visible: true }).first().click();
      await chosen.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  // close a lingering popup by a click on the drawer's title (Escape would close the drawer)
  if (await openDropdown(page).count()) await drawer.locator('.ant-drawer-title').click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

const itemDrawer = (page: Page) => page.getByRole('dialog').filter({ has: page.getByTestId('item-detail') });
const statusIs = (page: Page, words: string) =>
  itemDrawer(page).getByTestId('item-detail').locator('.ant-tag').filter({ hasText: words }).first().waitFor();

/** Presses one of the item's buttons (with a note) and waits for the server to take the step. */
async function act(page: Page, words: string, note?: string) {
  const drawer = itemDrawer(page);
  if (note !== undefined) await drawer.getByLabel('办理说明').fill(note);
  const res = await clickAndAnswer(
    page,
    button(drawer, words),
    isApi('POST', /^\/api\/dispatch\/items\/[^/]+\/actions$/),
  );
  return (await res.json()) as CoordinationItemDetail;
}

describe('coordination items', () => {
  const e2e = useBrowser();
  const baseURL = inject('baseURL');
  let story: Story;
  let district: Page;
  let bureau: Page;
  const itemUrl = () => `/dispatch/items/${story.itemId}`;

  it('the district raises an item on its project, assigned to the city’s 工信局', { timeout: 180_000 }, async () => {
    story = await chooseProject(baseURL);
    district = await e2e.newPage();
    await signIn(district, 'district_staff');
    await district.waitForURL((u) => u.pathname === '/');
    // through the menu: 周调度 › 协调事项
    await district.getByRole('menuitem', { name: '周调度' }).click();
    await district.getByRole('link', { name: '协调事项', exact: true }).click();
    await district.waitForURL((u) => u.pathname === '/dispatch/items');
    await district.getByTestId('items-total').waitFor();

    await button(district, '提出协调事项').click();
    const drawer = district.getByRole('dialog').filter({ hasText: '提出协调事项' });
    await drawer.getByLabel('问题描述').waitFor();
    // nothing filled: the form says what is missing, and nothing is sent
    await button(drawer, '提出').click();
    await drawer.getByText('请选择项目').waitFor();
    await drawer.getByText('请选择责任单位').waitFor();

    await pick(district, drawer, '项目', story.projectName, story.projectName, /^\/api\/dispatch\/reports$/);
    await drawer.getByText('水电气配套', { exact: true }).click();
    await drawer.getByLabel('问题描述').fill(DESCRIPTION);
    await pick(district, drawer, '责任单位', UNIT, '工业和信息化', /^\/api\/units$/);
    await shot(district, 'dispatch-items-raise', { fullPage: false });

    const res = await clickAndAnswer(district, button(drawer, '提出'), isApi('POST', /^\/api\/dispatch\/items$/));
    expect(res.status()).toBe(201);
    const raised = (await res.json()) as CoordinationItemDetail;
    story.itemId = raised.id;
    expect(raised).toMatchObject({ status: 'open', assignedUnitName: UNIT, projectId: story.projectId });

    // the new item opens over the list of those my unit raised
    await district.waitForURL((u) => u.pathname === itemUrl() && u.searchParams.get('box') === 'raised');
    await itemDrawer(district).getByTestId('item-description').getByText(DESCRIPTION).waitFor();
    await statusIs(district, '待签收');
    await itemDrawer(district).getByTestId('item-history').locator('[data-event="raised"]').waitFor();
    // nothing for the raiser to do until the unit has resolved it
    expect(await itemDrawer(district).locator('button[data-action]').count()).toBe(0);
  });

  it('工信局 finds it under 我单位承办 on a phone, signs for it, reports progress and resolves it', {
    timeout: 180_000,
  }, async () => {
    bureau = await e2e.newPage({ phone: true });
    await signIn(bureau, 'dept_staff');
    await bureau.waitForURL((u) => u.pathname === '/');
    await bureau.goto('/dispatch/items');
    await bureau.getByTestId('items-total').waitFor();
    await Promise.all([
      bureau.waitForResponse(isApi('GET', /^\/api\/dispatch\/items$/, { box: 'assigned' })),
      bureau.getByTestId('item-box').getByText('我单位承办').click(),
    ]);
    const card = bureau.getByTestId('item-card').filter({ hasText: DESCRIPTION });
    await card.getByText('待签收').waitFor();
    await shot(bureau, 'dispatch-items-assigned-phone');
    await card.click();
    await bureau.waitForURL((u) => u.pathname === itemUrl());
    await itemDrawer(bureau).getByTestId('item-description').getByText(DESCRIPTION).waitFor();

    const accepted = await act(bureau, '签收');
    expect(accepted.status).toBe('accepted');
    await statusIs(bureau, '已签收');

    // a response without a note is refused on the spot
    await button(itemDrawer(bureau), '反馈进展').click();
    await itemDrawer(bureau).getByText('请填写办理进展').waitFor();
    const responded = await act(bureau, '反馈进展', PROGRESS);
    expect(responded.status).toBe('in_progress');
    await statusIs(bureau, '办理中');

    const resolved = await act(bureau, '办结', RESULT);
    expect(resolved.status).toBe('resolved');
    await statusIs(bureau, '已办结');
    // the unit's part is done: no more buttons for it
    await expect.poll(() => itemDrawer(bureau).locator('button[data-action]').count()).toBe(0);
    await shot(bureau, 'dispatch-item-resolved-phone', { fullPage: false });
  });

  it('the district closes it out, and the history shows each step', { timeout: 120_000 }, async () => {
    await district.reload();
    await statusIs(district, '已办结');
    await button(itemDrawer(district), '销号').click();
    const confirm = district.locator('.ant-popconfirm').filter({ hasText: '予以销号' });
    const [res] = await Promise.all([
      district.waitForResponse(isApi('POST', /^\/api\/dispatch\/items\/[^/]+\/actions$/)),
      button(confirm, '确定').click(),
    ]);
    expect(res.status()).toBe(200);
    expect(((await res.json()) as CoordinationItemDetail).status).toBe('closed_out');
    await statusIs(district, '已销号');

    const history = itemDrawer(district).getByTestId('item-history');
    const steps = history.locator('[data-event]');
    await expect
      .poll(async () => steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-event'))))
      .toEqual(['raised', 'accepted', 'responded', 'resolved', 'closed_out']);
    await history.locator('[data-event="responded"]').getByText(PROGRESS).waitFor();
    await history.locator('[data-event="resolved"]').getByText(RESULT).waitFor();
    await history.locator('[data-event="accepted"]').getByText('郑工信 · 示范市工业和信息化局').waitFor();
    await history.locator('[data-event="closed_out"]').getByText('吴城关 · 城关区人民政府').waitFor();
    await shot(district, 'dispatch-item-closed-out', { fullPage: false });

    // the list, narrowed to what my unit raised, shows it closed out
    await district.locator('.ant-drawer-close').click();
    await district.waitForURL((u) => u.pathname === '/dispatch/items');
    const row = district.locator('.ant-table-row').filter({ hasText: DESCRIPTION });
    await row.getByText('已销号').waitFor();
  });
});
