import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Locator, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, signIn, useBrowser } from './support.ts';

/**
 * The statistician's monthly table, in the browser: 月分析 → 数据填报, the import template downloaded from the
 * drawer and filled with exceljs (示范市's 规上工业增加值 growth changed so that its rank moves), 预检 with its
 * counts, 确认导入, the grid showing the new figure, and the analysis (dashboard) ranking it anew.
 */

const CITY = '示范市';
const CITY_CODE = '990100';
const INDICATOR = 'industrial_value_added';
const INDICATOR_NAME = '规上工业增加值';

/** The month before this one in Asia/Shanghai: the latest period of the demo figures, and the page's default. */
function lastMonth(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const n = part('year') * 12 + part('month') - 1 - 1;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

const button = (scope: Page | Locator, words: string | RegExp) =>
  scope.getByRole('button', { name: typeof words === 'string' ? new RegExp(`(^|\\s)${words}$`) : words });

const isApi = (method: string, pathname: string, query?: Record<string, string>) => (r: Response) => {
  const u = new URL(r.url());
  return (
    r.request().method() === method &&
    u.pathname === pathname &&
    Object.entries(query ?? {}).every(([k, v]) => u.searchParams.get(k) === v)
  );
};

async function clickAndAnswer(page: Page, target: Locator, match: (r: Response) => boolean) {
  const [res] = await Promise.all([page.waitForResponse(match), target.click()]);
  expect(res.status(), `${res.request().method()} ${res.url()}`).toBeLessThan(300);
  return res;
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
};

async function countOf(drawer: Locator, title: string): Promise<number> {
  const stat = drawer.getByTestId('import-counts').locator('.ant-statistic').filter({ hasText: title });
  return Number(((await stat.locator('.ant-statistic-content-value').textContent()) ?? '').trim());
}

type Ranking = { rows: { regionCode: string; growth: string | null; rank: number | null }[] };
type Dashboard = { rows: { indicator: { code: string }; growth: string | null; rank: number | null }[] };

describe('indicator import', () => {
  const e2e = useBrowser();

  it('imports a month’s table, shows the new figure and ranks it anew', async () => {
    const page = await e2e.newPage();
    const period = lastMonth();
    await signIn(page, 'statistician');
    await page.getByRole('menuitem', { name: /月分析/ }).click();
    await clickAndAnswer(
      page,
      page.getByRole('menuitem', { name: /数据填报/ }),
      isApi('GET', '/api/indicators/values', { period }),
    );
    await expect.poll(() => new URL(page.url()).pathname).toBe('/indicators/values');
    await page.locator('.ant-table-row').first().waitFor();

    // where 示范市 stands now, and a growth rate that moves it (to first place, or to last if it leads already)
    const before = (await (
      await page.request.get(`/api/indicators/${INDICATOR}/ranking`, { params: { period } })
    ).json()) as Ranking;
    const ranked = before.rows.filter((r) => r.growth !== null && r.rank !== null);
    const growths = ranked.map((r) => Number(r.growth));
    const own = before.rows.find((r) => r.regionCode === CITY_CODE);
    expect(own?.rank).toBeTruthy();
    const leads = own!.rank === 1;
    const newGrowth = (leads ? Math.min(...growths) - 2.3 : Math.max(...growths) + 2.3).toFixed(1);
    const expectedRank = leads ? ranked.length : 1;
    const scorecardBefore = (
      (await (
        await page.request.get('/api/indicators/scorecard', { params: { regionCode: CITY_CODE, period } })
      ).json()) as { text: string }
    ).text;
    const current = (await (
      await page.request.get('/api/indicators/values', {
        params: { period, regionCode: CITY_CODE, indicatorCode: INDICATOR },
      })
    ).json()) as { items: { value: string | null }[] };
    const storedValue = current.items[0]?.value ?? null;

    // the template of this period, from the drawer
    await button(page, '导入').click();
    const drawer = page.getByRole('dialog').filter({ hasText: '导入指标数据' });
    await drawer.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button(drawer, '下载导入模板').click()]);
    expect(download.suggestedFilename()).toBe(`指标导入模板-${period}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0]!;

    // 地区 in column A; the indicator's merged header over 累计值 | 增速
    let col = 0;
    ws.getRow(2).eachCell((cell, c) => {
      if (cellText(cell.value).trim() === INDICATOR_NAME && col === 0) col = c;
    });
    expect(col).toBeGreaterThan(1);
    expect(cellText(ws.getCell(3, col + 1).value)).toContain('增速');
    let row = 0;
    ws.eachRow((r, n) => {
      if (cellText(r.getCell(1).value).trim() === CITY) row = n;
    });
    expect(row).toBeGreaterThan(3);
    // a blank cell in a column the sheet has means "not published": keep the stored value by writing it again
    if (storedValue !== null) ws.getCell(row, col).value = Number(storedValue);
    ws.getCell(row, col + 1).value = Number(newGrowth);
    const upload = path.join(os.tmpdir(), `luoshi-e2e-indicators-${Date.now().toString(36)}.xlsx`);
    await wb.xlsx.writeFile(upload);

    try {
      await drawer.locator('input[type=file]').setInputFiles(upload);
      await clickAndAnswer(page, button(drawer, '预检'), isApi('POST', '/api/indicators/import', { dryRun: 'true' }));
      await drawer.getByTestId('import-preview').waitFor();
      expect(await countOf(drawer, '更新')).toBe(1);
      expect(await countOf(drawer, '新增')).toBe(0);
      expect(await countOf(drawer, '有误')).toBe(0);
      await shot(page, 'indicators-import-preview', { fullPage: false });

      await clickAndAnswer(
        page,
        button(drawer, '确认导入'),
        isApi('POST', '/api/indicators/import', { dryRun: 'false' }),
      );
      await drawer.getByTestId('import-result').waitFor();
      expect(await countOf(drawer, '更新')).toBe(1);
      await button(drawer, '完成').click();
      await drawer.waitFor({ state: 'hidden' });
    } finally {
      fs.rmSync(upload, { force: true });
    }

    // the grid shows the imported growth
    const cell = page.getByLabel(`${CITY} ${INDICATOR_NAME} 增速`, { exact: true });
    await expect.poll(async () => Number(await cell.inputValue())).toBe(Number(newGrowth));
    await shot(page, 'indicators-values-after-import', { fullPage: false });

    // the revision history keeps the figure it replaced
    await page.getByRole('button', { name: `${CITY}的修改记录` }).click();
    const history = page.getByRole('dialog').filter({ hasText: '修改记录' });
    await history.getByRole('combobox').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(INDICATOR_NAME, { exact: true }).click();
    await expect.poll(() => history.getByTestId('value-history').locator('tr.ant-table-row').count()).toBe(2);
    await expect.poll(async () => (await history.textContent()) ?? '').toContain('Excel导入');
    await history.locator('.ant-drawer-close').click();
    await history.waitFor({ state: 'hidden' });

    // the analysis ranks the new figure
    const dashboard = (await (
      await page.request.get('/api/indicators/dashboard', { params: { regionCode: CITY_CODE, period } })
    ).json()) as Dashboard;
    const row2 = dashboard.rows.find((r) => r.indicator.code === INDICATOR);
    expect(Number(row2?.growth)).toBe(Number(newGrowth));
    expect(row2?.rank).toBe(expectedRank);
    expect(row2?.rank).not.toBe(own!.rank);

    // the dashboard page is read from the same figures: the row, and a 成绩单 that now says the new growth
    const scorecard = async () =>
      (
        (await (
          await page.request.get('/api/indicators/scorecard', { params: { regionCode: CITY_CODE, period } })
        ).json()) as { text: string }
      ).text;
    const textAfter = await scorecard();
    expect(textAfter).not.toBe(scorecardBefore);
    expect(textAfter).toContain(`${Math.abs(Number(newGrowth)).toFixed(1)}%`);
    await page.getByRole('menuitem', { name: /指标分析/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/indicators');
    const tableRow = page.locator('tr.ant-table-row').filter({ hasText: INDICATOR_NAME }).first();
    await expect.poll(async () => (await tableRow.textContent()) ?? '').toContain(`${Number(newGrowth).toFixed(1)}%`);
    await expect.poll(async () => (await page.getByTestId('scorecard-text').textContent()) ?? '').toBe(textAfter);
    await shot(page, 'indicators-dashboard-after-import');

    // the 月度经济运行分析 (.docx) carries the same 成绩单
    const [report] = await Promise.all([page.waitForEvent('download'), button(page, '下载分析报告').click()]);
    expect(report.suggestedFilename()).toMatch(/经济运行分析\.docx$/);
    const file = path.join(os.tmpdir(), `luoshi-e2e-${Date.now()}.docx`);
    await report.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    fs.rmSync(file, { force: true });
    const xml = await zip.file('word/document.xml')!.async('string');
    const docText = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
    expect(docText).toContain(textAfter);
  });
});
