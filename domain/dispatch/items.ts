import { z } from 'zod';
import { addWorkingDays, type CalendarData, workingDaysBetween } from '../common/calendar.ts';

/**
 * 协调事项 — a problem a project needs a unit to solve. The assigned unit signs for it (签收), responds while it works
 * (办理), and reports it solved (办结); the raiser then closes it out (销号) or reopens it. The deadline is counted in
 * working days of the official calendar; an item past it escalates one level at a time: the district or unit
 * (level 0) → the city's 项目办 (1) → the leader's dispatch agenda (2).
 */
type Label = { zh: string; en: string };

export const ITEM_CATEGORIES = [
  'land',
  'funds',
  'approvals',
  'relocation',
  'utilities',
  'environment',
  'other',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_CATEGORY_LABELS: Record<ItemCategory, Label> = {
  land: { zh: '用地', en: 'Land' },
  funds: { zh: '资金', en: 'Funds' },
  approvals: { zh: '审批手续', en: 'Approvals' },
  relocation: { zh: '征迁', en: 'Relocation' },
  utilities: { zh: '水电气配套', en: 'Utilities' },
  environment: { zh: '环保', en: 'Environment' },
  other: { zh: '其他', en: 'Other' },
};

export const ITEM_STATUSES = ['open', 'accepted', 'in_progress', 'resolved', 'closed_out', 'reopened'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, Label> = {
  open: { zh: '待签收', en: 'Open' },
  accepted: { zh: '已签收', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  resolved: { zh: '已办结', en: 'Resolved' },
  closed_out: { zh: '已销号', en: 'Closed out' },
  reopened: { zh: '重新办理', en: 'Reopened' },
};

/** Statuses in which the unit still owes an answer: these can be overdue. */
export const ITEM_OPEN_STATUSES: readonly ItemStatus[] = ['open', 'accepted', 'in_progress', 'reopened'];

export const ITEM_ACTIONS = ['accept', 'respond', 'resolve', 'close_out', 'reopen'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];
export const ITEM_ACTION_LABELS: Record<ItemAction, Label> = {
  accept: { zh: '签收', en: 'Accept' },
  respond: { zh: '反馈进展', en: 'Respond' },
  resolve: { zh: '办结', en: 'Resolve' },
  close_out: { zh: '销号', en: 'Close out' },
  reopen: { zh: '退回重办', en: 'Reopen' },
};

/** Who may take an action: the assigned unit, or the raiser (their unit). */
export const ITEM_ACTION_BY: Record<ItemAction, 'unit' | 'raiser'> = {
  accept: 'unit',
  respond: 'unit',
  resolve: 'unit',
  close_out: 'raiser',
  reopen: 'raiser',
};

const FLOW: Record<ItemAction, { from: readonly ItemStatus[]; to: ItemStatus }> = {
  accept: { from: ['open', 'reopened'], to: 'accepted' },
  respond: { from: ['accepted', 'in_progress', 'reopened'], to: 'in_progress' },
  resolve: { from: ['accepted', 'in_progress', 'reopened'], to: 'resolved' },
  close_out: { from: ['resolved'], to: 'closed_out' },
  reopen: { from: ['resolved'], to: 'reopened' },
};

/** The status after `action`, or null when the action is not possible from `status`. */
export function itemNext(status: ItemStatus, action: ItemAction): ItemStatus | null {
  const f = FLOW[action];
  return f.from.includes(status) ? f.to : null;
}

/** The actions a party may take now, in the order the buttons show. */
export function itemActions(status: ItemStatus, party: { unit: boolean; raiser: boolean }): ItemAction[] {
  return ITEM_ACTIONS.filter(
    (a) => itemNext(status, a) !== null && (ITEM_ACTION_BY[a] === 'unit' ? party.unit : party.raiser),
  );
}

/** Actions whose note is required: a response says what was done, a reopening says why. */
export const NOTE_REQUIRED: readonly ItemAction[] = ['respond', 'resolve', 'reopen'];

export const DEFAULT_ITEM_DEADLINE_DAYS = 5;

/** Settings: the working days a unit has to solve an item, and the further working days before the leader's agenda. */
export const ITEM_SETTINGS_KEY = 'dispatch.items';
export const itemSettingsSchema = z.object({
  deadlineDays: z
    .number({ error: '办理时限应为整数' })
    .int({ error: '办理时限应为整数' })
    .min(1, { error: '办理时限至少1个工作日' })
    .max(60, { error: '办理时限不超过60个工作日' })
    .default(DEFAULT_ITEM_DEADLINE_DAYS),
  escalationStepDays: z
    .number({ error: '升级间隔应为整数' })
    .int({ error: '升级间隔应为整数' })
    .min(1, { error: '升级间隔至少1个工作日' })
    .max(60, { error: '升级间隔不超过60个工作日' })
    .default(DEFAULT_ITEM_DEADLINE_DAYS),
});
export type ItemSettings = z.infer<typeof itemSettingsSchema>;
export const DEFAULT_ITEM_SETTINGS: ItemSettings = {
  deadlineDays: DEFAULT_ITEM_DEADLINE_DAYS,
  escalationStepDays: DEFAULT_ITEM_DEADLINE_DAYS,
};

/** The due date: `days` working days after the day it was raised (the raising day does not count). */
export const itemDueDate = (raisedOn: string, cal: CalendarData, days = DEFAULT_ITEM_DEADLINE_DAYS): string =>
  addWorkingDays(raisedOn, days, cal);

export const ESCALATION_LEVELS = [0, 1, 2] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LABELS: Record<EscalationLevel, Label> = {
  0: { zh: '责任单位', en: 'Assigned unit' },
  1: { zh: '市项目办督办', en: "City coordinator's watch" },
  2: { zh: '提交领导调度', en: "On the leader's agenda" },
};

/**
 * Working days an unanswered item is past its due date on `today` (0 when on time or answered). The due date itself
 * is still on time; the first working day after it counts 1.
 */
export function itemOverdueDays(i: { status: ItemStatus; dueDate: string }, today: string, cal: CalendarData): number {
  if (!ITEM_OPEN_STATUSES.includes(i.status) || today <= i.dueDate) return 0;
  return Math.max(0, workingDaysBetween(i.dueDate, today, cal));
}

/**
 * The level an item should be at: overdue → the city coordinator; overdue by `stepDays` more working days → the
 * leader's agenda. Never lower than a level already reached (an escalation is a fact, it is not undone by answering).
 */
export function escalationLevelFor(
  i: { status: ItemStatus; dueDate: string; escalationLevel: number },
  today: string,
  cal: CalendarData,
  stepDays = DEFAULT_ITEM_DEADLINE_DAYS,
): EscalationLevel {
  const late = itemOverdueDays(i, today, cal);
  const due: EscalationLevel = late === 0 ? 0 : late > stepDays ? 2 : 1;
  return Math.max(due, Math.min(2, Math.max(0, i.escalationLevel))) as EscalationLevel;
}
