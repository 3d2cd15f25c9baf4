import { z } from 'zod';
import { isIsoDate } from '../common/calendar.ts';
import { IdParams, PageQuery, text, Versioned } from '../common/contracts.ts';
import { CLAIM_STATUSES, FEEDBACK_CYCLES, SOURCE_KINDS } from './model.ts';

/**
 * Request and response contracts of the assignment plans (分工方案): sources, plans, sections, adding and editing a
 * task, the Excel import, and claiming (认领 / 异议 / 改派 / 催认领).
 */

const uuid = (msg: string) => z.uuid({ error: msg });
const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).refine(isIsoDate, { error: `${what}格式应为2026-03-15` });
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullish()
    .transform((v) => v || null);

export const PLAN_STATUSES = ['active', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, { zh: string; en: string }> = {
  active: { zh: '执行中', en: 'Active' },
  archived: { zh: '已归档', en: 'Archived' },
};

// ── sources and plans ──────────────────────────────────────────────────────────────────────────────────────
export const SourceInput = z.object({
  kind: z.enum(SOURCE_KINDS, { error: '请选择任务来源' }),
  title: text('来源文件名称', 200),
  /** 文号, e.g. 示政发〔2026〕3号 */
  docNumber: optionalText('文号', 100),
  issuedOn: isoDate('印发日期')
    .nullish()
    .transform((v) => v ?? null),
});
export type SourceInput = z.output<typeof SourceInput>;

const year = z
  .number({ error: '请填写年度' })
  .int({ error: '年度应为整数' })
  .min(2000, { error: '年度不正确' })
  .max(2100, { error: '年度不正确' });
const cycleFields = {
  feedbackCycle: z.enum(FEEDBACK_CYCLES, { error: '请选择反馈周期' }),
  /** day of month (monthly; quarterly: of the quarter's last month) or ISO weekday 1-7 (weekly) */
  feedbackDueDay: z
    .number({ error: '请填写反馈截止日' })
    .int({ error: '反馈截止日应为整数' })
    .min(1, { error: '反馈截止日应为1至31' })
    .max(31, { error: '反馈截止日应为1至31' }),
  claimWorkingDays: z
    .number({ error: '请填写认领时限' })
    .int({ error: '认领时限应为整数' })
    .min(1, { error: '认领时限至少1个工作日' })
    .max(30, { error: '认领时限不能超过30个工作日' }),
};
const weeklyDay = (v: { feedbackCycle?: string; feedbackDueDay?: number }) =>
  v.feedbackCycle !== 'weekly' || v.feedbackDueDay === undefined || v.feedbackDueDay <= 7;
const WEEKLY_DAY = { error: '按周反馈时，截止日应为星期几（1至7）', path: ['feedbackDueDay'] };

export const PlanCreate = z
  .object({
    /** an existing source, or a new one */
    sourceId: uuid('来源编号格式不正确').nullish(),
    source: SourceInput.nullish(),
    title: text('方案名称', 200),
    year,
    feedbackCycle: cycleFields.feedbackCycle.default('monthly'),
    feedbackDueDay: cycleFields.feedbackDueDay.default(25),
    claimWorkingDays: cycleFields.claimWorkingDays.default(3),
  })
  .refine((v) => Boolean(v.sourceId) !== Boolean(v.source), {
    error: '请填写任务来源',
    path: ['source'],
  })
  .refine(weeklyDay, WEEKLY_DAY);
export type PlanCreate = z.output<typeof PlanCreate>;

export const PlanUpdate = Versioned.extend({
  title: text('方案名称', 200).optional(),
  year: year.optional(),
  feedbackCycle: cycleFields.feedbackCycle.optional(),
  feedbackDueDay: cycleFields.feedbackDueDay.optional(),
  claimWorkingDays: cycleFields.claimWorkingDays.optional(),
  status: z.enum(PLAN_STATUSES, { error: '状态不正确' }).optional(),
  source: SourceInput.partial().optional(),
}).refine(weeklyDay, WEEKLY_DAY);
export type PlanUpdate = z.output<typeof PlanUpdate>;

export const PlanListQuery = PageQuery.extend({
  q: z.string().trim().max(50, { error: '关键字不能超过50个字' }).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(PLAN_STATUSES, { error: '状态不正确' }).optional(),
});
export type PlanListQuery = z.output<typeof PlanListQuery>;

export const PlanIdParams = IdParams;

const Source = z.object({
  id: z.string(),
  kind: z.enum(SOURCE_KINDS),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
});

const PlanCounts = z.object({
  tasks: z.number().int(),
  sections: z.number().int(),
  pending: z.number().int(),
  disputed: z.number().int(),
  claimed: z.number().int(),
  /** pending past the claim deadline */
  claimOverdue: z.number().int(),
});

export const PlanSummary = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  feedbackCycle: z.enum(FEEDBACK_CYCLES),
  feedbackDueDay: z.number().int(),
  claimWorkingDays: z.number().int(),
  source: Source,
  counts: PlanCounts,
  createdByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), import: z.boolean() }),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanPage = z.object({
  items: z.array(PlanSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  can: z.object({ create: z.boolean() }),
});
export type PlanPage = z.infer<typeof PlanPage>;

const Named = z.object({ id: z.string(), name: z.string() });

export const PlanTask = z.object({
  id: z.string(),
  number: z.string(),
  sectionId: z.string().nullable(),
  parentId: z.string().nullable(),
  sort: z.number().int(),
  content: z.string(),
  leadUnit: Named,
  partners: z.array(Named),
  leaders: z.array(Named),
  deadlineText: z.string(),
  deadlineKind: z.enum(['date', 'recurring', 'continuous']),
  deadlineOn: z.string().nullable(),
  recurrence: z.string().nullable(),
  milestones: z.array(
    z.object({ id: z.string(), title: z.string(), dueOn: z.string(), doneOn: z.string().nullable() }),
  ),
  targetValue: z.string().nullable(),
  targetUnit: z.string().nullable(),
  tags: z.array(z.string()),
  claimStatus: z.enum(CLAIM_STATUSES),
  claimDueOn: z.string(),
  claimOverdue: z.boolean(),
  disputeReason: z.string().nullable(),
  done: z.boolean(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type PlanTask = z.infer<typeof PlanTask>;

export const PlanSection = z.object({
  id: z.string(),
  ordinal: z.number().int(),
  label: z.string(),
  title: z.string(),
  tasks: z.number().int(),
});
export type PlanSection = z.infer<typeof PlanSection>;

export const PlanDetail = PlanSummary.extend({
  sections: z.array(PlanSection),
  tasks: z.array(PlanTask),
  can: z.object({ edit: z.boolean(), import: z.boolean(), addTask: z.boolean(), export: z.boolean() }),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const SectionCreate = z.object({
  title: text('章节标题', 200),
  /** 一 / (一); default the next Chinese numeral */
  label: optionalText('章节序号', 20),
});
export type SectionCreate = z.output<typeof SectionCreate>;

// ── a task, added or edited by hand ────────────────────────────────────────────────────────────────────────
export const TASK_CONTENT_MAX = 2000;
const DECIMAL_RE = /^-?\d{1,16}(?:\.\d{1,4})?$/;

const taskFields = {
  /** default: the next number in the section (or plan) */
  number: z
    .string()
    .trim()
    .max(32, { error: '序号不能超过32个字符' })
    .regex(/^[\d.-]*$/, { error: '序号只能包含数字、“.”和“-”，如 3.12' })
    .nullish()
    .transform((v) => v || null),
  sectionId: uuid('章节编号格式不正确')
    .nullish()
    .transform((v) => v ?? null),
  content: text('任务内容', TASK_CONTENT_MAX),
  leadUnitId: uuid('请选择牵头单位'),
  partnerUnitIds: z.array(uuid('配合单位编号格式不正确')).max(100, { error: '配合单位过多' }).default([]),
  leaderIds: z.array(uuid('责任领导编号格式不正确')).max(20, { error: '责任领导过多' }).default([]),
  /** 完成时限 as the source writes it; read by domain/tasks/deadline.ts, refused with the reason when unreadable */
  deadlineText: text('完成时限', 200),
  targetValue: z
    .string()
    .trim()
    .regex(DECIMAL_RE, { error: '目标值应为数字，如 1.2' })
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v || null),
  targetUnit: optionalText('计量单位', 20),
  tags: z
    .array(z.string().trim().min(1).max(20, { error: '标签不能超过20个字' }))
    .max(20)
    .default([]),
};

export const TaskCreate = z.object(taskFields);
export type TaskCreate = z.output<typeof TaskCreate>;

export const TaskUpdate = Versioned.extend({
  number: taskFields.number.optional(),
  sectionId: taskFields.sectionId.optional(),
  content: taskFields.content.optional(),
  leadUnitId: taskFields.leadUnitId.optional(),
  partnerUnitIds: z.array(uuid('配合单位编号格式不正确')).max(100).optional(),
  leaderIds: z.array(uuid('责任领导编号格式不正确')).max(20).optional(),
  deadlineText: taskFields.deadlineText.optional(),
  targetValue: taskFields.targetValue.optional(),
  targetUnit: taskFields.targetUnit.optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
});
export type TaskUpdate = z.output<typeof TaskUpdate>;

// ── import ─────────────────────────────────────────────────────────────────────────────────────────────────
export const ON_EXISTING = ['update', 'skip'] as const;
export type OnExisting = (typeof ON_EXISTING)[number];

const Suggestion = z.object({ id: z.string(), name: z.string() });
const Unmatched = z.object({ name: z.string(), rows: z.array(z.number().int()), suggestions: z.array(Suggestion) });

export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'skip'] as const;

export const PlanImportOutcome = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** existing tasks that differ but were left as they are (onExisting = skip) */
  skipped: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), column: z.string(), original: z.string(), message: z.string() })),
  /** things the office should know that do not stop a row: 牵头单位 reduced to the first, vague partners ignored */
  notes: z.array(z.object({ row: z.number().int(), message: z.string() })),
  sections: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  /** names written in the sheet that match no unit, each once, with the rows and the closest units */
  unmatchedUnits: z.array(Unmatched),
  /** leader names that match no leader (a leader mapping holds for one run only) */
  unmatchedLeaders: z.array(Unmatched),
  /** how the sheet's columns were read */
  columns: z.array(z.object({ letter: z.string(), header: z.string(), key: z.string(), label: z.string() })),
  unknown: z.array(z.object({ letter: z.string(), header: z.string() })),
  warnings: z.array(z.string()),
  /** the rows as read, for the preview table (the first 2,000) */
  preview: z.array(
    z.object({
      row: z.number().int(),
      number: z.string(),
      section: z.string().nullable(),
      content: z.string(),
      leadUnit: z.string(),
      deadlineText: z.string(),
      deadline: z.string(),
      action: z.enum(IMPORT_ACTIONS),
    }),
  ),
});
export type PlanImportOutcome = z.infer<typeof PlanImportOutcome>;

