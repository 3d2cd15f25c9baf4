import { z } from 'zod';
import { IdParams, PageQuery, text, Versioned } from '../common/contracts.ts';
import { formatWan, parseWan, type Wan } from '../common/money.ts';
import { REGION_CODE_RE } from '../org/region.ts';
import { GATES } from './admission.ts';
import { normalizeProjectCode, normalizeUscc, usccProblems } from './codes.ts';
import { APPROVAL_ITEMS, CATEGORIES, FUNDING_SOURCES, ISO_DATE_RE, LEVELS, STAGES } from './project.ts';

/**
 * Request and response contracts of the project library. Amounts travel as strings of 万元 with two decimals
 * ("12345.60"); a JSON number is accepted only when its text has at most two decimals (no float drift).
 */
const MAX_WAN = 10n ** 16n * 100n;

export const wan = (label: string) =>
  z.union([z.string(), z.number()], { error: `请填写${label}` }).transform((v, ctx): string => {
    const parsed = parseWan(String(v).replaceAll(',', ''));
    if (parsed === null) {
      ctx.addIssue({ code: 'custom', message: `${label}应为金额(万元,最多两位小数)` });
      return z.NEVER;
    }
    if (parsed < 0n) {
      ctx.addIssue({ code: 'custom', message: `${label}不能为负数` });
      return z.NEVER;
    }
    if (parsed >= MAX_WAN) {
      ctx.addIssue({ code: 'custom', message: `${label}数额过大` });
      return z.NEVER;
    }
    return formatWan(parsed);
  });

const decimal2 = (label: string, unit: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx): string => {
    const parsed = parseWan(String(v));
    if (parsed === null || parsed < 0n) {
      ctx.addIssue({ code: 'custom', message: `${label}应为不小于0的数(${unit},最多两位小数)` });
      return z.NEVER;
    }
    return formatWan(parsed);
  });

const isoDate = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(ISO_DATE_RE, { error: `${label}格式应为 yyyy-MM-dd` });

const uscc = z
  .string()
  .transform((v) => normalizeUscc(v))
  .superRefine((v, ctx) => {
    for (const message of usccProblems(v)) ctx.addIssue({ code: 'custom', message });
  });

const projectCode = z.string().transform((v, ctx) => {
  const n = normalizeProjectCode(v);
  if (!n) {
    ctx.addIssue({
      code: 'custom',
      message: '项目代码格式应为 TTTT-AAAAAA-BB-CC-NNNNNN(24位,如 2509-320193-89-01-544060)',
    });
    return z.NEVER;
  }
  return n;
});

export const ApprovalState = z.object({
  done: z.boolean(),
  date: isoDate('办结日期').nullable().optional(),
  docNo: z.string().trim().max(100, { error: '文号不能超过100个字符' }).nullable().optional(),
});
export type ApprovalState = z.infer<typeof ApprovalState>;

