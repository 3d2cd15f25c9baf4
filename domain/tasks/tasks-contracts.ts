import { z } from 'zod';
import { IdParams, PageQuery } from '../common/contracts.ts';
import { cycleKind } from './cycles.ts';
import { FEEDBACK_COMMENT_MAX, FEEDBACK_TEXT_MAX } from './feedback.ts';
import { CLAIM_STATUSES, CONFIDENCES, FEEDBACK_STATUSES, TASK_STATUSES } from './model.ts';

/** Request and response contracts of the task list, the task page and the feedback workflow. */

const uuid = (msg: string) => z.uuid({ error: msg });

export const TaskListQuery = PageQuery.extend({
  planId: uuid('分工方案编号格式不正确').optional(),
  sectionId: uuid('章节编号格式不正确').optional(),
  /** the lead unit (牵头单位) */
  unitId: uuid('单位编号格式不正确').optional(),
  leaderId: uuid('领导编号格式不正确').optional(),
  status: z.enum(TASK_STATUSES, { error: '状态不正确' }).optional(),
  claim: z.enum(CLAIM_STATUSES, { error: '认领状态不正确' }).optional(),
  q: z.string().trim().max(50, { error: '关键字不能超过50个字' }).optional(),
});
export type TaskListQuery = z.output<typeof TaskListQuery>;
/** The ledger takes the list's filters, without the page. */
export const TaskLedgerQuery = TaskListQuery.omit({ page: true, pageSize: true });
export type TaskLedgerQuery = z.output<typeof TaskLedgerQuery>;

export const TaskIdParams = IdParams;
export const CycleParams = IdParams.extend({
  cycle: z.string().refine((v) => cycleKind(v) !== null, { error: '反馈周期格式不正确(如2026-03、2026-W12、2026-Q1)' }),
});
export const TaskFileParams = IdParams.extend({ fileId: z.uuid({ error: '附件编号格式不正确' }) });

const Reason = z.object({ code: z.string(), zh: z.string(), en: z.string() });
const Confidence = z.enum(CONFIDENCES);

export const TaskListItem = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  number: z.string(),
  content: z.string(),
  sectionId: z.string().nullable(),
  sectionTitle: z.string().nullable(),
  leadUnitId: z.string(),
  leadUnitName: z.string(),
  partnerNames: z.array(z.string()),
  leaderNames: z.array(z.string()),
  deadlineText: z.string(),
  deadlineOn: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  reasons: z.array(Reason),
  completionPct: z.number().int().nullable(),
  expectedPct: z.number().int().nullable(),
  unitConfidence: Confidence.nullable(),
  supervisorRating: Confidence.nullable(),
  ratingsDivergent: z.boolean(),
  lastAcceptedOn: z.string().nullable(),
  claimStatus: z.enum(CLAIM_STATUSES),
  currentCycle: z.string(),
  currentCycleLabel: z.string(),
  currentDueOn: z.string(),
  currentFeedbackStatus: z.enum(FEEDBACK_STATUSES).nullable(),
  /** the caller's part: `lead`, `partner` or `oversight` */
  myRole: z.enum(['lead', 'partner', 'oversight']),
});
export type TaskListItem = z.infer<typeof TaskListItem>;

