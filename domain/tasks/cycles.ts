import { addDays, type CalendarData, dayNumber, previousWorkingDay } from '../common/calendar.ts';
import { daysInMonth } from '../common/date-parse.ts';
import { addWeeks, parseWeekKey, weekEnd, weekKeyOf, weekStart } from '../common/iso-week.ts';
import type { FeedbackCycle } from './model.ts';

/**
 * Feedback cycles (反馈周期) of a plan: each task's lead unit reports once per cycle. A cycle is named by a key that
 * sorts in time order: "2026-03" (monthly), "2026-W12" (weekly, ISO week), "2026-Q1" (quarterly). The due date is
 * the plan's `feedbackDueDay` — of the month (monthly), of the quarter's last month (quarterly; both capped at the
 * month's last day), or the ISO weekday (weekly) — moved to the previous working day of the official calendar when
 * it is not one (the report reaches the 督查室 before the break, as with the weekly dispatch).
 */
export type PlanCycle = { feedbackCycle: FeedbackCycle; feedbackDueDay: number };
export type CycleKey = string;
export type DueCycle = { key: CycleKey; dueOn: string };

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The kind of a cycle key, or null when it is not one. */
export function cycleKind(key: string): FeedbackCycle | null {
  if (MONTH_RE.test(key)) return 'monthly';
  if (QUARTER_RE.test(key)) return 'quarterly';
  if (parseWeekKey(key)) return 'weekly';
  return null;
}

/** The cycle a date falls in. */
export function cycleKey(date: string, cycle: FeedbackCycle): CycleKey {
  dayNumber(date);
  if (cycle === 'weekly') return weekKeyOf(date);
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  if (cycle === 'quarterly') return `${y}-Q${Math.ceil(m / 3)}`;
  return `${y}-${pad(m)}`;
}

function mustKind(key: CycleKey): FeedbackCycle {
  const k = cycleKind(key);
  if (!k) throw new RangeError(`not a cycle key: ${JSON.stringify(key)}`);
  return k;
}

/** The first day of the cycle. */
export function cycleStart(key: CycleKey): string {
  const kind = mustKind(key);
  if (kind === 'weekly') return weekStart(key);
  const y = key.slice(0, 4);
  if (kind === 'quarterly') return `${y}-${pad((Number(key.slice(6)) - 1) * 3 + 1)}-01`;
  return `${key}-01`;
}

/** The last day of the cycle. */
export function cycleEnd(key: CycleKey): string {
  const kind = mustKind(key);
  if (kind === 'weekly') return weekEnd(key);
  const y = Number(key.slice(0, 4));
  const m = kind === 'quarterly' ? Number(key.slice(6)) * 3 : Number(key.slice(5, 7));
  return `${pad(y, 4)}-${pad(m)}-${pad(daysInMonth(y, m))}`;
}

/** The cycle `n` cycles after `key` (before, when negative). */
export function addCycles(key: CycleKey, n: number): CycleKey {
  const kind = mustKind(key);
  if (kind === 'weekly') return addWeeks(key, n);
  const y = Number(key.slice(0, 4));
  if (kind === 'quarterly') {
    const q = y * 4 + (Number(key.slice(6)) - 1) + n;
    return `${pad(Math.floor(q / 4), 4)}-Q${(((q % 4) + 4) % 4) + 1}`;
  }
  const mm = y * 12 + (Number(key.slice(5, 7)) - 1) + n;
  return `${pad(Math.floor(mm / 12), 4)}-${pad((((mm % 12) + 12) % 12) + 1)}`;
}

/** The nominal due day before the calendar moves it. */
function nominalDue(key: CycleKey, dueDay: number): string {
  const kind = mustKind(key);
  if (kind === 'weekly') return addDays(weekStart(key), Math.min(Math.max(dueDay, 1), 7) - 1);
  const end = cycleEnd(key);
  const last = Number(end.slice(8, 10));
  return `${end.slice(0, 8)}${pad(Math.min(Math.max(dueDay, 1), last))}`;
}

/** The day a cycle's feedback is due: the plan's due day, on the previous working day when it is not one. */
export function cycleDueOn(key: CycleKey, plan: PlanCycle, cal: CalendarData): string {
  return previousWorkingDay(nominalDue(key, plan.feedbackDueDay), cal);
}

/** The cycle to write now: the first whose due date is today or later (the due day itself is still on time). */
export function openCycle(plan: PlanCycle, today: string, cal: CalendarData): DueCycle {
  let key = cycleKey(today, plan.feedbackCycle);
  // a due date never moves forward, so the cycle containing today or one of the next few is the open one
  for (let i = 0; i < 60; i++) {
    const dueOn = cycleDueOn(key, plan, cal);
    if (dueOn >= today) return { key, dueOn };
    key = addCycles(key, 1);
  }
  throw new RangeError(`no open cycle after ${today}`);
}

/** The last cycle whose due date has passed (due < today), or null when that is before `from`. */
export function lastDueCycle(plan: PlanCycle, from: string, today: string, cal: CalendarData): DueCycle | null {
  let key = openCycle(plan, today, cal).key;
  // two cycles may share a due day when a holiday swallows a whole week: step back until one is past
  for (let i = 0; i < 60; i++) {
    key = addCycles(key, -1);
    const dueOn = cycleDueOn(key, plan, cal);
    if (dueOn < today) return dueOn >= from ? { key, dueOn } : null;
  }
  return null;
}

/**
 * The cycles already due on `today` (due date before today) whose due date is on or after `from` (a task created
 * after a cycle's due date does not owe that cycle), oldest first. Due dates never decrease from one cycle to the
 * next (the previous working day of a later date is never earlier), so the walk stops at the first one not yet due.
 */
export function dueCycles(plan: PlanCycle, from: string, today: string, cal: CalendarData): DueCycle[] {
  const out: DueCycle[] = [];
  if (from >= today) return out;
  // a due date is never later than its cycle's end, so no cycle before the one of `from` is due on or after it
  for (let key = cycleKey(from, plan.feedbackCycle); ; key = addCycles(key, 1)) {
    const dueOn = cycleDueOn(key, plan, cal);
    if (dueOn >= today) break;
    if (dueOn >= from) out.push({ key, dueOn });
  }
  return out;
}

const QUARTER_ZH = ['一', '二', '三', '四'];

/** "2026年10月" / "2026年第42周" / "2026年第四季度"; English "Oct 2026" / "Week 42, 2026" / "Q4 2026". */
export function cycleLabel(key: CycleKey, lang: 'zh' | 'en'): string {
  const kind = mustKind(key);
  const y = Number(key.slice(0, 4));
  if (kind === 'weekly') {
    const w = parseWeekKey(key)!.week;
    return lang === 'zh' ? `${y}年第${w}周` : `Week ${w}, ${y}`;
  }
  if (kind === 'quarterly') {
    const q = Number(key.slice(6));
    return lang === 'zh' ? `${y}年第${QUARTER_ZH[q - 1]}季度` : `Q${q} ${y}`;
  }
  const m = Number(key.slice(5, 7));
  const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return lang === 'zh' ? `${y}年${m}月` : `${en} ${y}`;
}

/** Whether `key` is a cycle of this plan's kind. */
export const isPlanCycle = (key: string, plan: Pick<PlanCycle, 'feedbackCycle'>): boolean =>
  cycleKind(key) === plan.feedbackCycle;