const projectFields = {
  name: text('项目名称', 200),
  projectCode: projectCode.nullable().optional(),
  ownerName: text('建设单位', 200),
  ownerUscc: uscc.nullable().optional(),
  regionCode: z.string({ error: '请选择所属区县' }).regex(REGION_CODE_RE, { error: '请选择所属区县' }),
  responsibleUnitId: z.uuid({ error: '请选择责任单位' }),
  leadOfficialId: z.uuid({ error: '包抓领导不存在' }).nullable().optional(),
  teamMemberIds: z.array(z.uuid()).max(3, { error: '“1+3”包抓团队最多三名成员' }).default([]),
  siteCommissionerId: z.uuid({ error: '驻工地专员不存在' }).nullable().optional(),
  level: z.enum(LEVELS, { error: '请选择项目级别' }),
  category: z.enum(CATEGORIES, { error: '请选择项目类别' }),
  industry: z
    .string()
    .trim()
    .regex(/^[A-T](\d{2}|\d{3}|\d{4})?$/, { error: '行业代码应为 GB/T 4754 门类字母加2-4位数字,如 C3562' })
    .nullable()
    .optional(),
  fundingSource: z.enum(FUNDING_SOURCES, { error: '请选择投资来源' }),
  totalInvestment: wan('总投资'),
  annualPlan: wan('年度计划投资').nullable().optional(),
  planYear: z.number().int().min(2000).max(2100).optional(),
  /** planned cumulative investment by month (12 values); an even spread of the annual plan when left out */
  monthlyPlan: z.array(wan('月度计划')).length(12, { error: '月度计划应有12个月的累计值' }).nullable().optional(),
  plannedStartDate: isoDate('计划开工日期').nullable().optional(),
  plannedCompletionDate: isoDate('计划竣工日期').nullable().optional(),
  landArea: decimal2('用地面积', '亩').nullable().optional(),
  expectedAnnualOutput: wan('预计年产值').nullable().optional(),
  expectedAnnualTax: wan('预计年税收').nullable().optional(),
  energyUse: decimal2('年综合能耗', '吨标煤').nullable().optional(),
  longitude: z
    .number()
    .min(73, { error: '经度应在73至136之间' })
    .max(136, { error: '经度应在73至136之间' })
    .nullable()
    .optional(),
  latitude: z
    .number()
    .min(3, { error: '纬度应在3至54之间' })
    .max(54, { error: '纬度应在3至54之间' })
    .nullable()
    .optional(),
  groundbreakingBatch: z.string().trim().max(50).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  environmentalAssessment: z.boolean().default(false),
  obsoleteCapacity: z.boolean().default(false),
  overcapacity: z.boolean().default(false),
  highEnergyHighEmission: z.boolean().default(false),
  approvals: z.partialRecord(z.enum(APPROVAL_ITEMS), ApprovalState).default({}),
};

const w = (s: string | null | undefined): Wan | null => (s ? parseWan(s) : null);

/** Cross-field rules every create and update passes: amounts and dates that cannot both be true. */
const crossField = <T extends z.ZodType<ProjectInputShape>>(schema: T) =>
  schema.superRefine((p, ctx) => {
    const total = w(p.totalInvestment)!;
    const annual = w(p.annualPlan);
    if (annual !== null && annual > total) {
      ctx.addIssue({ code: 'custom', path: ['annualPlan'], message: '年度计划投资不能超过总投资' });
    }
    if (p.plannedStartDate && p.plannedCompletionDate && p.plannedCompletionDate < p.plannedStartDate) {
      ctx.addIssue({ code: 'custom', path: ['plannedCompletionDate'], message: '计划竣工日期不能早于计划开工日期' });
    }
    if (p.monthlyPlan) {
      const m = p.monthlyPlan.map((x) => w(x)!);
      if (m.some((v, i) => i > 0 && v < m[i - 1]!)) {
        ctx.addIssue({ code: 'custom', path: ['monthlyPlan'], message: '月度计划是逐月累计数,不能比上月少' });
      } else if (annual !== null && m[11] !== annual) {
        ctx.addIssue({ code: 'custom', path: ['monthlyPlan'], message: '12月的累计计划应等于年度计划投资' });
      }
    }
    if ((p.longitude == null) !== (p.latitude == null)) {
      ctx.addIssue({ code: 'custom', path: ['latitude'], message: '经度和纬度须同时填写' });
    }
  });

type ProjectInputShape = {
  totalInvestment: string;
  annualPlan?: string | null;
  plannedStartDate?: string | null;
  plannedCompletionDate?: string | null;
  monthlyPlan?: string[] | null;
  longitude?: number | null;
  latitude?: number | null;
};

export const ProjectCreate = crossField(z.object(projectFields));
export type ProjectCreate = z.output<typeof ProjectCreate>;
export const ProjectUpdate = crossField(Versioned.extend(projectFields));
export type ProjectUpdate = z.output<typeof ProjectUpdate>;

export const ProjectIdParams = IdParams;

