import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, signIn, useBrowser } from './support.ts';

/**
 * What finishes 月分析 in the browser: the statistician changes the scorecard's count threshold and the yellow range
 * on 指标目录 (refused first in Chinese), and the dashboard's 成绩单 and legend follow; a save of the grid that
 * someone else overtook is refused, shows their figure and keeps the edit, and a figure is removed by clearing both
 * cells; a bureau's sheet whose 地区 column has another name is mapped in the import drawer, and the 错误原因 sheet
 * comes back with the reason on the bad row.
 */

const CITY_CODE = '990100';
const INDICATOR = 'retail_sales';
const INDICATOR_NAME = '社会消费品零售总额';

function lastMonth(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .formatToParts(new Date())
    .reduce<Record<string, string>>((o, p) => Object.assign(o, { [p.type]: p.value }), {});
  const n = Number(parts.year) * 12 + Number(parts.month) - 1 - 1;
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

async function clickAndAnswer(page: Page, target: Locator, match: (r: Response) => boolean, ok = true) {
  const [res] = await Promise.all([page.waitForResponse(match), target.click()]);
  if (ok) expect(res.status(), `${res.request().method()} ${res.url()}`).toBeLessThan(300);
  return res;
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
};

/**
 * A field for a column in 列识别: open its select and click the option; choosing re-runs the check by itself, so the
 * check's answer says the choice was taken. A click that lands while the popup is still moving in is lost: try
 * again (the popup may still be open then).
 */
async function pickField(page: Page, drawer: Locator, label: string, option: string) {
  const popup = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await popup.count()) === 0) await drawer.getByLabel(label).click();
    const item = popup.getByTitle(option, { exact: true });
    await item.waitFor();
    const checked = page
      .waitForResponse(isApi('POST', '/api/indicators/import', { dryRun: 'true' }), { timeout: 15_000 })
      .then(
        () => true,
        () => false,
      );
    await item.click();
    if (await checked) return;
  }
  throw new Error(`could not choose ${option} for ${label}`);
}

type Settings = {
  lights: { growthPoints: string; progressPoints: string };
  scorecard: { narrowGap: string; countThresholds: Record<string, string> };
  version: number;
};

