/**
 * Dates from Excel cells: Excel serial numbers (1900 date system), the UTC dates exceljs hands over, and the text
 * forms officials type (2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 2025年3月, 2025.3, 2025年, 20250301,
 * full-width digits). The calendar is computed here (proleptic Gregorian, days since 1970-01-01); no string is
 * ever given to `new Date()`, so no time zone can shift a day.
 */
import {
  type BlankCell,
  blankKind,
  collapseWhitespace,
  type RejectedCell,
  removeWhitespace,
  toHalfWidth,
} from './text-normalize.ts';

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** A date with month precision is stored as the first of the month; with year precision as 1 January. */
export type DateResult =
  | { ok: true; date: string; precision: DatePrecision; original: string }
  | BlankCell
  | RejectedCell;

/** Years a project date may fall in; anything outside is a typing or conversion error. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export type CivilDate = { y: number; m: number; d: number };

/** The Gregorian date of a count of days since 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export const isoDate = ({ y, m, d }: CivilDate): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never existed
 * (serial 60, kept for Lotus 1-2-3 compatibility), so from serial 61 (1900-03-01) on, serial = days since
 * 1899-12-30. Returns null for serial 60 and for anything below 1 or above 2958465 (9999-12-31).
 */
export function excelSerialToCivil(serial: number): CivilDate | null {
  const s = Math.floor(serial);
  if (!Number.isFinite(serial) || s < 1 || s > 2958465 || s === 60) return null;
  return civilFromDays(s >= 61 ? s - 25569 : s - 25568);
}

/** The Excel serial of a date (the inverse of `excelSerialToCivil`), for exports and tests. */
export function excelSerialOf(date: CivilDate): number {
  const days = daysFromCivil(date.y, date.m, date.d);
  const serial = days + 25569;
  return serial >= 61 ? serial : serial - 1;
}

/** A checked date or the Chinese reason it cannot be one. */
function checkedDate(y: number, m: number, d: number, precision: DatePrecision, original: string): DateResult {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    return { ok: false, reason: `日期“${original}”的年份超出范围（${MIN_YEAR}—${MAX_YEAR}年）`, original };
  }
  if (m < 1 || m > 12) return { ok: false, reason: `日期“${original}”的月份不存在`, original };
  if (d < 1 || d > daysInMonth(y, m)) {
    return {
      ok: false,
      reason: `日期“${original}”不存在（${y}年${m}月只有${daysInMonth(y, m)}天）`,
      original,
    };
  }
  return { ok: true, date: isoDate({ y, m, d }), precision, original };
}

/** Text forms, tried in order after full-width → half-width and whitespace removal. */
const TEXT_FORMS: readonly { re: RegExp; precision: DatePrecision }[] = [
  { re: /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, precision: 'day' }, // 2025-03-01, 2025/3/1, 2025.3.1
  { re: /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/, precision: 'day' }, // 2025年3月1日
  { re: /^(\d{4})(\d{2})(\d{2})$/, precision: 'day' }, // 20250301
  { re: /^(\d{4})年(\d{1,2})月份?$/, precision: 'month' }, // 2025年3月, 2025年3月份
  { re: /^(\d{4})[-/.](\d{1,2})$/, precision: 'month' }, // 2025.3, 2025-3, 2025.03, 2025/03
  { re: /^(\d{4})(\d{2})$/, precision: 'month' }, // 202503
  { re: /^(\d{4})(?:年|年度)?$/, precision: 'year' }, // 2025年, 2025年度, 2025
];

/** A time after a full date ("2025-03-01 08:30:00", "2025-03-01T08:30") is dropped: the day is what counts. */
const TIME_SUFFIX_RE = /(?:(?<=\d)(?:\s+|T)|(?<=[日号])\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;

function parseDateText(cell: string): DateResult {
  const original = cell;
  const t = removeWhitespace(collapseWhitespace(toHalfWidth(cell)).replace(TIME_SUFFIX_RE, ''));
  for (const { re, precision } of TEXT_FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const nums = m
      .slice(1)
      .filter((g) => /^\d+$/.test(g))
      .map(Number);
    const [y = 0, mo = 1, d = 1] = nums;
    return checkedDate(y, mo, d, precision, original);
  }
  return { ok: false, reason: `无法识别的日期“${original}”`, original };
}

/**
 * A number in a date column. Most are Excel serials (45658 = 2025-01-01), but a cell in General format keeps what
 * was typed as a plain number, so these are read as typed: an integer 1900–2100 is a year (2025), a decimal with
 * such an integer part is year.month (2025.3 = March 2025; 2025.1 is refused because it may have been 2025.10),
 * an eight-digit integer is yyyymmdd and a six-digit integer with a month 01–12 is yyyymm.
 */
function parseDateNumber(n: number): DateResult {
  const original = String(n);
  if (!Number.isFinite(n)) return { ok: false, reason: `无法识别的日期“${original}”`, original };
  const int = Math.floor(n);
  if (int >= MIN_YEAR && int <= MAX_YEAR) {
    if (Number.isInteger(n)) return checkedDate(n, 1, 1, 'year', original);
    const frac = /^\d+\.(\d{1,2})$/.exec(original);
    if (!frac) return { ok: false, reason: `无法识别的日期“${original}”`, original };
    if (frac[1] === '1') {
      return {
        ok: false,
        reason: `“${original}”无法区分${int}年1月与${int}年10月，请填写为文本（如${int}-10）`,
        original,
      };
    }
    return checkedDate(int, Number(frac[1]), 1, 'month', original);
  }
  if (Number.isInteger(n) && n >= 19000101 && n <= 21001231) {
    return checkedDate(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, 'day', original);
  }
  if (Number.isInteger(n) && n >= 190001 && n <= 210012 && n % 100 >= 1 && n % 100 <= 12) {
    return checkedDate(Math.floor(n / 100), n % 100, 1, 'month', original);
  }
  if (int === 60) {
    return { ok: false, reason: 'Excel日期序号60对应不存在的1900年2月29日', original };
  }
  const civil = excelSerialToCivil(n);
  if (!civil) return { ok: false, reason: `“${original}”不是有效的Excel日期`, original };
  return checkedDate(civil.y, civil.m, civil.d, 'day', original);
}

/**
 * A date cell → 'YYYY-MM-DD' with its precision, a blank status, or a Chinese reason quoting the text.
 * Month precision gives the first of the month, year precision 1 January. A `Date` (what exceljs returns for a
 * date-formatted cell) is read by its UTC calendar date.
 */
export function parseDateCell(cell: string | number | Date | null | undefined): DateResult {
  if (cell === null || cell === undefined) return { ok: true, blank: 'empty', original: '' };
  if (cell instanceof Date) {
    const ms = cell.getTime();
    if (Number.isNaN(ms)) return { ok: false, reason: '无效的日期', original: 'Invalid Date' };
    const civil = { y: cell.getUTCFullYear(), m: cell.getUTCMonth() + 1, d: cell.getUTCDate() };
    const original = isoDate(civil);
    return checkedDate(civil.y, civil.m, civil.d, 'day', original);
  }
  if (typeof cell === 'number') return parseDateNumber(cell);
  const blank = blankKind(cell);
  if (blank) return { ok: true, blank, original: cell };
  return parseDateText(cell);
}
