/**
 * Numbers from Excel cells, read exactly: amounts into `Wan` (hundredths of 万元), percentages into tenths of a
 * percent, areas and energy into scaled integers. Text is normalised first (full-width digits, commas and minus;
 * space or comma thousands separators); numbers Excel stored are read through their shortest decimal string,
 * never with float arithmetic. Blank marks ("—", "…", "/", "无", "") are a status, never zero.
 */
import { divRound, type Wan } from './money.ts';
import { type BlankCell, blankKind, collapseWhitespace, type RejectedCell, toHalfWidth } from './text-normalize.ts';

export const AMOUNT_UNITS = ['元', '万元', '亿元'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

/** Power of ten that turns one unit into 万元. */
const UNIT_EXPONENT: Record<AmountUnit, number> = { 元: -4, 万元: 0, 亿元: 4 };

/** The amount unit a header's bracket names ("亿元", "亿", "万元", "万", "元"), or null for anything else. */
export function amountUnitOf(unit: string | null | undefined): AmountUnit | null {
  if (unit === '亿元' || unit === '亿') return '亿元';
  if (unit === '万元' || unit === '万') return '万元';
  if (unit === '元') return '元';
  return null;
}

/** numeric(18,2): at most 16 digits before the decimal point. */
export const MAX_ABS_WAN: Wan = 10n ** 18n - 1n;

export type AmountResult = { ok: true; value: Wan; original: string } | BlankCell | RejectedCell;
export type PercentResult = { ok: true; value: bigint; original: string } | BlankCell | RejectedCell;
export type DecimalResult = { ok: true; value: bigint; original: string } | BlankCell | RejectedCell;

export type Cell = string | number | null | undefined;

/** An exact decimal: `(negative ? -1 : 1) × digits × 10^-scale`. */
type Decimal = { negative: boolean; digits: bigint; scale: number };

/** Minus signs people type or paste (hyphen, non-breaking hyphen, en dash, math minus, small minus). */
const MINUS_RE = /[\u2010\u2011\u2013\u2212\ufe63]/g;

/**
 * A decimal number with optional sign, thousands separators (comma or one space, groups of three), decimals and
 * (without separators) an exponent. Exponents come from JavaScript's shortest form of very large or small numbers.
 */
const NUMBER_RE = /^([+-])?(\d{1,3}(?:[, ]\d{3})+|\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

type NumberParse = { ok: true; dec: Decimal } | { ok: false; grouping: boolean };

function parseNumberText(t: string): NumberParse {
  const m = NUMBER_RE.exec(t);
  if (!m) return { ok: false, grouping: /^[+-]?\d+(?:[, ]\d+)+(?:\.\d*)?$/.test(t) };
  const [, sign, intRaw = '', frac = '', exp] = m;
  const grouped = /[, ]/.test(intRaw);
  if (intRaw === '' && frac === '') return { ok: false, grouping: false };
  if (grouped && exp !== undefined) return { ok: false, grouping: false };
  const digits = BigInt(`${intRaw.replace(/[, ]/g, '')}${frac}` || '0');
  let scale = frac.length - (exp === undefined ? 0 : Number.parseInt(exp, 10));
  let d = digits;
  if (scale < 0) {
    d *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { ok: true, dec: { negative: sign === '-', digits: d, scale } };
}

/** `dec × 10^shift`, rounded half away from zero to an integer (四舍五入). */
function scaleTo(dec: Decimal, shift: number): bigint {
  const e = shift - dec.scale;
  const abs = e >= 0 ? dec.digits * 10n ** BigInt(e) : divRound(dec.digits, 10n ** BigInt(-e));
  return dec.negative ? -abs : abs;
}

/** Text of a cell and its normalised form; JavaScript numbers through their shortest round-trip decimal string. */
function cellText(cell: Cell): { original: string; text: string; isNumber: boolean } | { original: string } {
  if (cell === null || cell === undefined) return { original: '' };
  if (typeof cell === 'number') {
    return { original: String(cell), text: String(cell), isNumber: true };
  }
  const text = collapseWhitespace(toHalfWidth(cell)).replace(MINUS_RE, '-');
  return { original: cell, text, isNumber: false };
}

function blankOf(cell: Cell, original: string): BlankCell | null {
  if (typeof cell === 'number') return null;
  const b = blankKind(cell);
  return b ? { ok: true, blank: b, original } : null;
}

export type AmountOptions = {
  /** false: a negative amount is rejected ("金额不能为负数"). Default true (adjustments may be negative). */
  allowNegative?: boolean;
};

const AMOUNT_SUFFIX_RE = /^(.*?) ?(亿元|亿|万元|万|元)$/;
const COMPOUND_RE = /^(.*?) ?亿 ?(\d[\d.]*) ?万元?$/;

/**
 * An amount cell → 万元 in hundredths. The cell's own unit ("1.2亿", "3500万元", "800元") wins over the column's
 * unit (from the header's bracket, default 万元); a number from Excel takes the column's unit. More than two
 * decimals after conversion are rounded half up to the fen of 万元 (away from zero for negatives, as `divRound`).
 * "1亿2000万" is read as 12000 万元.
 */
export function parseAmount(cell: Cell, columnUnit: AmountUnit = '万元', options: AmountOptions = {}): AmountResult {
  const c = cellText(cell);
  const original = c.original;
  const blank = blankOf(cell, original);
  if (blank) return blank;
  if (!('text' in c)) return { ok: true, blank: 'empty', original };
  const unrecognised: RejectedCell = { ok: false, reason: `无法识别的金额“${original}”`, original };

  let text = c.text;
  let value: bigint;
  let negative: boolean;
  if (c.isNumber) {
    if (!Number.isFinite(cell)) return unrecognised;
    const n = parseNumberText(text);
    if (!n.ok) return unrecognised;
    value = scaleTo(n.dec, 2 + UNIT_EXPONENT[columnUnit]);
    negative = n.dec.negative && n.dec.digits !== 0n;
  } else {
    if (text.endsWith('%')) return { ok: false, reason: `“${original}”是百分数，不是金额`, original };
    text = text.replace(/^[¥￥] ?/, '');
    const compound = COMPOUND_RE.exec(text);
    if (compound) {
      const yi = parseNumberText(compound[1]!);
      const wan = parseNumberText(compound[2]!);
      if (!yi.ok || !wan.ok || wan.dec.negative) return unrecognised;
      const wanPart = scaleTo(wan.dec, 2);
      if (wanPart >= 1_000_000n) return unrecognised; // "1亿12000万" is not a way of writing an amount
      const yiPart = scaleTo({ ...yi.dec, negative: false }, 2 + UNIT_EXPONENT.亿元);
      value = yi.dec.negative ? -(yiPart + wanPart) : yiPart + wanPart;
      negative = yi.dec.negative && value !== 0n;
    } else {
      const suffix = AMOUNT_SUFFIX_RE.exec(text);
      const unit = suffix ? amountUnitOf(suffix[2]!)! : columnUnit;
      const body = suffix ? suffix[1]! : text;
      const n = parseNumberText(body);
      if (!n.ok) {
        if (n.grouping) return { ok: false, reason: `金额“${original}”的千位分隔符位置不对`, original };
        return unrecognised;
      }
      value = scaleTo(n.dec, 2 + UNIT_EXPONENT[unit]);
      negative = n.dec.negative && n.dec.digits !== 0n;
    }
  }
  if (negative && options.allowNegative === false) {
    return { ok: false, reason: `金额不能为负数（“${original}”）`, original };
  }
  if (value > MAX_ABS_WAN || value < -MAX_ABS_WAN) {
    return { ok: false, reason: `金额“${original}”超出范围`, original };
  }
  return { ok: true, value, original };
}

export type PercentOptions = {
  /**
   * true when the cell is formatted as a percentage in Excel: the stored number is then a fraction (7.5 % is
   * stored as 0.075). Text is read as written either way ("7.5%" and "7.5" are 7.5 %).
   */
  numberIsFraction?: boolean;
  allowNegative?: boolean;
};

/** A percentage cell ("7.5%", "７.５％", "-3.2", 7.5) → tenths of a percent (75n), rounded half up. */
export function parsePercent(cell: Cell, options: PercentOptions = {}): PercentResult {
  const c = cellText(cell);
  const original = c.original;
  const blank = blankOf(cell, original);
  if (blank) return blank;
  if (!('text' in c)) return { ok: true, blank: 'empty', original };
  const unrecognised: RejectedCell = { ok: false, reason: `无法识别的百分数“${original}”`, original };
  if (c.isNumber && !Number.isFinite(cell)) return unrecognised;
  const body = c.text.replace(/ ?%$/, '');
  const n = parseNumberText(body);
  if (!n.ok) return unrecognised;
  const shift = c.isNumber && options.numberIsFraction ? 3 : 1;
  const value = scaleTo(n.dec, shift);
  if (n.dec.negative && n.dec.digits !== 0n && options.allowNegative === false) {
    return { ok: false, reason: `百分数不能为负数（“${original}”）`, original };
  }
  return { ok: true, value, original };
}

export type DecimalOptions = {
  /** Unit words the cell may end with, e.g. ['亩'] or ['吨标煤', '吨标准煤']; anything else is rejected. */
  suffixes?: readonly string[];
  allowNegative?: boolean;
  /** What the value is, for messages: "用地面积" → "无法识别的用地面积“…”". Default "数值". */
  label?: string;
};

/**
 * A plain quantity (land area in 亩 with scale 2, energy in 吨标煤) → an integer count of 10^-scale units, rounded
 * half up: parseDecimal("120.456亩", 2, { suffixes: ['亩'] }) → 12046n.
 */
export function parseDecimal(cell: Cell, scale: number, options: DecimalOptions = {}): DecimalResult {
  if (!Number.isInteger(scale) || scale < 0 || scale > 12) throw new RangeError('scale must be an integer 0–12');
  const label = options.label ?? '数值';
  const c = cellText(cell);
  const original = c.original;
  const blank = blankOf(cell, original);
  if (blank) return blank;
  if (!('text' in c)) return { ok: true, blank: 'empty', original };
  const unrecognised: RejectedCell = { ok: false, reason: `无法识别的${label}“${original}”`, original };
  if (c.isNumber && !Number.isFinite(cell)) return unrecognised;
  let body = c.text;
  for (const s of [...(options.suffixes ?? [])].sort((a, b) => b.length - a.length)) {
    const unitText = collapseWhitespace(toHalfWidth(s));
    if (body.endsWith(unitText)) {
      body = body.slice(0, -unitText.length).trimEnd();
      break;
    }
  }
  const n = parseNumberText(body);
  if (!n.ok) {
    if (n.grouping) return { ok: false, reason: `${label}“${original}”的千位分隔符位置不对`, original };
    return unrecognised;
  }
  if (n.dec.negative && n.dec.digits !== 0n && options.allowNegative === false) {
    return { ok: false, reason: `${label}不能为负数（“${original}”）`, original };
  }
  const value = scaleTo(n.dec, scale);
  return { ok: true, value, original };
}

/** A scaled integer back to decimal text with exactly `scale` decimals: formatDecimal(12046n, 2) → "120.46". */
export function formatDecimal(value: bigint, scale: number): string {
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const s = abs.toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale);
  return `${neg ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`;
}
