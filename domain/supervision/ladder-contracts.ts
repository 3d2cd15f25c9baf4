import { z } from 'zod';
import { isIsoDate } from '../common/calendar.ts';
import { IdParams, PageQuery, pageOf } from '../common/contracts.ts';
import { STEP_STATUSES } from './ladder.ts';
import { LADDER_STEPS, NOTICE_POLARITIES, SUPERVISABLE_TYPES } from './model.ts';

/** Request and response contracts of the supervision ladder, the board, the inbox and the suggestions. */

export const REASON_MAX = 1000;
export const LONG_TEXT_MAX = 2000;

const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .refine(isIsoDate, { error: `${label}格式应为2026-11-30` })
    .nullable()
    .default(null);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullable()
    .default(null)
    .transform((v) => v || null);

export const StepIssue = z
  .object({
    objectType: z.enum(SUPERVISABLE_TYPES, { error: '请选择督办对象类型' }),
    objectId: z.uuid({ error: '请选择督办对象' }),
    step: z.enum(LADDER_STEPS, { error: '请选择督办方式' }),
    /** the addressed unit; defaults to the object's responsible unit */
    unitId: z.uuid({ error: '承办单位格式不正确' }).nullable().default(null),
    reason: z
      .string({ error: '请填写事由' })
      .trim()
      .min(2, { error: '请填写事由' })
      .max(REASON_MAX, { error: `事由不能超过${REASON_MAX}个字` }),
    /** 督办要求: what must be done (required for an order) */
    requirement: optionalText('督办要求', LONG_TEXT_MAX),
    /** 办理时限 (required for an order) */
    dueOn: isoDate('办理时限'),
    /** notices: 通报批评 / 通报表扬 */
    polarity: z.enum(NOTICE_POLARITIES, { error: '请选择通报类型' }).nullable().default(null),
    /** the written reason when a rung is skipped */
    skipReason: optionalText('越级理由', REASON_MAX),
    /** 约谈 */
    meetingOn: isoDate('约谈日期'),
    participants: optionalText('参加人员', 500),
    record: optionalText('约谈记录', LONG_TEXT_MAX),
    /** 问责 */
    decision: optionalText('问责决定', LONG_TEXT_MAX),
    decisionRef: optionalText('决定文号', 100),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.step === 'order') {
      if (!v.requirement) need('requirement', '请填写督办要求');
      if (!v.dueOn) need('dueOn', '请填写办理时限');
    }
    if (v.step === 'notice' && !v.polarity) need('polarity', '请选择通报批评或通报表扬');
    if (v.step !== 'notice' && v.polarity) need('polarity', '只有通报区分批评和表扬');
    if (v.step === 'admonition') {
      if (!v.meetingOn) need('meetingOn', '请填写约谈日期');
      if (!v.participants) need('participants', '请填写参加人员');
    }
    if (v.step === 'accountability' && !v.decision) need('decision', '请填写问责决定');
  });
export type StepIssue = z.output<typeof StepIssue>;
export type StepIssueInput = z.input<typeof StepIssue>;

export const StepRespond = z.object({
  response: z
    .string({ error: '请填写答复' })
    .trim()
    .min(2, { error: '请填写答复内容' })
    .max(LONG_TEXT_MAX, { error: `答复不能超过${LONG_TEXT_MAX}个字` }),
  version: z.number().int().min(1).optional(),
});
export type StepRespond = z.output<typeof StepRespond>;

export const StepClose = z.object({ version: z.number().int().min(1).optional() });
export type StepClose = z.output<typeof StepClose>;

export const StepIdParams = IdParams;

