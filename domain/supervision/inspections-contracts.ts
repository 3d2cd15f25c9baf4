import { z } from 'zod';
import { isIsoDate } from '../common/calendar.ts';
import { IdParams, PageQuery, pageOf, queryFlag, text, Versioned } from '../common/contracts.ts';
import { COMPARE_TOS } from './inspections.ts';
import { INSTRUCTION_KINDS, INSTRUCTION_OBJECT_TYPES, INSTRUCTION_STATES, UNIT_STATES } from './instructions.ts';
import { ANSWER_TYPES, INSPECTION_KINDS, PROBLEM_KINDS, RECTIFICATION_STATUSES } from './model.ts';

/**
 * Request and response contracts of leaders' instructions (批示), inspection campaigns (督查), their findings and
 * rectifications (整改). Dates are 'YYYY-MM-DD'; field messages are Chinese.
 */
const isoDate = (what: string) =>
  z
    .string({ error: `请选择${what}` })
    .trim()
    .refine(isIsoDate, { error: `${what}格式应为2026-11-30` });

const uuidList = (what: string, max: number) =>
  z
    .array(z.uuid({ error: `${what}编号格式不正确` }), { error: `请选择${what}` })
    .max(max, { error: `${what}不能超过${max}个` });

// ── instructions (批示) ───────────────────────────────────────────────────────────────────────────────────
export const INSTRUCTION_TEXT_MAX = 1000;
export const RESPONSE_MAX = 2000;

export const InstructionObject = z.object({
  type: z.enum(INSTRUCTION_OBJECT_TYPES),
  id: z.string(),
  label: z.string(),
  /** where the object opens in the web app; null when the caller may not open it */
  link: z.string().nullable(),
});

export const InstructionCreate = z
  .object({
    /** the leader who writes it: a leader's own (from the account) unless an administrator writes on one's behalf */
    leaderId: z.uuid({ error: '请选择批示领导' }).nullable().default(null),
    objectType: z.enum(INSTRUCTION_OBJECT_TYPES, { error: '批示对象类型不正确' }).nullable().default(null),
    objectId: z.uuid({ error: '请选择批示对象' }).nullable().default(null),
    kind: z.enum(INSTRUCTION_KINDS, { error: '请选择批示类型' }).default('act'),
    text: text('批示内容', INSTRUCTION_TEXT_MAX),
    unitIds: uuidList('承办单位', 30).min(1, { error: '请至少选择一个承办单位' }),
    dueOn: isoDate('答复时限').nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.objectType && !v.objectId) ctx.addIssue({ code: 'custom', path: ['objectId'], message: '请选择批示对象' });
    if (!v.objectType && v.objectId) {
      ctx.addIssue({ code: 'custom', path: ['objectType'], message: '请选择批示对象类型' });
    }
  });
export type InstructionCreate = z.output<typeof InstructionCreate>;

export const InstructionListQuery = PageQuery.extend({
  /** a leader's own instructions; for a unit, those naming it */
  mine: queryFlag.optional(),
  state: z.enum(INSTRUCTION_STATES).optional(),
  unitId: z.uuid().optional(),
  objectType: z.enum(INSTRUCTION_OBJECT_TYPES).optional(),
  objectId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
});
export type InstructionListQuery = z.output<typeof InstructionListQuery>;

export const InstructionRespond = Versioned.extend({ response: text('答复内容', RESPONSE_MAX) });
export type InstructionRespond = z.output<typeof InstructionRespond>;
export const InstructionClose = Versioned;

export const InstructionUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  state: z.enum(UNIT_STATES),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  respondedByName: z.string().nullable(),
  version: z.number().int(),
});

export const Instruction = z.object({
  id: z.string(),
  leaderId: z.string(),
  leaderName: z.string(),
  object: InstructionObject.nullable(),
  kind: z.enum(INSTRUCTION_KINDS),
  text: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  state: z.enum(INSTRUCTION_STATES),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  units: z.array(InstructionUnit),
  respondedCount: z.number().int(),
  createdByName: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  can: z.object({
    /** the caller's unit is named and may answer (or change its answer) */
    respond: z.boolean(),
    close: z.boolean(),
    /** the caller's unit's row, when named */
    myUnitId: z.string().nullable(),
  }),
});
export type Instruction = z.infer<typeof Instruction>;

