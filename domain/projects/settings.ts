import { z } from 'zod';
import { REGION_CODE_RE } from '../org/region.ts';
import { type AdmissionRules, AdmissionRulesOverride } from './admission.ts';
import { DEFAULT_MANDATORY_APPROVALS } from './lifecycle.ts';
import { APPROVAL_ITEMS, type ApprovalItem } from './project.ts';

/**
 * 项目库设置 — the library's settings a coordinator edits: the admission rules (准入标准, setting key
 * `projects.admission`: the city's defaults and each region's own overrides) and the approvals a project must have
 * before it starts construction (开工必备手续, setting key `projects.mandatory_approvals`). Writes carry the version
 * they read (0 = never saved), like the security policy.
 */
export const ADMISSION_SETTING_KEY = 'projects.admission';
export const MANDATORY_APPROVALS_SETTING_KEY = 'projects.mandatory_approvals';

const version = z.number({ error: '缺少版本号' }).int().min(0);
const o = AdmissionRulesOverride.shape;

/** The rules with every field stated (the city default as it is saved; the effective rules of a region). */
export const AdmissionRulesFull = z.object({
  requireEnvironmentalAssessment: o.requireEnvironmentalAssessment.unwrap(),
  refuseObsoleteCapacity: o.refuseObsoleteCapacity.unwrap(),
  refuseOvercapacity: o.refuseOvercapacity.unwrap(),
  refuseHighEnergyHighEmission: o.refuseHighEnergyHighEmission.unwrap(),
  minInvestmentIntensity: o.minInvestmentIntensity.unwrap(),
  minTaxPerMu: o.minTaxPerMu.unwrap(),
  maxEnergyPerOutput: o.maxEnergyPerOutput.unwrap(),
});

export type RuleField = keyof AdmissionRules;
/** The fields of the rules in the order a page shows them: the refusals first, then the thresholds. */
export const RULE_FIELDS = Object.keys(AdmissionRulesFull.shape) as RuleField[];
/** Fields that are a number with a unit; the others are yes/no. */
export const THRESHOLD_FIELDS = ['minInvestmentIntensity', 'minTaxPerMu', 'maxEnergyPerOutput'] as const;
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];
export const THRESHOLD_UNITS: Record<ThresholdField, string> = {
  minInvestmentIntensity: '万元/亩',
  minTaxPerMu: '万元/亩',
  maxEnergyPerOutput: '吨标煤/万元',
};

const regionKey = z.string().regex(REGION_CODE_RE, { error: '区域应为6位行政区划代码' });

// ── 准入标准 admission rules ───────────────────────────────────────────────────────────────────────────────
export const AdmissionSettingsResponse = z.object({
  /** the city's rules (every field) */
  default: AdmissionRulesFull,
  /** each region's own fields: a field left out is inherited, null means "no threshold here" */
  byRegion: z.record(z.string(), AdmissionRulesOverride),
  version: z.number().int(),
});
export type AdmissionSettingsResponse = z.infer<typeof AdmissionSettingsResponse>;

/**
 * The whole setting as the caller sees it. Regions outside the caller's scope are not in the response and are kept
 * unchanged by a write; a region whose override sets nothing is dropped.
 */
export const AdmissionSettingsUpdate = z.object({
  default: AdmissionRulesFull,
  byRegion: z.record(regionKey, AdmissionRulesOverride, { error: '区域准入标准应按区域代码逐项填写' }).default({}),
  version,
});
export type AdmissionSettingsUpdate = z.infer<typeof AdmissionSettingsUpdate>;

export const EffectiveAdmissionQuery = z.object({ regionCode: regionKey });

/** Where an effective field comes from: the city default (regionCode null) or the nearest region that sets it. */
export const RuleSource = z.object({ regionCode: z.string().nullable(), regionName: z.string().nullable() });
export type RuleSource = z.infer<typeof RuleSource>;

export const EffectiveAdmissionRules = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  rules: AdmissionRulesFull,
  sources: z.object(
    Object.fromEntries(RULE_FIELDS.map((f) => [f, RuleSource])) as Record<RuleField, typeof RuleSource>,
  ),
});
export type EffectiveAdmissionRules = z.infer<typeof EffectiveAdmissionRules>;

/**
 * Which region each effective field comes from (`rulesFor`'s walk, said out loud): the region itself or its nearest
 * ancestor that sets the field, else null for the city default. `ancestors` are nearest first.
 */
export function ruleSources(
  regionCode: string,
  byRegion: Readonly<Record<string, AdmissionRulesOverride>>,
  ancestors: readonly string[],
): Record<RuleField, string | null> {
  const chain = [regionCode, ...ancestors];
  const out = {} as Record<RuleField, string | null>;
  for (const f of RULE_FIELDS) {
    out[f] = chain.find((c) => Object.hasOwn(byRegion, c) && byRegion[c]?.[f] !== undefined) ?? null;
  }
  return out;
}

/** An override without any field of its own inherits everything: it need not be kept. */
export const isEmptyOverride = (r: AdmissionRulesOverride): boolean => RULE_FIELDS.every((f) => r[f] === undefined);

// ── 开工必备手续 mandatory approvals ──────────────────────────────────────────────────────────────────────
export const MandatoryApprovalsResponse = z.object({
  items: z.array(z.enum(APPROVAL_ITEMS)),
  version: z.number().int(),
});
export type MandatoryApprovalsResponse = z.infer<typeof MandatoryApprovalsResponse>;

/** Any subset of the 前期手续 checklist, each item once; an empty list means a project may start without any. */
export const MandatoryApprovalsUpdate = z.object({
  items: z
    .array(z.enum(APPROVAL_ITEMS, { error: '不是前期手续清单中的事项' }), { error: '请选择开工必备手续' })
    .refine((a) => new Set(a).size === a.length, { error: '开工必备手续不能重复' }),
  version,
});
export type MandatoryApprovalsUpdate = z.infer<typeof MandatoryApprovalsUpdate>;

/** The items in the checklist's own order (the order they are usually obtained). */
export const inChecklistOrder = (items: readonly ApprovalItem[]): ApprovalItem[] =>
  APPROVAL_ITEMS.filter((i) => items.includes(i));

/**
 * The stored setting (a JSON array of items) as the rules read it: never saved → the defaults (立项 and 施工许可);
 * unknown or repeated items are ignored.
 */
export function parseMandatoryApprovals(raw: unknown): ApprovalItem[] {
  if (!Array.isArray(raw)) return [...DEFAULT_MANDATORY_APPROVALS];
  return inChecklistOrder(raw.filter((i): i is ApprovalItem => (APPROVAL_ITEMS as readonly unknown[]).includes(i)));
}
