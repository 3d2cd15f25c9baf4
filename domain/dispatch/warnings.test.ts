import { describe, expect, it } from 'vitest';
import { parseWan } from '../common/money.ts';
import type { Stage } from '../projects/project.ts';
import type { ReportTiming } from './schedule.ts';
import {
  DEFAULT_WARNING_THRESHOLDS,
  investmentLight,
  isMissingStreak,
  isOverdueStart,
  isStartedButIdle,
  type Light,
  scheduleCumulativeFor,
  warningThresholdsSchema,
} from './warnings.ts';

const w = (s: string) => parseWan(s)!;
const t = DEFAULT_WARNING_THRESHOLDS;

describe('investmentLight (yellow 5 points behind, red 15)', () => {
  it.each([
    // [ytd, annual plan, schedule cumulative, light, completion %, schedule %, gap]
    ['4500', '10000', '5000', 'green', 45, 50, -5], // exactly 5 points behind
    ['4499.99', '10000', '5000', 'yellow', 45, 50, -5], // 5.0001 behind; shows −5.0 (rounded) but is past it
    ['3500', '10000', '5000', 'yellow', 35, 50, -15], // exactly 15 behind
    ['3499.99', '10000', '5000', 'red', 35, 50, -15],
    ['6000', '10000', '5000', 'green', 60, 50, 10],
    ['0', '10000', '0', 'green', 0, 0, 0], // January of a back-loaded plan
    ['0', '10000', '833.33', 'yellow', 0, 8.3, -8.3],
    // 50 % against 55 %: exactly 5 behind. In floats 6600/12000×100 is 55.00000000000001 and this turns yellow.
    ['6000', '12000', '6600', 'green', 50, 55, -5],
    // the plan is done: green even when the schedule exceeds the plan (a plan cut after mid-year)
    ['10000', '10000', '12000', 'green', 100, 120, -20],
    ['9999.99', '10000', '12000', 'red', 100, 120, -20], // shows 100.0 but is not done
    ['12000', '10000', '10000', 'green', 120, 100, 20],
  ] as Array<[string, string, string, Light, number, number, number]>)(
    'ytd %s of %s against %s: %s',
    (ytd, plan, sched, light, completionPct, schedulePct, gapPoints) => {
      expect(investmentLight({ ytd: w(ytd), annualPlan: w(plan), scheduleCumulative: w(sched) }, t)).toEqual({
        light,
        completionPct,
        schedulePct,
        gapPoints,
      });
    },
  );

  it.each([[null], ['0']])('gives none for an annual plan of %j', (plan) => {
    expect(
      investmentLight({ ytd: w('100'), annualPlan: plan === null ? null : w(plan), scheduleCumulative: 0n }, t),
    ).toEqual({ light: 'none', completionPct: null, schedulePct: null, gapPoints: null });
  });

  it('reads the thresholds from the setting', () => {
    const strict = { yellowBelowPoints: 0, redBelowPoints: 0 };
    const at = (ytd: string) =>
      investmentLight({ ytd: w(ytd), annualPlan: w('10000'), scheduleCumulative: w('5000') }, strict).light;
    expect(at('5000')).toBe('green');
    expect(at('4999.99')).toBe('red');
  });
});

describe('scheduleCumulativeFor', () => {
  const monthly = ['100', '250', '400', '600', '800', '1000', '1300', '1600', '1900', '2300', '2700', '3000.50'];

  it.each([
    [monthly, '3000.50', 1, '100'],
    [monthly, '3000.50', 6, '1000'],
    [monthly, '3000.50', 12, '3000.50'],
    [monthly, null, 3, '400'], // the monthly plan is enough
    [null, '10000', 1, '833.33'], // 833.333…
    [null, '10000', 2, '1666.67'], // 1666.666… rounds up
    [null, '10000', 6, '5000'],
    [null, '10000', 12, '10000'],
    [null, '0.06', 1, '0.01'], // half a fen rounds up
    [null, '0.05', 1, '0'],
  ] as Array<[string[] | null, string | null, number, string]>)('%j, annual %s, month %i → %s', (m, plan, month, v) => {
    expect(scheduleCumulativeFor(m, plan === null ? null : w(plan), month)).toBe(w(v));
  });

  it('is null without any plan', () => {
    expect(scheduleCumulativeFor(null, null, 5)).toBeNull();
  });

  it.each([
    [null, 0],
    [null, 13],
    [null, 1.5],
    [monthly.slice(1), 5],
    [[...monthly.slice(0, 11), 'abc'], 12],
  ] as Array<[string[] | null, number]>)('refuses %j for month %i', (m, month) => {
    expect(() => scheduleCumulativeFor(m, w('10000'), month)).toThrow(RangeError);
  });
});

