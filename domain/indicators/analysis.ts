/**
 * 月分析 — pure rules over one indicator's figures: rank within a peer group, gaps, counts, time schedule
 * (序时进度), 双过半, amount pacing, days to year end and the traffic light. Figures are `Fixed` (see decimal.ts);
 * a region without a figure is `null`, never zero.
 */
import { businessDate } from '../common/business-date.ts';
import { type Fixed, fixed, fromInt, meanFixed, percentOf, scaleBy } from './decimal.ts';
import type { Direction } from './indicator.ts';

export type PeerValue = { regionCode: string; value: Fixed | null };

/** true when `a` is strictly better than `b` in this direction. */
export const isBetter = (a: Fixed, b: Fixed, direction: Direction): boolean =>
  direction === 'higher_better' ? a > b : a < b;

/** `diff` turned so that positive means better (ahead), whatever the direction. */
const ahead = (diff: Fixed, direction: Direction): Fixed => (direction === 'higher_better' ? diff : -diff);

// ── rank ─────────────────────────────────────────────────────────────────────────────────────────────────────
export type RankedPeer = {
  regionCode: string;
  value: Fixed | null;
  /** 1 + the number of peers strictly better (competition ranking: 1, 2, 2, 4); null without a value. */
  rank: number | null;
  /** Other peers sharing this rank. */
  tiedWith: string[];
};

/** Ranks a peer group; best first, ties in input order, regions without a value last and unranked. */
export function rankPeers(peers: readonly PeerValue[], direction: Direction): RankedPeer[] {
  const withValue = peers.filter((p): p is { regionCode: string; value: Fixed } => p.value !== null);
  // Array.prototype.sort is stable, so tied peers keep the order they were given in.
  const sorted = [...withValue].sort((a, b) =>
    isBetter(a.value, b.value, direction) ? -1 : isBetter(b.value, a.value, direction) ? 1 : 0,
  );
  const ranked: RankedPeer[] = [];
  sorted.forEach((p, i) => {
    const prev = ranked[i - 1];
    const rank = prev && prev.value === p.value ? prev.rank : i + 1;
    ranked.push({ regionCode: p.regionCode, value: p.value, rank, tiedWith: [] });
  });
  for (const r of ranked) {
    r.tiedWith = ranked.filter((o) => o.rank === r.rank && o.regionCode !== r.regionCode).map((o) => o.regionCode);
  }
  const unranked = peers.filter((p) => p.value === null).map((p) => ({ ...p, rank: null, tiedWith: [] }));
  return [...ranked, ...unranked];
}

export type RankChange = { kind: 'up' | 'down' | 'same'; places: number } | { kind: 'unknown' };

/** 位次前移/后移/持平: a smaller rank number than last period is a move up. */
export function rankChange(current: number | null, previous: number | null): RankChange {
  if (current === null || previous === null) return { kind: 'unknown' };
  if (current === previous) return { kind: 'same', places: 0 };
  return current < previous ? { kind: 'up', places: previous - current } : { kind: 'down', places: current - previous };
}

// ── gaps and counts ─────────────────────────────────────────────────────────────────────────────────────────
/** Peers at one value and the region's difference to them (`self − their value`, in the figure's own unit). */
export type PeerGap = { regionCodes: string[]; value: Fixed; diff: Fixed };

export type Gaps = {
  value: Fixed;
  rank: number;
  /** self − the provincial (or, in a district view, the city's) published figure. */
  toProvince: Fixed | null;
  /** self − the mean of the peers with a value (the region included). */
  toAverage: Fixed | null;
  /** The best value's holders; null when the region holds it itself. */
  leader: PeerGap | null;
  /** The nearest strictly better value (the region just above); null at the top. */
  above: PeerGap | null;
  /** The nearest strictly worse value (the region just below); null at the bottom. */
  below: PeerGap | null;
};

/** The gaps of one region to the reference figures of its peer group; null when the region has no value. */
export function gapsFor(
  peers: readonly PeerValue[],
  regionCode: string,
  direction: Direction,
  provincial: Fixed | null = null,
): Gaps | null {
  const ranked = rankPeers(peers, direction).filter((r) => r.rank !== null);
  const self = ranked.find((r) => r.regionCode === regionCode);
  if (!self || self.value === null || self.rank === null) return null;
  const value = self.value;
  const at = (v: Fixed): PeerGap => ({
    regionCodes: ranked.filter((r) => r.value === v).map((r) => r.regionCode),
    value: v,
    diff: value - v,
  });
  const better = ranked.filter((r) => r.value !== null && isBetter(r.value, value, direction));
  const worse = ranked.filter((r) => r.value !== null && isBetter(value, r.value, direction));
  const first = ranked[0]!.value!;
  const average = meanFixed(ranked.map((r) => r.value!));
  return {
    value,
    rank: self.rank,
    toProvince: provincial === null ? null : value - provincial,
    toAverage: average === null ? null : value - average,
    leader: first === value ? null : at(first),
    above: better.length ? at(better[better.length - 1]!.value!) : null,
    below: worse.length ? at(worse[0]!.value!) : null,
  };
}

