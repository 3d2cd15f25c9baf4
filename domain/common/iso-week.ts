import { businessDate } from './business-date.ts';
import { addDays, dateLabel, dateOfDayNumber, dayNumber, isoWeekday } from './calendar.ts';
import { civilFromDays, daysFromCivil } from './date-parse.ts';

/**
 * ISO 8601 weeks (周): Monday to Sunday, week 1 being the week with the year's first Thursday, so a week belongs
 * wholly to one ISO year and 29 December 2025 is in 2026-W01. The weekly dispatch keys everything by the week key
 * '2026-W48' (text that sorts in time order); dates are business dates 'YYYY-MM-DD' in Asia/Shanghai.
 */
export type IsoWeek = { isoYear: number; week: number };
/** '2026-W48' */
export type WeekKey = string;

const KEY_RE = /^(\d{4})-W(\d{2})$/;

export function isoWeekOf(date: string): IsoWeek {
  const thursday = dayNumber(date) - isoWeekday(date) + 4;
  const isoYear = civilFromDays(thursday).y;
  return { isoYear, week: Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1 };
}

/** 53 when the year starts on a Thursday (or on a Wednesday in a leap year), else 52; 28 December is always in the last week. */
export const weeksInIsoYear = (isoYear: number): number => isoWeekOf(`${String(isoYear).padStart(4, '0')}-12-28`).week;

export function weekKey(isoYear: number, week: number): WeekKey {
  const key = `${String(isoYear).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
  if (!Number.isInteger(isoYear) || !Number.isInteger(week) || !parseWeekKey(key)) {
    throw new RangeError(`no ISO week ${week} in ${isoYear}`);
  }
  return key;
}

/** The week of a key, or null for anything else (2026-W1, 2026-W00, 2025-W53 — 2025 has 52 weeks). */
export function parseWeekKey(key: string): IsoWeek | null {
  const m = KEY_RE.exec(key);
  if (!m) return null;
  const isoYear = Number(m[1]);
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInIsoYear(isoYear) ? { isoYear, week } : null;
}

function mustParse(key: WeekKey): IsoWeek {
  const w = parseWeekKey(key);
  if (!w) throw new RangeError(`not an ISO week key 'YYYY-Www': ${JSON.stringify(key)}`);
  return w;
}

export const weekKeyOf = (date: string): WeekKey => {
  const { isoYear, week } = isoWeekOf(date);
  return weekKey(isoYear, week);
};

/** The week's Monday. A malformed key throws: keys come from our own data, not from a person. */
export function weekStart(key: WeekKey): string {
  const { isoYear, week } = mustParse(key);
  const jan4 = `${String(isoYear).padStart(4, '0')}-01-04`;
  return dateOfDayNumber(dayNumber(jan4) - isoWeekday(jan4) + 1 + (week - 1) * 7);
}

/** The week's Sunday. */
export const weekEnd = (key: WeekKey): string => addDays(weekStart(key), 6);

export const addWeeks = (key: WeekKey, n: number): WeekKey => weekKeyOf(addDays(weekStart(key), 7 * n));

/** How many weeks `b` is after `a` (negative when before). */
export const weeksBetween = (a: WeekKey, b: WeekKey): number => (dayNumber(weekStart(b)) - dayNumber(weekStart(a))) / 7;

/**
 * '11月23日—11月29日' / '23 Nov – 29 Nov'; both dates carry their year when the week spans New Year
 * ('2025年12月29日—2026年1月4日'), since the ISO year alone would mislead there.
 */
export function weekRangeLabel(key: WeekKey, lang: 'zh' | 'en'): string {
  const from = weekStart(key);
  const to = weekEnd(key);
  const years = from.slice(0, 4) !== to.slice(0, 4);
  const sep = lang === 'zh' ? '—' : ' – ';
  return `${dateLabel(from, lang, years)}${sep}${dateLabel(to, lang, years)}`;
}

/** '2026年第48周(11月23日—11月29日)' / 'Week 48, 2026 (23 Nov – 29 Nov)' */
export function weekLabel(key: WeekKey, lang: 'zh' | 'en'): string {
  const { isoYear, week } = mustParse(key);
  const range = weekRangeLabel(key, lang);
  return lang === 'zh' ? `${isoYear}年第${week}周(${range})` : `Week ${week}, ${isoYear} (${range})`;
}

/** The week an instant falls in, by its Asia/Shanghai business date (Sunday 23:30 Beijing time is still that week). */
export const weekOfInstant = (instant: Date): WeekKey => weekKeyOf(businessDate(instant));
