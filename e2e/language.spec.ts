import { describe, expect, it } from 'vitest';
import { shot, signIn, useBrowser } from './support.ts';

describe('interface language', () => {
  const e2e = useBrowser();

  it('the leader switches to English from the user menu and back to 中文', async () => {
    const page = await e2e.newPage();
    await signIn(page, 'leader');
    await page.waitForURL((u) => u.pathname === '/');
    const nav = page.getByRole('navigation');
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await nav.getByRole('link', { name: '工作台' }).waitFor();
    const userButton = page.getByRole('button', { name: '李明远' });

    await userButton.click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Workbench' }).waitFor();
    await page.getByRole('heading', { name: 'Hello, 李明远' }).waitFor();
    await nav.getByRole('link', { name: 'Workbench' }).waitFor();
    expect(await nav.getByText('工作台').count()).toBe(0);
    expect(await page.getByRole('heading', { name: '工作台' }).count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await expect.poll(() => page.title()).toContain('Workbench');
    await shot(page, 'language-english');

    // the user menu itself now speaks English
    await userButton.click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByRole('heading', { name: '您好,李明远' }).waitFor();
    await nav.getByRole('link', { name: '工作台' }).waitFor();
    expect(await nav.getByText('Workbench').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot(page, 'language-chinese');
  });
});