export const StepListQuery = PageQuery.extend({
  objectType: z.enum(SUPERVISABLE_TYPES).optional(),
  objectId: z.uuid({ error: '对象编号格式不正确' }).optional(),
  unitId: z.uuid({ error: '单位编号格式不正确' }).optional(),
  step: z.enum(LADDER_STEPS).optional(),
  status: z.enum(STEP_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** number, object or reason contains */
  q: z.string().trim().max(50).optional(),
});
export type StepListQuery = z.output<typeof StepListQuery>;

export const LadderStepView = z.object({
  id: z.string(),
  objectType: z.enum(SUPERVISABLE_TYPES),
  objectId: z.string(),
  objectLabel: z.string(),
  /** where the object opens in the web app */
  objectLink: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  step: z.enum(LADDER_STEPS),
  number: z.string().nullable(),
  polarity: z.enum(NOTICE_POLARITIES).nullable(),
  reason: z.string(),
  requirement: z.string().nullable(),
  dueOn: z.string().nullable(),
  skipReason: z.string().nullable(),
  meetingOn: z.string().nullable(),
  participants: z.string().nullable(),
  record: z.string().nullable(),
  decision: z.string().nullable(),
  decisionRef: z.string().nullable(),
  origin: z.string(),
  issuedByName: z.string(),
  issuedAt: z.string(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  respondedByName: z.string().nullable(),
  status: z.enum(STEP_STATUSES),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  /** past its 办理时限 and not closed */
  overdue: z.boolean(),
  version: z.number().int(),
  can: z.object({ respond: z.boolean(), close: z.boolean(), orderDocx: z.boolean() }),
});
export type LadderStepView = z.infer<typeof LadderStepView>;

export const StepPage = pageOf(LadderStepView).extend({
  can: z.object({ issue: z.boolean() }),
});
export type StepPage = z.infer<typeof StepPage>;

// ── suggestions ───────────────────────────────────────────────────────────────────────────────────────────
export const SuggestionView = z.object({
  key: z.string(),
  code: z.string(),
  step: z.enum(LADDER_STEPS),
  polarity: z.enum(NOTICE_POLARITIES).nullable(),
  objectType: z.enum(SUPERVISABLE_TYPES),
  objectId: z.string(),
  objectLabel: z.string(),
  objectLink: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  reason: z.string(),
  skipReason: z.string().nullable(),
  /** what a one-click issue sends: the 督办要求 and 办理时限 of an order (working days from today), a reminder's date */
  requirement: z.string().nullable(),
  dueOn: z.string().nullable(),
});
export type SuggestionView = z.infer<typeof SuggestionView>;
export const SuggestionList = z.object({ asOf: z.string(), items: z.array(SuggestionView) });
export type SuggestionList = z.infer<typeof SuggestionList>;

// ── the unit's record (for the assessment) ─────────────────────────────────────────────────────────────────
export const RecordCounts = z.object({
  /** every 催办, and of them those the system sent before or after a due date */
  reminder: z.number().int(),
  autoReminder: z.number().int(),
  order: z.number().int(),
  /** critical notices (通报批评) */
  notice: z.number().int(),
  /** commending notices (通报表扬) */
  commendation: z.number().int(),
  admonition: z.number().int(),
  accountability: z.number().int(),
});
export type RecordCounts = z.infer<typeof RecordCounts>;
export const LadderRecord = z.object({
  unitId: z.string(),
  year: z.number().int(),
  quarters: z.array(RecordCounts.extend({ quarter: z.number().int() })),
  total: RecordCounts,
});
export type LadderRecord = z.infer<typeof LadderRecord>;
export const RecordParams = z.object({ unitId: z.uuid({ error: '单位编号格式不正确' }) });
export const RecordQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

// ── board ─────────────────────────────────────────────────────────────────────────────────────────────────
export const BoardQuery = z.object({
  planId: z.uuid({ error: '分工方案编号格式不正确' }).optional(),
  by: z.enum(['unit', 'leader']).default('unit'),
});
export type BoardQuery = z.output<typeof BoardQuery>;

export const BoardCounts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  overdue: z.number().int(),
  /** feedback cycles due this year, and those first submitted by their due date */
  cyclesDue: z.number().int(),
  cyclesOnTime: z.number().int(),
  /** percent with one decimal, null when nothing was due */
  onTimePct: z.number().nullable(),
  openOrders: z.number().int(),
  /** null for a leader's portfolio (rectifications belong to units) */
  openRectifications: z.number().int().nullable(),
  overdueInstructions: z.number().int(),
  stepsThisQuarter: z.number().int(),
  lastAcceptedOn: z.string().nullable(),
});
export type BoardCounts = z.infer<typeof BoardCounts>;

export const BoardRow = BoardCounts.extend({
  id: z.string(),
  name: z.string(),
  /** /tasks?unitId=… or /tasks?leaderId=… (add &status=… to drill into a count) */
  link: z.string(),
});
export type BoardRow = z.infer<typeof BoardRow>;

export const Board = z.object({
  by: z.enum(['unit', 'leader']),
  asOf: z.string(),
  quarter: z.string(),
  rows: z.array(BoardRow),
  totals: BoardCounts,
});
export type Board = z.infer<typeof Board>;

// ── inbox ─────────────────────────────────────────────────────────────────────────────────────────────────
export const INBOX_KINDS = ['feedback', 'feedback_part', 'claim', 'step', 'instruction', 'rectification'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const InboxItem = z.object({
  key: z.string(),
  kind: z.enum(INBOX_KINDS),
  title: z.string(),
  detail: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  link: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const Inbox = z.object({
  unitId: z.string(),
  unitName: z.string(),
  asOf: z.string(),
  items: z.array(InboxItem),
});
export type Inbox = z.infer<typeof Inbox>;

// ── documents ─────────────────────────────────────────────────────────────────────────────────────────────
export const NoticeDocxQuery = z.object({
  month: z
    .string({ error: '请选择月份' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为2026-10' })
    .optional(),
  planId: z.uuid({ error: '分工方案编号格式不正确' }).optional(),
});
export type NoticeDocxQuery = z.output<typeof NoticeDocxQuery>;