export const peerAverage = (peers: readonly PeerValue[]): Fixed | null =>
  meanFixed(peers.flatMap((p) => (p.value === null ? [] : [p.value])));

/** How many peers are strictly beyond a threshold in the good direction ("全省有8个市区增长率超过7%"). */
export function countBeyond(
  peers: readonly PeerValue[],
  threshold: Fixed,
  direction: Direction,
): { count: number; regionCodes: string[] } {
  const regionCodes = peers
    .filter((p) => p.value !== null && isBetter(p.value, threshold, direction))
    .map((p) => p.regionCode);
  return { count: regionCodes.length, regionCodes };
}

// ── time schedule ───────────────────────────────────────────────────────────────────────────────────────────
/** A configured cumulative share of the annual target due by the end of `month`, in percent ("25" = 25 %). */
export type SchedulePoint = { month: number; percent: Fixed };

/**
 * 序时进度 at the end of `month`, in percent: month/12 by default; with a schedule, its figure for the month, or
 * a straight line between the configured months around it (a quarterly schedule read monthly), starting from
 * 0 % before January and ending at 100 % in December unless the schedule says otherwise.
 */
export function timeProgress(month: number, schedule: readonly SchedulePoint[] = []): Fixed {
  checkMonth(month);
  if (schedule.length === 0) return scaleBy(fromInt(100), BigInt(month), 12n);
  const points = new Map<number, Fixed>([
    [0, 0n],
    [12, fromInt(100)],
  ]);
  for (const p of schedule) points.set(p.month, p.percent);
  const exact = points.get(month);
  if (exact !== undefined) return exact;
  const months = [...points.keys()].sort((a, b) => a - b);
  const lo = months.filter((m) => m < month).at(-1)!;
  const hi = months.find((m) => m > month)!;
  const from = points.get(lo)!;
  const to = points.get(hi)!;
  return from + scaleBy(to - from, BigInt(month - lo), BigInt(hi - lo));
}

/** Completion of an annual amount target in percent; null without a usable target. */
export const completionPercent = (value: Fixed, targetAmount: Fixed): Fixed | null => percentOf(value, targetAmount);

export type HalfAndHalfInput = {
  /** Year-on-year growth published for 1-6月. */
  growth: Fixed | null;
  /** Cumulative value published for 1-6月. */
  value: Fixed | null;
  targetGrowth?: Fixed | null;
  targetAmount?: Fixed | null;
  direction?: Direction;
};

export type HalfAndHalf = {
  /** Growth at June reaches the annual growth target; null when there is no growth target or no growth figure. */
  growthOnTarget: boolean | null;
  /** At least half of the annual amount is done by June; null when there is no amount target or no value. */
  amountHalf: boolean | null;
  /** Every part the target sets is met; null when a part cannot be judged or the target sets none. */
  achieved: boolean | null;
};

/**
 * 双过半 on the figures of 1-6月: time is half gone, so half the annual amount must be done and growth must
 * already run at the annual target rate. A part the target does not set is not required.
 */
export function halfAndHalf(input: HalfAndHalfInput): HalfAndHalf {
  const direction = input.direction ?? 'higher_better';
  const { growth, value, targetGrowth = null, targetAmount = null } = input;
  const growthOnTarget =
    targetGrowth !== null && growth !== null ? ahead(growth - targetGrowth, direction) >= 0n : null;
  // value ≥ half the target, compared as 2 × value ≥ target so no division rounds
  const amountHalf = targetAmount !== null && value !== null ? ahead(value * 2n - targetAmount, direction) >= 0n : null;
  const parts = [targetGrowth === null ? true : growthOnTarget, targetAmount === null ? true : amountHalf];
  const achieved =
    targetGrowth === null && targetAmount === null ? null : parts.includes(null) ? null : parts.every(Boolean);
  return { growthOnTarget, amountHalf, achieved };
}

export type AmountPace = {
  /** What is still to do this year; zero once the target is reached. */
  remaining: Fixed;
  monthsLeft: number;
  /** Average amount needed per remaining month; null in December (no month left). */
  neededPerMonth: Fixed | null;
  /** Average monthly amount over the last three months (fewer in January and February); null without data. */
  trailingAverage: Fixed | null;
  /** The recent pace is enough to reach the target; null when it cannot be judged. */
  onTrack: boolean | null;
};

