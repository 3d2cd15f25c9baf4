import type { Wan } from '../common/money.ts';

/**
 * 重点项目 — the vocabularies of the project library and the facts its rules read. Identifiers follow the shared
 * glossary; every vocabulary is an `as const` array with zh/en labels beside it.
 */
type Label = { zh: string; en: string };

// ── 阶段 stage ─────────────────────────────────────────────────────────────────────────────────────────────
/** The main line pipeline → … → operating, then the side states 暂缓 and 退库. */
export const STAGES = [
  'pipeline',
  'preparation',
  'under_construction',
  'completed',
  'operating',
  'suspended',
  'withdrawn',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, Label> = {
  pipeline: { zh: '谋划储备', en: 'Pipeline' },
  preparation: { zh: '前期', en: 'Preparation' },
  under_construction: { zh: '在建', en: 'Under construction' },
  completed: { zh: '竣工', en: 'Completed' },
  operating: { zh: '投产达产', en: 'Operating' },
  suspended: { zh: '暂缓', en: 'Suspended' },
  withdrawn: { zh: '退库', en: 'Withdrawn' },
};

/** The stages a project may be suspended from, and so the stages `suspendedFrom` can hold. */
export const SUSPENDABLE_STAGES = ['preparation', 'under_construction'] as const;
export type SuspendableStage = (typeof SUSPENDABLE_STAGES)[number];

// ── 项目级别 level ─────────────────────────────────────────────────────────────────────────────────────────
export const LEVELS = ['national', 'provincial', 'municipal', 'district'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, Label> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
  district: { zh: '区县级', en: 'District' },
};

// ── 项目类别 category ──────────────────────────────────────────────────────────────────────────────────────
export const CATEGORIES = [
  'industry',
  'infrastructure',
  'livelihood',
  'ecology',
  'culture_tourism',
  'urban',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, Label> = {
  industry: { zh: '产业', en: 'Industry' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  livelihood: { zh: '社会民生', en: 'Social & livelihood' },
  ecology: { zh: '生态环保', en: 'Ecology' },
  culture_tourism: { zh: '文化旅游', en: 'Culture & tourism' },
  urban: { zh: '城市建设', en: 'Urban construction' },
  other: { zh: '其他', en: 'Other' },
};

// ── 投资来源 fundingSource ─────────────────────────────────────────────────────────────────────────────────
export const FUNDING_SOURCES = ['government', 'social', 'joint'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_LABELS: Record<FundingSource, Label> = {
  government: { zh: '政府投资', en: 'Government' },
  social: { zh: '社会投资', en: 'Social' },
  joint: { zh: '政府和社会资本合作', en: 'Public-private partnership' },
};

// ── 前期手续 approvals ─────────────────────────────────────────────────────────────────────────────────────
/** The 前期手续 checklist, in the order the approvals are usually obtained (and shown). */
export const APPROVAL_ITEMS = [
  'project_approval',
  'land_pre_review',
  'land_planning',
  'engineering_planning',
  'environmental',
  'energy_review',
  'construction_permit',
] as const;
export type ApprovalItem = (typeof APPROVAL_ITEMS)[number];

export const APPROVAL_ITEM_LABELS: Record<ApprovalItem, Label> = {
  project_approval: { zh: '立项(审批/核准/备案)', en: 'Project approval (approval/ratification/filing)' },
  land_pre_review: { zh: '用地预审与选址', en: 'Land pre-review and site selection' },
  land_planning: { zh: '用地规划许可', en: 'Land-use planning permit' },
  engineering_planning: { zh: '工程规划许可', en: 'Engineering planning permit' },
  environmental: { zh: '环评批复', en: 'Environmental impact approval' },
  energy_review: { zh: '节能审查', en: 'Energy-saving review' },
  construction_permit: { zh: '施工许可', en: 'Construction permit' },
};

// ── facts ──────────────────────────────────────────────────────────────────────────────────────────────────
/** A business date 'YYYY-MM-DD' (Asia/Shanghai). Such strings compare correctly as text. */
export type IsoDate = string;

export const ISO_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Rules take `today` as a parameter; a malformed one is a programming error, not user input. */
export function assertIsoDate(name: string, value: string): void {
  if (!ISO_DATE_RE.test(value)) throw new RangeError(`${name} must be 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
}

/**
 * What the project rules read: plain data, built by the server from a row (or by the web from a response).
 * Units: amounts are `Wan` (hundredths of 万元); land area is hundredths of 亩; energy use is hundredths of
 * 吨标煤 per year. `null` means "not known", which is not the same as zero.
 */
export type ProjectFacts = {
  stage: Stage;
  /** while `suspended`: the stage to go back to; null otherwise */
  suspendedFrom: SuspendableStage | null;
  /** the project code (投资项目统一代码) is present and valid (checked by domain/projects/codes.ts) */
  hasValidProjectCode: boolean;
  /** the 前期手续 items done; read as a set (order and duplicates do not matter) */
  approvalsDone: readonly ApprovalItem[];
  plannedStartDate: IsoDate | null;
  plannedCompletionDate: IsoDate | null;
  actualStartDate: IsoDate | null;
  actualCompletionDate: IsoDate | null;
  totalInvestment: Wan;
  annualPlan: Wan | null;
  /** 用地面积, hundredths of 亩 */
  landArea: bigint | null;
  /** 预计年税收 */
  expectedAnnualTax: Wan | null;
  /** 预计年产值 */
  expectedAnnualOutput: Wan | null;
  /** 年综合能耗, hundredths of 吨标煤 */
  energyUse: bigint | null;
  /** 已通过环境影响评价 (环评) */
  environmentalAssessment: boolean;
  /** 属于落后产能 */
  obsoleteCapacity: boolean;
  /** 属于产能过剩行业 */
  overcapacity: boolean;
  /** 属于高耗能高排放 (“两高”) 项目 */
  highEnergyHighEmission: boolean;
};
