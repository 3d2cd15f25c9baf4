/**
 * Exact decimals for indicator figures. Statistics bureaus publish amounts, rates and growth with 0–4 decimals
 * ("1234.56" 亿元, "6.1" %, "0.0235" 亿美元), so `money.ts` (万元 in hundredths) does not fit: a `Fixed` is a bigint
 * count of 1/10,000ths of whatever unit the indicator has. Every comparison and subtraction happens on these
 * integers; rounding happens once, when a figure is printed.
 */
import { formatDecimal } from '../common/amount-parse.ts';
import { divRound } from '../common/money.ts';

export type Fixed = bigint;

/** Decimals a `Fixed` carries; also the most an indicator may publish. */
export const SCALE = 4;
const UNIT = 10n ** BigInt(SCALE);

/** Plain decimal text as published: optional minus, no leading zeros, at most four decimals. */
export const DECIMAL_RE = /^-?(?:0|[1-9]\d*)(?:\.\d{1,4})?$/;

/** "6.1" → 61000n; null for anything that is not plain decimal text with at most four decimals. */
export function parseFixed(text: string): Fixed | null {
  const t = text.trim();
  if (!DECIMAL_RE.test(t)) return null;
  const neg = t.startsWith('-');
  const [int, frac = ''] = (neg ? t.slice(1) : t).split('.') as [string, string?];
  const abs = BigInt(int) * UNIT + BigInt(frac.padEnd(SCALE, '0'));
  return neg ? -abs : abs;
}

/** `parseFixed` for text known to be valid (constants, tests); throws otherwise. */
export function fixed(text: string): Fixed {
  const v = parseFixed(text);
  if (v === null) throw new RangeError(`not a decimal: ${text}`);
  return v;
}

/** null-tolerant parse for optional published figures. */
export const parseOptional = (text: string | null | undefined): Fixed | null =>
  text === null || text === undefined ? null : parseFixed(text);

/** An integer count of units (12 months, 50 percent) as a `Fixed`. */
export const fromInt = (n: number | bigint): Fixed => BigInt(n) * UNIT;

/** Rounds half away from zero (四舍五入) to `precision` decimals, keeping the scale: round(61500n, 0) = 70000n. */
export function roundTo(v: Fixed, precision: number): Fixed {
  checkPrecision(precision);
  const step = 10n ** BigInt(SCALE - precision);
  return divRound(v, step) * step;
}

/** 61000n, 1 → "6.1"; rounds half away from zero; never prints "-0.0". */
export function formatFixed(v: Fixed, precision: number): string {
  checkPrecision(precision);
  return formatDecimal(divRound(v, 10n ** BigInt(SCALE - precision)), precision);
}

export const absFixed = (v: Fixed): Fixed => (v < 0n ? -v : v);

/** Mean rounded half away from zero at the full scale; null for no values. */
export function meanFixed(values: readonly Fixed[]): Fixed | null {
  if (values.length === 0) return null;
  let sum = 0n;
  for (const v of values) sum += v;
  return divRound(sum, BigInt(values.length));
}

/** `part / whole × 100` as a `Fixed` percentage; null when `whole` is zero. */
export function percentOf(part: Fixed, whole: Fixed): Fixed | null {
  if (whole === 0n) return null;
  return divRound(part * 100n * UNIT, whole);
}

/** `v × n / d` rounded half away from zero (schedule shares, monthly needs). */
export function scaleBy(v: Fixed, n: bigint, d: bigint): Fixed {
  return divRound(v * n, d);
}

/**
 * The magnitude of a difference as the speech says it: percentage points for growth and for figures in %
 * ("0.3个百分点"), the unit otherwise ("5天", "12.5亿元").
 */
export function gapText(diff: Fixed, precision: number, unit: string): string {
  const n = formatFixed(absFixed(diff), precision);
  return unit === '%' ? `${n}个百分点` : `${n}${unit}`;
}

function checkPrecision(p: number) {
  if (!Number.isInteger(p) || p < 0 || p > SCALE) throw new RangeError(`precision must be an integer 0–${SCALE}`);
}
