import { z } from 'zod';
import { civilFromDays, daysFromCivil, daysInMonth } from './date-parse.ts';

/**
 * China's official working-day calendar (工作日历): Saturdays and Sundays are off, except the make-up working days
 * (调休上班) the State Council General Office announces each year, and the statutory holidays (法定节假日, with the
 * days shifted next to them) are off even on a weekday. Dates are business dates 'YYYY-MM-DD' (Asia/Shanghai);
 * the day arithmetic is integer days since 1970-01-01, never `new Date(text)`, so no time zone can shift a day.
 *
 * The built-in data covers the years whose notice has been published; an administrator adds later years as a
 * setting (`calendarDataSchema`, then `mergeCalendars`). A year without data falls back to "weekends off", and
 * `calendarCovers` lets a page say so rather than show a deadline that may be wrong.
 */
export type CalendarData = {
  /** date → holiday name (元旦, 春节, …): every day off the notice names, weekend days included */
  holidays: Record<string, string>;
  /** make-up working days (调休上班), each a Saturday or Sunday */
  workdays: string[];
};

// ── days ───────────────────────────────────────────────────────────────────────────────────────────────────
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Whether `text` is a real calendar date 'YYYY-MM-DD' (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(Number(m[1]), mo);
}

/** Days since 1970-01-01. Rules take dates as parameters; a malformed one is a programming error. */
export function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function dateOfDayNumber(n: number): string {
  const { y, m, d } = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export const addDays = (date: string, n: number): string => dateOfDayNumber(dayNumber(date) + n);

/** 1 = Monday … 7 = Sunday (ISO 8601); 1970-01-01 was a Thursday. */
export const isoWeekday = (date: string): number => ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;

/** '2026年11月10日' / '10 Nov 2026'; without the year: '11月10日' / '10 Nov'. */
export function dateLabel(date: string, lang: 'zh' | 'en', withYear = true): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (lang === 'zh') return `${withYear ? `${y}年` : ''}${m}月${d}日`;
  return `${d} ${MONTHS_EN[m - 1]}${withYear ? ` ${y}` : ''}`;
}
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// ── the official data ──────────────────────────────────────────────────────────────────────────────────────
/** Every date from `from` to `to` (inclusive) as a holiday with `name`. */
function span(name: string, from: string, to: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push([dateOfDayNumber(n), name]);
  return out;
}

/**
 * As published; checked against the notices' full text (新华社 / 中国政府网 reprints). A holiday the notice gives
 * as one day "与周末连休" (joined to the weekend) is that day only: the weekend is off anyway.
 */
export const OFFICIAL_CALENDAR: CalendarData = {
  holidays: Object.fromEntries([
    // 国务院办公厅关于2024年部分节假日安排的通知(国办发明电〔2023〕7号, 2023年10月25日)
    ...span('元旦', '2024-01-01', '2024-01-01'),
    ...span('春节', '2024-02-10', '2024-02-17'),
    ...span('清明节', '2024-04-04', '2024-04-06'),
    ...span('劳动节', '2024-05-01', '2024-05-05'),
    ...span('端午节', '2024-06-10', '2024-06-10'),
    ...span('中秋节', '2024-09-15', '2024-09-17'),
    ...span('国庆节', '2024-10-01', '2024-10-07'),
    // 国务院办公厅关于2025年部分节假日安排的通知(国办发明电〔2024〕12号, 2024年11月12日)
    ...span('元旦', '2025-01-01', '2025-01-01'),
    ...span('春节', '2025-01-28', '2025-02-04'),
    ...span('清明节', '2025-04-04', '2025-04-06'),
    ...span('劳动节', '2025-05-01', '2025-05-05'),
    ...span('端午节', '2025-05-31', '2025-06-02'),
    ...span('国庆节、中秋节', '2025-10-01', '2025-10-08'),
    // 国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日发布, 新华社北京11月4日电全文)
    ...span('元旦', '2026-01-01', '2026-01-03'),
    ...span('春节', '2026-02-15', '2026-02-23'),
    ...span('清明节', '2026-04-04', '2026-04-06'),
    ...span('劳动节', '2026-05-01', '2026-05-05'),
    ...span('端午节', '2026-06-19', '2026-06-21'),
    ...span('中秋节', '2026-09-25', '2026-09-27'),
    ...span('国庆节', '2026-10-01', '2026-10-07'),
  ]),
  workdays: [
    // 2024: 2月4日(日)、2月18日(日)、4月7日(日)、4月28日(日)、5月11日(六)、9月14日(六)、9月29日(日)、10月12日(六)
    '2024-02-04',
    '2024-02-18',
    '2024-04-07',
    '2024-04-28',
    '2024-05-11',
    '2024-09-14',
    '2024-09-29',
    '2024-10-12',
    // 2025: 1月26日(日)、2月8日(六)、4月27日(日)、9月28日(日)、10月11日(六)
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    // 2026: 1月4日(日)、2月14日(六)、2月28日(六)、5月9日(六)、9月20日(日)、10月10日(六)
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ],
};