export const InstructionPage = pageOf(Instruction).extend({
  counts: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    answered: z.number().int(),
    closed: z.number().int(),
  }),
  can: z.object({
    write: z.boolean(),
    /** an administrator must choose the leader the instruction is written for */
    chooseLeader: z.boolean(),
  }),
});

/** Objects an instruction or an inspection can name, found by words (the picker). */
export const ObjectSearchQuery = z.object({
  type: z.enum(['task', 'project'], { error: '请选择对象类型' }),
  q: z.string().trim().max(50).optional(),
});
export const ObjectOption = z.object({
  type: z.enum(['task', 'project']),
  id: z.string(),
  label: z.string(),
  unitId: z.string(),
  unitName: z.string(),
});
export const ObjectOptions = z.object({ items: z.array(ObjectOption) });

// ── inspections (督查) ────────────────────────────────────────────────────────────────────────────────────
export const INSPECTION_STATUSES = ['planned', 'active', 'closed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, { zh: string; en: string }> = {
  planned: { zh: '筹备中', en: 'Planned' },
  active: { zh: '进行中', en: 'Active' },
  closed: { zh: '已结束', en: 'Closed' },
};

const datesInOrder = (v: { startsOn?: string; endsOn?: string }, ctx: z.RefinementCtx) => {
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
  }
};

export const InspectionCreate = z
  .object({
    title: text('督查名称', 100),
    kind: z.enum(INSPECTION_KINDS, { error: '请选择督查类型' }),
    startsOn: isoDate('开始日期'),
    endsOn: isoDate('结束日期'),
  })
  .superRefine(datesInOrder);
export type InspectionCreate = z.output<typeof InspectionCreate>;

export const InspectionUpdate = Versioned.extend({
  title: text('督查名称', 100).optional(),
  kind: z.enum(INSPECTION_KINDS, { error: '请选择督查类型' }).optional(),
  startsOn: isoDate('开始日期').optional(),
  endsOn: isoDate('结束日期').optional(),
  status: z.enum(INSPECTION_STATUSES, { error: '状态不正确' }).optional(),
}).superRefine(datesInOrder);
export type InspectionUpdate = z.output<typeof InspectionUpdate>;

export const InspectionListQuery = PageQuery.extend({
  status: z.enum(INSPECTION_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
});
export type InspectionListQuery = z.output<typeof InspectionListQuery>;

export const ChecklistItemInput = z.object({
  id: z.uuid().nullable().default(null),
  label: text('检查项', 100),
  answerType: z.enum(ANSWER_TYPES, { error: '请选择答案类型' }),
  compareTo: z.enum(COMPARE_TOS, { error: '对照项不正确' }).nullable().default(null),
  required: z.boolean().default(true),
});
export const ChecklistPut = Versioned.extend({
  items: z.array(ChecklistItemInput).max(40, { error: '检查项不能超过40项' }),
});
export type ChecklistPut = z.output<typeof ChecklistPut>;

export const TeamInput = z.object({
  name: text('督查组名称', 50),
  leaderName: z.string().trim().max(20, { error: '组长姓名不能超过20个字' }).nullable().default(null),
  unitIds: uuidList('成员单位', 12).default([]),
  memberUserIds: uuidList('组员', 30).min(1, { error: '请至少选择一名组员' }),
});
export type TeamInput = z.output<typeof TeamInput>;
export const TeamParams = z.object({ id: z.uuid(), teamId: z.uuid() });

export const TargetScope = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('projects_batch'), batch: text('开工批次', 50) }),
    z.object({ kind: z.literal('plan_section'), sectionId: z.uuid({ error: '请选择任务板块' }) }),
    z.object({
      kind: z.literal('list'),
      objects: z
        .array(z.object({ objectType: z.enum(['project', 'task']), objectId: z.uuid() }))
        .min(1, { error: '请至少选择一个检查对象' })
        .max(200, { error: '一次最多添加200个检查对象' }),
    }),
  ],
  { error: '请选择添加方式' },
);
export type TargetScope = z.output<typeof TargetScope>;

export const TargetsAdd = z.object({
  scope: TargetScope,
  teamId: z.uuid({ error: '督查组编号格式不正确' }).nullable().default(null),
});
export type TargetsAdd = z.output<typeof TargetsAdd>;
export const TargetsAdded = z.object({ added: z.number().int(), skipped: z.number().int() });

export const TargetsAssign = z.object({
  targetIds: uuidList('检查对象', 1000).min(1, { error: '请至少选择一个检查对象' }),
  teamId: z.uuid({ error: '请选择督查组' }).nullable(),
});