/** The import's form fields besides the file (multipart text fields). */
export const PlanImportFields = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun 应为 true 或 false' })
    .default('true')
    .transform((v) => v === 'true'),
  unitMapping: z.record(z.string(), uuid('单位编号格式不正确')).default({}),
  leaderMapping: z.record(z.string(), uuid('领导编号格式不正确')).default({}),
  onExisting: z.enum(ON_EXISTING, { error: 'onExisting 应为 skip 或 update' }).default('update'),
});
export type PlanImportFields = z.output<typeof PlanImportFields>;

// ── claiming ───────────────────────────────────────────────────────────────────────────────────────────────
export const CLAIM_FILTERS = ['open', 'pending', 'disputed', 'claimed', 'all'] as const;
export type ClaimFilter = (typeof CLAIM_FILTERS)[number];

export const ClaimListQuery = PageQuery.extend({
  planId: uuid('分工方案编号格式不正确').optional(),
  /** open = pending and disputed (default) */
  status: z.enum(CLAIM_FILTERS, { error: '认领状态不正确' }).default('open'),
  unitId: uuid('单位编号格式不正确').optional(),
  q: z.string().trim().max(50, { error: '关键字不能超过50个字' }).optional(),
});
export type ClaimListQuery = z.output<typeof ClaimListQuery>;

