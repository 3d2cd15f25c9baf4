import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, signIn, useBrowser } from './support.ts';

const suffix = `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 6)}`;
const NEW_USER = { username: `e2e.${suffix}`, displayName: `测试员${suffix}` };
const NEW_PASSWORD = 'Luoshi-Ok-2026';

/** Signs in as admin and opens a page of the side menu, inside its group if it has one. */
async function adminOpens(page: Page, group: string | null, item: string, path: string) {
  await signIn(page, 'admin');
  await page.waitForURL((u) => u.pathname === '/');
  const nav = page.getByRole('navigation');
  if (group) await nav.getByRole('menuitem', { name: group }).click();
  await nav.getByRole('link', { name: item, exact: true }).click();
  await page.waitForURL((u) => u.pathname === path);
}

/** A button by its words. antd puts an icon's English name in front of the words ("plus 新增"). */
const button = (scope: Page | Locator, words: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${words}$`) });

/** The data rows of the table on the page (not the header, not expanded details). */
const dataRows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

describe('administration', () => {
  const e2e = useBrowser();

  it('the admin creates a user, who signs in with the initial password and must change it', async () => {
    const admin = await e2e.newPage();
    await adminOpens(admin, '组织机构', '用户', '/org/users');
    await admin.getByRole('heading', { name: '用户', exact: true }).waitFor();

    await button(admin, '新增').click();
    const drawer = admin.getByRole('dialog');
    await drawer.getByText('新增用户').waitFor();
    await drawer.getByLabel('账号').fill(NEW_USER.username);
    await drawer.getByLabel('姓名').fill(NEW_USER.displayName);
    await drawer.getByLabel('所属单位').click();
    // the unit list is searched on the server: pick from the answer to the typed words, not from the list before
    // it (an option clicked there is replaced under the click)
    await Promise.all([
      admin.waitForResponse((r) => {
        const u = new URL(r.url());
        return u.pathname === '/api/units' && u.searchParams.get('q') === '商务局';
      }),
      drawer.getByLabel('所属单位').fill('商务局'),
    ]);
    await admin.locator('.ant-select-dropdown:visible').getByTitle('示范市商务局').click();
    await drawer.getByTitle('示范市商务局').waitFor();
    // a new user starts as 部门/区县工作人员
    await drawer.getByTitle('部门/区县工作人员').waitFor();
    await button(drawer, '保存').click();

    const modal = admin.getByRole('dialog').filter({ hasText: '初始密码' });
    await modal.getByText(`${NEW_USER.displayName}(${NEW_USER.username})的初始密码`).waitFor();
    const initialPassword = ((await admin.getByTestId('initial-password').textContent()) ?? '').trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(10);
    await shot(admin, 'admin-user-initial-password', { fullPage: false });
    await button(modal.locator('.ant-modal-footer'), '关闭').click();
    await modal.waitFor({ state: 'hidden' });

    // the list finds the new user, marked 待改密
    await admin.getByLabel('关键字').fill(NEW_USER.username);
    await button(admin, '查询').click();
    await admin.waitForURL((u) => u.searchParams.get('q') === NEW_USER.username);
    const row = dataRows(admin).filter({ hasText: NEW_USER.username });
    await row.getByText('待改密').waitFor();
    await expect.poll(() => dataRows(admin).count()).toBe(1);

    // the new user, in a browser of their own
    const user = await e2e.newPage();
    await signIn(user, NEW_USER.username, initialPassword);
    await user.waitForURL((u) => u.pathname === '/change-password');
    await user.getByText('首次登录或密码已过期,请修改密码后继续').waitFor();
    await user.getByRole('heading', { name: '修改密码' }).waitFor();
    // a full page: no side menu to go anywhere else
    expect(await user.getByRole('navigation').count()).toBe(0);

    const newPasswordItem = user.locator('.ant-form-item').filter({ has: user.getByLabel('新密码', { exact: true }) });
    await user.getByLabel('原密码').fill(initialPassword);
    await user.getByLabel('新密码', { exact: true }).fill('abc12345');
    await user.getByLabel('确认新密码').fill('abc12345');
    await button(user, '修改密码').click();
    await newPasswordItem.getByText('密码长度至少10位').waitFor();
    expect(new URL(user.url()).pathname).toBe('/change-password');
    await shot(user, 'admin-new-user-weak-password');

    await user.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await user.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await button(user, '修改密码').click();
    await user.waitForURL((u) => u.pathname === '/');
    await user.getByRole('heading', { name: '工作台' }).waitFor();
    await user.getByRole('heading', { name: `您好,${NEW_USER.displayName}` }).waitFor();
    await user.getByText('示范市商务局').first().waitFor();
    await shot(user, 'admin-new-user-home');
  });

  it('the admin edits a unit and its history shows the change', async () => {
    const page = await e2e.newPage();
    await adminOpens(page, '组织机构', '单位', '/org/units');
    await page.getByLabel('关键字').fill('示范市商务局');
    await button(page, '查询').click();
    await page.waitForURL((u) => u.searchParams.get('q') === '示范市商务局');
    await expect.poll(() => dataRows(page).count()).toBe(1);
    const row = dataRows(page).filter({ hasText: '示范市商务局' });

    await button(row, '编辑').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('编辑单位').waitFor();
    const shortName = drawer.getByLabel('简称');
    const before = await shortName.inputValue();
    expect(before).not.toBe('');
    const after = `商务${suffix}`;
    await shortName.fill(after);
    await button(drawer, '保存').click();
    await page.getByText('保存成功').waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await row.getByText(after).waitFor();

    await row.getByRole('button', { name: '示范市商务局' }).click();
    const detail = page.getByRole('dialog').filter({ hasText: '单位详情' });
    await detail.getByText('变更记录').waitFor();
    // newest first: 单位·修改 by 系统管理员, 简称 before → after
    const change = detail
      .getByRole('row')
      .filter({ hasText: '简称' })
      .filter({ hasText: before })
      .filter({ hasText: after });
    await change.waitFor();
    const cells = await change.getByRole('cell').allInnerTexts();
    expect(cells.map((c) => c.trim())).toEqual(['简称', before, after]);
    await detail.getByText('单位·修改').first().waitFor();
    await detail.getByText('操作人:系统管理员').first().waitFor();
    await shot(page, 'admin-unit-history', { fullPage: false });
  });

  it('the admin reads the sign-ins in the audit trail and verifies the chain', async () => {
    const page = await e2e.newPage();
    await adminOpens(page, null, '审计日志', '/audit');
    await page.getByRole('heading', { name: '审计日志' }).waitFor();

    // the newest record is this very sign-in
    const newest = dataRows(page).first();
    await newest.getByText('auth.login', { exact: true }).waitFor();
    await newest.getByText('系统管理员').waitFor();
    const total = Number(((await page.getByText(/^共 \d+ 条$/).textContent()) ?? '').match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(0);

    // the new user's first sign-in and password change, found by the user's name
    await page.getByLabel('操作人').fill(NEW_USER.displayName);
    await button(page, '查询').click();
    await page.waitForURL((u) => u.searchParams.get('actor') === NEW_USER.displayName);
    await expect
      .poll(async () => {
        const rows = await dataRows(page).allInnerTexts();
        return rows.length > 0 && rows.every((t) => t.includes(NEW_USER.displayName));
      })
      .toBe(true);
    await dataRows(page)
      .filter({ has: page.getByText('auth.login', { exact: true }) })
      .waitFor();
    await dataRows(page)
      .filter({ has: page.getByText('auth.password_changed', { exact: true }) })
      .waitFor();

    await button(page, '校验审计链').click();
    const ok = page.getByRole('alert').filter({ hasText: '审计链完整' });
    await ok.waitFor();
    const checked = Number(((await ok.textContent()) ?? '').match(/共校验 (\d+) 条记录/)?.[1]);
    // the whole chain is checked, not just the filtered page
    expect(checked).toBeGreaterThanOrEqual(total);
    await shot(page, 'admin-audit-verified');
  });
});
