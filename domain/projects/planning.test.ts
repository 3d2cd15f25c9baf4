import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWan, parseWan } from '../common/money.ts';
import { type PlannedInMonth, percentText, planningReport, planningSummary, type UnitQuota } from './planning.ts';

const w = (s: string) => parseWan(s)!;
const quota = (unitId: string, countQuota: number | null, inv: string | null): UnitQuota => ({
  unitId,
  unitName: `${unitId}单位`,
  countQuota,
  investmentQuota: inv === null ? null : w(inv),
});
const planned = (unitId: string, month: number, count: number, inv: string): PlannedInMonth => ({
  unitId,
  month,
  count,
  investment: w(inv),
});

describe('planningReport', () => {
  const quotas = [quota('A', 10, '100000'), quota('B', 4, '20000'), quota('C', 5, '50000')];
  const entries = [
    planned('A', 1, 3, '30000'),
    planned('A', 6, 2, '15000.50'),
    planned('A', 7, 4, '40000'), // after the report month: ignored
    planned('B', 6, 4, '20000'),
    planned('C', 2, 1, '5000'),
    planned('D', 6, 1, '800'), // no quota
  ];

  it('sums cumulative and this month figures per unit up to the report month', () => {
    const r = planningReport({ year: 2026, month: 6, quotas, planned: entries, unitNames: new Map([['D', '丁单位']]) });
    const a = r.rows.find((x) => x.unitId === 'A')!;
    expect(a).toMatchObject({ count: 5, investment: w('45000.50'), monthCount: 2, monthInvestment: w('15000.50') });
    expect(percentText(a.countRate)).toBe('50.0%');
    expect(percentText(a.investmentRate)).toBe('45.0%'); // 45.0005 % rounds to 45.0
    expect(r.schedule).toBe(500n);
    expect(r.totals).toMatchObject({ countQuota: 19, count: 11, monthCount: 7, investmentQuota: w('170000') });
    expect(r.totals.investment).toBe(w('70800.50'));
  });

  it('gives each unit a status against the time schedule and quota', () => {
    const r = planningReport({ year: 2026, month: 6, quotas, planned: entries });
    const status = Object.fromEntries(r.rows.map((x) => [x.unitId, x.status]));
    expect(status).toEqual({ A: 'behind', B: 'done', C: 'behind', D: 'no_quota' });
    // the same unit is on pace one month earlier when the schedule is lower
    const feb = planningReport({ year: 2026, month: 2, quotas: [quota('C', 5, '50000')], planned: entries });
    expect(feb.rows[0]!.status).toBe('behind'); // 10% < 16.7%
    const jan = planningReport({ year: 2026, month: 1, quotas: [quota('A', 10, '100000')], planned: entries });
    expect(jan.rows[0]!.status).toBe('on_pace'); // 30% ≥ 8.3%
  });

  it('ranks by investment rate then count rate, ties share a rank, units without quota are unranked', () => {
    const r = planningReport({
      year: 2026,
      month: 12,
      quotas: [quota('A', 2, '100'), quota('B', 2, '100'), quota('C', 4, '100'), quota('E', 1, '100')],
      planned: [planned('A', 3, 1, '50'), planned('B', 3, 1, '50'), planned('C', 3, 1, '50'), planned('E', 1, 1, '90')],
    });
    expect(r.rows.map((x) => [x.unitId, x.rank])).toEqual([
      ['E', 1],
      ['A', 2],
      ['B', 2],
      ['C', 4],
    ]);
  });

  it('reports a zero quota as having no rate rather than dividing by zero', () => {
    const r = planningReport({
      year: 2026,
      month: 3,
      quotas: [quota('A', 0, '0')],
      planned: [planned('A', 1, 1, '5')],
    });
    expect(r.rows[0]).toMatchObject({ countRate: null, investmentRate: null, status: 'no_quota', rank: null });
  });

  it('refuses a month outside 1–12', () => {
    expect(() => planningReport({ year: 2026, month: 13, quotas, planned: [] })).toThrow(RangeError);
    expect(() => planningReport({ year: 2026, month: 0, quotas, planned: [] })).toThrow(RangeError);
  });

  it('keeps totals equal to the sum of the rows for any entries (property)', () => {
    const unit = fc.constantFrom('A', 'B', 'C', 'D');
    const entry = fc.record({
      unitId: unit,
      month: fc.integer({ min: 1, max: 12 }),
      count: fc.integer({ min: 0, max: 50 }),
      investment: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (es, month) => {
        const r = planningReport({ year: 2026, month, quotas, planned: es });
        const inMonth = es.filter((e) => e.month <= month);
        expect(r.totals.count).toBe(inMonth.reduce((s, e) => s + e.count, 0));
        expect(r.totals.investment).toBe(inMonth.reduce((s, e) => s + e.investment, 0n));
        expect(r.rows.reduce((s, x) => s + x.investment, 0n)).toBe(r.totals.investment);
        for (const x of r.rows) expect(x.monthCount).toBeLessThanOrEqual(x.count);
      }),
    );
  });
});

describe('planningSummary', () => {
  it('states totals, the month, who finished and who is behind, with the same numbers as the table', () => {
    const r = planningReport({
      year: 2026,
      month: 6,
      quotas: [quota('A', 10, '100000'), quota('B', 4, '20000')],
      planned: [planned('A', 1, 3, '30000'), planned('B', 6, 4, '20000')],
    });
    expect(planningSummary(r, displayWan)).toBe(
      '截至6月底,全市共策划包装项目7个、总投资50,000.00万元,分别完成年度任务的50.0%和41.7%,时序进度50.0%。' +
        '6月新增4个、总投资20,000.00万元。B单位已完成全年任务。A单位进度滞后于时序,请加快推进。',
    );
  });

  it('says so when no quota has been set', () => {
    const r = planningReport({ year: 2026, month: 2, quotas: [], planned: [planned('A', 1, 1, '10')] });
    expect(planningSummary(r, displayWan, '城关区')).toBe(
      '截至2月底,城关区共策划包装项目1个、总投资10.00万元,时序进度16.7%。尚未下达年度策划包装任务。',
    );
  });
});
