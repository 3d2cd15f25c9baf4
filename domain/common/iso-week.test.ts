import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateOfDayNumber, dayNumber, isoWeekday } from './calendar.ts';
import {
  addWeeks,
  isoWeekOf,
  parseWeekKey,
  weekEnd,
  weekKey,
  weekKeyOf,
  weekLabel,
  weekOfInstant,
  weekRangeLabel,
  weekStart,
  weeksBetween,
  weeksInIsoYear,
} from './iso-week.ts';

describe('isoWeekOf', () => {
  it.each([
    ['2020-12-31', 2020, 53],
    ['2021-01-03', 2020, 53],
    ['2021-01-04', 2021, 1],
    ['2025-12-28', 2025, 52],
    ['2025-12-29', 2026, 1], // Monday of the week of 2026's first Thursday
    ['2026-01-01', 2026, 1],
    ['2026-11-23', 2026, 48],
    ['2026-11-29', 2026, 48],
    ['2026-12-31', 2026, 53],
    ['2027-01-01', 2026, 53],
    ['2027-01-03', 2026, 53],
    ['2027-01-04', 2027, 1],
    ['2024-12-30', 2025, 1],
    ['2010-01-03', 2009, 53],
  ])('%s is %i-W%i', (d, isoYear, week) => {
    expect(isoWeekOf(d)).toEqual({ isoYear, week });
  });

  it('puts every day between its week’s Monday and Sunday, and 4 January in week 1', () => {
    const day = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2060-12-31') }).map(dateOfDayNumber);
    fc.assert(
      fc.property(day, (d) => {
        const key = weekKeyOf(d);
        const start = weekStart(key);
        expect(isoWeekday(start)).toBe(1);
        expect(start <= d && d <= weekEnd(key)).toBe(true);
        expect(weekKeyOf(`${d.slice(0, 4)}-01-04`)).toBe(`${d.slice(0, 4)}-W01`);
      }),
    );
  });
});

describe('week keys', () => {
  it.each([
    [2020, 53],
    [2021, 52],
    [2025, 52],
    [2026, 53], // starts on a Thursday
    [2032, 53], // leap year starting on a Thursday
    [2036, 52], // leap year starting on a Tuesday
  ])('%i has %i weeks', (y, n) => expect(weeksInIsoYear(y)).toBe(n));

  it.each([
    ['2026-W48', { isoYear: 2026, week: 48 }],
    ['2026-W01', { isoYear: 2026, week: 1 }],
    ['2026-W53', { isoYear: 2026, week: 53 }],
    ['2020-W53', { isoYear: 2020, week: 53 }],
    ['2025-W53', null],
    ['2026-W54', null],
    ['2026-W00', null],
    ['2026-W1', null],
    ['2026-w48', null],
    ['2026W48', null],
    [' 2026-W48', null],
    ['2026-W48 ', null],
  ])('parseWeekKey(%j) = %j', (key, week) => expect(parseWeekKey(key)).toEqual(week));

  it('builds keys and refuses weeks that do not exist', () => {
    expect(weekKey(2026, 48)).toBe('2026-W48');
    expect(weekKey(2026, 1)).toBe('2026-W01');
    expect(weekKey(2020, 53)).toBe('2020-W53');
    expect(() => weekKey(2025, 53)).toThrow(RangeError);
    expect(() => weekKey(2026, 0)).toThrow(RangeError);
    expect(() => weekKey(2026, 1.5)).toThrow(RangeError);
  });
});

describe('weekStart and weekEnd', () => {
  it.each([
    ['2026-W48', '2026-11-23', '2026-11-29'],
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['2027-W01', '2027-01-04', '2027-01-10'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2026-W40', '2026-09-28', '2026-10-04'],
  ])('%s runs %s to %s', (key, monday, sunday) => {
    expect(weekStart(key)).toBe(monday);
    expect(weekEnd(key)).toBe(sunday);
    expect(addDays(monday, 6)).toBe(sunday);
  });

  it('throws on a malformed key', () => {
    expect(() => weekStart('2025-W53')).toThrow(RangeError);
    expect(() => weekEnd('2026-48')).toThrow(RangeError);
  });
});

describe('week arithmetic', () => {
  it.each([
    ['2026-W52', 1, '2026-W53'],
    ['2026-W53', 1, '2027-W01'],
    ['2025-W52', 1, '2026-W01'],
    ['2026-W01', -1, '2025-W52'],
    ['2027-W01', -1, '2026-W53'],
    ['2026-W10', 52, '2027-W09'], // 2026 has 53 weeks
    ['2026-W48', 0, '2026-W48'],
  ])('%s + %i weeks = %s', (key, n, expected) => {
    expect(addWeeks(key, n)).toBe(expected);
    expect(weeksBetween(key, expected)).toBe(n);
  });

  it.each([
    ['2026-W01', '2027-W01', 53],
    ['2025-W01', '2026-W01', 52],
    ['2027-W01', '2026-W01', -53],
  ])('from %s to %s is %i weeks', (a, b, n) => expect(weeksBetween(a, b)).toBe(n));
});

describe('weekLabel', () => {
  it.each([
    ['2026-W48', 'zh', '2026年第48周(11月23日—11月29日)'],
    ['2026-W48', 'en', 'Week 48, 2026 (23 Nov – 29 Nov)'],
    ['2026-W01', 'zh', '2026年第1周(2025年12月29日—2026年1月4日)'],
    ['2026-W01', 'en', 'Week 1, 2026 (29 Dec 2025 – 4 Jan 2026)'],
    ['2026-W53', 'zh', '2026年第53周(2026年12月28日—2027年1月3日)'],
    ['2026-W02', 'zh', '2026年第2周(1月5日—1月11日)'],
  ] as const)('%s in %s: %s', (key, lang, text) => expect(weekLabel(key, lang)).toBe(text));

  it('gives the range alone for messages that name the week already', () => {
    expect(weekRangeLabel('2026-W48', 'zh')).toBe('11月23日—11月29日');
  });
});

describe('weekOfInstant', () => {
  it.each([
    ['2026-11-29T15:59:59.999Z', '2026-W48'], // Sunday 23:59:59.999 in Beijing
    ['2026-11-29T16:00:00.000Z', '2026-W49'], // Monday 00:00 in Beijing, still Sunday in UTC
    ['2027-01-03T15:59:59.999Z', '2026-W53'],
    ['2027-01-03T16:00:00.000Z', '2027-W01'],
    ['2025-12-28T16:00:00.000Z', '2026-W01'],
  ])('%s is in %s', (iso, key) => expect(weekOfInstant(new Date(iso))).toBe(key));
});
