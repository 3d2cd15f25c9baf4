import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR } from '../common/calendar.ts';
import { parseWan } from '../common/money.ts';
import {
  aggregatePacing,
  competitionRanks,
  defaultMeetingWeek,
  growthTenths,
  type LeadFacts,
  leadingZeroWeeks,
  leadParagraph,
  type PacingFacts,
  sameWeekLastYear,
  scopeWord,
  signedPoints,
  tenthsOf,
} from './meeting.ts';
import { DEFAULT_REPORTING_SCHEDULE } from './schedule.ts';
import { DEFAULT_WARNING_THRESHOLDS } from './warnings.ts';

const w = (s: string) => parseWan(s)!;
const T = DEFAULT_WARNING_THRESHOLDS;

describe('competitionRanks', () => {
  it.each([
    [[], []],
    [[500n], [[1, false]]],
    [
      [300n, 700n, 500n, 500n],
      [
        [4, false],
        [1, false],
        [2, true],
        [2, true],
      ],
    ],
    [
      [100n, null, 100n, 100n],
      [
        [1, true],
        [null, false],
        [1, true],
        [1, true],
      ],
    ],
    [
      [null, null],
      [
        [null, false],
        [null, false],
      ],
    ],
    [
      [-50n, 0n, 1234n],
      [
        [3, false],
        [2, false],
        [1, false],
      ],
    ],
  ] as [(bigint | null)[], [number | null, boolean][]][])('%s → %s', (values, expected) => {
    expect(competitionRanks(values).map((r) => [r.rank, r.tied])).toEqual(expected);
  });
});

const facts = (thisWeek: string | null, ytd: string, plan: string | null, sched: string | null): PacingFacts => ({
  thisWeek: thisWeek === null ? null : w(thisWeek),
  ytd: w(ytd),
  annualPlan: plan === null ? null : w(plan),
  scheduleCumulative: sched === null ? null : w(sched),
});

describe('aggregatePacing', () => {
  it('sums the amounts and takes the rates of the sums', () => {
    const p = aggregatePacing(
      [facts('10.00', '4500', '10000', '5000'), facts(null, '1000', '2000', '1000'), facts('0.01', '300', null, null)],
      T,
    );
    expect(p).toEqual({
      projects: 3,
      reported: 2,
      thisWeek: w('10.01'),
      ytd: w('5800'),
      annualPlan: w('12000'),
      scheduleCumulative: w('6000'),
      completionTenths: 483n, // 5800 / 12000 = 48.33 %
      scheduleTenths: 500n,
      gapTenths: -17n,
      light: 'green',
    });
  });

  it.each([
    // [ytd, plan, schedule, light, completion, schedule, gap] — the single-project thresholds on the sums
    ['4500', '10000', '5000', 'green', 450n, 500n, -50n],
    ['4499.99', '10000', '5000', 'yellow', 450n, 500n, -50n],
    ['3500', '10000', '5000', 'yellow', 350n, 500n, -150n],
    ['3499.99', '10000', '5000', 'red', 350n, 500n, -150n],
    ['10000', '10000', '12000', 'green', 1000n, 1200n, -200n],
  ] as const)('ytd %s of %s against %s → %s', (ytd, plan, sched, light, c, s, g) => {
    const p = aggregatePacing([facts(null, ytd, plan, sched)], T);
    expect([p.light, p.completionTenths, p.scheduleTenths, p.gapTenths]).toEqual([light, c, s, g]);
  });

  it('gives no rates and no light when no project has a plan, and zeros for an empty set', () => {
    expect(aggregatePacing([facts('5', '5', null, null)], T)).toMatchObject({
      completionTenths: null,
      scheduleTenths: null,
      gapTenths: null,
      light: 'none',
      annualPlan: 0n,
    });
    expect(aggregatePacing([], T)).toMatchObject({ projects: 0, reported: 0, thisWeek: 0n, ytd: 0n, light: 'none' });
  });
});

describe('percent text', () => {
  it.each([
    ['63.4', 634n],
    ['0.0', 0n],
    ['-12.5', -125n],
    ['120.0', 1200n],
    [null, null],
  ] as const)('tenthsOf(%s) = %s', (text, tenths) => {
    expect(tenthsOf(text)).toBe(tenths);
  });
  it('refuses other text', () => {
    expect(() => tenthsOf('63')).toThrow(RangeError);
  });
  it.each([
    [32n, '+3.2'],
    [0n, '0.0'],
    [-120n, '-12.0'],
    [null, null],
  ] as const)('signedPoints(%s) = %s', (tenths, text) => {
    expect(signedPoints(tenths)).toBe(text);
  });
});

describe('growthTenths', () => {
  it.each([
    ['110', '100', 100n],
    ['90', '100', -100n],
    ['100', '100', 0n],
    ['1', '3', -667n],
    ['5', '0', null],
    ['0', '0', null],
  ] as const)('%s over %s → %s', (cur, prev, g) => {
    expect(growthTenths(w(cur), w(prev))).toBe(g);
  });
});

