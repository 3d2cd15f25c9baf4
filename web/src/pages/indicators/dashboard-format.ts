import { absFixed, formatFixed, parseFixed } from '../../../../domain/indicators/decimal.ts';
import type { DashboardRowData } from '../../api/indicators-analysis.ts';
import { groupThousands } from '../../lib/format.ts';

/** Growth rates and their gaps are published with one decimal. */
export const GROWTH_PRECISION = 1;

/** A published figure as printed: the indicator's decimals, thousands separators; — when absent. */
export function figure(text: string | null | undefined, precision: number): string {
  if (text === null || text === undefined || text === '') return '—';
  const v = parseFixed(text);
  return v === null ? text : groupThousands(formatFixed(v, precision));
}

/** A growth rate: "6.1%", a decline with its minus sign ("-3.2%"); — when absent. */
export function growth(text: string | null | undefined): string {
  const f = figure(text, GROWTH_PRECISION);
  return f === '—' ? f : `${f}%`;
}

type IndicatorRef = Pick<DashboardRowData['indicator'], 'unit' | 'precision' | 'rankField'>;

/** The unit a gap of the ranked figure is said in: percentage points for growth and for figures in %. */
export const gapUnit = (i: IndicatorRef, points: string): string =>
  i.rankField === 'growth' || i.unit === '%' ? points : i.unit;

/** The decimals of the ranked figure. */
export const rankPrecision = (i: IndicatorRef): number => (i.rankField === 'growth' ? GROWTH_PRECISION : i.precision);

/** A signed gap ("+2.3", "-0.9", "0.0") in the ranked figure's decimals; null when absent. */
export function signedGap(text: string | null | undefined, i: IndicatorRef): string | null {
  if (text === null || text === undefined) return null;
  const v = parseFixed(text);
  if (v === null) return text;
  const n = groupThousands(formatFixed(absFixed(v), rankPrecision(i)));
  const zero = /^[0.,]+$/.test(n);
  return zero ? n : `${v < 0n ? '-' : '+'}${n}`;
}

/** The ranked figure of a row, as a number for a chart (null when absent). */
export const chartNumber = (text: string | null | undefined): number | null =>
  text === null || text === undefined || text === '' ? null : Number(text);

/** "2026-09" → "2026.09", short enough for a chart's axis. */
export const axisPeriod = (period: string): string => period.replace('-', '.');

export const LIGHT_COLORS = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' } as const;