export const TargetListQuery = z.object({
  mine: queryFlag.optional(),
  teamId: z.uuid().optional(),
  state: z.enum(['pending', 'inspected', 'problems']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type TargetListQuery = z.output<typeof TargetListQuery>;
export const TargetParams = z.object({ id: z.uuid(), targetId: z.uuid() });
export const PhotoParams = z.object({ id: z.uuid(), targetId: z.uuid(), photoId: z.uuid() });
export const PhotoQuery = z.object({ itemId: z.uuid({ error: '检查项编号格式不正确' }).optional() });

export const FindingPut = z.object({
  answers: z.record(z.string(), z.unknown(), { error: '检查结果格式不正确' }).default({}),
  problemKinds: z
    .array(z.enum(PROBLEM_KINDS, { error: '问题类型不正确' }))
    .max(PROBLEM_KINDS.length)
    .default([]),
  note: z.string().trim().max(1000, { error: '情况说明不能超过1000个字' }).default(''),
  inspectedOn: isoDate('检查日期'),
  /** the finding's version when it exists (null for the first save) */
  version: z.number().int().min(1).nullable().default(null),
});
export type FindingPut = z.output<typeof FindingPut>;

export const OptionsResponse = z.object({
  batches: z.array(z.object({ batch: z.string(), projects: z.number().int() })),
  sections: z.array(
    z.object({
      id: z.string(),
      planTitle: z.string(),
      label: z.string(),
      title: z.string(),
      tasks: z.number().int(),
    }),
  ),
});

const Named = z.object({ id: z.string(), name: z.string() });

export const InspectionCounts = z.object({
  targets: z.number().int(),
  inspected: z.number().int(),
  withProblems: z.number().int(),
  rectificationsOpen: z.number().int(),
  rectificationsOverdue: z.number().int(),
});

export const Inspection = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  scope: z.object({ picks: z.array(z.record(z.string(), z.unknown())) }),
  createdByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  counts: InspectionCounts,
  can: z.object({ manage: z.boolean(), record: z.boolean() }),
});
export type Inspection = z.infer<typeof Inspection>;
export const InspectionPage = pageOf(Inspection).extend({ can: z.object({ create: z.boolean() }) });

export const ChecklistItem = z.object({
  id: z.string(),
  ordinal: z.number().int(),
  label: z.string(),
  answerType: z.enum(ANSWER_TYPES),
  compareTo: z.enum(COMPARE_TOS).nullable(),
  required: z.boolean(),
  /** answered in some finding: its type can no longer change, nor can it be removed */
  answered: z.boolean(),
});

export const Team = z.object({
  id: z.string(),
  name: z.string(),
  leaderName: z.string().nullable(),
  units: z.array(Named),
  members: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })),
  targets: z.number().int(),
  inspected: z.number().int(),
});

export const InspectionDetail = Inspection.extend({
  checklist: z.array(ChecklistItem),
  teams: z.array(Team),
});
export type InspectionDetail = z.infer<typeof InspectionDetail>;

export const Target = z.object({
  id: z.string(),
  objectType: z.enum(['project', 'task']),
  objectId: z.string(),
  objectLabel: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  finding: z
    .object({
      id: z.string(),
      inspectedOn: z.string(),
      problemKinds: z.array(z.enum(PROBLEM_KINDS)),
      recordedByName: z.string(),
      photos: z.number().int(),
      complete: z.boolean(),
    })
    .nullable(),
  rectifications: z.object({ total: z.number().int(), open: z.number().int() }),
  can: z.object({ record: z.boolean() }),
});
export type Target = z.infer<typeof Target>;
export const TargetList = z.object({ items: z.array(Target), total: z.number().int() });

export const InspectionPhoto = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  takenAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  verified: z.boolean(),
  issues: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type InspectionPhoto = z.infer<typeof InspectionPhoto>;

export const SupervisionFile = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  url: z.string(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});

export const Rectification = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  findingId: z.string(),
  targetId: z.string(),
  objectType: z.enum(['project', 'task']),
  objectLabel: z.string(),
  problemKinds: z.array(z.enum(PROBLEM_KINDS)),
  unitId: z.string(),
  unitName: z.string(),
  requirement: z.string(),
  dueOn: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  files: z.array(SupervisionFile),
  version: z.number().int(),
  can: z.object({ submit: z.boolean(), verify: z.boolean(), reject: z.boolean(), addFile: z.boolean() }),
});
export type Rectification = z.infer<typeof Rectification>;

