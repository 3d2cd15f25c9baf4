import { describe, expect, it } from 'vitest';
import { shot, signIn, useBrowser } from './support.ts';

/**
 * A leader reads the month: 月分析 → 指标分析 shows the demo city's latest figures with their ranks among the
 * province's cities, the 成绩单 paragraph, and the charts of the indicator picked in the table.
 */
describe('indicator dashboard', () => {
  const e2e = useBrowser();

  it('shows ranks, the scorecard and the charts of the picked indicator', async () => {
    const page = await e2e.newPage();
    await signIn(page, 'leader');
    await page.waitForURL((u) => u.pathname === '/');
    const nav = page.getByRole('navigation');
    await nav.getByRole('menuitem', { name: '月分析' }).click();
    await nav.getByRole('link', { name: '指标分析', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/indicators');
    await page.getByRole('heading', { name: '月度指标分析' }).waitFor();

    // the table: one row per indicator, a rank like 第3位/11
    const table = page.locator('.ant-table-tbody');
    await table
      .getByText(/第\d+位\/\d+/)
      .first()
      .waitFor();

    // the scorecard speaks of the ranks; its numbers name their source
    const scorecard = page.getByTestId('scorecard-text');
    await scorecard.waitFor();
    expect(await scorecard.textContent()).toContain('排在');
    expect(await scorecard.locator('.scorecard-number').count()).toBeGreaterThan(5);

    // the charts follow the row picked in the table
    const trendTitle = page.getByTestId('chart-title').first();
    await expect.poll(() => trendTitle.textContent()).toMatch(/走势/);
    const before = (await trendTitle.textContent()) ?? '';
    const other = before.includes('固定资产投资') ? '工业投资' : '固定资产投资';
    await table.getByRole('row').filter({ hasText: other }).first().click();
    await page.waitForURL((u) => u.searchParams.has('indicator'));
    await expect.poll(() => trendTitle.textContent()).toContain(other);
    await page.getByRole('img', { name: `${other}排名图` }).waitFor();
    await shot(page, 'indicators-dashboard');
  });

  it('fits a phone: the table scrolls sideways and the cards stack', async () => {
    const page = await e2e.newPage({ phone: true });
    await signIn(page, 'leader');
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/indicators');
    await page
      .locator('.ant-table-tbody')
      .getByText(/第\d+位\/\d+/)
      .first()
      .waitFor();
    await page.getByTestId('scorecard-text').waitFor();
    // nothing but the table's own scroller is wider than the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'indicators-dashboard-phone');
  });
});
