import { type CalendarData, dateLabel, dayNumber, workingDaysBetween } from '../common/calendar.ts';
import { cycleLabel, type DueCycle } from './cycles.ts';
import type { FeedbackStatus, TaskStatus } from './model.ts';

/**
 * A task's status is computed, never typed (督查室's traffic lights), most severe first:
 * - `done`     销号 confirmed by the 督查室 (doneAt set);
 * - `overdue`  a `date` deadline passed (today > deadlineOn; the deadline day itself is still in time), not done;
 * - `red`      a milestone past its date and not done, or the last cycle whose due date has passed has no
 *              submitted/accepted feedback (not reporting is red, not neutral; the due day itself is not missed);
 * - `yellow`   a `date` deadline and completion behind the share of time elapsed (startsOn → deadlineOn) by MORE
 *              than `yellowGapPoints` points (exactly that many behind is still green);
 * - `green`    otherwise.
 * Every reason found is returned (most severe first), so an overdue task that also did not report says both.
 */
export type StatusReason = { code: string; zh: string; en: string };

export type StatusInput = {
  today: string;
  /** business date of the 销号, or null */
  doneOn: string | null;
  deadlineKind: 'date' | 'recurring' | 'continuous' | string;
  deadlineOn: string | null;
  startsOn: string;
  milestones: readonly { title: string; dueOn: string; doneOn: string | null }[];
  /** the last cycle whose due date has passed and that the task owes (see cycles.ts lastDueCycle), or null */
  lastDueCycle: DueCycle | null;
  /** that cycle's feedback status, or null when nothing was written */
  lastDueFeedback: FeedbackStatus | null;
  /** the completion of the latest submitted/accepted feedback, or null */
  completionPct: number | null;
  rules: { yellowGapPoints: number };
  cal: CalendarData;
};

export type StatusResult = {
  status: TaskStatus;
  reasons: StatusReason[];
  /** working days past the deadline when overdue, else null */
  overdueWorkingDays: number | null;
  /** the last due cycle when it has no submitted/accepted feedback, else null */
  missedCycle: string | null;
  /** the share of the time elapsed (0-100, rounded) for `date` deadlines, else null */
  expectedPct: number | null;
};

const md = (d: string, lang: 'zh' | 'en') => dateLabel(d, lang, false);

export function computeStatus(i: StatusInput): StatusResult {
  if (i.doneOn) {
    return {
      status: 'done',
      reasons: [
        {
          code: 'done',
          zh: `已于${dateLabel(i.doneOn, 'zh')}销号`,
          en: `Marked done on ${dateLabel(i.doneOn, 'en')}`,
        },
      ],
      overdueWorkingDays: null,
      missedCycle: null,
      expectedPct: null,
    };
  }
  const reasons: StatusReason[] = [];
  let status: TaskStatus = 'green';
  const raise = (s: TaskStatus) => {
    const order: TaskStatus[] = ['green', 'yellow', 'red', 'overdue'];
    if (order.indexOf(s) > order.indexOf(status)) status = s;
  };

  let overdueWorkingDays: number | null = null;
  const dated = i.deadlineKind === 'date' && i.deadlineOn !== null;
  if (dated && i.today > i.deadlineOn!) {
    overdueWorkingDays = workingDaysBetween(i.deadlineOn!, i.today, i.cal);
    const days = dayNumber(i.today) - dayNumber(i.deadlineOn!);
    raise('overdue');
    reasons.push({
      code: 'overdue',
      zh: `已超过完成时限(${dateLabel(i.deadlineOn!, 'zh')})${days}天,${overdueWorkingDays}个工作日`,
      en: `Past the deadline (${dateLabel(i.deadlineOn!, 'en')}) by ${days} days, ${overdueWorkingDays} working days`,
    });
  }

  for (const m of i.milestones) {
    if (m.doneOn === null && i.today > m.dueOn) {
      raise('red');
      reasons.push({
        code: 'milestone_overdue',
        zh: `节点“${m.title}”(${md(m.dueOn, 'zh')})逾期未完成`,
        en: `Milestone "${m.title}" (${md(m.dueOn, 'en')}) is overdue`,
      });
    }
  }

  let missedCycle: string | null = null;
  const c = i.lastDueCycle;
  if (c && c.dueOn < i.today && i.lastDueFeedback !== 'submitted' && i.lastDueFeedback !== 'accepted') {
    missedCycle = c.key;
    raise('red');
    if (i.lastDueFeedback === 'returned') {
      reasons.push({
        code: 'feedback_returned',
        zh: `${cycleLabel(c.key, 'zh')}进展被退回后未重新报送(应于${md(c.dueOn, 'zh')}前报送)`,
        en: `${cycleLabel(c.key, 'en')} feedback was returned and not resubmitted (due ${md(c.dueOn, 'en')})`,
      });
    } else {
      reasons.push({
        code: 'feedback_missing',
        zh: `${cycleLabel(c.key, 'zh')}进展未报送(应于${md(c.dueOn, 'zh')}前报送)`,
        en: `${cycleLabel(c.key, 'en')} feedback not submitted (due ${md(c.dueOn, 'en')})`,
      });
    }
  }

  let expectedPct: number | null = null;
  if (dated) {
    const span = dayNumber(i.deadlineOn!) - dayNumber(i.startsOn);
    const elapsed = Math.min(Math.max(dayNumber(i.today) - dayNumber(i.startsOn), 0), Math.max(span, 0));
    // integers only: behind by more than the threshold ⇔ elapsed/span·100 − pct > gap ⇔ elapsed·100 − pct·span > gap·span
    const pct = i.completionPct ?? 0;
    const behind = span <= 0 ? (i.today >= i.deadlineOn! ? 100 - pct : -pct) : null;
    expectedPct = span <= 0 ? (i.today >= i.deadlineOn! ? 100 : 0) : Math.round((elapsed * 100) / span);
    const isBehind =
      behind !== null ? behind > i.rules.yellowGapPoints : elapsed * 100 - pct * span > i.rules.yellowGapPoints * span;
    if (isBehind && overdueWorkingDays === null) {
      raise('yellow');
      const gap = expectedPct - pct;
      reasons.push({
        code: 'behind_schedule',
        zh: `完成${pct}%,落后时序进度(${expectedPct}%)${gap}个百分点`,
        en: `${pct}% done, ${gap} points behind the time elapsed (${expectedPct}%)`,
      });
    }
  }

  if (reasons.length === 0) {
    reasons.push(
      i.completionPct === null
        ? { code: 'on_schedule', zh: '按期推进', en: 'On schedule' }
        : {
            code: 'on_schedule',
            zh: `按期推进,已完成${i.completionPct}%`,
            en: `On schedule, ${i.completionPct}% done`,
          },
    );
  }
  return { status, reasons, overdueWorkingDays, missedCycle, expectedPct };
}