describe('weeks', () => {
  it.each([
    ['2026-W48', '2025-W48'],
    ['2026-W01', '2025-W01'],
    ['2027-W52', '2026-W52'],
    ['2026-W53', '2025-W52'], // 2026 has 53 weeks, 2025 has 52
    ['2021-W52', '2020-W52'], // 2020 has 53: week 52 stays week 52
  ])('sameWeekLastYear(%s) = %s', (week, last) => {
    expect(sameWeekLastYear(week)).toBe(last);
  });

  it.each([
    // the default deadline is Friday 17:00 Beijing time; 2026-W48 is 23–29 November
    ['2026-11-27T17:00:00+08:00', '2026-W47'], // at the deadline: not yet passed
    ['2026-11-27T17:00:01+08:00', '2026-W48'],
    ['2026-11-23T09:00:00+08:00', '2026-W47'], // Monday morning reviews last week
    ['2026-11-29T23:59:00+08:00', '2026-W48'],
    // National Day 2026: Friday 2 October is a holiday, the W40 deadline moves to Wednesday 30 September
    ['2026-09-30T17:30:00+08:00', '2026-W40'],
    ['2026-09-30T16:59:00+08:00', '2026-W39'],
    // 2026-W01 runs 29 December 2025 – 4 January 2026; New Year's Day off moves its deadline to Wednesday 31st
    ['2025-12-31T16:00:00+08:00', '2025-W52'],
    ['2026-01-01T10:00:00+08:00', '2026-W01'],
  ])('defaultMeetingWeek at %s = %s', (at, week) => {
    expect(defaultMeetingWeek(new Date(at), DEFAULT_REPORTING_SCHEDULE, OFFICIAL_CALENDAR)).toBe(week);
  });

  it.each([
    [['0', '0', '5', '0'], 2],
    [['0', '-1', '0'], 3],
    [['3', '0'], 0],
    [[], 0],
  ] as const)('leadingZeroWeeks(%j) = %d', (amounts, n) => {
    expect(leadingZeroWeeks(amounts.map(w))).toBe(n);
  });
});

describe('words', () => {
  it.each([
    [{ kind: 'region', rootKind: 'city', name: '示范市' }, '全市'],
    [{ kind: 'region', rootKind: 'province', name: '示范省' }, '全省'],
    [{ kind: 'region', rootKind: 'district', name: '城关区' }, '城关区'],
    [{ kind: 'unit', rootKind: null, name: '示范市工业和信息化局' }, '示范市工业和信息化局'],
    [{ kind: 'all', rootKind: null, name: null }, ''],
  ] as const)('scopeWord(%j) = %s', (scope, word) => {
    expect(scopeWord(scope)).toBe(word);
  });
});

describe('leadParagraph', () => {
  const base: LeadFacts = {
    weekLabel: '2026年第48周(11月23日—11月29日)',
    scopeWord: '全市',
    totals: aggregatePacing([facts('120.50', '4500', '10000', '5000'), facts(null, '1000', '2000', '1000')], T),
    yoy: { thisYearYtd: w('5500'), lastYearYtd: w('5000'), growthTenths: 100n },
    counts: {
      red: 1,
      yellow: 2,
      green: 3,
      overdueStart: 4,
      idle: 5,
      missing: 6,
      missingStreak: 7,
      overdueItems: 8,
    },
    missingStreak: 2,
  };

  it('states the week, the totals against plan, schedule and last year, and the list counts', () => {
    expect(leadParagraph(base)).toBe(
      '2026年第48周(11月23日—11月29日)，全市纳入周调度的重点项目2个，本周报送1个，完成投资120.50万元。' +
        '年度累计完成投资5500.00万元，占年度计划12000.00万元的45.8%，序时进度50.0%，慢于序时进度4.2个百分点；' +
        '同比增长10.0%（上年同期5000.00万元）。' +
        '投资进度红灯项目1个、黄灯项目2个、绿灯项目3个；应开未开项目4个，开而未建项目5个；' +
        '本周未报送项目6个，连续2周及以上未报送项目7个；逾期未办结协调事项8件。',
    );
  });

  it('says ahead of, level with or behind the schedule', () => {
    const ahead = { ...base, totals: aggregatePacing([facts(null, '6000', '10000', '5000')], T) };
    expect(leadParagraph(ahead)).toContain('占年度计划10000.00万元的60.0%，序时进度50.0%，快于序时进度10.0个百分点；');
    const level = { ...base, totals: aggregatePacing([facts(null, '5000', '10000', '5000')], T) };
    expect(leadParagraph(level)).toContain('，与序时进度持平；');
  });

  it('names a different basis for last year, a fall, and no comparison', () => {
    const other = { ...base, yoy: { thisYearYtd: w('6000'), lastYearYtd: w('7500'), growthTenths: -200n } };
    expect(leadParagraph(other)).toContain(
      '；按同口径（含本年已不再报送的项目）累计完成投资6000.00万元，同比下降20.0%（上年同期7500.00万元）。',
    );
    const none = { ...base, yoy: { thisYearYtd: w('5500'), lastYearYtd: 0n, growthTenths: null } };
    expect(leadParagraph(none)).toContain('；上年同期无可比数据。');
  });

  it('says there is no plan to compare with', () => {
    const noPlan = { ...base, totals: aggregatePacing([facts('1', '5500', null, null)], T) };
    expect(leadParagraph(noPlan)).toContain('年度累计完成投资5500.00万元，暂无年度计划可比；同比增长10.0%');
  });
});
