import { z } from 'zod';
import { calendarDataSchema } from '../common/calendar.ts';
import { IdParams, PageQuery, queryFlag, Versioned } from '../common/contracts.ts';
import { wan } from '../projects/contracts.ts';
import { STAGES } from '../projects/project.ts';
import { itemSettingsSchema } from './items.ts';
import { REPORT_TIMINGS, type ReportTiming, reportingScheduleSchema } from './schedule.ts';
import { LIGHTS, type Light, warningThresholdsSchema } from './warnings.ts';

/**
 * Request and response contracts of the weekly dispatch (周调度). Amounts travel as strings of 万元 with two decimals
 * ("12345.60"), like the project library. A week is an ISO week key, "2026-W48".
 */
export const WEEK_KEY_RE = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
export const weekKey = z.string({ error: '请选择周次' }).regex(WEEK_KEY_RE, { error: '周次格式应为2026-W48' });

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已审核', en: 'Accepted' },
};

/** Timeliness (derived from the first submission and the week's deadline and grace) and the investment light. */
export const TIMINGS = REPORT_TIMINGS;
export type Timing = ReportTiming;
export { LIGHTS, type Light };

export const VISIBLE_PROGRESS_MAX = 500;
export const MILESTONE_MAX = 100;
export const RETURN_REASON_MAX = 300;
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;

// ── requests ───────────────────────────────────────────────────────────────────────────────────────────────
export const WeekParams = z.object({ week: weekKey });
export const ReportKeyParams = z.object({ projectId: z.uuid({ error: '项目编号格式不正确' }), week: weekKey });
export const ReportIdParams = IdParams;
export const PhotoParams = z.object({
  id: z.uuid({ error: '周报编号格式不正确' }),
  photoId: z.uuid({ error: '照片编号格式不正确' }),
});

const reportFields = {
  investedThisWeek: wan('本周完成投资'),
  visibleProgress: z
    .string({ error: '请填写形象进度' })
    .trim()
    .max(VISIBLE_PROGRESS_MAX, { error: `形象进度不能超过${VISIBLE_PROGRESS_MAX}个字` }),
  workersOnSite: z
    .number({ error: '在岗人数应为整数' })
    .int({ error: '在岗人数应为整数' })
    .min(0, { error: '在岗人数不能为负数' })
    .max(100_000, { error: '在岗人数过大' })
    .nullable(),
  milestone: z
    .string()
    .trim()
    .max(MILESTONE_MAX, { error: `节点不能超过${MILESTONE_MAX}个字` })
    .nullable()
    .transform((v) => v || null),
};

/** Save (create or update) the week's report as a draft, or save and submit in one go. */
export const ReportSave = z.object({
  ...reportFields,
  /** the version read; absent when the report does not exist yet */
  version: z.number().int().min(1).optional(),
  submit: z.boolean().default(false),
});
export type ReportSave = z.output<typeof ReportSave>;

export const ReportReturn = Versioned.extend({
  reason: z
    .string({ error: '请填写退回原因' })
    .trim()
    .min(2, { error: '请填写退回原因' })
    .max(RETURN_REASON_MAX, { error: `退回原因不能超过${RETURN_REASON_MAX}个字` }),
});
export const ReportAccept = Versioned;

export const AmendmentRequest = Versioned.extend({
  ...reportFields,
  reason: z
    .string({ error: '请填写更正原因' })
    .trim()
    .min(2, { error: '请填写更正原因' })
    .max(RETURN_REASON_MAX, { error: `更正原因不能超过${RETURN_REASON_MAX}个字` }),
});
export type AmendmentRequest = z.output<typeof AmendmentRequest>;
export const AmendmentParams = z.object({
  id: z.uuid({ error: '周报编号格式不正确' }),
  amendmentId: z.uuid({ error: '更正申请编号格式不正确' }),
});
export const AmendmentDecision = z.object({
  approve: z.boolean({ error: '请选择同意或不同意' }),
  note: z.string().trim().max(RETURN_REASON_MAX).nullable().default(null),
});

/** The week's board: every reporting project in scope with its report state. */
export const WeekBoardQuery = PageQuery.extend({
  week: weekKey.optional(),
  q: z.string().trim().max(50).optional(),
  /** a report status, `none` (no report yet) or `counted` (submitted or accepted: 已报) */
  status: z.enum([...REPORT_STATUSES, 'none', 'counted'] as const).optional(),
  timing: z.enum(TIMINGS).optional(),
  light: z.enum(LIGHTS).optional(),
  regionCode: z.string().max(6).optional(),
  /** only the projects the caller is site commissioner of */
  mine: queryFlag.optional(),
});
export type WeekBoardQuery = z.output<typeof WeekBoardQuery>;

// ── responses ──────────────────────────────────────────────────────────────────────────────────────────────
const Issue = z.object({ code: z.string(), zh: z.string(), en: z.string() });

export const ReportPhoto = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  caption: z.string().nullable(),
  takenAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  verified: z.boolean(),
  issues: z.array(Issue),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type ReportPhoto = z.infer<typeof ReportPhoto>;

export const Amendment = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reason: z.string(),
  before: z.record(z.string(), z.unknown()),
  proposed: z.record(z.string(), z.unknown()),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

