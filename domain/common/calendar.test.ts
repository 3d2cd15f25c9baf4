import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  type CalendarData,
  calendarCovers,
  calendarDataSchema,
  dateLabel,
  dateOfDayNumber,
  dayNumber,
  holidayName,
  isIsoDate,
  isoWeekday,
  isWorkingDay,
  knownYears,
  mergeCalendars,
  nextWorkingDay,
  OFFICIAL_CALENDAR,
  previousWorkingDay,
  workingDaysBetween,
} from './calendar.ts';

const cal = OFFICIAL_CALENDAR;
/** The weekday from the platform's own calendar, to check ours against something independent. */
const jsWeekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;

describe('days', () => {
  it.each([
    ['1970-01-01', 4],
    ['2026-01-01', 4],
    ['2026-02-14', 6],
    ['2026-09-20', 7],
    ['2026-09-28', 1],
    ['1969-12-29', 1],
  ])('%s is ISO weekday %i', (d, wd) => {
    expect(isoWeekday(d)).toBe(wd);
    expect(jsWeekday(d)).toBe(wd);
  });

  it('agrees with the platform calendar on every day of 2023–2028', () => {
    for (let n = dayNumber('2023-01-01'); n <= dayNumber('2028-12-31'); n++) {
      const d = dateOfDayNumber(n);
      expect(isoWeekday(d)).toBe(jsWeekday(d));
      expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(d);
    }
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (d, ok) => {
    expect(isIsoDate(d)).toBe(ok);
    if (!ok) expect(() => dayNumber(d)).toThrow(RangeError);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-29', 3)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it.each([
    ['2026-11-10', 'zh', true, '2026年11月10日'],
    ['2026-01-04', 'zh', false, '1月4日'],
    ['2026-11-23', 'en', false, '23 Nov'],
    ['2027-01-03', 'en', true, '3 Jan 2027'],
  ] as const)('dateLabel(%s, %s, %s) = %s', (d, lang, withYear, text) => {
    expect(dateLabel(d, lang, withYear)).toBe(text);
  });
});

describe('official calendar data', () => {
  it('covers 2024–2026', () => {
    expect(knownYears(cal)).toEqual([2024, 2025, 2026]);
  });

  it('has only weekend make-up days, none of them also a holiday', () => {
    for (const d of cal.workdays) {
      expect(isoWeekday(d), d).toBeGreaterThanOrEqual(6);
      expect(holidayName(d, cal), d).toBeNull();
    }
    expect(calendarDataSchema.safeParse(cal).success).toBe(true);
  });

  // Days off = weekends + statutory days: 11 until 2024, 13 from 2025 (the 2024 revision of 全国年节及纪念日放假办法
  // added one day each to 春节 and 劳动节). A wrong date in the data breaks the count.
  it.each([
    [2024, 366, 11],
    [2025, 365, 13],
    [2026, 365, 13],
  ])('%i has its days minus weekends minus its statutory holidays as working days', (year, days, statutory) => {
    let weekendDays = 0;
    for (let n = dayNumber(`${year}-01-01`); n <= dayNumber(`${year}-12-31`); n++) {
      if (isoWeekday(dateOfDayNumber(n)) >= 6) weekendDays++;
    }
    expect(workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`, cal)).toBe(days - weekendDays - statutory);
  });
});

describe('isWorkingDay and holidayName', () => {
  it.each([
    // 2026 元旦: Thursday to Saturday off, Sunday 4 January worked
    ['2026-01-01', false, '元旦'],
    ['2026-01-02', false, '元旦'],
    ['2026-01-03', false, '元旦'],
    ['2026-01-04', true, null],
    ['2026-01-05', true, null],
    // 春节: Saturday 14 February worked, 15–23 off, Saturday 28 February worked
    ['2026-02-13', true, null],
    ['2026-02-14', true, null],
    ['2026-02-15', false, '春节'],
    ['2026-02-18', false, '春节'],
    ['2026-02-23', false, '春节'],
    ['2026-02-24', true, null],
    ['2026-02-28', true, null],
    ['2026-03-01', false, null],
    // 清明 on a Monday, 劳动节 with Saturday 9 May worked
    ['2026-04-06', false, '清明节'],
    ['2026-05-05', false, '劳动节'],
    ['2026-05-09', true, null],
    ['2026-05-10', false, null],
    // 中秋 and 国庆: Sunday 20 September and Saturday 10 October worked
    ['2026-09-20', true, null],
    ['2026-09-25', false, '中秋节'],
    ['2026-09-30', true, null],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, '国庆节'],
    ['2026-10-08', true, null],
    ['2026-10-10', true, null],
    ['2026-10-11', false, null],
    // earlier years
    ['2024-02-18', true, null],
    ['2024-06-10', false, '端午节'],
    ['2024-12-31', true, null],
    ['2025-01-26', true, null],
    ['2025-10-08', false, '国庆节、中秋节'],
    ['2025-10-11', true, null],
    ['2025-12-31', true, null],
    // an ordinary week
    ['2026-11-27', true, null],
    ['2026-11-28', false, null],
  ])('%s working %s, holiday %s', (d, working, name) => {
    expect(isWorkingDay(d, cal)).toBe(working);
    expect(holidayName(d, cal)).toBe(name);
  });

  it('refuses a malformed date instead of guessing', () => {
    expect(() => isWorkingDay('2026-02-30', cal)).toThrow(RangeError);
    expect(() => holidayName('2026/10/01', cal)).toThrow(RangeError);
  });
});

describe('a year without data falls back to weekends', () => {
  it.each([
    ['2027-01-01', true], // a Friday; 2027's 元旦 is unknown to the data
    ['2027-10-01', true],
    ['2027-10-02', false],
    ['2023-12-29', true],
    ['2023-12-30', false],
  ])('%s working %s', (d, working) => {
    expect(isWorkingDay(d, cal)).toBe(working);
    expect(calendarCovers(d, cal)).toBe(false);
  });

  it.each([
    ['2024-01-01', true],
    ['2026-12-31', true],
    ['2027-01-01', false],
  ])('calendarCovers(%s) is %s', (d, covered) => expect(calendarCovers(d, cal)).toBe(covered));
});

describe('previousWorkingDay and nextWorkingDay', () => {
  it.each([
    // [date, previous, next]
    ['2026-10-09', '2026-10-09', '2026-10-09'], // a working day is itself
    ['2026-10-02', '2026-09-30', '2026-10-08'],
    ['2026-10-04', '2026-09-30', '2026-10-08'],
    ['2026-10-11', '2026-10-10', '2026-10-12'],
    ['2026-02-22', '2026-02-14', '2026-02-24'],
    ['2026-02-15', '2026-02-14', '2026-02-24'],
    ['2026-01-03', '2025-12-31', '2026-01-04'], // across New Year, to a make-up Sunday
    ['2025-12-27', '2025-12-26', '2025-12-29'],
    ['2026-05-03', '2026-04-30', '2026-05-06'],
  ])('%s: previous %s, next %s', (d, prev, next) => {
    expect(previousWorkingDay(d, cal)).toBe(prev);
    expect(nextWorkingDay(d, cal)).toBe(next);
  });

  it('fails on data that leaves no working day rather than looping', () => {
    const allOff: CalendarData = { holidays: {}, workdays: [] };
    for (let n = dayNumber('2030-01-01'); n <= dayNumber('2031-12-31'); n++) allOff.holidays[dateOfDayNumber(n)] = '假';
    expect(() => nextWorkingDay('2030-06-01', allOff)).toThrow(RangeError);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it.each([
    ['2026-11-20', 5, '2026-11-27'], // raised on Friday, due the next Friday
    ['2026-09-25', 5, '2026-10-09'], // from 中秋 over 国庆
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'], // the make-up Saturday counts
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2025-12-31', 1, '2026-01-04'],
    ['2026-12-31', 1, '2027-01-01'], // into a year without data
    ['2026-10-08', -1, '2026-09-30'],
    ['2026-01-05', -2, '2025-12-31'],
    ['2026-10-03', 0, '2026-10-03'],
  ])('%s + %i working days = %s', (d, n, due) => {
    expect(addWorkingDays(d, n, cal)).toBe(due);
    expect(workingDaysBetween(d, due, cal)).toBe(n);
  });

  it.each([
    ['2026-09-30', '2026-10-08', 1],
    ['2026-10-01', '2026-10-07', 0],
    ['2026-02-13', '2026-02-28', 6], // 14, 24, 25, 26, 27, 28
    ['2026-10-08', '2026-09-30', -1],
    ['2026-10-07', '2026-10-07', 0],
  ])('between %s and %s: %i', (a, b, n) => expect(workingDaysBetween(a, b, cal)).toBe(n));

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays('2026-10-08', 1.5, cal)).toThrow(RangeError);
  });

  it('is inverted by workingDaysBetween, and lands on a working day', () => {
    const day = fc.integer({ min: dayNumber('2023-10-01'), max: dayNumber('2027-03-31') }).map(dateOfDayNumber);
    fc.assert(
      fc.property(day, fc.integer({ min: -40, max: 40 }), (d, n) => {
        const due = addWorkingDays(d, n, cal);
        expect(workingDaysBetween(d, due, cal)).toBe(n);
        if (n !== 0) expect(isWorkingDay(due, cal)).toBe(true);
      }),
    );
  });
});

describe('mergeCalendars', () => {
  const extra: CalendarData = {
    holidays: { '2027-01-01': '元旦', '2026-02-28': '春节' },
    workdays: ['2026-10-03'],
  };
  const merged = mergeCalendars(cal, extra);

  it('adds a later year from a setting', () => {
    expect(knownYears(merged)).toEqual([2024, 2025, 2026, 2027]);
    expect(calendarCovers('2027-05-01', merged)).toBe(true);
    expect(isWorkingDay('2027-01-01', merged)).toBe(false);
  });

  it('lets the setting override a built-in date either way', () => {
    expect(isWorkingDay('2026-02-28', merged)).toBe(false);
    expect(merged.workdays).not.toContain('2026-02-28');
    expect(isWorkingDay('2026-10-03', merged)).toBe(true);
    expect(holidayName('2026-10-03', merged)).toBeNull();
  });

  it('leaves the built-in data untouched', () => {
    expect(isWorkingDay('2026-02-28', cal)).toBe(true);
    expect(holidayName('2026-10-03', cal)).toBe('国庆节');
    expect(knownYears(cal)).toEqual([2024, 2025, 2026]);
  });
});

describe('calendarDataSchema', () => {
  const messages = (v: unknown) => {
    const r = calendarDataSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it.each([
    [{ holidays: { '2027-01-01': '元旦' }, workdays: ['2027-02-20'] }, []],
    [{ holidays: {}, workdays: ['2027-02-16'] }, ['调休上班日2027-02-16不是周六或周日']],
    [{ holidays: { '2027-02-20': '春节' }, workdays: ['2027-02-20'] }, ['2027-02-20不能既是节假日又是调休上班日']],
    [{ holidays: { '2027-01-01': ' ' }, workdays: [] }, ['请填写节假日名称']],
    [{ holidays: {}, workdays: ['2027-02-30'] }, ['日期格式应为 yyyy-MM-dd']],
  ])('%j → %j', (v, expected) => expect(messages(v)).toEqual(expected));
});
