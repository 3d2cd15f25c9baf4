import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Download, Locator, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled, shot, signIn, useBrowser } from './support.ts';

/**
 * 重点任务与督查督办, the way the issue tells it: the 督查室 creates an assignment plan and imports the 政府办's
 * table, which names the bureau by an old name (市经济和信息化委员会) that it maps to 示范市工业和信息化局; the bureau
 * claims its task and reports 进展/问题/下步; the 督查室 returns the report with a comment, the bureau corrects and
 * resubmits, the 督查室 accepts it and it is locked; a task of the table already past its deadline gets a 督办单
 * whose .docx downloads; the task ledger (.xlsx) of the plan downloads and says what the list page says.
 */

const STAMP = Date.now().toString(36);
const UNIT = '示范市工业和信息化局';
/** not a name, short name or alias of any unit of the demo city (server/seed/demo-data.ts) */
const OLD_NAME = '市经济和信息化委员会';

/** Today's date in Asia/Shanghai (the app's business day), as numbers. */
function today(): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: part('year'), m: part('month'), d: part('day') };
}
const iso = (date: Date) => date.toISOString().slice(0, 10);

const { y: YEAR, m: MONTH } = today();
/** A deadline as the tables write it, already past: "2026年6月底前" in the second half of the year. */
const PAST_DEADLINE =
  MONTH >= 8 ? `${YEAR}年6月底前` : MONTH >= 2 ? `${YEAR}年${MONTH - 1}月底前` : `${YEAR - 1}年12月31日前`;

const PLAN_TITLE = `${YEAR}年政府工作报告重点任务分解方案（E2E ${STAMP}）`;
const SOURCE_TITLE = `${YEAR}年示范市人民政府工作报告`;
const SECTION_1 = '一、推进新型工业化，壮大实体经济';
const SECTION_2 = '二、提升城市品质，办好民生实事';
const TASK_1 = `实施制造业数字化转型行动，新建智能工厂和数字化车间10个（E2E ${STAMP}）`;
const TASK_2 = `建成工业园区标准化厂房20万平方米（E2E ${STAMP}）`;
const TASK_3 = `改造城镇老旧小区30个，惠及居民1.2万户（E2E ${STAMP}）`;

const PROGRESS = '已出台制造业数字化转型实施方案，遴选首批智能工厂培育对象12家，完成诊断评估8家。';
const PROBLEMS = '部分中小企业资金不足，改造意愿不强。';
const NEXT_STEPS = '召开政策宣讲会，落实技改贴息资金，12月底前认定首批智能工厂。';
const RETURN_COMMENT = `请补充已认定智能工厂的数量和名称，进展要有量化数据（${STAMP}）`;
const PROGRESS_REVISED = `${PROGRESS}截至目前已认定智能工厂3家（示范机械、示范电子、示范食品），数字化车间5个。`;

// ── the page ───────────────────────────────────────────────────────────────────────────────────────────────
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A button by its words; antd puts an icon's name in front of them ("check 认领") and may space two characters. */
const button = (scope: Page | Locator, words: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...words].map(escapeRe).join('\\s*')}$`) });
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:visible');
const popconfirm = (page: Page, text: string) => page.locator('.ant-popconfirm:visible').filter({ hasText: text });

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

/** Clicks and waits for the browser's download (a file the page saves under its name). */
async function download(page: Page, target: Locator): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), target.click()]);
  const at = path.join(os.tmpdir(), `luoshi-e2e-${STAMP}-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(at);
  const bytes = fs.readFileSync(at);
  fs.rmSync(at, { force: true });
  return { file, bytes };
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
};

/** The words of a .docx's body, runs joined. */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
}

