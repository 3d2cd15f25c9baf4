import { describe, expect, it } from 'vitest';
import { isoWeekday, isWorkingDay, OFFICIAL_CALENDAR } from '../common/calendar.ts';
import {
  addCycles,
  cycleDueOn,
  cycleEnd,
  cycleKey,
  cycleKind,
  cycleLabel,
  cycleStart,
  dueCycles,
  lastDueCycle,
  openCycle,
  type PlanCycle,
} from './cycles.ts';

const cal = OFFICIAL_CALENDAR;
const monthly25: PlanCycle = { feedbackCycle: 'monthly', feedbackDueDay: 25 };
const weeklyMon: PlanCycle = { feedbackCycle: 'weekly', feedbackDueDay: 1 };
const weeklyFri: PlanCycle = { feedbackCycle: 'weekly', feedbackDueDay: 5 };
const quarterly25: PlanCycle = { feedbackCycle: 'quarterly', feedbackDueDay: 25 };

describe('cycle keys', () => {
  it.each([
    ['2026-03-15', 'monthly', '2026-03'],
    ['2026-12-31', 'monthly', '2026-12'],
    ['2026-03-15', 'weekly', '2026-W11'],
    ['2025-12-29', 'weekly', '2026-W01'],
    ['2026-03-31', 'quarterly', '2026-Q1'],
    ['2026-04-01', 'quarterly', '2026-Q2'],
    ['2026-12-31', 'quarterly', '2026-Q4'],
  ] as const)('%s %s → %s', (d, c, k) => {
    expect(cycleKey(d, c)).toBe(k);
    expect(cycleKind(k)).toBe(c);
  });

  it.each(['2026-13', '2026-Q5', '2026-W54', '2026-3', 'x'])('%s is not a cycle key', (k) => {
    expect(cycleKind(k)).toBeNull();
  });

  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-Q4', 1, '2027-Q1'],
    ['2026-Q1', -1, '2025-Q4'],
    ['2026-W53', 1, '2027-W01'],
    ['2026-W01', -1, '2025-W52'],
  ])('%s + %i = %s', (k, n, out) => expect(addCycles(k, n)).toBe(out));

  it('start and end', () => {
    expect([cycleStart('2026-02'), cycleEnd('2026-02')]).toEqual(['2026-02-01', '2026-02-28']);
    expect([cycleStart('2026-Q3'), cycleEnd('2026-Q3')]).toEqual(['2026-07-01', '2026-09-30']);
    expect([cycleStart('2026-W41'), cycleEnd('2026-W41')]).toEqual(['2026-10-05', '2026-10-11']);
  });

  it('labels', () => {
    expect(cycleLabel('2026-10', 'zh')).toBe('2026年10月');
    expect(cycleLabel('2026-W42', 'zh')).toBe('2026年第42周');
    expect(cycleLabel('2026-Q4', 'zh')).toBe('2026年第四季度');
    expect(cycleLabel('2026-Q4', 'en')).toBe('Q4 2026');
  });
});

describe('due dates on the official calendar (working days across holidays)', () => {
  it.each([
    // an ordinary Wednesday stays
    ['2026-03', monthly25, '2026-03-25'],
    // 2026-10-25 is a Sunday → Friday 23rd
    ['2026-10', monthly25, '2026-10-23'],
    // 2026-09-25 is 中秋节 (a Friday off) → Thursday 24th
    ['2026-09', monthly25, '2026-09-24'],
    // 20 February 2026 is inside 春节 (15-23 Feb) → back to Saturday 14 February, a make-up working day (调休上班)
    ['2026-02', { feedbackCycle: 'monthly', feedbackDueDay: 20 }, '2026-02-14'],
    // day 31 is capped at the month's end: 28 February 2026 is a Saturday but a make-up working day
    ['2026-02', { feedbackCycle: 'monthly', feedbackDueDay: 31 }, '2026-02-28'],
    // weekly on Monday: 5 October 2026 is 国庆节 → Wednesday 30 September (1-7 October are off)
    ['2026-W41', weeklyMon, '2026-09-30'],
    // weekly on Friday: 2 October is 国庆节 → 30 September
    ['2026-W40', weeklyFri, '2026-09-30'],
    // the week after: Friday 9 October is a working day again
    ['2026-W41', weeklyFri, '2026-10-09'],
    // quarterly: the quarter's last month; Q3 on the 25th = 中秋节 → 24 September
    ['2026-Q3', quarterly25, '2026-09-24'],
    ['2026-Q1', quarterly25, '2026-03-25'],
    // day 31 of June is capped to the 30th (a Tuesday)
    ['2026-Q2', { feedbackCycle: 'quarterly', feedbackDueDay: 31 }, '2026-06-30'],
  ] as const)('%s → %s', (key, plan, due) => {
    const on = cycleDueOn(key, plan as PlanCycle, cal);
    expect(on).toBe(due);
    expect(isWorkingDay(on, cal)).toBe(true);
  });

  it('every monthly due date of 2026 is a working day on or before the 25th', () => {
    for (let m = 1; m <= 12; m++) {
      const key = `2026-${String(m).padStart(2, '0')}`;
      const due = cycleDueOn(key, monthly25, cal);
      expect(isWorkingDay(due, cal)).toBe(true);
      expect(due <= `${key}-25`).toBe(true);
      expect(isoWeekday(due) <= 5 || cal.workdays.includes(due)).toBe(true);
    }
  });
});

