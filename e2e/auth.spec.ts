import { describe, expect, it } from 'vitest';
import { shot, signIn, useBrowser } from './support.ts';

const pathOf = (url: string) => new URL(url).pathname;

describe('signing in and out', () => {
  const e2e = useBrowser();

  it('a wrong password says 账号或密码错误 and keeps the user on the sign-in page', async () => {
    const page = await e2e.newPage();
    await signIn(page, 'assessor', 'Not-the-Password-1');

    await page.getByRole('alert').filter({ hasText: '账号或密码错误' }).waitFor();
    expect(pathOf(page.url())).toBe('/login');
    // the button is back to 登录 (not "loading 登录"): the refused request is over; a busy machine may take a while
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor({ timeout: 60_000 });
    // the wrong password is cleared for the next try; the account stays
    await expect.poll(() => page.getByLabel('密码').inputValue()).toBe('');
    expect(await page.getByLabel('账号').inputValue()).toBe('assessor');
    await shot(page, 'auth-wrong-password');
  });

  it('the coordinator signs in, sees only what the role allows, and signs out', async () => {
    const page = await e2e.newPage();
    await signIn(page, 'coordinator');
    await page.waitForURL((u) => u.pathname === '/');

    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '工作台' }).waitFor();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByRole('heading', { name: '您好,孙项目' }).waitFor();
    const userButton = page.getByRole('button', { name: '孙项目' });
    await userButton.waitFor();
    // everyone reads the organisation directory (since 971ba96); handover, audit trail and settings stay the admin's
    await nav.getByRole('menuitem', { name: '组织机构' }).click();
    await nav.getByRole('link', { name: '用户', exact: true }).waitFor();
    expect(await nav.getByText('换届交接').count()).toBe(0);
    expect(await nav.getByText('审计日志').count()).toBe(0);
    expect(await nav.getByText('系统设置').count()).toBe(0);
    expect(await page.getByText('审计日志').count()).toBe(0);
    await shot(page, 'auth-coordinator-home');

    await userButton.click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByText('已退出登录').waitFor();
    // the button is back to 登录 (not "loading 登录"): the refused request is over; a busy machine may take a while
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor({ timeout: 60_000 });

    // the session is gone on the server too: the workbench sends the visitor back to the sign-in page
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/login');
    // the button is back to 登录 (not "loading 登录"): the refused request is over; a busy machine may take a while
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('navigation').count()).toBe(0);
    await shot(page, 'auth-coordinator-signed-out');
  });

  it('on a phone the district staff opens the menu as a drawer', async () => {
    const page = await e2e.newPage({ phone: true });
    await page.goto('/login');
    // the button is back to 登录 (not "loading 登录"): the refused request is over; a busy machine may take a while
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor({ timeout: 60_000 });
    await page.getByText('欢迎登录').waitFor();
    await shot(page, 'auth-phone-sign-in');

    await signIn(page, 'district_staff');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('heading', { name: '您好,吴城关' }).waitFor();
    const open = page.getByRole('button', { name: '打开菜单' });
    await open.waitFor();
    // no side menu on a phone: the navigation exists only inside the drawer
    expect(await page.getByRole('navigation').count()).toBe(0);

    await open.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('navigation').getByRole('link', { name: '工作台' }).waitFor();
    expect(await drawer.getByText('审计日志').count()).toBe(0);
    // it slides in from the left and comes to rest against the left edge
    await expect.poll(async () => (await drawer.boundingBox())?.x).toBe(0);
    await shot(page, 'auth-phone-menu-drawer', { fullPage: false });
  });
});