/**
 * Pacing of an annual amount target: the remaining amount, the monthly amount that reaches the target, and the
 * trailing three-month average it must be compared with. `cumulative` holds the year's published cumulative
 * values by month; a quarterly indicator has months 3, 6, 9, 12, which is all the three-month window needs.
 * null without a value for `month`.
 */
export function amountPace(
  targetAmount: Fixed,
  month: number,
  cumulative: Readonly<Partial<Record<number, Fixed>>>,
): AmountPace | null {
  checkMonth(month);
  const done = cumulative[month];
  if (done === undefined) return null;
  const monthsLeft = 12 - month;
  const remaining = targetAmount > done ? targetAmount - done : 0n;
  const neededPerMonth = monthsLeft > 0 ? scaleBy(remaining, 1n, BigInt(monthsLeft)) : null;
  const window = Math.min(3, month);
  const start = month - window === 0 ? 0n : cumulative[month - window];
  const trailingAverage = start === undefined ? null : scaleBy(done - start, 1n, BigInt(window));
  let onTrack: boolean | null = null;
  if (remaining === 0n) onTrack = true;
  else if (neededPerMonth === null) onTrack = false;
  else if (trailingAverage !== null) onTrack = trailingAverage >= neededPerMonth;
  return { remaining, monthsLeft, neededPerMonth, trailingAverage, onTrack };
}

/**
 * Days left to the year's end ("距离年底收官只有X天"): from the day after `date` to 31 December inclusive, so
 * 31 December itself leaves 0. An instant is read on the business calendar (Asia/Shanghai).
 */
export function daysToYearEnd(date: string | Date): number {
  const iso = typeof date === 'string' ? date : businessDate(date);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`date must be yyyy-MM-dd: ${iso}`);
  const year = Number(m[1]);
  const day = Date.UTC(year, Number(m[2]) - 1, Number(m[3]));
  if (new Date(day).toISOString().slice(0, 10) !== iso) throw new RangeError(`no such date: ${iso}`);
  return Math.round((Date.UTC(year, 11, 31) - day) / 86_400_000);
}

// ── traffic light ───────────────────────────────────────────────────────────────────────────────────────────
export type Light = 'green' | 'yellow' | 'red';

/** How far behind pace is still yellow: points of growth, and points of completion against 序时进度. */
export type LightThresholds = { growthPoints: Fixed; progressPoints: Fixed };
export const DEFAULT_LIGHT_THRESHOLDS: LightThresholds = { growthPoints: fixed('1'), progressPoints: fixed('5') };

/** green when on or ahead of pace (`ahead` ≥ 0), yellow when behind by less than `yellowWithin`, red otherwise. */
export function lightFor(aheadBy: Fixed, yellowWithin: Fixed): Light {
  if (aheadBy >= 0n) return 'green';
  return -aheadBy < yellowWithin ? 'yellow' : 'red';
}

export type LightCheck = { basis: 'growth' | 'progress'; ahead: Fixed; light: Light };

export type IndicatorLightInput = {
  direction: Direction;
  month: number;
  value: Fixed | null;
  growth: Fixed | null;
  targetGrowth?: Fixed | null;
  targetAmount?: Fixed | null;
  schedule?: readonly SchedulePoint[];
};

const SEVERITY: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

/**
 * The light of one (region, indicator): growth against the growth target, and completion of the amount target
 * against 序时进度; with both targets the worse light wins. null when nothing can be judged.
 */
export function indicatorLight(
  input: IndicatorLightInput,
  thresholds: LightThresholds = DEFAULT_LIGHT_THRESHOLDS,
): { light: Light | null; checks: LightCheck[] } {
  const checks: LightCheck[] = [];
  if (input.targetGrowth != null && input.growth !== null) {
    const a = ahead(input.growth - input.targetGrowth, input.direction);
    checks.push({ basis: 'growth', ahead: a, light: lightFor(a, thresholds.growthPoints) });
  }
  const done =
    input.targetAmount != null && input.value !== null ? completionPercent(input.value, input.targetAmount) : null;
  if (done !== null) {
    const a = ahead(done - timeProgress(input.month, input.schedule), input.direction);
    checks.push({ basis: 'progress', ahead: a, light: lightFor(a, thresholds.progressPoints) });
  }
  const light = checks.reduce<Light | null>(
    (worst, c) => (worst === null || SEVERITY[c.light] > SEVERITY[worst] ? c.light : worst),
    null,
  );
  return { light, checks };
}

function checkMonth(month: number) {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError('month must be an integer 1–12');
}
