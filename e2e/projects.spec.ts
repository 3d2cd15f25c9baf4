import { describe, expect, it } from 'vitest';
import { shot, signIn, useBrowser } from './support.ts';

/**
 * The coordinator's path through the library: a project in 前期 cannot start construction until 施工许可 is done,
 * and the page says so; suspending needs a reason and is recorded in the project's history.
 */
describe('project library', () => {
  const e2e = useBrowser();

  it('shows why a project cannot start construction, and suspends it with a reason', async () => {
    const page = await e2e.newPage();
    await signIn(page, 'coordinator');
    await page.waitForURL((u) => u.pathname === '/');
    const nav = page.getByRole('navigation');
    await nav.getByRole('menuitem', { name: '项目库' }).click();
    await nav.getByRole('link', { name: '项目清单', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/projects');
    await page.getByText(/合计 \d+ 个项目/).waitFor();

    // the 前期 projects of the demo city: open the first one
    await page.goto('/projects?stage=preparation');
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link').first();
    const name = ((await first.textContent()) ?? '').trim();
    expect(name.length).toBeGreaterThan(4);
    await first.click();
    await page.waitForURL((u) => /^\/projects\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByRole('heading', { name }).waitFor();

    // 开工建设 is offered but disabled, and the reason is on the page
    // the reason first: the button is drawn before the project's blockers arrive, so reading it at once races them
    await page.getByText('缺少施工许可').first().waitFor();
    const start = page.getByRole('button', { name: '开工建设' });
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true);
    await shot(page, 'projects-blocked-start');

    // 暂缓 asks for a reason; an empty one is refused in the dialog
    await page.getByRole('button', { name: '暂缓' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写原因').waitFor();
    await dialog.getByRole('textbox').fill('征地拆迁未完成,暂缓推进');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '恢复推进' }).waitFor();
    // the history records the change with its reason
    await page.getByText('征地拆迁未完成,暂缓推进').first().waitFor();
    await shot(page, 'projects-suspended');
  });
});