export const ReportedFigures = z.object({
  investedYtd: z.string().nullable(),
  latestWeek: z.string().nullable(),
  latestProgress: z.string().nullable(),
});

export const Finding = z.object({
  id: z.string(),
  answers: z.record(z.string(), z.unknown()),
  problemKinds: z.array(z.enum(PROBLEM_KINDS)),
  note: z.string(),
  inspectedOn: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  photos: z.array(InspectionPhoto),
  /** required checklist items still without an answer */
  missing: z.array(z.string()),
  version: z.number().int(),
});

export const TargetDetail = Target.extend({
  inspection: z.object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(INSPECTION_KINDS),
    status: z.enum(INSPECTION_STATUSES),
    startsOn: z.string(),
    endsOn: z.string(),
  }),
  link: z.string().nullable(),
  checklist: z.array(ChecklistItem),
  detail: Finding.nullable(),
  /** what the project reported this year (projects with weekly reports only) */
  reported: ReportedFigures.nullable(),
  /** what the finding saw differently from the reports (the project's weekly reports are flagged with it) */
  mismatches: z.array(
    z.object({ itemId: z.string(), kind: z.enum(['investment_mismatch', 'progress_mismatch']), note: z.string() }),
  ),
  rectificationList: z.array(Rectification),
  can: z.object({ record: z.boolean(), openRectification: z.boolean() }),
});
export type TargetDetail = z.infer<typeof TargetDetail>;

// ── rectifications (整改) ─────────────────────────────────────────────────────────────────────────────────
export const RectificationCreate = z.object({
  /** the rectifying unit: the target's unit unless another is named */
  unitId: z.uuid({ error: '请选择整改责任单位' }).nullable().default(null),
  requirement: text('整改要求', 1000),
  dueOn: isoDate('整改期限'),
});
export type RectificationCreate = z.output<typeof RectificationCreate>;
export const FindingParams = z.object({ findingId: z.uuid({ error: '编号格式不正确' }) });

export const RectificationListQuery = PageQuery.extend({
  /** for a unit: its own; for an inspector: those of the teams the caller is in */
  mine: queryFlag.optional(),
  status: z.enum(RECTIFICATION_STATUSES).optional(),
  overdue: queryFlag.optional(),
  inspectionId: z.uuid().optional(),
  id: z.uuid().optional(),
});
export type RectificationListQuery = z.output<typeof RectificationListQuery>;
export const RectificationPage = pageOf(Rectification).extend({
  counts: z.object({
    open: z.number().int(),
    submitted: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
  }),
});

export const RectificationSubmit = Versioned.extend({ evidence: text('整改情况', RESPONSE_MAX) });
export const RectificationReject = Versioned.extend({ reason: text('退回原因', 500) });
export const RectificationVerify = Versioned;
export const RectificationFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

// ── the campaign report ───────────────────────────────────────────────────────────────────────────────────
const ListRow = z.object({
  objectLabel: z.string(),
  unitName: z.string(),
  teamName: z.string().nullable(),
});
export const InspectionReport = z.object({
  inspection: z.object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(INSPECTION_KINDS),
    startsOn: z.string(),
    endsOn: z.string(),
    status: z.enum(INSPECTION_STATUSES),
  }),
  counts: z.object({
    targets: z.number().int(),
    inspected: z.number().int(),
    notInspected: z.number().int(),
    withProblems: z.number().int(),
    problemsByKind: z.record(z.enum(PROBLEM_KINDS), z.number().int()),
    rectifications: z.object({
      total: z.number().int(),
      open: z.number().int(),
      submitted: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
    }),
    mismatches: z.number().int(),
  }),
  byTeam: z.array(
    z.object({
      teamName: z.string(),
      targets: z.number().int(),
      inspected: z.number().int(),
      withProblems: z.number().int(),
    }),
  ),
  lists: z.object({
    problems: z.array(
      ListRow.extend({ problemKinds: z.array(z.enum(PROBLEM_KINDS)), note: z.string(), inspectedOn: z.string() }),
    ),
    notInspected: z.array(ListRow),
    rectified: z.array(ListRow.extend({ requirement: z.string(), verifiedAt: z.string().nullable() })),
    overdue: z.array(
      ListRow.extend({ requirement: z.string(), dueOn: z.string(), status: z.enum(RECTIFICATION_STATUSES) }),
    ),
  }),
});
export type InspectionReport = z.infer<typeof InspectionReport>;

export { IdParams };
