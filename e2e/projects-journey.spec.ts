import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar, USCC_CHARSET } from '../domain/projects/codes.ts';
import { shot, signIn, useBrowser } from './support.ts';

/**
 * The coordinator's whole path through the project library, in the browser: a project created in the form, moved
 * to 前期, refused 开工 while 施工许可 is missing, started once the approvals are ticked; then an Excel import (one
 * valid row, one invalid) checked first and committed, and the ledger downloaded and read back.
 */

const suffix = `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
const randomChars = (n: number, from: string) =>
  Array.from({ length: n }, () => from[Math.floor(Math.random() * from.length)]).join('');
/** A valid USCC of an enterprise (9 1) registered in 城关区 (990102), check character computed. */
const validUscc = () => {
  const first17 = `91990102${randomChars(9, USCC_CHARSET)}`;
  return first17 + computeUsccCheckChar(first17);
};
/** The same with a wrong check character. */
const wrongUscc = () => {
  const good = validUscc();
  const wrong = USCC_CHARSET[(USCC_CHARSET.indexOf(good[17]!) + 1) % USCC_CHARSET.length]!;
  return good.slice(0, 17) + wrong;
};

const CREATED = {
  name: `E2E城关智能制造产业园${suffix}`,
  code: `2603-990102-89-01-${randomChars(6, '0123456789')}`,
  owner: `示范智造科技有限公司${suffix}`,
  uscc: validUscc(),
};
const IMPORTED = { name: `E2E导入物流枢纽${suffix}`, owner: `示范物流有限公司${suffix}`, uscc: validUscc() };
const REJECTED = { name: `E2E导入有误项目${suffix}`, owner: `示范有误有限公司${suffix}`, uscc: wrongUscc() };

/** A button by its words; antd puts an icon's name in front of them ("download 下载导入模板"). */
const button = (scope: Page | Locator, words: string | RegExp) =>
  scope.getByRole('button', { name: typeof words === 'string' ? new RegExp(`(^|\\s)${words}$`) : words });
const dataRows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:visible');

const isApi = (method: string, pathname: string, query?: Record<string, string>) => (r: Response) => {
  const u = new URL(r.url());
  return (
    r.request().method() === method &&
    u.pathname === pathname &&
    Object.entries(query ?? {}).every(([k, v]) => u.searchParams.get(k) === v)
  );
};

/** Clicks and waits for the API's answer, which must be a success. */
async function clickAndAnswer(page: Page, target: Locator, match: (r: Response) => boolean) {
  const [res] = await Promise.all([page.waitForResponse(match), target.click()]);
  expect(res.status(), `${res.request().method()} ${res.url()}`).toBeLessThan(300);
  return res;
}

/** Clicks and returns the file the page hands to the browser. */
async function clickAndDownload(
  page: Page,
  target: Locator,
): Promise<{ download: Download; workbook: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), target.click()]);
  const file = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { download, workbook };
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v);
};

/** Column numbers by header text in the given row. */
function headerColumns(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const cols = new Map<string, number>();
  ws.getRow(row).eachCell((cell, col) => cols.set(cellText(cell.value).trim(), col));
  return cols;
}

/**
 * A select of the form: open it, optionally type to search, pick the option with exactly this text. A select that
 * searches on the server (`searchApi`) is picked from only once the answer to the typed words is in: an option of
 * the earlier list would be replaced under the click.
 */
async function pick(page: Page, scope: Locator, label: string, option: string, search?: string, searchApi?: string) {
  const field = scope.getByLabel(label, { exact: true });
  await field.click();
  if (search && searchApi)
    await Promise.all([page.waitForResponse(isApi('GET', searchApi, { q: search })), field.fill(search)]);
  else if (search) await field.fill(search);
  // (a tree select also keeps a hidden accessible copy of its options: click the one shown). The choice is what
  // counts: its form item shows it. A click that lands while the popup is still moving in is lost, so try again.
  const id = await field.getAttribute('id');
  const chosen = scope
    .locator('.ant-form-item')
    .filter({ has: page.locator(`[id="${id}"]`) })
    .filter({ hasText: option })
    .first();
  const closePopup = async () => {
    // by a click on the drawer's title, not Escape (that would close the drawer)
    if (await openDropdown(page).count()) await scope.locator('.ant-drawer-title, .ant-modal-title').first().click();
    await openDropdown(page).waitFor({ state: 'hidden' });
  };
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await openDropdown(page).count())) await field.click();
      await openDropdown(page)
        .getByTitle(option, { exact: true })
        .filter({ visible: true })
        .first()
        .click({ timeout: 10_000 });
      await chosen.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await closePopup();
    }
  }
  // a popup that lingers is closed, so the next select opens its own popup rather than closing this one
  await closePopup();
}

async function pickDate(scope: Locator, label: string, date: string) {
  const field = scope.getByLabel(label, { exact: true });
  await field.click();
  await field.fill(date);
  await field.press('Enter');
}

/** The number a 新增/更新/无变化/有误 card of the import drawer shows. */
async function countOf(drawer: Locator, title: string): Promise<number> {
  const stat = drawer.getByTestId('import-counts').locator('.ant-statistic').filter({ hasText: title });
  return Number(((await stat.locator('.ant-statistic-content-value').textContent()) ?? '').trim());
}

/** 合计 N 个项目 in the list's toolbar. */
async function listTotal(page: Page): Promise<number> {
  const text = (await page.getByTestId('project-summary').textContent()) ?? '';
  return Number(/合计 (\d+) 个项目/.exec(text)?.[1]);
}

describe('project library journey', () => {
  const e2e = useBrowser();

  it('creates a project, starts construction once 施工许可 is done, imports a sheet and exports the ledger', {
    timeout: 240_000,
  }, async () => {
    const page = await e2e.newPage();
    await signIn(page, 'coordinator');
    await page.waitForURL((u) => u.pathname === '/');
    // (the side menu's shape is another spec's business: go straight to the list)
    await page.goto('/projects');
    await page.getByText(/合计 \d+ 个项目/).waitFor();
    const before = await listTotal(page);
    expect(before).toBeGreaterThan(100);

    // ── 新增: the form drawer ─────────────────────────────────────────────────────────────────────────────────
    await button(page, '新增').click();
    const form = page.getByRole('dialog').filter({ hasText: '新增项目' });
    await form.getByLabel('项目名称', { exact: true }).fill(CREATED.name);
    await form.getByLabel('项目代码', { exact: true }).fill(CREATED.code);
    await pick(page, form, '所属区县', '城关区', '城关');
    await pick(page, form, '项目级别', '市级');
    await pick(page, form, '项目类别', '产业');
    await pick(page, form, '投资来源', '社会投资');
    await form.getByLabel('建设单位名称', { exact: true }).fill(CREATED.owner);
    await form.getByLabel('统一社会信用代码', { exact: true }).fill(CREATED.uscc);
    await pick(page, form, '责任单位', '城关区发展和改革局', '城关区发展和改革局', '/api/units');
    await form.getByLabel('总投资', { exact: true }).fill('85000');
    await form.getByLabel('年度计划投资', { exact: true }).fill('20000');
    await pickDate(form, '计划开工', '2026-03-01');
    await pickDate(form, '计划竣工', '2027-12-31');
    await form.getByLabel('已通过环评', { exact: true }).click();
    expect(await form.getByLabel('已通过环评', { exact: true }).getAttribute('aria-checked')).toBe('true');
    await shot(page, 'journey-create-form', { fullPage: false });
    const created = await clickAndAnswer(page, button(form, '保存'), isApi('POST', '/api/projects'));
    const { id } = (await created.json()) as { id: string };
    await page.getByText('新增成功').waitFor();
    await form.waitFor({ state: 'hidden' });

    // ── its page, found in the list ──────────────────────────────────────────────────────────────────────────
    await page.getByLabel('关键字').fill(CREATED.name);
    await button(page, '查询').click();
    await page.waitForURL((u) => u.searchParams.get('q') === CREATED.name);
    await dataRows(page).getByRole('link', { name: CREATED.name }).click();
    await page.waitForURL((u) => u.pathname === `/projects/${id}`);
    await page.getByRole('heading', { name: CREATED.name }).waitFor();
    await page.getByText('谋划储备', { exact: true }).first().waitFor();

    // ── 转入前期 ──────────────────────────────────────────────────────────────────────────────────────────────
    await button(page, '转入前期').click();
    const toPreparation = page.getByRole('dialog').filter({ hasText: '转入前期' });
    await toPreparation.getByText('项目阶段将由“谋划储备”变更为“前期”。').waitFor();
    await clickAndAnswer(page, button(toPreparation, /确\s*定/), isApi('POST', `/api/projects/${id}/transitions`));
    await page.getByText('阶段已变更为“前期”').waitFor();
    await toPreparation.waitFor({ state: 'hidden' });

    // ── 开工建设 is refused: 施工许可 (and 立项) not done, and the page says so ───────────────────────────────────
    const start = button(page, '开工建设');
    await expect.poll(() => start.isDisabled()).toBe(true);
    const blockers = page.getByTestId('transition-blockers');
    await blockers.getByText(/开工建设.*缺少施工许可/).waitFor();
    // the reason is also on the button itself
    await start.hover({ force: true });
    await page
      .getByRole('tooltip')
      .getByText(/缺少施工许可/)
      .waitFor();
    await shot(page, 'journey-start-refused', { fullPage: false });

    // ── the approvals, ticked in the edit form ─────────────────────────────────────────────────────────────────
    await button(page, '编辑').click();
    const edit = page.getByRole('dialog').filter({ hasText: '编辑项目' });
    await edit.getByRole('checkbox', { name: '立项(审批/核准/备案)' }).check();
    await edit.getByRole('checkbox', { name: '施工许可' }).check();
    await clickAndAnswer(page, button(edit, '保存'), isApi('PUT', `/api/projects/${id}`));
    await page.getByText('保存成功').waitFor();
    await edit.waitFor({ state: 'hidden' });
    await blockers.waitFor({ state: 'detached' });

    // ── 开工建设 now succeeds ──────────────────────────────────────────────────────────────────────────────────
    await expect.poll(() => start.isEnabled()).toBe(true);
    await start.click();
    const toConstruction = page.getByRole('dialog').filter({ hasText: '开工建设' });
    await toConstruction.getByText('项目阶段将由“前期”变更为“在建”。').waitFor();
    const started = await clickAndAnswer(
      page,
      button(toConstruction, /确\s*定/),
      isApi('POST', `/api/projects/${id}/transitions`),
    );
    const afterStart = (await started.json()) as { stage: string; actualStartDate: string | null };
    expect(afterStart.stage).toBe('under_construction');
    expect(afterStart.actualStartDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByText('阶段已变更为“在建”').waitFor();
    await toConstruction.waitFor({ state: 'hidden' });
    // the summary card shows the stage and the actual start date the transition set
    await page.locator('.ant-descriptions-item-content').getByText('在建', { exact: true }).waitFor();
    await page.getByText(afterStart.actualStartDate!, { exact: true }).first().waitFor();
    await shot(page, 'journey-under-construction');

    // ── back to the list: 导入 ───────────────────────────────────────────────────────────────────────────────────
    await button(page, '返回项目库').click();
    await page.waitForURL((u) => u.pathname === '/projects' && u.search === '');
    await expect.poll(() => listTotal(page)).toBe(before + 1);
    await button(page, '导入').click();
    const drawer = page.getByRole('dialog').filter({ hasText: '导入项目' });
    await drawer.getByText('点击选择或将 Excel 文件拖到此处').waitFor();
    // nothing to confirm before a check
    expect(await button(drawer, '确认导入').isDisabled()).toBe(true);

    // the template, filled in with one valid and one invalid row
    const template = await clickAndDownload(page, button(drawer, '下载导入模板'));
    expect(template.download.suggestedFilename()).toBe('重点项目导入模板.xlsx');
    const sheet = template.workbook.worksheets[0]!;
    const cols = headerColumns(sheet, 1);
    for (const h of ['项目名称', '建设单位', '统一社会信用代码', '所属区县', '责任单位', '总投资(万元)']) {
      expect(cols.has(h), `template column ${h}`).toBe(true);
    }
    const fill = (row: number, values: Record<string, string>) => {
      for (const [header, value] of Object.entries(values)) sheet.getCell(row, cols.get(header)!).value = value;
    };
    const common = {
      所属区县: '城关区',
      责任单位: '城关区发改局',
      项目级别: '市级',
      项目类别: '基础设施',
      投资来源: '社会投资',
      计划开工: '2026-05-01',
      计划竣工: '2027年6月',
    };
    fill(2, {
      ...common,
      项目名称: IMPORTED.name,
      建设单位: IMPORTED.owner,
      统一社会信用代码: IMPORTED.uscc,
      '总投资(万元)': '1.2亿',
      '年度计划投资(万元)': '3,500',
    });
    fill(3, {
      ...common,
      项目名称: REJECTED.name,
      建设单位: REJECTED.owner,
      统一社会信用代码: REJECTED.uscc,
      '总投资(万元)': '5000',
    });
    const upload = path.join(os.tmpdir(), `luoshi-e2e-import-${suffix}.xlsx`);
    await template.workbook.xlsx.writeFile(upload);

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      drawer.getByText('点击选择或将 Excel 文件拖到此处').click(),
    ]);
    await chooser.setFiles(upload);
    await drawer.getByText(path.basename(upload)).waitFor();
    expect(await button(drawer, '确认导入').isDisabled()).toBe(true);

    // 预检: 1 new, 1 rejected, nothing written
    await clickAndAnswer(page, button(drawer, '预检'), isApi('POST', '/api/projects/import', { dryRun: 'true' }));
    await drawer.getByTestId('import-preview').waitFor();
    expect(await countOf(drawer, '新增')).toBe(1);
    expect(await countOf(drawer, '更新')).toBe(0);
    expect(await countOf(drawer, '无变化')).toBe(0);
    expect(await countOf(drawer, '有误')).toBe(1);
    await drawer.getByText('1 行有误(共 1 处问题),这些行不会导入').waitFor();
    await drawer.getByText(/只写入其余的有效行:新增 1 个、更新 0 个项目/).waitFor();
    const rejectedRow = drawer.getByTestId('import-rejected').locator('tr.ant-table-row');
    await expect.poll(() => rejectedRow.count()).toBe(1);
    const cells = (await rejectedRow.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('统一社会信用代码');
    expect(cells[2]).toContain('校验位不符');
    // a dry run writes nothing
    const found = await page.request.get(`/api/projects?q=${encodeURIComponent(IMPORTED.name)}`);
    expect(((await found.json()) as { total: number }).total).toBe(0);
    await shot(page, 'journey-import-preview', { fullPage: false });

    // the sheet back, with 错误原因 on the rejected row only
    const errors = await clickAndDownload(page, button(drawer, '下载错误原因表'));
    expect(errors.download.suggestedFilename()).toBe(`${path.basename(upload, '.xlsx')}_错误原因.xlsx`);
    const marked = errors.workbook.worksheets[0]!;
    const reasonCol = headerColumns(marked, 1).get('错误原因');
    expect(reasonCol).toBeGreaterThan(0);
    expect(cellText(marked.getCell(2, reasonCol!).value)).toBe('');
    expect(cellText(marked.getCell(3, reasonCol!).value)).toContain('校验位不符');

    // 确认导入: only the valid row is written, and the list shows it
    await clickAndAnswer(
      page,
      button(drawer, '确认导入有效行'),
      isApi('POST', '/api/projects/import', { dryRun: 'false' }),
    );
    const result = drawer.getByTestId('import-result');
    await result.getByText('导入完成').waitFor();
    await result.getByText('新增 1 个、更新 0 个项目,0 个无变化;1 行有误,未导入').waitFor();
    await shot(page, 'journey-import-done', { fullPage: false });
    await button(drawer, '完成').click();
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => listTotal(page)).toBe(before + 2);
    // newest first: the imported project is on the first page without searching
    await dataRows(page).getByRole('link', { name: IMPORTED.name }).waitFor();
    expect(await dataRows(page).getByRole('link', { name: REJECTED.name }).count()).toBe(0);
    await shot(page, 'journey-list-after-import');

    // ── 导出: the ledger of the (unfiltered) list, read back ──────────────────────────────────────────────────────
    const ledger = await clickAndDownload(page, button(page, '导出'));
    expect(ledger.download.suggestedFilename()).toBe('重点项目台账.xlsx');
    const ws = ledger.workbook.worksheets[0]!;
    expect(cellText(ws.getCell(1, 1).value)).toBe('重点项目台账');
    expect(cellText(ws.getCell(2, 1).value)).toContain('筛选条件:全部');
    const lc = headerColumns(ws, 3);
    const nameCol = lc.get('项目名称')!;
    const totalCol = lc.get('总投资(万元)')!;
    const annualCol = lc.get('年度计划投资(万元)')!;
    const stageCol = lc.get('阶段')!;
    expect([nameCol, totalCol, annualCol, stageCol].every((c) => c > 0)).toBe(true);
    const cents = (v: ExcelJS.CellValue) =>
      v === null || v === undefined || v === '' ? 0 : Math.round(Number(v) * 100);
    let rows = 0;
    let sumTotal = 0;
    let sumAnnual = 0;
    let totalsRow = 0;
    const byName = new Map<string, number>();
    for (let r = 4; r <= ws.rowCount; r++) {
      if (cellText(ws.getCell(r, 1).value) === '合计') {
        totalsRow = r;
        break;
      }
      rows++;
      byName.set(cellText(ws.getCell(r, nameCol).value), r);
      sumTotal += cents(ws.getCell(r, totalCol).value);
      sumAnnual += cents(ws.getCell(r, annualCol).value);
    }
    expect(totalsRow).toBeGreaterThan(4);
    expect(rows).toBe(before + 2);
    expect(cellText(ws.getCell(totalsRow, nameCol).value)).toBe(`合计(${before + 2}个项目)`);
    expect(cents(ws.getCell(totalsRow, totalCol).value)).toBe(sumTotal);
    expect(cents(ws.getCell(totalsRow, annualCol).value)).toBe(sumAnnual);
    // the imported row: 1.2亿 stored as 12000 万元, 3,500 as 3500, in 谋划储备; the created one is 在建
    const imported = byName.get(IMPORTED.name);
    expect(imported).toBeDefined();
    expect(ws.getCell(imported!, totalCol).value).toBe(12000);
    expect(ws.getCell(imported!, annualCol).value).toBe(3500);
    expect(cellText(ws.getCell(imported!, stageCol).value)).toBe('谋划储备');
    expect(cellText(ws.getCell(imported!, lc.get('统一社会信用代码')!).value)).toBe(IMPORTED.uscc);
    expect(byName.has(REJECTED.name)).toBe(false);
    const mine = byName.get(CREATED.name);
    expect(mine).toBeDefined();
    expect(cellText(ws.getCell(mine!, stageCol).value)).toBe('在建');
    expect(ws.getCell(mine!, totalCol).value).toBe(85000);
    fs.rmSync(upload, { force: true });
  });

  it('on a phone the import drawer takes the whole screen and lists the rejected rows', async () => {
    const page = await e2e.newPage({ phone: true });
    await signIn(page, 'coordinator');
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/projects');
    await page.getByText(/合计 \d+ 个项目/).waitFor();
    await button(page, '导入').click();
    const drawer = page.getByRole('dialog').filter({ hasText: '导入项目' });
    await drawer.getByText('点击选择或将 Excel 文件拖到此处').waitFor();

    // an office's own sheet: other header words, an amount in 亿元, a region that does not exist
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('2026年重点项目');
    ws.addRow(['序号', '项目名称', '业主单位', '区县', '牵头单位', '总投资(亿元)']);
    ws.addRow([1, `E2E手机预检${suffix}`, '示范测试有限公司', '不存在区', '城关区发改局', 1.5]);
    const upload = path.join(os.tmpdir(), `luoshi-e2e-phone-${suffix}.xlsx`);
    await workbook.xlsx.writeFile(upload);
    await drawer.locator('input[type=file]').setInputFiles(upload);

    // while the check runs the drawer says so (the request is held until the page has been looked at)
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const isImport = (u: URL) => u.pathname === '/api/projects/import';
    await page.route(isImport, async (route) => {
      await held;
      await route.continue();
    });
    const answered = page.waitForResponse(isApi('POST', '/api/projects/import', { dryRun: 'true' }));
    await button(drawer, '预检').click();
    await drawer
      .getByRole('status')
      .getByText(/正在上传并逐行检查“luoshi-e2e-phone-.*\.xlsx”/)
      .waitFor();
    expect(await button(drawer, '确认导入').isDisabled()).toBe(true);
    await shot(page, 'journey-import-checking-phone', { fullPage: false });
    release();
    expect((await answered).status()).toBe(200);
    await page.unroute(isImport);
    expect(await countOf(drawer, '有误')).toBe(1);
    expect(await countOf(drawer, '新增')).toBe(0);
    await drawer.getByText(/全部 1 行都有误,没有可导入的数据/).waitFor();
    const row = drawer.getByTestId('import-rejected').locator('tr.ant-table-row');
    await row.getByText('区县“不存在区”不存在').waitFor();
    // nothing valid: nothing to confirm
    expect(await button(drawer, '确认导入').isDisabled()).toBe(true);

    // the drawer is the whole width of the phone, and nothing in it is wider
    const box = await page.locator('.ant-drawer-content-wrapper').boundingBox();
    expect(Math.round(box?.width ?? 0)).toBe(390);
    const overflow = await page.locator('.ant-drawer-body').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'journey-import-phone', { fullPage: false });
    fs.rmSync(upload, { force: true });
  });
});