describe('open and due cycles', () => {
  it('the due day itself is still the open cycle', () => {
    expect(openCycle(monthly25, '2026-10-23', cal)).toEqual({ key: '2026-10', dueOn: '2026-10-23' });
    expect(openCycle(monthly25, '2026-10-24', cal)).toEqual({ key: '2026-11', dueOn: '2026-11-25' });
    expect(openCycle(monthly25, '2026-10-01', cal)).toEqual({ key: '2026-10', dueOn: '2026-10-23' });
  });

  it('across the National Day holiday a weekly plan skips to the week whose due date is ahead', () => {
    // on 1 October both W40 (due Mon 28 Sep) and W41 (due moved back to Wed 30 Sep) are past
    expect(openCycle(weeklyMon, '2026-10-01', cal)).toEqual({ key: '2026-W42', dueOn: '2026-10-12' });
    expect(lastDueCycle(weeklyMon, '2026-01-01', '2026-10-01', cal)).toEqual({ key: '2026-W41', dueOn: '2026-09-30' });
    // on 30 September W41 is due that very day: still open, and W40 is the last one past
    expect(openCycle(weeklyMon, '2026-09-30', cal)).toEqual({ key: '2026-W41', dueOn: '2026-09-30' });
    expect(lastDueCycle(weeklyMon, '2026-01-01', '2026-09-30', cal)?.key).toBe('2026-W40');
  });

  it('due cycles are those due before today and on or after the start', () => {
    const due = dueCycles(monthly25, '2026-01-01', '2026-04-24', cal);
    expect(due.map((c) => c.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    // the 25th of April 2026 is a Saturday → due Friday the 24th, so on the 25th April is past due
    expect(dueCycles(monthly25, '2026-01-01', '2026-04-25', cal).map((c) => c.key)).toContain('2026-04');
    // a task created after March's due date does not owe March
    expect(dueCycles(monthly25, '2026-03-26', '2026-05-01', cal).map((c) => c.key)).toEqual(['2026-04']);
    // created on the due day itself: it owes that cycle
    expect(dueCycles(monthly25, '2026-03-25', '2026-03-26', cal).map((c) => c.key)).toEqual(['2026-03']);
    expect(dueCycles(monthly25, '2026-05-01', '2026-05-01', cal)).toEqual([]);
  });

  it('lastDueCycle is null before the start', () => {
    expect(lastDueCycle(monthly25, '2026-03-26', '2026-04-01', cal)).toBeNull();
    expect(lastDueCycle(monthly25, '2026-03-25', '2026-04-01', cal)).toEqual({ key: '2026-03', dueOn: '2026-03-25' });
  });

  it('quarterly', () => {
    expect(dueCycles(quarterly25, '2026-01-01', '2026-10-01', cal)).toEqual([
      { key: '2026-Q1', dueOn: '2026-03-25' },
      { key: '2026-Q2', dueOn: '2026-06-25' },
      { key: '2026-Q3', dueOn: '2026-09-24' },
    ]);
  });
});