export const TransitionRequest = Versioned.extend({
  to: z.enum(STAGES, { error: '目标阶段不存在' }),
  reason: z.string().trim().max(500, { error: '原因不能超过500个字符' }).optional(),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export const OverrideRequest = Versioned.extend({
  gate: z.enum(GATES, { error: '准入关不存在' }),
  reason: text('豁免理由', 500),
});
export type OverrideRequest = z.infer<typeof OverrideRequest>;

const csv = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

export const PROJECT_SORTS = ['updatedAt', 'name', 'totalInvestment', 'annualPlan', 'plannedStartDate'] as const;

export const ProjectListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  regionCode: z.string().regex(REGION_CODE_RE).optional(),
  unitId: z.uuid().optional(),
  stage: csv(z.enum(STAGES)),
  level: csv(z.enum(LEVELS)),
  category: csv(z.enum(CATEGORIES)),
  fundingSource: csv(z.enum(FUNDING_SOURCES)),
  batch: z.string().trim().max(50).optional(),
  leadOfficialId: z.uuid().optional(),
  tag: z.string().trim().max(20).optional(),
  minInvestment: wan('最小总投资').optional(),
  maxInvestment: wan('最大总投资').optional(),
  sort: z.enum(PROJECT_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ProjectListQuery = z.output<typeof ProjectListQuery>;

// ── responses ────────────────────────────────────────────────────────────────────────────────────────────
const Person = z.object({ id: z.string(), name: z.string(), since: z.string() });

export const Project = z.object({
  id: z.string(),
  name: z.string(),
  projectCode: z.string().nullable(),
  ownerName: z.string(),
  ownerUscc: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  responsibleUnitId: z.string(),
  responsibleUnitName: z.string(),
  leadOfficial: Person.nullable(),
  team: z.array(Person),
  siteCommissioner: Person.nullable(),
  level: z.enum(LEVELS),
  category: z.enum(CATEGORIES),
  industry: z.string().nullable(),
  fundingSource: z.enum(FUNDING_SOURCES),
  totalInvestment: z.string(),
  annualPlan: z.string().nullable(),
  planYear: z.number().int(),
  monthlyPlan: z.array(z.string()).nullable(),
  plannedStartDate: z.string().nullable(),
  plannedCompletionDate: z.string().nullable(),
  actualStartDate: z.string().nullable(),
  actualCompletionDate: z.string().nullable(),
  newStart: z.boolean().nullable(),
  landArea: z.string().nullable(),
  expectedAnnualOutput: z.string().nullable(),
  expectedAnnualTax: z.string().nullable(),
  energyUse: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  groundbreakingBatch: z.string().nullable(),
  tags: z.array(z.string()),
  environmentalAssessment: z.boolean(),
  obsoleteCapacity: z.boolean(),
  overcapacity: z.boolean(),
  highEnergyHighEmission: z.boolean(),
  approvals: z.record(z.string(), ApprovalState),
  stage: z.enum(STAGES),
  suspendedFrom: z.string().nullable(),
  admission: z.object({
    failed: z.array(z.object({ gate: z.string(), message: z.string() })),
    overrides: z.array(z.object({ gate: z.string(), reason: z.string(), byName: z.string(), at: z.string() })),
  }),
  version: z.number().int(),
  updatedAt: z.string(),
  can: z.object({
    edit: z.boolean(),
    override: z.boolean(),
    /** every stage: whether the caller may move the project there now, and if not, why */
    transitions: z.array(
      z.object({
        to: z.enum(STAGES),
        allowed: z.boolean(),
        needsReason: z.boolean(),
        blockers: z.array(z.object({ code: z.string(), message: z.string() })),
      }),
    ),
  }),
});
export type Project = z.infer<typeof Project>;

export const ProjectPage = z.object({
  items: z.array(
    Project.omit({ can: true, monthlyPlan: true, approvals: true }).extend({ can: z.object({ edit: z.boolean() }) }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Σ total investment of every row matching the filters (not only this page), 万元 */
  sumTotalInvestment: z.string(),
});

const StatRow = z.object({
  key: z.string(),
  count: z.number().int(),
  totalInvestment: z.string(),
  annualPlan: z.string(),
});
export const ProjectStats = z.object({
  byStage: z.array(StatRow),
  byCategory: z.array(StatRow),
  byRegion: z.array(StatRow),
  byLevel: z.array(StatRow),
});

// ── 策划包装: yearly quotas and the monthly report ────────────────────────────────────────────────────────────
const year = z.coerce.number({ error: '年份应为数字' }).int().min(2000, { error: '年份超出范围' }).max(2100, {
  error: '年份超出范围',
});
export const PlanningReportQuery = z.object({
  year: year.optional(),
  month: z.coerce
    .number({ error: '月份应为数字' })
    .int()
    .min(1, { error: '月份应为1-12' })
    .max(12, {
      error: '月份应为1-12',
    })
    .optional(),
});
export const QuotaParams = z.object({ year, unitId: z.uuid({ error: '单位编号格式不正确' }) });
export const QuotaUpdate = z.object({
  countQuota: z
    .number({ error: '请填写项目个数任务' })
    .int({ error: '项目个数任务应为整数' })
    .min(0, { error: '项目个数任务不能为负数' })
    .max(100_000, { error: '项目个数任务过大' }),
  investmentQuota: wan('总投资任务'),
  /** 0 for a unit without a quota this year */
  version: z.number().int().min(0),
});
export type QuotaUpdate = z.infer<typeof QuotaUpdate>;

const PlanningFigures = z.object({
  countQuota: z.number().int().nullable(),
  investmentQuota: z.string().nullable(),
  monthCount: z.number().int(),
  monthInvestment: z.string(),
  count: z.number().int(),
  investment: z.string(),
  /** "83.3" (percent, one decimal) or null without a quota */
  countRate: z.string().nullable(),
  investmentRate: z.string().nullable(),
});
export const PlanningReport = z.object({
  year: z.number().int(),
  month: z.number().int(),
  /** the time schedule, month / 12, "41.7" */
  schedule: z.string(),
  /** the lead sentence of the 每月通报 */
  summary: z.string(),
  rows: z.array(
    PlanningFigures.extend({
      unitId: z.uuid(),
      unitName: z.string(),
      status: z.enum(['done', 'on_pace', 'behind', 'no_quota']),
      rank: z.number().int().nullable(),
      /** the quota row's version for an edit (0 = none yet) */
      quotaVersion: z.number().int(),
    }),
  ),
  totals: PlanningFigures,
  can: z.object({ editQuotas: z.boolean() }),
});
export type PlanningReport = z.infer<typeof PlanningReport>;
export const Quota = z.object({
  year: z.number().int(),
  unitId: z.uuid(),
  unitName: z.string(),
  countQuota: z.number().int(),
  investmentQuota: z.string(),
  version: z.number().int(),
});

// ── 附件: documents and photos of a project ──────────────────────────────────────────────────────────────────
export const AttachmentParams = z.object({
  id: z.uuid({ error: '编号格式不正确' }),
  attachmentId: z.uuid({ error: '附件编号格式不正确' }),
});
export const ProjectAttachment = z.object({
  id: z.uuid(),
  kind: z.enum(['document', 'photo']),
  name: z.string(),
  caption: z.string().nullable(),
  size: z.number().int(),
  mediaType: z.string(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
  /** where to fetch the bytes */
  url: z.string(),
});
export type ProjectAttachment = z.infer<typeof ProjectAttachment>;
export const ProjectAttachmentList = z.object({
  items: z.array(ProjectAttachment),
  can: z.object({ upload: z.boolean(), remove: z.boolean() }),
});
/** 20 MB: a scanned approval or a phone photo fits; a video does not belong here. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_CAPTION_MAX = 100;
