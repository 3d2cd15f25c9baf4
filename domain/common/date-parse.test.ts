import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CivilDate,
  civilFromDays,
  type DatePrecision,
  type DateResult,
  daysFromCivil,
  daysInMonth,
  excelSerialOf,
  excelSerialToCivil,
  isLeapYear,
  isoDate,
  MAX_YEAR,
  MIN_YEAR,
  parseDateCell,
} from './date-parse.ts';
import type { BlankKind } from './text-normalize.ts';

const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
const dateOf = (r: DateResult) => (r.ok && 'date' in r ? { date: r.date, precision: r.precision } : r);

describe('parseDateCell: text', () => {
  it.each<[string, string, DatePrecision]>([
    ['2025-03-01', '2025-03-01', 'day'],
    ['2025/3/1', '2025-03-01', 'day'],
    ['2025.3.1', '2025-03-01', 'day'],
    ['2025-3-1', '2025-03-01', 'day'],
    ['2025年3月1日', '2025-03-01', 'day'],
    ['2025年03月01日', '2025-03-01', 'day'],
    ['2025年3月1号', '2025-03-01', 'day'],
    ['2025年3月1', '2025-03-01', 'day'],
    ['20250301', '2025-03-01', 'day'],
    ['２０２５年３月１日', '2025-03-01', 'day'],
    ['２０２５－０３－０１', '2025-03-01', 'day'],
    ['２０２５．３．１', '2025-03-01', 'day'],
    [' 2025 年 3 月 1 日 ', '2025-03-01', 'day'],
    ['2025-03-01 08:30:00', '2025-03-01', 'day'],
    ['2025-03-01T08:30', '2025-03-01', 'day'],
    ['2025/3/1 0:00', '2025-03-01', 'day'],
    ['2025年3月1日 8:30', '2025-03-01', 'day'],
    ['2024-02-29', '2024-02-29', 'day'],
    ['2000-02-29', '2000-02-29', 'day'],
    ['2025-12-31', '2025-12-31', 'day'],
    // month precision → the first of the month
    ['2025年3月', '2025-03-01', 'month'],
    ['2025年3月份', '2025-03-01', 'month'],
    ['2025年12月', '2025-12-01', 'month'],
    ['2025.3', '2025-03-01', 'month'],
    ['2025-3', '2025-03-01', 'month'],
    ['2025.03', '2025-03-01', 'month'],
    ['2025/03', '2025-03-01', 'month'],
    ['2025.10', '2025-10-01', 'month'],
    ['2025.1', '2025-01-01', 'month'],
    ['202503', '2025-03-01', 'month'],
    ['２０２５年３月', '2025-03-01', 'month'],
    // year precision → 1 January
    ['2025年', '2025-01-01', 'year'],
    ['2025年度', '2025-01-01', 'year'],
    ['2025', '2025-01-01', 'year'],
  ])('%j → %s (%s)', (cell, date, precision) => {
    expect(parseDateCell(cell)).toEqual({ ok: true, date, precision, original: cell });
  });

  it.each<[string, string]>([
    ['2025-02-30', '日期“2025-02-30”不存在（2025年2月只有28天）'],
    ['2023-02-29', '日期“2023-02-29”不存在（2023年2月只有28天）'],
    ['1900-02-29', '日期“1900-02-29”不存在（1900年2月只有28天）'],
    ['2025-04-31', '日期“2025-04-31”不存在（2025年4月只有30天）'],
    ['2025年6月31日', '日期“2025年6月31日”不存在（2025年6月只有30天）'],
    ['2025-03-00', '日期“2025-03-00”不存在（2025年3月只有31天）'],
    ['20250230', '日期“20250230”不存在（2025年2月只有28天）'],
    ['2025-13-01', '日期“2025-13-01”的月份不存在'],
    ['2025-00-10', '日期“2025-00-10”的月份不存在'],
    ['2025.13', '日期“2025.13”的月份不存在'],
    ['2025年0月', '日期“2025年0月”的月份不存在'],
    ['1899-12-31', '日期“1899-12-31”的年份超出范围（1900—2100年）'],
    ['2101年', '日期“2101年”的年份超出范围（1900—2100年）'],
    ['25.3.1', '无法识别的日期“25.3.1”'],
    ['3月1日', '无法识别的日期“3月1日”'],
    ['2025-3/1', '无法识别的日期“2025-3/1”'],
    ['2025.3.1.1', '无法识别的日期“2025.3.1.1”'],
    ['二〇二五年三月', '无法识别的日期“二〇二五年三月”'],
    ['2025年3月上旬', '无法识别的日期“2025年3月上旬”'],
    ['2025年3月底', '无法识别的日期“2025年3月底”'],
    ['2025-03-01T08:00:00Z', '无法识别的日期“2025-03-01T08:00:00Z”'],
    ['2025-3-110:30', '无法识别的日期“2025-3-110:30”'],
    ['abc', '无法识别的日期“abc”'],
  ])('%j is rejected: %s', (cell, reason) => {
    expect(parseDateCell(cell)).toEqual({ ok: false, reason, original: cell });
  });

  it.each<[string | null | undefined, BlankKind]>([
    ['', 'empty'],
    [' ', 'empty'],
    [null, 'empty'],
    [undefined, 'empty'],
    ['—', 'dash'],
    ['-', 'dash'],
    ['…', 'ellipsis'],
    ['/', 'na'],
    ['无', 'na'],
  ])('%j is blank %s', (cell, blank) => {
    expect(parseDateCell(cell)).toEqual({ ok: true, blank, original: cell ?? '' });
  });
});

