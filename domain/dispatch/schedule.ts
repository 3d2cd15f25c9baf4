import { z } from 'zod';
import { addDays, type CalendarData, dayNumber, nextWorkingDay, previousWorkingDay } from '../common/calendar.ts';
import { type WeekKey, weekStart } from '../common/iso-week.ts';
import { STAGES, type Stage } from '../projects/project.ts';

/**
 * 周调度 reporting deadlines. A project in a reporting stage reports each ISO week by the deadline (default Friday
 * 17:00) and may still report, late, until the grace end (default Monday 12:00 of the next week); after that the
 * week is missing (漏报). Days follow the official working-day calendar: a deadline that falls on a holiday moves
 * earlier, so the report still reaches the coordinator before the break; a grace end that falls on one moves later,
 * so the grace is never eaten by the holiday. Times are Beijing time (UTC+8 all year, no daylight saving).
 */
export const REPORTING_SCHEDULE_SETTING_KEY = 'dispatch.reporting_schedule';

const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

const weekday = (label: string) =>
  z
    .number({ error: `${label}应为1—7(周一至周日)` })
    .int({ error: `${label}应为1—7(周一至周日)` })
    .min(1, { error: `${label}应为1—7(周一至周日)` })
    .max(7, { error: `${label}应为1—7(周一至周日)` });
const hhmm = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(HHMM_RE, { error: `${label}格式应为 HH:MM(如 17:00)` });

export const reportingScheduleSchema = z.object({
  /** 1 = Monday … 7 = Sunday of the reported week */
  deadlineWeekday: weekday('报送截止日'),
  deadlineTime: hhmm('报送截止时间'),
  /** 1 = Monday … 7 = Sunday of the week after the reported one */
  graceWeekday: weekday('补报截止日'),
  graceTime: hhmm('补报截止时间'),
  /** the project stages that must report every week */
  reportingStages: z
    .array(z.enum(STAGES, { error: '项目阶段不正确' }), { error: '请选择需要填报周报的项目阶段' })
    .min(1, { error: '至少选择一个需要填报周报的项目阶段' }),
});
export type ReportingSchedule = z.infer<typeof reportingScheduleSchema>;

export const DEFAULT_REPORTING_SCHEDULE: ReportingSchedule = {
  deadlineWeekday: 5,
  deadlineTime: '17:00',
  graceWeekday: 1,
  graceTime: '12:00',
  reportingStages: ['preparation', 'under_construction'],
};

export const mustReport = (stage: Stage, schedule: ReportingSchedule): boolean =>
  schedule.reportingStages.includes(stage);

const DAY_MS = 86_400_000;
/** Beijing time, as in common/business-date.ts */
const OFFSET_MS = 8 * 3_600_000;

/** The instant of a Beijing wall-clock time on a business date. */
function beijing(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(dayNumber(date) * DAY_MS + (h * 60 + m) * 60_000 - OFFSET_MS);
}

/**
 * The deadline of a week's report: the deadline weekday of that week at the deadline time, moved to the previous
 * working day when it is a holiday or weekend (Friday 2 October 2026 → Wednesday 30 September). When no working
 * day of the week comes before it (the Spring Festival week 2026-W08 is all holiday), it moves forward to the first
 * working day after instead: a report cannot be due before the week it reports on has begun.
 */
export function reportDeadline(weekKey: WeekKey, schedule: ReportingSchedule, cal: CalendarData): Date {
  const monday = weekStart(weekKey);
  const day = addDays(monday, schedule.deadlineWeekday - 1);
  const earlier = previousWorkingDay(day, cal);
  return beijing(earlier >= monday ? earlier : nextWorkingDay(day, cal), schedule.deadlineTime);
}

/**
 * The end of the grace period: the grace weekday of the following week at the grace time, moved to the next working
 * day when it is a holiday or weekend (Monday 5 October 2026 → Thursday 8 October). It moves forward, never back,
 * so a holiday never shortens the grace; and it never ends before the deadline (the 2026 Spring Festival week,
 * whose deadline itself moved forward to Tuesday 24 February, gets no grace beyond the deadline).
 */
export function reportGraceEnd(weekKey: WeekKey, schedule: ReportingSchedule, cal: CalendarData): Date {
  const day = addDays(weekStart(weekKey), 7 + schedule.graceWeekday - 1);
  const grace = beijing(nextWorkingDay(day, cal), schedule.graceTime);
  const deadline = reportDeadline(weekKey, schedule, cal);
  return new Date(Math.max(grace.getTime(), deadline.getTime()));
}

export const REPORT_TIMINGS = ['on_time', 'late', 'missing', 'pending'] as const;
export type ReportTiming = (typeof REPORT_TIMINGS)[number];

export const REPORT_TIMING_LABELS: Record<ReportTiming, { zh: string; en: string }> = {
  on_time: { zh: '按时报送', en: 'On time' },
  late: { zh: '迟报', en: 'Late' },
  missing: { zh: '漏报', en: 'Missing' },
  pending: { zh: '待报送', en: 'Not yet due' },
};

/**
 * How a week's report stands at `now`. The deadline and the grace end are inclusive: a report submitted at
 * 17:00:00.000 is on time, one a millisecond later is late. `submittedAt` is the first submission (a returned
 * and resubmitted report keeps its first time). A submitted report is never missing, however late.
 */
export function reportTiming(input: {
  weekKey: WeekKey;
  submittedAt: Date | null;
  now: Date;
  schedule: ReportingSchedule;
  cal: CalendarData;
}): ReportTiming {
  const { weekKey, submittedAt, now, schedule, cal } = input;
  if (submittedAt) return submittedAt <= reportDeadline(weekKey, schedule, cal) ? 'on_time' : 'late';
  return now <= reportGraceEnd(weekKey, schedule, cal) ? 'pending' : 'missing';
}

/**
 * True when the deadline is at most 24 hours ahead (and not yet reached), for the "周报明天截止" reminder. The window
 * is half open, now in [deadline − 24 h, deadline): a daily job, whatever its time of day, finds a given deadline
 * due soon on exactly one run. The caller leaves out reports already submitted.
 */
export function dueSoon(weekKey: WeekKey, now: Date, schedule: ReportingSchedule, cal: CalendarData): boolean {
  const left = reportDeadline(weekKey, schedule, cal).getTime() - now.getTime();
  return left > 0 && left <= DAY_MS;
}

/**
 * How many weeks in a row a project has missed, newest first. The newest week is usually still pending (its grace
 * is not over), which neither breaks nor extends the streak; only a leading pending week is skipped.
 */
export function consecutiveMissing(weeksNewestFirst: readonly ReportTiming[]): number {
  const weeks = weeksNewestFirst[0] === 'pending' ? weeksNewestFirst.slice(1) : weeksNewestFirst;
  const i = weeks.findIndex((t) => t !== 'missing');
  return i === -1 ? weeks.length : i;
}
