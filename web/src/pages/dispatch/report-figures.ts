import { displayWan, formatPercentTenths, parseWan, percentTenths, type Wan } from '../../../../domain/common/money.ts';
import type { WeeklyReport } from '../../../../domain/dispatch/contracts.ts';
import { investmentLight, type Light } from '../../../../domain/dispatch/warnings.ts';

/**
 * What the report form shows while the reporter types: the year's cumulative amount with this week's figure and the
 * share of the annual plan it reaches. Amounts are `Wan` (bigint hundredths of 万元): no float ever touches money.
 */

/** The amount a person typed ("1,234.5", " 12 "), or null when it is not an amount. */
export function typedWan(text: string | null | undefined): Wan | null {
  if (text === null || text === undefined) return null;
  const clean = String(text).replace(/[,\s]/g, '');
  return clean === '' ? null : parseWan(clean);
}

/** Σ of the year's counted weeks before this one, as the server computed it. */
export const investedBeforeWeek = (r: Pick<WeeklyReport, 'pacing'>): Wan => parseWan(r.pacing.investedBeforeWeek) ?? 0n;

export type LivePacing = {
  /** the year's cumulative with the typed amount, "12,345.60" */
  ytd: string;
  /** of the annual plan, one decimal ("63.4"); null without an annual plan */
  completionPct: string | null;
  /** the light for the cumulative with the typed amount (the same rule and thresholds as the server's) */
  light: Light;
  /** the typed amount is not an amount (the figures then leave it out) */
  invalid: boolean;
  /** the figures differ from the server's (whose light is then that of the figures reported so far) */
  changed: boolean;
};

/** The cumulative and the completion with `typed` as this week's amount (nothing typed counts as zero). */
export function livePacing(r: Pick<WeeklyReport, 'pacing'>, typed: string | null | undefined): LivePacing {
  const amount = typedWan(typed);
  const invalid = amount === null && typed !== null && typed !== undefined && String(typed).trim() !== '';
  const ytd = investedBeforeWeek(r) + (amount ?? 0n);
  const plan = r.pacing.annualPlan === null ? null : parseWan(r.pacing.annualPlan);
  const pct = plan === null ? null : percentTenths(ytd, plan);
  const scheduleCumulative = r.pacing.scheduleCumulative === null ? 0n : (parseWan(r.pacing.scheduleCumulative) ?? 0n);
  return {
    ytd: displayWan(ytd),
    completionPct: pct === null ? null : formatPercentTenths(pct),
    light: investmentLight({ ytd, annualPlan: plan, scheduleCumulative }, r.pacing.thresholds).light,
    invalid,
    changed: ytd !== (parseWan(r.pacing.investedYtd) ?? 0n),
  };
}

/** A deadline instant in Beijing time: "11月27日(周五) 17:00" / "Fri 27 Nov, 17:00". */
export function deadlineText(iso: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = {
    timeZone: 'Asia/Shanghai',
    month: lang === 'zh' ? 'numeric' : 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  if (lang === 'en') return new Intl.DateTimeFormat('en-GB', opts).format(d);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', opts).formatToParts(d).map((x) => [x.type, x.value] as const),
  );
  return `${p.month}月${p.day}日(${p.weekday}) ${p.hour}:${p.minute}`;
}
