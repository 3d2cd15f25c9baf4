import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import { computeUsccCheckChar } from '../../../domain/projects/codes.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';

type Row = {
  unitId: string;
  unitName: string;
  countQuota: number | null;
  investmentQuota: string | null;
  count: number;
  investment: string;
  monthCount: number;
  countRate: string | null;
  investmentRate: string | null;
  status: string;
  rank: number | null;
  quotaVersion: number;
};

describe.each(ENGINES)('策划包装 quotas and monthly report on %s', (engine) => {
  const t = useTestApp(engine);
  let coordinator: Client;
  let unitId: string;
  let year: number;
  let month: number;
  let version: number;
  const rowOf = async (c: Client, q = '') => {
    const res = await c.get(`/api/projects/planning${q}`);
    expect(res.statusCode).toBe(200);
    return { report: res.json(), row: res.json().rows.find((r: Row) => r.unitId === unitId) as Row | undefined };
  };
  const body = (name: string, totalInvestment: string) => ({
    name,
    ownerName: '示范规划测试有限公司',
    ownerUscc: `91990104MA0000009${computeUsccCheckChar('91990104MA0000009')}`,
    regionCode: '990104',
    responsibleUnitId: unitId,
    level: 'district',
    category: 'industry',
    fundingSource: 'social',
    totalInvestment,
    environmentalAssessment: true,
  });

  it('a coordinator sets a unit quota (new, then versioned edit) with audit records', async () => {
    coordinator = await t.login('coordinator');
    unitId = await t.unitId('示范市工业和信息化局');
    const today = businessDate(t.clock.now());
    year = Number(today.slice(0, 4));
    month = Number(today.slice(5, 7));
    const url = `/api/projects/planning/quotas/${year}/${unitId}`;
    const bad = await coordinator.put(url, { countQuota: -1, investmentQuota: '1.234', version: 0 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['countQuota', 'investmentQuota']);
    // the demo city may already hold a quota for this unit: start from its version
    const v0 = (await rowOf(coordinator)).row?.quotaVersion ?? 0;
    const first = await coordinator.put(url, { countQuota: 8, investmentQuota: '50,000', version: v0 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ countQuota: 8, investmentQuota: '50000.00', version: v0 + 1 });
    // writing from the old version again (e.g. a second "new" quota) is a stale write, not a duplicate
    expect((await coordinator.put(url, { countQuota: 9, investmentQuota: '1', version: v0 })).statusCode).toBe(409);
    const second = await coordinator.put(url, { countQuota: 10, investmentQuota: '100000', version: v0 + 1 });
    expect(second.json()).toMatchObject({ countQuota: 10, investmentQuota: '100000.00', version: v0 + 2 });
    version = v0 + 2;
    const audit = await (await t.login('admin')).get(
      `/api/audit?entityType=planning_quota&entityId=${encodeURIComponent(`${year}:${unitId}`)}`,
    );
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual([
      'planning.quota_set',
      'planning.quota_set',
    ]);
  });

  it('counts the projects the unit enters this year against its quota; withdrawn ones do not count', async () => {
    const before = (await rowOf(coordinator)).row!;
    expect(before).toMatchObject({ countQuota: 10, investmentQuota: '100000.00', quotaVersion: version });
    const a = await coordinator.post('/api/projects', body('规划测试甲项目', '30000'));
    const b = await coordinator.post('/api/projects', body('规划测试乙项目', '20000.50'));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const after = (await rowOf(coordinator)).row!;
    expect(after.count).toBe(before.count + 2);
    expect(after.monthCount).toBe(before.monthCount + 2);
    const cents = (w: string) => BigInt(w.replace('.', ''));
    expect(cents(after.investment) - cents(before.investment)).toBe(5_000_050n);
    expect(after.countRate).toBe(((after.count / 10) * 100).toFixed(1));

    const withdrawn = await coordinator.post(`/api/projects/${b.json().id}/transitions`, {
      to: 'withdrawn',
      reason: '项目业主放弃投资',
      version: b.json().version,
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await rowOf(coordinator)).row!.count).toBe(before.count + 1);
    if (month > 1) {
      // the report of last month does not see this month's entries
      const last = (await rowOf(coordinator, `?year=${year}&month=${month - 1}`)).row;
      expect(last?.count ?? 0).toBe(before.count - before.monthCount);
    }
  });

  it('totals equal the sum of the rows and the summary states them', async () => {
    const { report } = await rowOf(coordinator);
    const rows: Row[] = report.rows;
    expect(report.totals.count).toBe(rows.reduce((s, r) => s + r.count, 0));
    const cents = rows.reduce((s, r) => s + BigInt(r.investment.replace('.', '')), 0n);
    expect(report.totals.investment.replace('.', '')).toBe(cents.toString());
    expect(report.summary).toContain(`截至${month}月底,示范市共策划包装项目${report.totals.count}个`);
    expect(report.can.editQuotas).toBe(true);
  });

  it('exports the report as .xlsx whose numbers match the API', async () => {
    const { report, row } = await rowOf(coordinator);
    const res = await coordinator.get('/api/projects/planning.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('策划包装月报'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toBe(`${year}年1-${month}月策划包装项目进展情况`);
    expect(String(ws.getCell(2, 1).value)).toContain(report.summary);
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['单位', '年度任务(个)', '累计总投资(万元)', '投资完成率']));
    const col = (h: string) => header.indexOf(h) + 1;
    let found = 0;
    ws.eachRow((r, n) => {
      if (n > 3 && r.getCell(col('单位')).value === row!.unitName) {
        found = n;
        expect(r.getCell(col('累计策划(个)')).value).toBe(row!.count);
        expect(r.getCell(col('累计总投资(万元)')).value).toBe(Number(row!.investment));
      }
    });
    expect(found).toBeGreaterThan(3);
    const totals = ws.getRow(4 + report.rows.length);
    expect(totals.getCell(col('累计策划(个)')).value).toBe(report.totals.count);
  });

  it('scopes the report and refuses quota edits to those without the permission or outside scope', async () => {
    const dept = await t.login('dept_staff');
    const mine = await rowOf(dept);
    expect(mine.report.rows.every((r: Row) => r.unitId === unitId)).toBe(true);
    expect(mine.report.can.editQuotas).toBe(false);
    const put = await dept.put(`/api/projects/planning/quotas/${year}/${unitId}`, {
      countQuota: 99,
      investmentQuota: '1',
      version,
    });
    expect(put.statusCode).toBe(403);
    const district = await t.login('district_staff');
    const theirs = await district.get('/api/projects/planning');
    expect(theirs.json().rows.some((r: Row) => r.unitId === unitId)).toBe(false);
    const unknown = await coordinator.put(
      `/api/projects/planning/quotas/${year}/00000000-0000-4000-8000-000000000000`,
      {
        countQuota: 1,
        investmentQuota: '1',
        version: 0,
      },
    );
    expect(unknown.statusCode).toBe(404);
    expect((await coordinator.get('/api/projects/planning?month=13')).statusCode).toBe(400);
  });
});