export const ClaimItem = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  number: z.string(),
  content: z.string(),
  sectionTitle: z.string().nullable(),
  leadUnit: Named,
  partnerNames: z.array(z.string()),
  leaderNames: z.array(z.string()),
  deadlineText: z.string(),
  claimStatus: z.enum(CLAIM_STATUSES),
  claimDueOn: z.string(),
  /** still pending after the claim deadline */
  claimOverdue: z.boolean(),
  /** working days past the claim deadline (0 unless overdue) */
  claimOverdueDays: z.number().int(),
  claimedAt: z.string().nullable(),
  claimedByName: z.string().nullable(),
  disputeReason: z.string().nullable(),
  version: z.number().int(),
  can: z.object({ claim: z.boolean(), dispute: z.boolean(), reassign: z.boolean() }),
});
export type ClaimItem = z.infer<typeof ClaimItem>;

export const ClaimPage = z.object({
  items: z.array(ClaimItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ pending: z.number().int(), disputed: z.number().int(), overdue: z.number().int() }),
  can: z.object({ remind: z.boolean(), reassign: z.boolean() }),
});
export type ClaimPage = z.infer<typeof ClaimPage>;

export const CLAIM_NOTE_MAX = 500;
export const ClaimRequest = Versioned;
export const DisputeRequest = Versioned.extend({
  reason: z
    .string({ error: '请填写异议理由' })
    .trim()
    .min(4, { error: '请写清楚异议理由（至少4个字）' })
    .max(CLAIM_NOTE_MAX, { error: `异议理由不能超过${CLAIM_NOTE_MAX}个字` }),
});
export type DisputeRequest = z.output<typeof DisputeRequest>;
export const ReassignRequest = Versioned.extend({
  leadUnitId: uuid('请选择改派的牵头单位'),
  note: optionalText('改派说明', CLAIM_NOTE_MAX),
});
export type ReassignRequest = z.output<typeof ReassignRequest>;

export const RemindRequest = z.object({ planId: uuid('分工方案编号格式不正确').nullish() });
export const RemindResponse = z.object({
  units: z.number().int(),
  tasks: z.number().int(),
  /** notices created (a unit reminded today already is not reminded again) */
  notified: z.number().int(),
});
export type RemindResponse = z.infer<typeof RemindResponse>;