describe('parseDateCell: numbers (Excel serials, and numbers typed into General cells)', () => {
  it.each<[number, string, DatePrecision]>([
    [45658, '2025-01-01', 'day'],
    [45658.75, '2025-01-01', 'day'],
    [45717, '2025-03-01', 'day'],
    [1, '1900-01-01', 'day'],
    [59, '1900-02-28', 'day'],
    [61, '1900-03-01', 'day'],
    [36526, '2000-01-01', 'day'],
    [73415, '2100-12-31', 'day'],
    // typed as a plain number: year, year.month, yyyymmdd, yyyymm
    [2025, '2025-01-01', 'year'],
    [2025.3, '2025-03-01', 'month'],
    [2025.12, '2025-12-01', 'month'],
    [2025.01, '2025-01-01', 'month'],
    [20250301, '2025-03-01', 'day'],
    [202503, '2025-03-01', 'month'],
  ])('%s → %s (%s)', (n, date, precision) => {
    expect(parseDateCell(n)).toEqual({ ok: true, date, precision, original: String(n) });
  });

  it.each<[number, string]>([
    [60, 'Excel日期序号60对应不存在的1900年2月29日'],
    [60.5, 'Excel日期序号60对应不存在的1900年2月29日'],
    [0, '“0”不是有效的Excel日期'],
    [-1, '“-1”不是有效的Excel日期'],
    [2958466, '“2958466”不是有效的Excel日期'],
    [Number.NaN, '无法识别的日期“NaN”'],
    [73416, '日期“73416”的年份超出范围（1900—2100年）'],
    [202513, '日期“202513”的年份超出范围（1900—2100年）'],
    [2025.1, '“2025.1”无法区分2025年1月与2025年10月，请填写为文本（如2025-10）'],
    [2025.13, '日期“2025.13”的月份不存在'],
    [2025.123, '无法识别的日期“2025.123”'],
    [20250230, '日期“20250230”不存在（2025年2月只有28天）'],
  ])('%s is rejected: %s', (n, reason) => {
    expect(parseDateCell(n)).toEqual({ ok: false, reason, original: String(n) });
  });
});