export const TaskPage = z.object({
  items: z.array(TaskListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** how many tasks of each status match the other filters (the status chips) */
  counts: z.object({
    all: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    red: z.number().int(),
    yellow: z.number().int(),
    green: z.number().int(),
  }),
  today: z.string(),
  can: z.object({ manage: z.boolean(), exportLedger: z.boolean() }),
});
export type TaskPage = z.infer<typeof TaskPage>;

export const TaskFilterOptions = z.object({
  plans: z.array(z.object({ id: z.string(), title: z.string(), year: z.number().int() })),
  sections: z.array(z.object({ id: z.string(), planId: z.string(), label: z.string(), title: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  leaders: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TaskFilterOptions = z.infer<typeof TaskFilterOptions>;

const TaskFile = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  caption: z.string().nullable(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
  url: z.string(),
});
export type TaskFile = z.infer<typeof TaskFile>;

export const FeedbackPart = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  progress: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  updatedByName: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  files: z.array(TaskFile),
});
export type FeedbackPart = z.infer<typeof FeedbackPart>;

export const Feedback = z.object({
  id: z.string(),
  cycle: z.string(),
  cycleLabel: z.string(),
  dueOn: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  progress: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  completionPct: z.number().int(),
  quantValue: z.string().nullable(),
  confidence: Confidence.nullable(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  /** first submitted on or before the due day */
  onTime: z.boolean().nullable(),
  returnComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  createdByName: z.string(),
  version: z.number().int(),
  files: z.array(TaskFile),
});
export type Feedback = z.infer<typeof Feedback>;

/** One cycle of the task: the lead's feedback (if written) and the partners' parts. */
export const FeedbackCycle = z.object({
  cycle: z.string(),
  cycleLabel: z.string(),
  dueOn: z.string(),
  feedback: Feedback.nullable(),
  parts: z.array(FeedbackPart),
});
export type FeedbackCycle = z.infer<typeof FeedbackCycle>;

export const TaskEvent = z.object({
  id: z.string(),
  action: z.string(),
  note: z.string().nullable(),
  byName: z.string(),
  byUnitName: z.string().nullable(),
  at: z.string(),
});

export const TaskDetail = TaskListItem.extend({
  /** the business date the status was computed on */
  today: z.string(),
  planYear: z.number().int(),
  feedbackCycle: z.string(),
  sectionLabel: z.string().nullable(),
  partners: z.array(z.object({ id: z.string(), name: z.string() })),
  leaders: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
  deadlineKind: z.string(),
  startsOn: z.string(),
  targetValue: z.string().nullable(),
  targetUnit: z.string().nullable(),
  tags: z.array(z.string()),
  milestones: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  claimDueOn: z.string(),
  claimedAt: z.string().nullable(),
  claimedByName: z.string().nullable(),
  disputeReason: z.string().nullable(),
  doneRequestedAt: z.string().nullable(),
  doneRequestNote: z.string().nullable(),
  doneRequestedByName: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneConfirmedByName: z.string().nullable(),
  doneRefusedReason: z.string().nullable(),
  doneFiles: z.array(TaskFile),
  cyclesDue: z.number().int(),
  cyclesOnTime: z.number().int(),
  overdueWorkingDays: z.number().int().nullable(),
  missedCycle: z.string().nullable(),
  /** the cycles the lead unit may write now (the current one, and any returned or draft one), newest first */
  writableCycles: z.array(z.object({ cycle: z.string(), cycleLabel: z.string(), dueOn: z.string() })),
  /** every cycle with feedback or parts, plus the current one, newest first */
  cycles: z.array(FeedbackCycle),
  events: z.array(TaskEvent),
  version: z.number().int(),
  can: z.object({
    writeFeedback: z.boolean(),
    writePart: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    requestDone: z.boolean(),
    confirmDone: z.boolean(),
    rate: z.boolean(),
    claim: z.boolean(),
    edit: z.boolean(),
  }),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

const text = (label: string) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(FEEDBACK_TEXT_MAX, { error: `${label}不能超过${FEEDBACK_TEXT_MAX}个字` });

const DECIMAL_RE = /^-?\d{1,16}(\.\d{1,4})?$/;

export const FeedbackSave = z.object({
  progress: text('进展情况').default(''),
  problems: text('存在问题').default(''),
  nextSteps: text('下步打算').default(''),
  completionPct: z
    .number({ error: '完成进度应为0—100的整数' })
    .int({ error: '完成进度应为0—100的整数' })
    .min(0, { error: '完成进度应为0—100的整数' })
    .max(100, { error: '完成进度应为0—100的整数' }),
  /** the quantitative value reached so far, in the target's unit (only when the task has a target) */
  quantValue: z
    .union([z.string(), z.number()], { error: '完成值应为数字' })
    .transform((v) => String(v).trim())
    .refine((v) => v === '' || DECIMAL_RE.test(v), { error: '完成值应为数字(最多4位小数)' })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .default(null),
  confidence: z.enum(CONFIDENCES, { error: '请选择推进评估' }).nullable().default(null),
  /** the version read; 0 when the cycle has no feedback yet */
  version: z.number({ error: '缺少版本号' }).int().min(0),
});
export type FeedbackSave = z.output<typeof FeedbackSave>;

export const PartSave = z.object({
  progress: text('进展情况').default(''),
  problems: text('存在问题').default(''),
  nextSteps: text('下步打算').default(''),
  version: z.number({ error: '缺少版本号' }).int().min(0),
});
export type PartSave = z.output<typeof PartSave>;

/** An optional version: a step on a stale page is refused when the version it read is given. No body is fine. */
export const StepBody = z.object({ version: z.number().int().min(1).optional() }).nullish();
export type StepBody = NonNullable<z.output<typeof StepBody>>;

const required = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });

export const ReturnBody = z.object({
  comment: required('退回意见', FEEDBACK_COMMENT_MAX),
  version: z.number().int().min(1).optional(),
});
export type ReturnBody = z.output<typeof ReturnBody>;

export const DoneRequestBody = z.object({ note: required('销号申请说明', FEEDBACK_COMMENT_MAX) });
export const DoneRefuseBody = z.object({ reason: required('不予销号的理由', FEEDBACK_COMMENT_MAX) });

export const RatingBody = z.object({
  rating: z.enum(CONFIDENCES, { error: '请选择督查评估' }).nullable(),
  version: z.number({ error: '缺少版本号' }).int().min(1),
});
export type RatingBody = z.output<typeof RatingBody>;

export const TASK_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const TASK_FILE_CAPTION_MAX = 100;