/**
 * The built-in data with an administrator's data laid over it, date by date: a date the extra data names as a
 * holiday is no longer a make-up working day, and the reverse (a corrected notice wins over the built-in one).
 */
export function mergeCalendars(base: CalendarData, extra: CalendarData): CalendarData {
  const extraWork = new Set(extra.workdays);
  const holidays = Object.fromEntries(
    [...Object.entries(base.holidays), ...Object.entries(extra.holidays)].filter(([d]) => !extraWork.has(d)),
  );
  const workdays = new Set([...base.workdays.filter((d) => !Object.hasOwn(extra.holidays, d)), ...extraWork]);
  return { holidays, workdays: [...workdays].sort() };
}

/**
 * The years the data covers. Every notice makes 1 January (元旦) a holiday, so a year is covered when its 1 January
 * is in the data; a stray date of a neighbouring year (a New Year break starting on 30 December) does not count.
 */
export function knownYears(cal: CalendarData): number[] {
  return Object.keys(cal.holidays)
    .filter((d) => d.endsWith('-01-01'))
    .map((d) => Number(d.slice(0, 4)))
    .sort((a, b) => a - b);
}

/** False when the date's year has no official data, so working days there are only a weekend guess. */
export function calendarCovers(date: string, cal: CalendarData): boolean {
  dayNumber(date);
  return Object.hasOwn(cal.holidays, `${date.slice(0, 4)}-01-01`);
}

// ── working days ───────────────────────────────────────────────────────────────────────────────────────────
export function holidayName(date: string, cal: CalendarData): string | null {
  dayNumber(date);
  return Object.hasOwn(cal.holidays, date) ? (cal.holidays[date] ?? null) : null;
}

export function isWorkingDay(date: string, cal: CalendarData): boolean {
  const weekday = isoWeekday(date); // validates the date first
  if (cal.workdays.includes(date)) return true;
  if (Object.hasOwn(cal.holidays, date)) return false;
  return weekday <= 5;
}

/** No real calendar has a year without working days; bad data must fail, not loop. */
const MAX_SEARCH_DAYS = 366;

function step(date: string, dir: 1 | -1, cal: CalendarData): number {
  let n = dayNumber(date);
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++, n += dir) {
    if (isWorkingDay(dateOfDayNumber(n), cal)) return n;
  }
  throw new RangeError(`no working day within a year of ${date}: check the calendar data`);
}

/** The date itself when it is a working day, else the last working day before it. */
export const previousWorkingDay = (date: string, cal: CalendarData): string => dateOfDayNumber(step(date, -1, cal));

/** The date itself when it is a working day, else the first working day after it. */
export const nextWorkingDay = (date: string, cal: CalendarData): string => dateOfDayNumber(step(date, 1, cal));

/**
 * The n-th working day after `date`, not counting `date` itself (an item raised on Friday with 5 working days is
 * due the next Friday, holidays skipped); a negative n counts back. n = 0 gives `date` unchanged.
 */
export function addWorkingDays(date: string, n: number, cal: CalendarData): string {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
  const dir = n < 0 ? -1 : 1;
  let d = dayNumber(date);
  for (let left = Math.abs(n); left > 0; left--) d = step(dateOfDayNumber(d + dir), dir, cal);
  return dateOfDayNumber(d);
}

/**
 * Working days from `from` to `to`: those after `from` up to and including `to` (how many working days an item is
 * overdue on `to`); negative, counting [to, from), when `to` is earlier. The inverse of `addWorkingDays`:
 * workingDaysBetween(d, addWorkingDays(d, n)) === n.
 */
export function workingDaysBetween(from: string, to: string, cal: CalendarData): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  let count = 0;
  if (b >= a) {
    for (let n = a + 1; n <= b; n++) if (isWorkingDay(dateOfDayNumber(n), cal)) count++;
    return count;
  }
  for (let n = b; n < a; n++) if (isWorkingDay(dateOfDayNumber(n), cal)) count++;
  return -count;
}

// ── the setting an administrator edits ─────────────────────────────────────────────────────────────────────
const calendarDate = z
  .string({ error: '日期格式应为 yyyy-MM-dd' })
  .refine(isIsoDate, { error: '日期格式应为 yyyy-MM-dd' });

/** Later years' notices, entered by an administrator; checked so a typo cannot make a Tuesday a 调休 day. */
export const calendarDataSchema = z
  .object({
    holidays: z.record(calendarDate, z.string().trim().min(1, { error: '请填写节假日名称' }), {
      error: '节假日应按日期逐日填写',
    }),
    workdays: z.array(calendarDate, { error: '调休上班日应为日期列表' }),
  })
  .superRefine((cal, ctx) => {
    // zod runs this even when a date above failed; those dates already have their message
    for (const d of cal.workdays.filter(isIsoDate)) {
      if (isoWeekday(d) <= 5) {
        ctx.addIssue({ code: 'custom', path: ['workdays'], message: `调休上班日${d}不是周六或周日` });
      }
      if (Object.hasOwn(cal.holidays, d)) {
        ctx.addIssue({ code: 'custom', path: ['workdays'], message: `${d}不能既是节假日又是调休上班日` });
      }
    }
  });
