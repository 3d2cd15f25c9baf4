import { z } from 'zod';

/**
 * The 督查室's thresholds for key tasks (one versioned setting, key `tasks.rules`): when a task turns yellow, when
 * escalation is suggested, when reminders go out and how long a lead unit has to claim a task.
 */
export const TASK_RULES_KEY = 'tasks.rules';

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` });

export const taskRulesSchema = z.object({
  /** yellow when completion is behind the share of time elapsed by MORE than this many points */
  yellowGapPoints: int('黄灯阈值(落后百分点)', 1, 100),
  /** an order (督办单) is suggested when a task is overdue by this many working days */
  orderAfterOverdueWorkingDays: int('逾期多少个工作日建议督办', 1, 60),
  /** an admonition (约谈) is suggested after this many notices (通报) in a year */
  noticesForAdmonition: int('年内通报几次建议约谈', 1, 12),
  /** automatic reminders (催办) this many days before a due date */
  remindDaysBefore: int('提前几天自动催办', 0, 30),
  /** the default working days a lead unit has to claim a task */
  claimWorkingDays: int('认领时限(工作日)', 1, 30),
});
export type TaskRules = z.infer<typeof taskRulesSchema>;

export const DEFAULT_TASK_RULES: TaskRules = {
  yellowGapPoints: 15,
  orderAfterOverdueWorkingDays: 5,
  noticesForAdmonition: 2,
  remindDaysBefore: 3,
  claimWorkingDays: 3,
};

/** A stored value read leniently: a missing key takes its default (a rule added later applies to old settings). */
export function parseTaskRules(raw: unknown): TaskRules {
  if (raw == null || typeof raw !== 'object') return DEFAULT_TASK_RULES;
  return taskRulesSchema.parse({ ...DEFAULT_TASK_RULES, ...(raw as object) });
}

export const TaskRulesView = z.object({ rules: taskRulesSchema, version: z.number().int() });
export type TaskRulesView = z.infer<typeof TaskRulesView>;

export const TaskRulesUpdate = z.object({
  rules: taskRulesSchema,
  version: z.number({ error: '缺少版本号' }).int().min(0),
});
export type TaskRulesUpdate = z.infer<typeof TaskRulesUpdate>;