/** The 分工方案 as the 政府办 sends it: a title, the header, merged section rows, one row per task. */
async function planSheet(): Promise<Buffer> {
  const header = ['序号', '重点任务', '责任领导', '牵头单位', '配合单位', '完成时限'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分工方案');
  ws.addRow([`${YEAR}年政府工作报告重点任务分解和责任落实分工方案`]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  const section = (title: string) => {
    const row = ws.addRow([title]);
    ws.mergeCells(row.number, 1, row.number, header.length);
  };
  section(SECTION_1);
  ws.addRow([1, TASK_1, '张慧敏', OLD_NAME, '市科技局、市商务局', '年底前']);
  ws.addRow([2, TASK_2, '张慧敏', OLD_NAME, '市自然资源局', PAST_DEADLINE]);
  section(SECTION_2);
  ws.addRow([3, TASK_3, '刘志刚', '市住建局', '城关区政府、新城区政府', '年底前']);
  ws.getColumn(2).width = 50;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Story = { planId?: string; task1?: string; task2?: string };

const feedbackCard = (page: Page) => page.getByTestId('feedback-cycle').first();

describe('key tasks and supervision', () => {
  const e2e = useBrowser();
  const story: Story = {};
  let office: Page;
  let bureau: Page;
  const taskUrl = (id: string | undefined) => `/tasks/t/${id}`;

  it('the 督查室 creates a plan and imports the 政府办 table, mapping an unknown unit name', {
    timeout: 180_000,
  }, async () => {
    office = await e2e.newPage();
    await signIn(office, 'supervisor');
    await office.waitForURL((u) => u.pathname === '/');
    // 重点任务 › 分工方案
    await office.getByRole('menuitem', { name: '重点任务' }).click();
    await Promise.all([
      office.waitForResponse(isApi('GET', /^\/api\/task-plans$/)),
      office.getByRole('link', { name: '分工方案', exact: true }).click(),
    ]);
    await office.waitForURL((u) => u.pathname === '/tasks/plans');

    // 新建方案: nothing filled is refused on the spot
    await button(office, '新建方案').click();
    const modal = office.getByRole('dialog').filter({ has: office.getByTestId('plan-form') });
    await modal.getByLabel('来源文件名称').waitFor();
    await button(modal, '保存').click();
    await modal.getByText('请填写来源文件名称').waitFor();
    await modal.getByText('请填写方案名称').waitFor();
    await modal.getByLabel('来源文件名称').fill(SOURCE_TITLE);
    await modal.getByLabel('文号').fill(`示政发〔${YEAR}〕3号`);
    await modal.getByLabel('方案名称').fill(PLAN_TITLE);
    await shot(office, 'tasks-supervision-plan-new', { fullPage: false });
    const created = await clickAndAnswer(office, button(modal, '保存'), isApi('POST', /^\/api\/task-plans$/));
    expect(created.status()).toBe(201);
    story.planId = ((await created.json()) as { id: string }).id;
    await office.waitForURL((u) => u.pathname === `/tasks/plans/${story.planId}`);
    await office.getByRole('heading', { name: PLAN_TITLE }).waitFor();

    // 导入: the file is checked at once (a dry run that writes nothing)
    await button(office, '导入').first().click();
    await office.waitForURL((u) => u.pathname === `/tasks/plans/${story.planId}/import`);
    // from memory, not a file on disk: the page reads the chosen file again when it imports
    const [checked] = await Promise.all([
      office.waitForResponse(isApi('POST', /^\/api\/task-plans\/[^/]+\/import$/)),
      office.locator('input[type=file]').setInputFiles({
        name: `分工方案-${STAMP}.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await planSheet(),
      }),
    ]);
    expect(checked.status()).toBe(200);
    const dry = (await checked.json()) as {
      dryRun: boolean;
      created: number;
      rejected: unknown[];
      unmatchedUnits: { name: string; rows: number[]; suggestions: { name: string }[] }[];
      unmatchedLeaders: unknown[];
    };
    expect(dry).toMatchObject({ dryRun: true, created: 3, rejected: [], unmatchedLeaders: [] });
    expect(dry.unmatchedUnits.map((u) => [u.name, u.rows])).toEqual([[OLD_NAME, [4, 5]]]);
    await office.getByTestId('import-preview').waitFor();
    await office.getByLabel('新增 3').waitFor();

    // the unknown name, listed once with the rows it is on, mapped to the bureau
    const mapping = office.locator(`[data-testid="map-unit"][data-name="${OLD_NAME}"]`);
    await mapping.getByText('出现在第 4、5 行').waitFor();
    await office.getByText(`请先为 “${OLD_NAME}” 选择对应的单位或领导`).waitFor();
    await expect.poll(() => office.getByTestId('import-commit').isDisabled()).toBe(true);
    const select = mapping.getByRole('combobox');
    await select.click();
    await select.fill('工业和信息化');
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await openDropdown(office).count())) await select.click();
        await openDropdown(office).getByTitle(UNIT, { exact: true }).first().click({ timeout: 5_000 });
        await office.getByText(`请先为 “${OLD_NAME}”`).waitFor({ state: 'hidden', timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
    await openDropdown(office).waitFor({ state: 'hidden' });
    await expect.poll(() => office.getByTestId('import-commit').isEnabled()).toBe(true);
    await shot(office, 'tasks-supervision-import-mapping');

    const [committed] = await Promise.all([
      office.waitForResponse(isApi('POST', /^\/api\/task-plans\/[^/]+\/import$/)),
      office.getByTestId('import-commit').click(),
    ]);
    expect(committed.status()).toBe(200);
    expect(await committed.json()).toMatchObject({ dryRun: false, created: 3, rejected: [] });
    await office.getByTestId('import-result').getByLabel('新增 3').waitFor();
    await shot(office, 'tasks-supervision-import-done', { fullPage: false });

    // the plan: the sections and the tasks, the two of the old name led by the bureau, none claimed yet
    // (the plan was refetched when the import ended: the page shows it from the cache, no request to wait for)
    await button(office, '查看方案').click();
    await office.waitForURL((u) => u.pathname === `/tasks/plans/${story.planId}`);
    const rows = office.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(5);
    await office.getByTestId('plan-section-row').filter({ hasText: SECTION_1 }).waitFor();
    const row1 = rows.filter({ hasText: TASK_1 });
    const row2 = rows.filter({ hasText: TASK_2 });
    await row1.getByText(UNIT, { exact: true }).waitFor();
    await row2.getByText(UNIT, { exact: true }).waitFor();
    await row1.getByText('待认领').waitFor();
    await rows.filter({ hasText: TASK_3 }).getByText('示范市住房和城乡建设局', { exact: true }).waitFor();
    await row2.getByText(PAST_DEADLINE).waitFor();
    const idOf = async (row: Locator) =>
      ((await row.getByRole('link').first().getAttribute('href')) ?? '').replace('/tasks/t/', '');
    story.task1 = await idOf(row1);
    story.task2 = await idOf(row2);
    expect(story.task1).toMatch(/^[0-9a-f-]{36}$/);
    expect(story.task2).toMatch(/^[0-9a-f-]{36}$/);
    await shot(office, 'tasks-supervision-plan');
  });

  it('the bureau claims its task and reports 进展情况 / 存在问题 / 下步打算', { timeout: 180_000 }, async () => {
    bureau = await e2e.newPage();
    await signIn(bureau, 'dept_staff');
    await bureau.waitForURL((u) => u.pathname === '/');
    await Promise.all([bureau.waitForResponse(isApi('GET', /^\/api\/task-claims$/)), bureau.goto('/tasks/claims')]);
    const row = bureau.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: TASK_1 });
    await row.getByText('待认领').waitFor();
    await bureau.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: TASK_2 }).waitFor();
    await shot(bureau, 'tasks-supervision-claims');
    await button(row, '认领').click();
    const confirm = popconfirm(bureau, '确认认领任务 1');
    await confirm.waitFor();
    await settled(bureau);
    const claimed = await clickAndAnswer(
      bureau,
      button(confirm, '认领'),
      isApi('POST', new RegExp(`^/api/tasks/${story.task1}/claim$`)),
    );
    expect(((await claimed.json()) as { claimStatus: string }).claimStatus).toBe('claimed');

    // the task: the form of this cycle's feedback
    await Promise.all([
      bureau.waitForResponse(isApi('GET', new RegExp(`^/api/tasks/${story.task1}$`))),
      bureau.goto(taskUrl(story.task1)),
    ]);
    const form = bureau.getByTestId('feedback-form');
    await form.waitFor();
    await bureau.getByTestId('task-header').getByText(TASK_1).waitFor();
    await bureau.getByTestId('task-header').getByText('已认领', { exact: true }).waitFor();
    await form.getByLabel('进展情况').fill(PROGRESS);
    await form.getByLabel('存在问题').fill(PROBLEMS);
    await form.getByLabel('下步打算').fill(NEXT_STEPS);
    await form.getByRole('spinbutton', { name: '完成进度' }).fill('35');
    await form.getByRole('spinbutton', { name: '完成进度' }).press('Tab');
    await form.getByText('存在风险', { exact: true }).click();
    await shot(bureau, 'tasks-supervision-feedback-form');
    await submitFeedback(bureau);
    const card = feedbackCard(bureau);
    await card.getByText('已报送').waitFor();
    await card.getByText(PROGRESS).waitFor();
    await card.getByText('35%').waitFor();
  });

  it('the 督查室 returns it with a comment; the bureau corrects and resubmits; the 督查室 accepts; it is locked', {
    timeout: 180_000,
  }, async () => {
    // returned, with what must change
    await Promise.all([
      office.waitForResponse(isApi('GET', new RegExp(`^/api/tasks/${story.task1}$`))),
      office.goto(taskUrl(story.task1)),
    ]);
    const card = feedbackCard(office);
    await card.getByText('已报送').waitFor();
    await card.getByText(PROBLEMS).waitFor();
    await card.getByTestId('review-return').click();
    const dialog = office.getByRole('dialog').filter({ hasText: '退回意见' });
    await dialog.getByLabel('退回意见').waitFor();
    await button(dialog, '退回').click();
    await dialog.getByText('请填写退回意见').waitFor();
    await dialog.getByLabel('退回意见').fill(RETURN_COMMENT);
    await clickAndAnswer(office, button(dialog, '退回'), isApi('POST', /\/feedback\/[^/]+\/return$/));
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('已退回').waitFor();
    await card.getByText(`退回意见:${RETURN_COMMENT}`).waitFor();

    // the bureau sees the comment over its form, corrects and sends again
    await Promise.all([
      bureau.waitForResponse(isApi('GET', new RegExp(`^/api/tasks/${story.task1}$`))),
      bureau.reload(),
    ]);
    const form = bureau.getByTestId('feedback-form');
    await form.getByText(RETURN_COMMENT).waitFor();
    await form.getByText('已退回').waitFor();
    await expect.poll(() => form.getByLabel('进展情况').inputValue()).toBe(PROGRESS);
    await shot(bureau, 'tasks-supervision-returned');
    await form.getByLabel('进展情况').fill(PROGRESS_REVISED);
    await form.getByRole('spinbutton', { name: '完成进度' }).fill('40');
    await form.getByRole('spinbutton', { name: '完成进度' }).press('Tab');
    await submitFeedback(bureau);
    await feedbackCard(bureau).getByText('已报送').waitFor();
    await feedbackCard(bureau).getByText(PROGRESS_REVISED).waitFor();

    // accepted
    await Promise.all([
      office.waitForResponse(isApi('GET', new RegExp(`^/api/tasks/${story.task1}$`))),
      office.reload(),
    ]);
    await feedbackCard(office).getByText(PROGRESS_REVISED).waitFor();
    await feedbackCard(office).getByTestId('review-accept').click();
    const accept = popconfirm(office, '采纳后本期反馈将锁定');
    await accept.waitFor();
    await settled(office);
    await clickAndAnswer(office, button(accept, '确定'), isApi('POST', /\/feedback\/[^/]+\/accept$/));
    await feedbackCard(office).getByText('已采纳').waitFor();
    await expect.poll(() => office.getByTestId('review-accept').count()).toBe(0);
    await shot(office, 'tasks-supervision-accepted');

    // the bureau: 已采纳, and nothing to edit any more — the page offers no form, the API refuses a change
    const [res] = await Promise.all([
      bureau.waitForResponse(isApi('GET', new RegExp(`^/api/tasks/${story.task1}$`))),
      bureau.reload(),
    ]);
    const detail = (await res.json()) as {
      cycles: { cycle: string; feedback: { status: string; version: number } | null }[];
      can: { writeFeedback: boolean; submit: boolean };
    };
    await feedbackCard(bureau).getByText('已采纳').waitFor();
    await feedbackCard(bureau).getByText(PROGRESS_REVISED).waitFor();
    expect(await bureau.getByTestId('feedback-form').count()).toBe(0);
    expect(await button(bureau, '报送').count()).toBe(0);
    expect(await button(bureau, '保存草稿').count()).toBe(0);
    expect(detail.can).toMatchObject({ writeFeedback: false, submit: false });
    const accepted = detail.cycles.find((c) => c.feedback?.status === 'accepted')!;
    const edit = await bureau.request.put(`/api/tasks/${story.task1}/feedback/${accepted.cycle}`, {
      data: {
        progress: '改写已采纳的反馈',
        problems: '',
        nextSteps: '',
        completionPct: 90,
        quantValue: null,
        confidence: 'on_track',
        version: accepted.feedback!.version,
      },
    });
    expect(edit.status()).toBeGreaterThanOrEqual(400);
    expect(edit.status()).toBeLessThan(500);
    await Promise.all([
      bureau.waitForResponse(isApi('GET', new RegExp(`^/api/tasks/${story.task1}$`))),
      bureau.reload(),
    ]);
    await feedbackCard(bureau).getByText(PROGRESS_REVISED).waitFor();
    await shot(bureau, 'tasks-supervision-locked');
  });

  it('an overdue task gets a 督办单 whose .docx downloads', { timeout: 180_000 }, async () => {
    // from the plan, the task past its deadline
    await Promise.all([
      office.waitForResponse(isApi('GET', new RegExp(`^/api/task-plans/${story.planId}$`))),
      office.goto(`/tasks/plans/${story.planId}`),
    ]);
    await office
      .locator('.ant-table-tbody tr.ant-table-row')
      .filter({ hasText: TASK_2 })
      .getByRole('link')
      .first()
      .click();
    await office.waitForURL((u) => u.pathname === taskUrl(story.task2));
    const header = office.getByTestId('task-header');
    await header.getByText(TASK_2).waitFor();
    await header.locator('[data-status="overdue"]').getByText('逾期').waitFor();

    // its ladder, as it stands: a reminder already given (the daily sweep) or nothing yet
    const ladder = office.locator('.ant-card').filter({ has: office.getByTestId('ladder-issue') });
    await ladder.locator('.ant-empty, [data-testid="object-ladder"]').first().waitFor();
    const reminded = (await ladder.getByTestId('ladder-step-reminder').count()) > 0;

    await office.getByTestId('ladder-issue').click();
    const drawer = office.getByRole('dialog').filter({ has: office.getByTestId('sup-issue-submit') });
    await drawer.getByText(TASK_2).waitFor();
    await drawer.getByText('督办', { exact: true }).click();
    const skip = drawer.getByLabel('越级理由');
    if (!reminded) {
      // an order before any reminder skips a rung: the drawer asks why, and the reason is kept
      await drawer.getByText('该事项尚未催办').waitFor();
      await skip.fill('已超过完成时限，市政府领导要求直接督办');
    }
    await drawer.getByLabel('事由', { exact: true }).fill(`已超过完成时限（${PAST_DEADLINE}）仍未完成`);
    await drawer.getByLabel('督办要求').fill('请于办理时限前报送厂房建设进度、未完成原因和整改措施，明确完工时间。');
    const due = new Date();
    due.setUTCDate(due.getUTCDate() + 10);
    const dueOn = iso(new Date(due.getTime() + 8 * 3_600_000));
    const picker = drawer.getByLabel('办理时限');
    await picker.click();
    await picker.fill(dueOn);
    await picker.press('Enter');
    await expect.poll(() => picker.inputValue()).toBe(dueOn);
    await shot(office, 'tasks-supervision-order-drawer', { fullPage: false });
    const issued = await clickAndAnswer(
      office,
      drawer.getByTestId('sup-issue-submit'),
      isApi('POST', /^\/api\/supervision\/steps$/),
    );
    expect(issued.status()).toBe(201);
    const step = (await issued.json()) as { number: string; unitName: string; skipReason: string | null };
    expect(step.number).toMatch(/^督办〔\d{4}〕\d+号$/);
    expect(step.unitName).toBe(UNIT);
    expect(step.skipReason !== null).toBe(!reminded);
    await drawer.waitFor({ state: 'hidden' });

    // the ladder shows the order with its number; the 督办单 downloads and says what, to whom
    const order = ladder.getByTestId('ladder-step-order');
    await order.getByText(step.number).waitFor();
    if (!reminded) await order.getByText('越级理由').waitFor();
    await shot(office, 'tasks-supervision-order');
    const { file, bytes } = await download(office, button(order, '下载督办单'));
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    const text = await docxText(bytes);
    expect(text).toContain('督办〔');
    expect(text).toContain(step.number);
    expect(text).toContain(TASK_2);
    expect(text).toContain(UNIT);
  });

  it('the task ledger (.xlsx) of the plan downloads and matches the list page', { timeout: 180_000 }, async () => {
    await Promise.all([office.waitForResponse(isApi('GET', /^\/api\/tasks$/)), office.goto('/tasks')]);
    const search = office.getByRole('search');
    await search.getByLabel('分工方案').click();
    await openDropdown(office).getByTitle(PLAN_TITLE, { exact: true }).click();
    await openDropdown(office).waitFor({ state: 'hidden' });
    await clickAndAnswer(office, button(search, '查询'), isApi('GET', /^\/api\/tasks$/, { planId: story.planId! }));
    await office.waitForURL((u) => u.searchParams.get('planId') === story.planId);
    await office.getByTestId('tasks-total').getByText('共 3 项任务').waitFor();
    const rows = office.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    await shot(office, 'tasks-supervision-task-list');

    // what the page shows: 序号, 任务, 状态 of each row
    const shown: [string, string, string][] = [];
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      const cells = row.locator('td');
      shown.push([
        ((await cells.nth(0).textContent()) ?? '').trim(),
        ((await cells.nth(1).getByRole('link').textContent()) ?? '').trim(),
        ((await row.locator('[data-status]').first().textContent()) ?? '').trim(),
      ]);
    }
    expect(shown.map((r) => r[1])).toEqual([TASK_1, TASK_2, TASK_3]);
    expect(shown.map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(shown[1]![2]).toBe('逾期');

    const [{ file, bytes }] = await Promise.all([
      download(office, office.getByTestId('task-ledger')),
      office.waitForResponse(isApi('GET', /^\/api\/tasks\/ledger\.xlsx$/, { planId: story.planId! })),
    ]);
    expect(file.suggestedFilename()).toMatch(/台账.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(cellText(ws.getCell(1, 1).value)).toContain(PLAN_TITLE);
    const head = (ws.getRow(3).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    expect(head).toEqual([
      '序号',
      '任务',
      '责任领导',
      '牵头单位',
      '配合单位',
      '完成时限',
      '进展情况',
      '存在问题',
      '下步打算',
      '状态',
    ]);
    const col = (name: string) => head.indexOf(name) + 1;
    const sections: string[] = [];
    const ledger: [string, string, string][] = [];
    const byTask = new Map<string, ExcelJS.Row>();
    for (let r = 4; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const first = cellText(row.getCell(1).value).trim();
      if (!first) continue;
      if (row.getCell(1).isMerged) {
        sections.push(first);
        continue;
      }
      const content = cellText(row.getCell(col('任务')).value).trim();
      ledger.push([first, content, cellText(row.getCell(col('状态')).value).trim()]);
      byTask.set(content, row);
    }
    // the same rows, in the same order, with the same words as the page
    expect(ledger).toEqual(shown);
    expect(sections).toEqual([SECTION_1, SECTION_2]);
    const t1 = byTask.get(TASK_1)!;
    expect(cellText(t1.getCell(col('牵头单位')).value)).toBe(UNIT);
    expect(cellText(t1.getCell(col('进展情况')).value)).toContain(PROGRESS_REVISED);
    expect(cellText(t1.getCell(col('下步打算')).value)).toContain(NEXT_STEPS);
    expect(cellText(byTask.get(TASK_2)!.getCell(col('完成时限')).value)).toBe(PAST_DEADLINE);
    expect(cellText(byTask.get(TASK_2)!.getCell(col('进展情况')).value)).toBe('未报送');
  });
});

/**
 * 报送 → the confirmation → the draft saved and sent (a PUT, then the submit). A submit that never comes says why:
 * the answers the page had, and the form's own messages.
 */
async function submitFeedback(page: Page) {
  const answers: string[] = [];
  const note = (r: Response) => {
    if (r.request().method() !== 'GET' && /^\/api\/tasks\//.test(new URL(r.url()).pathname)) {
      answers.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
    }
  };
  page.on('response', note);
  try {
    await page.getByTestId('feedback-submit').click();
    const confirm = popconfirm(page, '确定报送');
    await confirm.waitFor();
    await settled(page);
    const sent = page.waitForResponse(isApi('POST', /\/feedback\/[^/]+\/submit$/)).catch(async () => {
      const problems = await page.locator('.ant-form-item-explain-error').allTextContents();
      throw new Error(
        `no submit was sent; answers: ${answers.join('; ') || 'none'}; form: ${problems.join('; ') || 'no errors'}`,
      );
    });
    await button(confirm, '确定').click();
    const res = await sent;
    expect(res.status(), `${answers.join('; ')}`).toBeLessThan(300);
  } finally {
    page.off('response', note);
  }
}
