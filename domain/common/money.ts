/**
 * Money in 万元 (10,000 CNY) with two decimals, computed without floating point: a `Wan` is a bigint count of
 * hundredths of 万元 (1 = 0.01 万元 = 100 元). The database stores `numeric(18,2)`, which both drivers return as
 * a string; `parseWan` and `formatWan` convert exactly.
 */
export type Wan = bigint;

const WAN_RE = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** "12345.6" → 1234560n. Only plain decimal text with at most two decimals; null otherwise. */
export function parseWan(text: string): Wan | null {
  const m = WAN_RE.exec(text.trim());
  if (!m) return null;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -cents : cents;
}

/** 1234560n → "12345.60" (the database and API form). */
export function formatWan(v: Wan): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** 1234560n → "12,345.60" for display. */
export function displayWan(v: Wan): string {
  const [int, dec] = formatWan(v).split('.') as [string, string];
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

export const sumWan = (xs: Iterable<Wan>): Wan => {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
};

/** Integer division rounding half away from zero. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (2n * ad);
  return neg ? -q : q;
}

/**
 * `part / whole` as a percentage with one decimal, in tenths of a percent (1234 = 123.4 %), rounded half up;
 * null when `whole` is zero.
 */
export function percentTenths(part: Wan, whole: Wan): bigint | null {
  if (whole === 0n) return null;
  return divRound(part * 1000n, whole);
}

export const formatPercentTenths = (t: bigint): string => {
  const neg = t < 0n;
  const a = neg ? -t : t;
  return `${neg ? '-' : ''}${a / 10n}.${a % 10n}`;
};

/**
 * Spreads `total` evenly over `n` periods as cumulative values: the last equals `total` exactly, the remainder
 * hundredths go to the earliest periods (never a float, never a lost fen).
 */
export function cumulativeEvenSpread(total: Wan, n: number): Wan[] {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError('n must be a positive integer');
  const N = BigInt(n);
  const base = total / N;
  const rest = total - base * N; // same sign as total, |rest| < n
  const step = rest < 0n ? -1n : 1n;
  const extra = rest < 0n ? -rest : rest;
  const out: Wan[] = [];
  let cum = 0n;
  for (let i = 0n; i < N; i++) {
    cum += base + (i < extra ? step : 0n);
    out.push(cum);
  }
  return out;
}

/** A ratio of two amounts as a Wan-scaled value rounded half up, e.g. 万元 per 亩: ratio(total, landArea). */
export function ratioWan(numerator: Wan, denominatorHundredths: bigint): Wan | null {
  if (denominatorHundredths === 0n) return null;
  return divRound(numerator * 100n, denominatorHundredths);
}