describe('parseDateCell: Date objects from exceljs (UTC midnight)', () => {
  // read in the city's own zone (UTC+8), where a local-time reading would move late-UTC dates to the next day
  const savedTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Shanghai';
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('runs in UTC+8', () => {
    expect(new Date(Date.UTC(2025, 2, 1, 23)).getDate()).toBe(2);
  });

  it.each<[Date, string]>([
    [new Date(Date.UTC(2025, 2, 1)), '2025-03-01'],
    // late in the UTC day: a local-time reading in UTC+8 would say 2 March
    [new Date(Date.UTC(2025, 2, 1, 23, 59, 59)), '2025-03-01'],
    [new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
  ])('%s → %s', (d, date) => {
    expect(parseDateCell(d)).toEqual({ ok: true, date, precision: 'day', original: date });
  });

  it('rejects an invalid Date and one out of range', () => {
    expect(parseDateCell(new Date(Number.NaN))).toEqual({ ok: false, reason: '无效的日期', original: 'Invalid Date' });
    expect(parseDateCell(new Date(Date.UTC(1899, 11, 31))).ok).toBe(false);
  });

  it('reads a Date by its UTC calendar day', () => {
    const ms = fc.integer({ min: Date.UTC(MIN_YEAR, 0, 1), max: Date.UTC(MAX_YEAR, 11, 31, 23, 59, 59) });
    fc.assert(
      fc.property(ms, (t) => {
        const d = new Date(t);
        expect(dateOf(parseDateCell(d))).toEqual({ date: d.toISOString().slice(0, 10), precision: 'day' });
      }),
    );
  });
});

describe('calendar arithmetic', () => {
  it.each<[number, boolean]>([
    [2024, true],
    [2025, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('isLeapYear(%s) = %s', (y, leap) => expect(isLeapYear(y)).toBe(leap));

  it.each<[number, number, number]>([
    [2025, 1, 31],
    [2025, 2, 28],
    [2024, 2, 29],
    [2025, 4, 30],
    [2025, 12, 31],
  ])('daysInMonth(%s, %s) = %s', (y, m, n) => expect(daysInMonth(y, m)).toBe(n));

  it.each<[CivilDate, number]>([
    [{ y: 1970, m: 1, d: 1 }, 0],
    [{ y: 2025, m: 1, d: 1 }, 20089],
    [{ y: 1899, m: 12, d: 30 }, -25569],
    [{ y: 2000, m: 3, d: 1 }, 11017],
  ])('daysFromCivil(%j) = %s', (c, days) => {
    expect(daysFromCivil(c.y, c.m, c.d)).toBe(days);
    expect(civilFromDays(days)).toEqual(c);
  });

  it('agrees with Date.UTC over four centuries and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const c = civilFromDays(days);
        expect(Date.UTC(c.y, c.m - 1, c.d) / 86_400_000).toBe(days);
        expect(daysFromCivil(c.y, c.m, c.d)).toBe(days);
      }),
    );
  });

  it('maps Excel serials with the 1900 leap-year bug', () => {
    expect(excelSerialToCivil(60)).toBeNull();
    expect(excelSerialToCivil(0)).toBeNull();
    expect(excelSerialToCivil(59)).toEqual({ y: 1900, m: 2, d: 28 });
    expect(excelSerialToCivil(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(excelSerialOf({ y: 1900, m: 2, d: 28 })).toBe(59);
    expect(excelSerialOf({ y: 1900, m: 3, d: 1 })).toBe(61);
    expect(excelSerialOf({ y: 2025, m: 1, d: 1 })).toBe(45658);
  });
});

describe('parseDateCell properties', () => {
  const MIN_DAYS = daysFromCivil(MIN_YEAR, 1, 1);
  const MAX_DAYS = daysFromCivil(MAX_YEAR, 12, 31);
  const civil = fc.integer({ min: MIN_DAYS, max: MAX_DAYS }).map(civilFromDays);
  const p2 = (n: number) => String(n).padStart(2, '0');

  const dayForms: Record<string, (c: CivilDate) => string> = {
    'yyyy-mm-dd': (c) => isoDate(c),
    'yyyy/m/d': (c) => `${c.y}/${c.m}/${c.d}`,
    'yyyy.m.d': (c) => `${c.y}.${c.m}.${c.d}`,
    yyyy年m月d日: (c) => `${c.y}年${c.m}月${c.d}日`,
    yyyymmdd: (c) => `${c.y}${p2(c.m)}${p2(c.d)}`,
    'full-width yyyy年mm月dd日': (c) => fullWidth(`${c.y}年${p2(c.m)}月${p2(c.d)}日`),
    'yyyy-mm-dd hh:mm:ss': (c) => `${isoDate(c)} 12:34:56`,
  };
  const monthForms: Record<string, (c: CivilDate) => string> = {
    yyyy年m月: (c) => `${c.y}年${c.m}月`,
    'yyyy.m': (c) => `${c.y}.${c.m}`,
    'yyyy-m': (c) => `${c.y}-${c.m}`,
    'yyyy.mm': (c) => `${c.y}.${p2(c.m)}`,
    'full-width yyyy．m': (c) => fullWidth(`${c.y}.${c.m}`),
  };
  const yearForms: Record<string, (c: CivilDate) => string> = {
    yyyy年: (c) => `${c.y}年`,
    yyyy: (c) => `${c.y}`,
  };

  for (const [name, format] of Object.entries(dayForms)) {
    it(`reads every date written as ${name}`, () => {
      fc.assert(
        fc.property(civil, (c) => {
          expect(dateOf(parseDateCell(format(c)))).toEqual({ date: isoDate(c), precision: 'day' });
        }),
      );
    });
  }
  for (const [name, format] of Object.entries(monthForms)) {
    it(`reads every month written as ${name} as its first day`, () => {
      fc.assert(
        fc.property(civil, (c) => {
          expect(dateOf(parseDateCell(format(c)))).toEqual({ date: isoDate({ ...c, d: 1 }), precision: 'month' });
        }),
      );
    });
  }
  for (const [name, format] of Object.entries(yearForms)) {
    it(`reads every year written as ${name} as 1 January`, () => {
      fc.assert(
        fc.property(civil, (c) => {
          expect(dateOf(parseDateCell(format(c)))).toEqual({ date: `${c.y}-01-01`, precision: 'year' });
        }),
      );
    });
  }

  it('reads every Excel serial back to its date, whatever the time of day', () => {
    // serials 1900–2100 are read as typed years; real project dates (1906 on) have larger serials
    const modern = fc.integer({ min: daysFromCivil(1906, 1, 1), max: MAX_DAYS }).map(civilFromDays);
    fc.assert(
      fc.property(modern, fc.double({ min: 0, max: 0.999, noNaN: true }), (c, time) => {
        expect(dateOf(parseDateCell(excelSerialOf(c) + time))).toEqual({ date: isoDate(c), precision: 'day' });
      }),
    );
  });

  it('rejects every day past the end of its month, quoting the text', () => {
    const bad = fc
      .record({ y: fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), m: fc.constantFrom(2, 4, 6, 9, 11) })
      .chain(({ y, m }) => fc.integer({ min: daysInMonth(y, m) + 1, max: 31 }).map((d) => ({ y, m, d })));
    fc.assert(
      fc.property(bad, (c) => {
        const text = `${c.y}-${p2(c.m)}-${p2(c.d)}`;
        const r = parseDateCell(text);
        expect(r.ok).toBe(false);
        expect(!r.ok && r.reason).toContain(`“${text}”`);
      }),
    );
  });

  it('never throws on any text and keeps the original', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(parseDateCell(s).original).toBe(s);
      }),
    );
  });
});