const Pacing = z.object({
  /** Σ of the year's submitted weeks including this one, 万元 */
  investedYtd: z.string(),
  /** Σ of the year's submitted weeks before this one: the form adds what is typed to it */
  investedBeforeWeek: z.string(),
  /** the planned cumulative for the week's month (monthly plan, else straight line), 万元; null without a plan */
  scheduleCumulative: z.string().nullable(),
  /** the light's thresholds in percentage points, so the form can show the light for what is typed */
  thresholds: z.object({ yellowBelowPoints: z.number(), redBelowPoints: z.number() }),
  annualPlan: z.string().nullable(),
  /** tenths of a percent as text: "63.4" */
  completionPct: z.string().nullable(),
  schedulePct: z.string().nullable(),
  light: z.enum(LIGHTS),
  /** the most this week may add: total investment − everything reported before, 万元 */
  remainingInvestment: z.string(),
});

export const WeeklyReport = z.object({
  id: z.string().nullable(),
  projectId: z.string(),
  projectName: z.string(),
  projectStage: z.enum(STAGES),
  regionName: z.string(),
  responsibleUnitName: z.string(),
  week: z.string(),
  weekLabel: z.string(),
  status: z.enum([...REPORT_STATUSES, 'none'] as const),
  timing: z.enum(TIMINGS),
  deadline: z.string(),
  /** false when the official calendar for this year is not known (weekends only) */
  calendarKnown: z.boolean(),
  investedThisWeek: z.string(),
  visibleProgress: z.string(),
  workersOnSite: z.number().int().nullable(),
  milestone: z.string().nullable(),
  /** true when the figures shown are last week's, offered as a starting point for a new report */
  prefilled: z.boolean(),
  pacing: Pacing,
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  returnedReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  photos: z.array(ReportPhoto),
  amendments: z.array(Amendment),
  /** an inspection saw something other than this report says (督查发现与上报不符) */
  inspectionFlag: z.object({ note: z.string(), at: z.string().nullable() }).nullable(),
  version: z.number().int().nullable(),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    amend: z.boolean(),
    decideAmendment: z.boolean(),
    addPhoto: z.boolean(),
    removePhoto: z.boolean(),
  }),
});
export type WeeklyReport = z.infer<typeof WeeklyReport>;

export const WeekBoardRow = z.object({
  projectId: z.string(),
  projectName: z.string(),
  projectCode: z.string().nullable(),
  stage: z.enum(STAGES),
  regionName: z.string(),
  responsibleUnitName: z.string(),
  reportId: z.string().nullable(),
  status: z.enum([...REPORT_STATUSES, 'none'] as const),
  timing: z.enum(TIMINGS),
  investedThisWeek: z.string().nullable(),
  investedYtd: z.string(),
  annualPlan: z.string().nullable(),
  completionPct: z.string().nullable(),
  schedulePct: z.string().nullable(),
  light: z.enum(LIGHTS),
  photoCount: z.number().int(),
  unverifiedPhotos: z.number().int(),
  submittedAt: z.string().nullable(),
});
export type WeekBoardRow = z.infer<typeof WeekBoardRow>;

export const WeekBoard = z.object({
  week: z.string(),
  weekLabel: z.string(),
  deadline: z.string(),
  graceEnd: z.string(),
  /** false when the official calendar for this year is not known (weekends only) */
  calendarKnown: z.boolean(),
  counts: z.object({
    expected: z.number().int(),
    submitted: z.number().int(),
    /** submitted and not yet reviewed (待审核) */
    pendingReview: z.number().int(),
    accepted: z.number().int(),
    returned: z.number().int(),
    draft: z.number().int(),
    none: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
  }),
  items: z.array(WeekBoardRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  can: z.object({ review: z.boolean(), report: z.boolean() }),
});
export type WeekBoard = z.infer<typeof WeekBoard>;

// ── settings ───────────────────────────────────────────────────────────────────────────────────────────────
/** The weekly dispatch's settings, each with the version read (0 = never saved, the defaults apply). */
export const DispatchSettings = z.object({
  schedule: reportingScheduleSchema,
  thresholds: warningThresholdsSchema,
  items: itemSettingsSchema,
  /** the years of the official calendar added by an administrator (the built-in years are listed apart) */
  calendarExtra: calendarDataSchema,
  builtInYears: z.array(z.number().int()),
  versions: z.object({
    schedule: z.number().int(),
    thresholds: z.number().int(),
    items: z.number().int(),
    calendar: z.number().int(),
  }),
});
export type DispatchSettings = z.infer<typeof DispatchSettings>;

/** One part of the settings at a time, with the version read. */
export const DispatchSettingsUpdate = z.discriminatedUnion(
  'part',
  [
    z.object({ part: z.literal('schedule'), value: reportingScheduleSchema, version: z.number().int().min(0) }),
    z.object({ part: z.literal('thresholds'), value: warningThresholdsSchema, version: z.number().int().min(0) }),
    z.object({ part: z.literal('items'), value: itemSettingsSchema, version: z.number().int().min(0) }),
    z.object({ part: z.literal('calendar'), value: calendarDataSchema, version: z.number().int().min(0) }),
  ],
  { error: '请指明要保存的设置' },
);
export type DispatchSettingsUpdate = z.infer<typeof DispatchSettingsUpdate>;
