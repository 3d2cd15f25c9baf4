import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import { addDays, OFFICIAL_CALENDAR, workingDaysBetween } from '../../../domain/common/calendar.ts';
import { addWeeks, weekOfInstant, weekStart } from '../../../domain/common/iso-week.ts';
import { formatWan, parseWan, sumWan } from '../../../domain/common/money.ts';
import type { MeetingGroupRow, MeetingView } from '../../../domain/dispatch/meeting-contracts.ts';
import { coordinationItems, projects, weeklyReports } from '../../db/schema/index.ts';
import { officialDate } from '../../platform/documents/docx-official.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { MAX_LIST_ROWS } from './meeting.bulletin.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// ── reading a .docx ───────────────────────────────────────────────────────────────────────────────────────
const xmlText = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** The text of each w:tc / w:p, in document order. */
const texts = (xml: string, tag: 'w:tc' | 'w:p') =>
  (xml.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? []).map((el) =>
    xmlText((el.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')),
  );

/** Every table as rows of cell texts, the header row first. */
const tables = (xml: string): string[][][] =>
  (xml.match(/<w:tbl[ >][\s\S]*?<\/w:tbl>/g) ?? []).map((tbl) =>
    (tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) => texts(tr, 'w:tc')),
  );

async function openDocx(payload: Buffer) {
  const zip = await JSZip.loadAsync(payload);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { zip, xml, paragraphs: texts(xml, 'w:p'), tables: tables(xml) };
}

/** The tables whose header row has `header` in it, in document order. */
const tablesWith = (all: string[][][], header: string) => all.filter((t) => t[0]!.includes(header));

const cents = (v: string | null) => (v === null ? 0n : parseWan(v)!);
const excelCents = (v: unknown) => (typeof v === 'number' ? BigInt(Math.round(v * 100)) : 0n);

/** The district ranking table of the bulletin holds exactly the view's figures, row for row. */
function expectGroupTable(table: string[][], rows: MeetingGroupRow[]) {
  expect(table.slice(1)).toEqual(
    rows.map((r) => [
      r.rank === null ? '—' : String(r.rank),
      r.name,
      String(r.projects),
      r.investedThisWeek,
      r.investedYtd,
      r.annualPlan,
      r.completionPct ?? '—',
      r.schedulePct ?? '—',
      `${r.lights.red}/${r.lights.yellow}`,
    ]),
  );
}

/** The lines of a list the bulletin prints. */
const printed = <T>(list: T[]) => list.slice(0, MAX_LIST_ROWS);

/** Every total, rank and list count of a view is in its bulletin. */
async function expectBulletinMatches(client: Client, week: string, v: MeetingView) {
  const started = performance.now();
  const res = await client.get(`/api/dispatch/meeting/bulletin.docx?week=${week}`);
  console.info(`bulletin.docx ${week}: ${(performance.now() - started).toFixed(0)} ms, ${res.rawPayload.length} bytes`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe(DOCX);
  expect(res.headers['content-disposition']).toContain(`filename="dispatch-bulletin-${week}.docx"`);
  const doc = await openDocx(res.rawPayload);
  expect(doc.paragraphs[0]).toBe(v.title);
  // the totals: the lead paragraph word for word, and the reporting counts
  expect(doc.paragraphs).toContain(v.lead);
  const t = v.totals;
  expect(doc.paragraphs).toContain(
    `报送方面，本周应报送项目${t.projects}个，按时报送${t.timing.onTime}个，迟报${t.timing.late}个，未报送${t.timing.missing}个，尚未到补报截止时间${t.timing.pending}个。`,
  );
  // the rankings
  expectGroupTable(tablesWith(doc.tables, '县区')[0]!, v.byRegion);
  expectGroupTable(tablesWith(doc.tables, '项目类别')[0]!, v.byCategory);
  // the lists: the count in each heading and one table row per line, in the view's order
  const heading = (text: string) => doc.paragraphs.find((p) => p.includes(text));
  expect(heading('红灯项目（')).toBe(`（一）红灯项目（${v.lists.red.length}个）`);
  expect(heading('黄灯项目（')).toBe(`（二）黄灯项目（${v.lists.yellow.length}个）`);
  expect(heading('应开未开项目（')).toBe(`（一）应开未开项目（${v.lists.overdueStart.length}个）`);
  expect(heading('开而未建项目（')).toBe(`（二）开而未建项目（${v.lists.idle.length}个）`);
  expect(heading('本周未报送项目（')).toBe(`（一）本周未报送项目（${v.lists.missing.length}个）`);
  expect(heading('周及以上未报送项目（')).toBe(
    `（二）连续${v.thresholds.missingStreak}周及以上未报送项目（${v.lists.missingStreak.length}个）`,
  );
  const lagging = tablesWith(doc.tables, '差距(百分点)');
  const withRows = [v.lists.red, v.lists.yellow].filter((l) => l.length > 0);
  expect(lagging).toHaveLength(withRows.length);
  withRows.forEach((list, i) => {
    expect(lagging[i]!.slice(1).map((r) => [r[1], r[4], r[5], r[6], r[7]])).toEqual(
      printed(list).map((p) => [
        p.projectName,
        p.annualPlan ?? '—',
        p.completionPct ?? '—',
        p.schedulePct ?? '—',
        p.gapPoints ?? '—',
      ]),
    );
  });
  const rowsOf = (header: string) =>
    tablesWith(doc.tables, header)[0]
      ?.slice(1)
      .map((r) => r[1]) ?? [];
  expect(rowsOf('计划开工')).toEqual(printed(v.lists.overdueStart).map((p) => p.projectName));
  expect(rowsOf('连续零投资(周)')).toEqual(printed(v.lists.idle).map((p) => p.projectName));
  expect(rowsOf('填报状态')).toEqual(printed(v.lists.missing).map((p) => p.projectName));
  expect(rowsOf('最近报送周')).toEqual(printed(v.lists.missingStreak).map((p) => p.projectName));
  expect(rowsOf('督办层级')).toEqual(printed(v.lists.overdueItems).map((i) => i.projectName));
  // a list longer than a bulletin prints says how long it is
  for (const list of Object.values(v.lists)) {
    if (list.length > MAX_LIST_ROWS) {
      expect(doc.paragraphs).toContain(
        `注：共${list.length}个，本表列出前${MAX_LIST_ROWS}个，完整名单见周调度会页面和周报台账。`,
      );
    }
  }
  expect(
    doc.paragraphs.some((p) =>
      p.startsWith(`截至${officialDate(v.asOf)}，逾期未办结协调事项${v.lists.overdueItems.length}件`),
    ),
  ).toBe(true);
  return doc;
}

describe.each(ENGINES)('dispatch meeting (周调度会) on %s', (engine) => {
  const t = useTestApp(engine);
  let coordinator: Client;
  let district: Client;
  let today: string;
  const WEEK = '2024-W24'; // 10–16 June 2024: the schedule of a straight-line plan is 6/12 = 50 %
  const ids: Record<string, string> = {};

  /** Wednesday 10:00 Beijing time of a week: before its deadline. */
  const onTime = (week: string) => new Date(`${addDays(weekStart(week), 2)}T10:00:00+08:00`);

  beforeAll(async () => {
    coordinator = await t.login('coordinator');
    district = await t.login('district_staff');
    today = businessDate(t.clock.now());
    const unit = {
      '990102': await t.unitId('城关区人民政府'),
      '990103': await t.unitId('新城区人民政府'),
      '990104': await t.unitId('河东区人民政府'),
      '990105': await t.unitId('河西区人民政府'),
    };
    const project = (
      key: string,
      region: keyof typeof unit,
      stage: string,
      annualPlan: string | null,
      plannedStartDate: string | null = '2024-03-01',
    ) => ({
      name: `调度会测试项目${key}`,
      ownerName: `测试建设单位${key}`,
      regionCode: region,
      responsibleUnitId: unit[region],
      level: 'municipal',
      category: key === 'I' ? 'infrastructure' : 'industry',
      fundingSource: 'social',
      totalInvestment: '5000.00',
      annualPlan,
      planYear: 2024,
      plannedStartDate,
      stage,
      createdAt: new Date('2023-01-01T00:00:00+08:00'),
    });
    const rows = [
      ['A', project('A', '990102', 'under_construction', '1000.00')],
      ['B', project('B', '990102', 'under_construction', '1000.00')],
      ['C', project('C', '990103', 'under_construction', '2000.00')],
      ['D', project('D', '990103', 'under_construction', '1000.00')],
      ['E', project('E', '990104', 'under_construction', '3000.00')],
      ['F', project('F', '990104', 'preparation', null, addDays(today, -10))],
      ['G', project('G', '990102', 'pipeline', null, addDays(today, -1))],
      ['H', project('H', '990102', 'suspended', null, addDays(today, -30))],
      ['I', project('I', '990105', 'under_construction', '1000.00')],
    ] as const;
    const inserted = await t.ctx.db
      .insert(projects)
      .values(rows.map(([, p]) => p))
      .returning({ id: projects.id });
    rows.forEach(([key], i) => {
      ids[key] = inserted[i]!.id;
    });

    const report = (key: string, week: string, amount: string, status = 'accepted') => ({
      projectId: ids[key]!,
      week,
      weekStart: weekStart(week),
      status,
      investedThisWeek: amount,
      visibleProgress: `${key}形象进度`,
      workersOnSite: 20,
      firstSubmittedAt: status === 'draft' ? null : onTime(week),
      submittedAt: status === 'draft' ? null : onTime(week),
      submittedByName: status === 'draft' ? null : '测试专员',
      createdByName: '测试专员',
    });
    await t.ctx.db.insert(weeklyReports).values([
      report('A', '2023-W10', '100.00'), // last year, up to the same week
      report('A', '2023-W30', '50.00'), // last year, after it
      report('A', '2024-W20', '300.00'),
      report('A', '2024-W22', '200.00'),
      report('B', '2024-W23', '400.00'),
      report('B', WEEK, '50.00', 'draft'), // not counted: B's week is missing
      report('C', '2024-W21', '200.00'),
      report('D', '2024-W21', '0.00'),
      report('D', '2024-W22', '0.00'),
      report('D', '2024-W23', '0.00'),
      report('D', WEEK, '0.00'),
      report('E', '2024-W19', '200.00'),
      report('I', WEEK, '30.00'),
    ]);
    // A reports the week through the API, two years late
    const put = await coordinator.put(`/api/dispatch/projects/${ids.A}/reports/${WEEK}`, {
      investedThisWeek: '100.00',
      visibleProgress: '主体结构封顶',
      workersOnSite: 35,
      milestone: null,
      submit: true,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ status: 'submitted', timing: 'late' });

    const item = (key: string, due: string, status: string, escalationLevel: number, description: string) => ({
      projectId: ids[key]!,
      category: 'land',
      description,
      assignedUnitId: unit['990102'],
      raisedByName: '测试专员',
      dueDate: due,
      status,
      escalationLevel,
    });
    await t.ctx.db
      .insert(coordinationItems)
      .values([
        item('A', addDays(today, -12), 'in_progress', 1, '测试事项甲:临时用电接入'),
        item('C', addDays(today, -20), 'open', 2, '测试事项乙:用地指标'),
        item('A', addDays(today, -5), 'resolved', 0, '测试事项丙:已办结'),
        item('B', today, 'open', 0, '测试事项丁:今日到期'),
      ]);
  });

  const mine = <T extends { projectName: string }>(list: T[]) =>
    list.filter((p) => p.projectName.startsWith('调度会测试项目'));
  const names = (list: { projectName: string }[]) => mine(list).map((p) => p.projectName.slice(-1));

  it('totals the week against plan, schedule and the same week last year', async () => {
    const res = await coordinator.get(`/api/dispatch/meeting?week=${WEEK}`);
    expect(res.statusCode).toBe(200);
    const v: MeetingView = res.json();
    expect(v).toMatchObject({ week: WEEK, asOf: today, scopeWord: '全市', title: '全市重点项目建设周调度通报' });
    expect(v.weekLabel).toBe('2024年第24周(6月10日—6月16日)');
    // the demo projects have plans for another year and no reports in 2024: the sums are the test's
    expect(v.totals).toMatchObject({
      reported: 3, // A (late, through the API), D and I; B's draft does not count
      investedThisWeek: '130.00',
      investedYtd: '1430.00',
      annualPlan: '9000.00',
      scheduleCumulative: '4500.00',
      completionPct: '15.9',
      schedulePct: '50.0',
      gapPoints: '-34.1',
      light: 'red',
    });
    expect(v.totals.lights).toMatchObject({ green: 1, yellow: 1, red: 4 });
    expect(v.totals.timing.late).toBe(1);
    expect(v.totals.timing.onTime).toBe(2);
    expect(v.totals.timing.missing).toBe(v.totals.projects - 3);
    expect(v.yearOnYear).toEqual({
      lastYearWeek: '2023-W24',
      lastYearWeekLabel: '2023年第24周(6月12日—6月18日)',
      thisYearYtd: '1430.00',
      lastYearYtd: '100.00',
      growthPct: '1330.0',
      thisWeek: '130.00',
      lastYearThisWeek: '0.00',
      weekGrowthPct: null,
    });
    expect(v.lead).toContain(
      '年度累计完成投资1430.00万元，占年度计划9000.00万元的15.9%，序时进度50.0%，慢于序时进度34.1个百分点；同比增长1330.0%（上年同期100.00万元）。',
    );
    expect(v.can).toEqual({ bulletin: true, ledger: true });
  });

  it('ranks the districts by completion rate, ties sharing a rank (1, 2, 2, 4)', async () => {
    const v: MeetingView = (await coordinator.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    const ranked = v.byRegion.filter((r) => r.rank !== null);
    expect(ranked.map((r) => [r.name, r.rank, r.tied, r.completionPct, r.schedulePct])).toEqual([
      ['城关区', 1, false, '50.0', '50.0'], // A 600 + B 400 of 2000
      ['新城区', 2, true, '6.7', '50.0'], // C 200 of 3000 (D nothing)
      ['河东区', 2, true, '6.7', '50.0'], // E 200 of 3000 (F has no plan)
      ['河西区', 4, false, '3.0', '50.0'], // I 30 of 1000
    ]);
    expect(v.byRegion.slice(0, 4)).toEqual(ranked); // the unranked (no plan this year) come after
    const chengguan = ranked[0]!;
    expect(chengguan).toMatchObject({
      key: '990102',
      investedThisWeek: '100.00',
      investedYtd: '1000.00',
      light: 'green',
    });
    expect(chengguan.lights).toMatchObject({ green: 1, yellow: 1, red: 0 });
    // the breakdowns add up to the totals
    for (const groups of [v.byRegion, v.byUnit, v.byCategory]) {
      expect(groups.reduce((n, g) => n + g.projects, 0)).toBe(v.totals.projects);
      expect(formatWan(sumWan(groups.map((g) => cents(g.investedYtd))))).toBe(v.totals.investedYtd);
      expect(formatWan(sumWan(groups.map((g) => cents(g.investedThisWeek))))).toBe(v.totals.investedThisWeek);
    }
    expect(v.byCategory.find((c) => c.key === 'infrastructure' && c.rank !== null)).toMatchObject({
      name: '基础设施',
      investedYtd: '30.00',
    });
  });

  it('lists red and yellow projects worst first, 应开未开, 开而未建, missing reports and streaks', async () => {
    const v: MeetingView = (await coordinator.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    expect(mine(v.lists.red).map((p) => [p.projectName.slice(-1), p.gapPoints])).toEqual([
      ['D', '-50.0'],
      ['I', '-47.0'],
      ['E', '-43.3'],
      ['C', '-40.0'],
    ]);
    expect(mine(v.lists.red)[0]).toMatchObject({ projectId: ids.D, regionName: '新城区', completionPct: '0.0' });
    expect(mine(v.lists.yellow)).toEqual([
      expect.objectContaining({ projectId: ids.B, completionPct: '40.0', schedulePct: '50.0', gapPoints: '-10.0' }),
    ]);
    // 应开未开: every project in scope, reporting or not; a suspended one is not late
    const late = mine(v.lists.overdueStart);
    expect(late.map((p) => [p.projectName.slice(-1), p.stage, p.daysOverdue])).toEqual(
      expect.arrayContaining([
        ['F', 'preparation', 10],
        ['G', 'pipeline', 1],
      ]),
    );
    expect(names(v.lists.overdueStart)).not.toContain('H');
    // 开而未建: four counted weeks without investment
    expect(mine(v.lists.idle)).toEqual([
      expect.objectContaining({ projectId: ids.D, zeroWeeks: 4, lastInvestedWeek: null, investedYtd: '0.00' }),
    ]);
    // missing this week: B's draft does not count; A reported late, D and I on time
    const missing = mine(v.lists.missing);
    expect(missing.map((p) => p.projectName.slice(-1)).sort()).toEqual(['B', 'C', 'E', 'F']);
    expect(missing.find((p) => p.projectId === ids.B)).toMatchObject({ status: 'draft', streak: 1 });
    expect(missing.find((p) => p.projectId === ids.C)).toMatchObject({ status: 'none', streak: 3 });
    // 2+ weeks in a row: C since W22, E since W20, F never (26 weeks looked at)
    const streaks = Object.fromEntries(mine(v.lists.missingStreak).map((p) => [p.projectName.slice(-1), p]));
    expect(Object.keys(streaks).sort()).toEqual(['C', 'E', 'F']);
    expect(streaks.C).toMatchObject({ weeks: 3, lastReportedWeek: '2024-W21' });
    expect(streaks.E).toMatchObject({ weeks: 5, lastReportedWeek: '2024-W19' });
    expect(streaks.F).toMatchObject({ weeks: 26, lastReportedWeek: null });
    // the view's lists link to projects
    for (const p of [...v.lists.red, ...v.lists.missing, ...v.lists.overdueStart])
      expect(p.projectId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists overdue coordination items with unit, days overdue and escalation, not resolved or due today', async () => {
    const v: MeetingView = (await coordinator.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    const items = mine(v.lists.overdueItems);
    // days overdue are working days, as the items module counts them
    const days = (due: string) => workingDaysBetween(due, today, OFFICIAL_CALENDAR);
    expect(items.map((i) => [i.projectName.slice(-1), i.description, i.daysOverdue, i.escalationLevel])).toEqual([
      ['C', '测试事项乙:用地指标', days(addDays(today, -20)), 2],
      ['A', '测试事项甲:临时用电接入', days(addDays(today, -12)), 1],
    ]);
    for (const i of items) expect(i.daysOverdue).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({
      projectId: ids.C,
      regionName: '新城区',
      category: 'land',
      categoryLabel: '用地',
      assignedUnitName: '城关区人民政府',
      status: 'open',
      dueDate: addDays(today, -20),
      escalationLabel: '提交领导调度',
    });
  });

  it("shows a district only its own projects, with the city view's figures for that district", async () => {
    const city: MeetingView = (await coordinator.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    const res = await district.get(`/api/dispatch/meeting?week=${WEEK}`);
    expect(res.statusCode).toBe(200);
    const v: MeetingView = res.json();
    expect(v.scopeWord).toBe('城关区');
    expect(v.title).toBe('城关区重点项目建设周调度通报');
    expect(v.byRegion.map((r) => r.key)).toEqual(['990102']);
    const own = city.byRegion.find((r) => r.key === '990102')!;
    expect(v.byRegion[0]).toEqual({ ...own, rank: 1, tied: false });
    expect(v.totals).toMatchObject({
      projects: own.projects,
      investedThisWeek: own.investedThisWeek,
      investedYtd: own.investedYtd,
      annualPlan: own.annualPlan,
      completionPct: own.completionPct,
    });
    const lists = Object.values(v.lists).flat() as { regionName: string }[];
    expect(lists.length).toBeGreaterThan(0);
    for (const line of lists) expect(line.regionName).toBe('城关区');
    expect(names(v.lists.overdueStart)).toEqual(['G']);
    expect(names(v.lists.red)).toEqual([]);
    expect(mine(v.lists.overdueItems).map((i) => i.projectId)).toEqual([ids.A]);
    // the year-on-year sums stay within the district too
    expect(v.yearOnYear).toMatchObject({ thisYearYtd: '1000.00', lastYearYtd: '100.00' });
  });

  it('writes the bulletin from the same view: totals, ranks and every list count', async () => {
    const v: MeetingView = (await coordinator.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    const doc = await expectBulletinMatches(coordinator, WEEK, v);
    const ranking = tablesWith(doc.tables, '县区')[0]!;
    expect(ranking.slice(1, 5).map((r) => [r[0], r[1], r[6]])).toEqual([
      ['1', '城关区', '50.0'],
      ['2', '新城区', '6.7'],
      ['2', '河东区', '6.7'],
      ['4', '河西区', '3.0'],
    ]);
    expect(doc.paragraphs).toContain('一、总体进展');
    expect(doc.paragraphs).toContain('六、逾期未办结协调事项');
    expect(doc.paragraphs).toContain('2024年第24周（6月10日—6月16日）');
    const media = Object.keys(doc.zip.files).filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media).toHaveLength(2);
    for (const m of media) {
      const png = await doc.zip.file(m)!.async('nodebuffer');
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
    // a district's bulletin is its own
    const own: MeetingView = (await district.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    const districtDoc = await expectBulletinMatches(district, WEEK, own);
    expect(districtDoc.paragraphs[0]).toBe('城关区重点项目建设周调度通报');
  });

  it('matches the bulletin of the default week too (the demo city as it stands)', async () => {
    const v: MeetingView = (await coordinator.get('/api/dispatch/meeting')).json();
    const current = weekOfInstant(t.clock.now());
    expect([current, addWeeks(current, -1)]).toContain(v.week);
    await expectBulletinMatches(coordinator, v.week, v);
  });

  it('exports the week as a ledger whose rows and 合计 equal the meeting totals', async () => {
    const v: MeetingView = (await coordinator.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    const res = await coordinator.get(`/api/dispatch/reports.xlsx?week=${WEEK}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename="weekly-reports-${WEEK}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toBe('全市重点项目周报台账（2024年第24周（6月10日—6月16日））');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual([
      '序号',
      '项目名称',
      '项目代码',
      '属地',
      '责任单位',
      '本周完成投资(万元)',
      '年度累计(万元)',
      '年度计划(万元)',
      '完成率',
      '序时进度',
      '预警',
      '状态',
      '时效',
      '形象进度',
      '在岗人数',
      '报送人',
      '报送时间',
    ]);
    const col = (name: string) => header.indexOf(name) + 1;
    const body: ExcelJS.Row[] = [];
    for (let r = 4; r < 4 + v.totals.projects; r++) body.push(ws.getRow(r));
    const total = ws.getRow(4 + v.totals.projects);
    expect(total.getCell(1).value).toBe('合计');
    expect(body.map((r) => r.getCell(1).value)).toEqual(body.map((_, i) => i + 1));
    for (const [name, expected] of [
      ['本周完成投资(万元)', v.totals.investedThisWeek],
      ['年度累计(万元)', v.totals.investedYtd],
      ['年度计划(万元)', v.totals.annualPlan],
    ] as const) {
      const sum = sumWan(body.map((r) => excelCents(r.getCell(col(name)).value)));
      expect(formatWan(sum), name).toBe(expected);
      expect(formatWan(excelCents(total.getCell(col(name)).value)), name).toBe(expected);
    }
    expect(total.getCell(col('完成率')).value).toBeCloseTo(Number(v.totals.completionPct) / 100, 6);
    const row = (key: string) => body.find((r) => r.getCell(col('项目名称')).value === `调度会测试项目${key}`)!;
    expect(
      [row('A'), row('B'), row('D')].map((r) => [r.getCell(col('状态')).value, r.getCell(col('时效')).value]),
    ).toEqual([
      ['已报送', '迟报'],
      ['草稿', '漏报'],
      ['已审核', '按时报送'],
    ]);
    expect(row('A').getCell(col('本周完成投资(万元)')).value).toBe(100);
    expect(row('A').getCell(col('形象进度')).value).toBe('主体结构封顶');
    expect(row('A').getCell(col('在岗人数')).value).toBe(35);
    expect(row('B').getCell(col('本周完成投资(万元)')).value).toBeNull(); // a draft is not yet a fact
    expect(row('B').getCell(col('预警')).value).toBe('黄灯');
    // a district's ledger holds its own projects only
    const own = await district.get(`/api/dispatch/reports.xlsx?week=${WEEK}`);
    const dwb = new ExcelJS.Workbook();
    await dwb.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    const dws = dwb.worksheets[0]!;
    const ownView: MeetingView = (await district.get(`/api/dispatch/meeting?week=${WEEK}`)).json();
    for (let r = 4; r < 4 + ownView.totals.projects; r++) expect(dws.getRow(r).getCell(4).value).toBe('城关区');
    expect(dws.getRow(4 + ownView.totals.projects).getCell(1).value).toBe('合计');
  });

  it('refuses a week that does not exist or has not come, and callers without dispatch.read', async () => {
    expect((await coordinator.get('/api/dispatch/meeting?week=2025-W53')).statusCode).toBe(400);
    expect((await coordinator.get('/api/dispatch/meeting?week=2026-48')).statusCode).toBe(400);
    const next = addWeeks(weekOfInstant(t.clock.now()), 1);
    const future = await coordinator.get(`/api/dispatch/meeting?week=${next}`);
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([{ path: 'week', message: '不能查看未来的周次' }]);
    expect((await coordinator.get(`/api/dispatch/meeting/bulletin.docx?week=${next}`)).statusCode).toBe(400);
    expect((await coordinator.get(`/api/dispatch/reports.xlsx?week=${next}`)).statusCode).toBe(400);
    const enterprise = await t.login('enterprise');
    expect((await enterprise.get(`/api/dispatch/meeting?week=${WEEK}`)).statusCode).toBe(403);
    expect((await enterprise.get(`/api/dispatch/meeting/bulletin.docx?week=${WEEK}`)).statusCode).toBe(403);
    expect((await enterprise.get(`/api/dispatch/reports.xlsx?week=${WEEK}`)).statusCode).toBe(403);
    expect((await t.client().get(`/api/dispatch/meeting?week=${WEEK}`)).statusCode).toBe(401);
  });
});