describe('monthly analysis settings, grid conflicts and import mapping', () => {
  const e2e = useBrowser();

  it('a changed threshold on 指标目录 changes the scorecard sentence and the legend', async () => {
    const page = await e2e.newPage();
    const period = lastMonth();
    await signIn(page, 'statistician');
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/indicators/catalog');
    const card = page.getByTestId('analysis-settings');
    await card.getByLabel('增速黄灯范围', { exact: true }).waitFor();
    await expect.poll(() => card.getByLabel('增速黄灯范围', { exact: true }).inputValue()).toBe('1');

    // refused in Chinese, nothing sent
    await card.getByLabel('增速黄灯范围', { exact: true }).fill('0');
    await button(card, /保\s*存/).click();
    await card.getByText('增速黄灯范围应大于0').waitFor();

    // 规上工业增加值: the count now speaks of a threshold of its own, and the yellow range is 2 points
    const threshold = '3.3';
    await card.getByLabel('增速黄灯范围', { exact: true }).fill('2');
    await card.getByLabel('规上工业增加值对比门槛').fill(threshold);
    await clickAndAnswer(page, button(card, /保\s*存/), isApi('PUT', '/api/indicators/settings'));
    await card.getByText('当前版本 1').waitFor();
    await shot(page, 'indicators-settings-saved');

    await page.goto('/indicators');
    const text = page.getByTestId('scorecard-text');
    await expect.poll(async () => (await text.textContent()) ?? '').toContain(`增长率超过${threshold}%`);
    await page.getByText('黄 增速落后目标2个百分点以内').waitFor();
    const api = (await (
      await page.request.get('/api/indicators/scorecard', { params: { regionCode: CITY_CODE, period } })
    ).json()) as { text: string };
    expect(await text.textContent()).toBe(api.text);

    // back to the defaults for the other specs
    const now = (await (await page.request.get('/api/indicators/settings')).json()) as Settings;
    const reset = await page.request.put('/api/indicators/settings', {
      headers: { origin: e2e.baseURL },
      data: {
        lights: { growthPoints: '1', progressPoints: '5' },
        scorecard: { narrowGap: '0.5', countThresholds: {} },
        version: now.version,
      },
    });
    expect(reset.status()).toBe(200);
  });

  it('refuses a save someone else overtook, keeps the edit, and removes a figure whose cells are cleared', async () => {
    const period = lastMonth();
    const page = await e2e.newPage();
    await signIn(page, 'statistician');
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/indicators/values?period=${period}&indicator=${INDICATOR}`);
    const growthCell = page.getByLabel(`东川市 ${INDICATOR_NAME} 增速`, { exact: true });
    const valueCell = page.getByLabel(`东川市 ${INDICATOR_NAME} 累计值`, { exact: true });
    await growthCell.waitFor();
    const original = {
      value: await valueCell.inputValue(),
      growth: await growthCell.inputValue(),
    };
    expect(original.growth).not.toBe('');

    // the administrator changes the same figure meanwhile
    const admin = await e2e.newPage();
    await signIn(admin, 'admin');
    await admin.waitForURL((u) => u.pathname === '/');
    const theirs = (Number(original.growth) + 1.1).toFixed(1);
    const put = await admin.request.put('/api/indicators/values', {
      headers: { origin: e2e.baseURL },
      data: { values: [{ regionCode: '990200', indicatorCode: INDICATOR, period, growth: theirs }] },
    });
    expect(put.status()).toBe(200);

    const mine = (Number(original.growth) - 0.7).toFixed(1);
    await growthCell.fill(mine);
    const res = await clickAndAnswer(page, button(page, /保存/), isApi('PUT', '/api/indicators/values'), false);
    expect(res.status()).toBe(409);
    await page.getByText('1项数据已被他人修改,本次修改没有保存').first().waitFor();
    await page.getByTestId('value-errors').getByText(`系统管理员已改为 累计值`).waitFor();
    // their figure is loaded; the edit is kept, marked, and goes in on the next save
    await expect.poll(() => growthCell.inputValue()).toBe(mine);
    await shot(page, 'indicators-values-conflict', { fullPage: false });
    await clickAndAnswer(page, button(page, /保存/), isApi('PUT', '/api/indicators/values'));
    const after = (await (
      await page.request.get('/api/indicators/values', {
        params: { period, regionCode: '990200', indicatorCode: INDICATOR },
      })
    ).json()) as { items: { growth: string | null; version: number }[] };
    expect(Number(after.items[0]?.growth)).toBe(Number(mine));

    // both cells cleared: the figure is removed (its history stays)
    await valueCell.fill('');
    await growthCell.fill('');
    await clickAndAnswer(page, button(page, /保存/), isApi('PUT', '/api/indicators/values'));
    await page
      .getByText(/删除1项/)
      .first()
      .waitFor();
    const gone = (await (
      await page.request.get('/api/indicators/values', {
        params: { period, regionCode: '990200', indicatorCode: INDICATOR },
      })
    ).json()) as { items: unknown[] };
    expect(gone.items).toEqual([]);

    // the demo's figure back, as a new figure (nothing read: version 0)
    const restore = await page.request.put('/api/indicators/values', {
      headers: { origin: e2e.baseURL },
      data: {
        values: [
          {
            regionCode: '990200',
            indicatorCode: INDICATOR,
            period,
            value: original.value === '' ? null : original.value.replaceAll(',', ''),
            growth: original.growth,
            version: 0,
          },
        ],
      },
    });
    expect(await restore.json()).toMatchObject({ created: 1 });
  });

  it('maps a column the import does not know and gives back the sheet with the reason on the bad row', async () => {
    const period = lastMonth();
    const [y, m] = period.split('-').map(Number);
    const page = await e2e.newPage();
    await signIn(page, 'statistician');
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/indicators/values?period=${period}`);
    await page.locator('.ant-table-row').first().waitFor();

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('县区');
    ws.getCell('A1').value = `${y}年1-${m}月各县区主要经济指标`;
    ws.getRow(2).values = ['单位名称', '一般公共预算收入累计', '一般公共预算收入增速'];
    ws.getRow(3).values = ['城关区', 92.5, 3.4];
    ws.getRow(4).values = ['新城区', '七十', 2.1];
    const upload = path.join(os.tmpdir(), `luoshi-e2e-districts-${Date.now().toString(36)}.xlsx`);
    await wb.xlsx.writeFile(upload);
    try {
      await button(page, /导\s*入/)
        .first()
        .click();
      const drawer = page.getByRole('dialog').filter({ hasText: '导入指标数据' });
      await drawer.waitFor();
      await drawer.locator('input[type=file]').setInputFiles(upload);
      await clickAndAnswer(
        page,
        button(drawer, '预检'),
        isApi('POST', '/api/indicators/import', { dryRun: 'true' }),
        false,
      );
      await drawer.getByText('缺少必填列:地区').first().waitFor();

      // 单位名称 is the 地区 column: the check runs again by itself
      await pickField(page, drawer, '“单位名称”对应的字段', '地区 *');
      await drawer.getByTestId('import-preview').waitFor();
      await expect
        .poll(async () => (await drawer.getByTestId('import-rejected').textContent()) ?? '')
        .toContain('七十');
      await shot(page, 'indicators-import-mapped', { fullPage: false });

      const [download] = await Promise.all([page.waitForEvent('download'), button(drawer, '下载错误原因表').click()]);
      expect(download.suggestedFilename()).toBe(`${path.basename(upload, '.xlsx')}_错误原因.xlsx`);
      const back = new ExcelJS.Workbook();
      await back.xlsx.readFile(await download.path());
      const sheet = back.worksheets[0]!;
      expect(cellText(sheet.getCell('D2').value)).toBe('错误原因');
      expect(cellText(sheet.getCell('D3').value)).toBe('');
      expect(cellText(sheet.getCell('D4').value)).toContain('七十');
      fs.rmSync(await download.path(), { force: true });
    } finally {
      fs.rmSync(upload, { force: true });
    }
  });
});