describe('isOverdueStart (应开未开)', () => {
  it.each([
    ['2026-11-24', 'preparation', true], // planned yesterday
    ['2026-11-25', 'preparation', false], // planned today: not late yet
    ['2026-11-26', 'preparation', false],
    ['2026-01-01', 'pipeline', true],
    [null, 'preparation', false],
    ['2026-01-01', 'under_construction', false],
    ['2026-01-01', 'completed', false],
    ['2026-01-01', 'operating', false],
    ['2026-01-01', 'suspended', false],
    ['2026-01-01', 'withdrawn', false],
  ] as Array<[string | null, Stage, boolean]>)('planned %s, %s: %s', (plannedStartDate, stage, overdue) => {
    expect(isOverdueStart({ plannedStartDate, stage, today: '2026-11-25' })).toBe(overdue);
  });

  it('refuses a malformed date rather than comparing text', () => {
    expect(() => isOverdueStart({ plannedStartDate: '2026-1-5', stage: 'preparation', today: '2026-11-25' })).toThrow(
      RangeError,
    );
  });
});

describe('isStartedButIdle (开而未建)', () => {
  it.each([
    ['under_construction', ['0', '0', '0', '0'], 4, true],
    ['under_construction', ['0', '0', '0'], 4, false], // too few reports to say
    ['under_construction', ['0', '0', '0', '0.01'], 4, false],
    ['under_construction', ['0', '0', '0', '0', '500'], 4, true], // older investment does not count
    ['under_construction', ['500', '0', '0', '0', '0'], 4, false],
    ['under_construction', ['0', '-100', '0', '0'], 4, true], // a correction is no progress
    ['preparation', ['0', '0', '0', '0'], 4, false],
    ['under_construction', ['0'], 1, true],
    ['under_construction', ['5'], 1, false],
    ['under_construction', [], 0, false],
  ] as Array<[Stage, string[], number, boolean]>)('%s, %j, %i weeks: %s', (stage, amounts, idleWeeks, idle) => {
    expect(isStartedButIdle({ stage, weeklyAmountsNewestFirst: amounts.map(w), idleWeeks })).toBe(idle);
  });
});

describe('isMissingStreak (连续漏报)', () => {
  it.each([
    [['pending', 'missing', 'missing'], true],
    [['missing', 'missing'], true],
    [['pending', 'missing', 'on_time'], false],
    [['missing', 'late', 'missing'], false],
  ] as Array<[ReportTiming[], boolean]>)('%j: %s', (weeks, streak) => {
    expect(isMissingStreak(weeks, t.missingStreak)).toBe(streak);
  });
});

describe('warningThresholdsSchema', () => {
  const messages = (changes: Record<string, unknown>) => {
    const r = warningThresholdsSchema.safeParse({ ...t, ...changes });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it.each([
    [{}, []],
    [{ yellowBelowPoints: 10, redBelowPoints: 10 }, []],
    [{ yellowBelowPoints: 20 }, ['红灯阈值不能小于黄灯阈值']],
    [{ yellowBelowPoints: -1 }, ['黄灯阈值应为0—100的整数(百分点)']],
    [{ redBelowPoints: 7.5 }, ['红灯阈值应为0—100的整数(百分点)']],
    [{ idleWeeks: 0 }, ['开而未建的周数应为1—52的整数']],
    [{ missingStreak: '2' }, ['连续漏报的周数应为1—52的整数']],
  ])('%j → %j', (changes, expected) => expect(messages(changes)).toEqual(expected));
});
