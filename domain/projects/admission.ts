import { z } from 'zod';
import { displayWan, divRound, formatWan, parseWan, ratioWan } from '../common/money.ts';
import { REGION_CODE_RE } from '../org/region.ts';
import type { ProjectFacts } from './project.ts';

/**
 * 准入 — the admission gates (准入关、产能关、评估关) a project is checked against on creation and on entering
 * `preparation`. The rules are a setting per region: the city's defaults, overridden field by field by a district's or
 * a park's own thresholds (the nearest region wins). A failed gate can be overridden by a coordinator with a written
 * reason; the override is kept elsewhere (audited) and passed in here as the list of overridden gates.
 */
export const GATES = [
  'ENVIRONMENTAL_ASSESSMENT',
  'OBSOLETE_CAPACITY',
  'OVERCAPACITY',
  'HIGH_ENERGY_EMISSION',
  'INVESTMENT_INTENSITY',
  'TAX_PER_MU',
  'ENERGY_PER_OUTPUT',
] as const;
export type GateCode = (typeof GATES)[number];

export const GATE_LABELS: Record<GateCode, { zh: string; en: string }> = {
  ENVIRONMENTAL_ASSESSMENT: { zh: '环境影响评价', en: 'Environmental assessment' },
  OBSOLETE_CAPACITY: { zh: '落后产能', en: 'Obsolete capacity' },
  OVERCAPACITY: { zh: '产能过剩', en: 'Overcapacity' },
  HIGH_ENERGY_EMISSION: { zh: '“两高”项目', en: 'High energy use and high emission' },
  INVESTMENT_INTENSITY: { zh: '投资强度', en: 'Investment intensity' },
  TAX_PER_MU: { zh: '亩均税收', en: 'Tax per mu' },
  ENERGY_PER_OUTPUT: { zh: '单位产值能耗', en: 'Energy per unit of output' },
};

// ── rules (a setting) ──────────────────────────────────────────────────────────────────────────────────────
/** Decimals of the energy ceiling (吨标煤/万元). */
const ENERGY_DECIMALS = 4;
const ENERGY_SCALE = 10n ** BigInt(ENERGY_DECIMALS);

function parseScaled(text: string, decimals: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2] ?? '').length > decimals) throw new RangeError(`not a decimal with ${decimals} places: ${text}`);
  return BigInt(m[1]!) * 10n ** BigInt(decimals) + BigInt((m[2] ?? '').padEnd(decimals, '0') || '0');
}

function formatScaled(v: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${abs / scale}.${(abs % scale).toString().padStart(decimals, '0')}`;
}

/** "300" → "300.00", "0.05" → "0.0500": thresholds are stored with their full decimals. */
const canonical = (text: string, decimals: number): string => {
  try {
    return formatScaled(parseScaled(text, decimals), decimals);
  } catch {
    return text; // not a decimal: the regex before has reported it
  }
};

const threshold = (label: string, unit: string, decimals: number, example: string) =>
  z
    .string({ error: `${label}应以文本填写(如 ${example})或留空` })
    .trim()
    .regex(new RegExp(`^\\d{1,12}(\\.\\d{1,${decimals}})?$`), {
      error: `${label}应为不小于0的数值(${unit}),最多${decimals}位小数,如 ${example}`,
    })
    .overwrite((v) => canonical(v, decimals))
    .nullable();

const ruleFields = {
  requireEnvironmentalAssessment: z.boolean({ error: '请选择是否要求通过环评' }),
  refuseObsoleteCapacity: z.boolean({ error: '请选择是否拒绝落后产能项目' }),
  refuseOvercapacity: z.boolean({ error: '请选择是否拒绝产能过剩行业项目' }),
  refuseHighEnergyHighEmission: z.boolean({ error: '请选择是否拒绝“两高”项目' }),
  /** 投资强度下限, 万元/亩, two decimals ("300.00"); null = no threshold */
  minInvestmentIntensity: threshold('投资强度标准', '万元/亩', 2, '300.00'),
  /** 亩均税收下限, 万元/亩/年, two decimals; null = no threshold */
  minTaxPerMu: threshold('亩均税收标准', '万元/亩', 2, '15.00'),
  /** 单位产值能耗上限, 吨标煤/万元, four decimals ("0.0500"); null = no ceiling */
  maxEnergyPerOutput: threshold('单位产值能耗上限', '吨标煤/万元', ENERGY_DECIMALS, '0.0500'),
};

const RuleShape = z.object(ruleFields);
export type AdmissionRules = z.infer<typeof RuleShape>;

/** Every flag on; no numeric threshold until the city sets its own. */
export const DEFAULT_ADMISSION_RULES: AdmissionRules = {
  requireEnvironmentalAssessment: true,
  refuseObsoleteCapacity: true,
  refuseOvercapacity: true,
  refuseHighEnergyHighEmission: true,
  minInvestmentIntensity: null,
  minTaxPerMu: null,
  maxEnergyPerOutput: null,
};

/** The rules with defaults: a field left out takes `DEFAULT_ADMISSION_RULES`. */
export const AdmissionRules = z.object({
  requireEnvironmentalAssessment: ruleFields.requireEnvironmentalAssessment.default(
    DEFAULT_ADMISSION_RULES.requireEnvironmentalAssessment,
  ),
  refuseObsoleteCapacity: ruleFields.refuseObsoleteCapacity.default(DEFAULT_ADMISSION_RULES.refuseObsoleteCapacity),
  refuseOvercapacity: ruleFields.refuseOvercapacity.default(DEFAULT_ADMISSION_RULES.refuseOvercapacity),
  refuseHighEnergyHighEmission: ruleFields.refuseHighEnergyHighEmission.default(
    DEFAULT_ADMISSION_RULES.refuseHighEnergyHighEmission,
  ),
  minInvestmentIntensity: ruleFields.minInvestmentIntensity.default(DEFAULT_ADMISSION_RULES.minInvestmentIntensity),
  minTaxPerMu: ruleFields.minTaxPerMu.default(DEFAULT_ADMISSION_RULES.minTaxPerMu),
  maxEnergyPerOutput: ruleFields.maxEnergyPerOutput.default(DEFAULT_ADMISSION_RULES.maxEnergyPerOutput),
});

/**
 * A region's own rules: only the fields it sets. A field left out is inherited; `null` is set on purpose and means
 * "no threshold here" even if the city has one. (No defaults here: a default would silently override the city.)
 */
export const AdmissionRulesOverride = RuleShape.partial();
export type AdmissionRulesOverride = z.infer<typeof AdmissionRulesOverride>;

export const AdmissionSettings = z.object({
  default: AdmissionRules.default(DEFAULT_ADMISSION_RULES),
  byRegion: z
    .record(z.string().regex(REGION_CODE_RE), AdmissionRulesOverride, { error: '区域准入标准须按6位行政区划代码设置' })
    .default({}),
});
export type AdmissionSettings = z.infer<typeof AdmissionSettings>;

/**
 * The rules that apply in `regionCode`: the defaults, then each region's own fields from the farthest ancestor to the
 * region itself, so the nearest region that sets a field wins. `ancestors` are nearest first (parent, grandparent, …).
 */
export function rulesFor(
  regionCode: string,
  settings: { default: AdmissionRules; byRegion: Readonly<Record<string, AdmissionRulesOverride>> },
  ancestors: readonly string[],
): AdmissionRules {
  const rules: AdmissionRules = { ...settings.default };
  const chain = [...ancestors].reverse().concat(regionCode);
  for (const code of chain) {
    const own = Object.hasOwn(settings.byRegion, code) ? settings.byRegion[code] : undefined;
    if (!own) continue;
    for (const key of Object.keys(ruleFields) as (keyof AdmissionRules)[]) {
      const value = own[key];
      if (value !== undefined) (rules as Record<keyof AdmissionRules, unknown>)[key] = value;
    }
  }
  return rules;
}

// ── the check ──────────────────────────────────────────────────────────────────────────────────────────────
/** A gate that failed; `actual` and `required` are plain decimal strings ("250.00", "0.0500") when known. */
export type GateFailure = { gate: GateCode; message: string; actual?: string; required?: string };

export type AdmissionResult = {
  /** no gate failed (overridden gates do not count) */
  passed: boolean;
  failed: GateFailure[];
  /** gates that would have failed but were overridden by a coordinator */
  overridden: GateCode[];
};

const parseThreshold = (text: string): bigint => {
  const v = parseWan(text);
  if (v === null || v < 0n) throw new RangeError(`not a threshold in 万元: ${text}`);
  return v;
};

/**
 * Why a ratio cannot be computed: the inputs that are missing (null), then a divisor that is zero or less; null when
 * everything is there. E.g. "缺少预计年税收、用地面积" or "用地面积为 0.00 亩".
 */
function unusableInputs(inputs: { name: string; value: bigint | null; unit: string; divisor?: boolean }[]) {
  const missing = inputs.filter((i) => i.value === null).map((i) => i.name);
  const parts = missing.length ? [`缺少${missing.join('、')}`] : [];
  for (const i of inputs) {
    if (i.divisor && i.value !== null && i.value <= 0n) parts.push(`${i.name}为 ${formatScaled(i.value, 2)} ${i.unit}`);
  }
  return parts.length ? parts.join(',') : null;
}

type Gate = (p: ProjectFacts, rules: AdmissionRules) => Omit<GateFailure, 'gate'> | null;

/**
 * A minimum per 亩 (投资强度, 亩均税收): the amount divided by the land area, rounded half up to 0.01 万元/亩 as it is
 * shown everywhere (`ratioWan`), must reach the threshold. Exactly at the threshold passes.
 */
function perMuGate(
  threshold: string | null,
  amount: { name: string; value: bigint | null },
  what: string,
  p: ProjectFacts,
): Omit<GateFailure, 'gate'> | null {
  if (threshold === null) return null;
  const min = parseThreshold(threshold);
  const required = formatWan(min);
  const unusable = unusableInputs([
    { ...amount, unit: '万元' },
    { name: '用地面积', value: p.landArea, unit: '亩', divisor: true },
  ]);
  if (unusable || amount.value === null || p.landArea === null) {
    return { message: `${unusable},无法计算${what}(准入标准 ${displayWan(min)} 万元/亩)`, required };
  }
  const actual = ratioWan(amount.value, p.landArea)!;
  if (actual >= min) return null;
  return {
    message: `${what} ${displayWan(actual)} 万元/亩,低于准入标准 ${displayWan(min)} 万元/亩`,
    actual: formatWan(actual),
    required,
  };
}

const GATE_CHECKS: Record<GateCode, Gate> = {
  ENVIRONMENTAL_ASSESSMENT: (p, r) =>
    r.requireEnvironmentalAssessment && !p.environmentalAssessment && !p.approvalsDone.includes('environmental')
      ? { message: '未通过环境影响评价(环评),不符合准入要求' }
      : null,
  OBSOLETE_CAPACITY: (p, r) =>
    r.refuseObsoleteCapacity && p.obsoleteCapacity ? { message: '属于落后产能,不予准入' } : null,
  OVERCAPACITY: (p, r) => (r.refuseOvercapacity && p.overcapacity ? { message: '属于产能过剩行业,不予准入' } : null),
  HIGH_ENERGY_EMISSION: (p, r) =>
    r.refuseHighEnergyHighEmission && p.highEnergyHighEmission
      ? { message: '属于高耗能高排放(“两高”)项目,不予准入' }
      : null,
  INVESTMENT_INTENSITY: (p, r) =>
    perMuGate(r.minInvestmentIntensity, { name: '总投资', value: p.totalInvestment }, '投资强度', p),
  TAX_PER_MU: (p, r) => perMuGate(r.minTaxPerMu, { name: '预计年税收', value: p.expectedAnnualTax }, '亩均税收', p),
  /**
   * A ceiling: energy use (吨标煤/年) divided by expected output (万元/年), rounded half up to 0.0001 吨标煤/万元,
   * must not exceed it. Exactly at the ceiling passes.
   */
  ENERGY_PER_OUTPUT: (p, r) => {
    if (r.maxEnergyPerOutput === null) return null;
    const max = parseScaled(r.maxEnergyPerOutput, ENERGY_DECIMALS);
    const required = formatScaled(max, ENERGY_DECIMALS);
    const unusable = unusableInputs([
      { name: '年综合能耗', value: p.energyUse, unit: '吨标煤' },
      { name: '预计年产值', value: p.expectedAnnualOutput, unit: '万元', divisor: true },
    ]);
    if (unusable || p.energyUse === null || p.expectedAnnualOutput === null) {
      return { message: `${unusable},无法计算单位产值能耗(准入上限 ${required} 吨标煤/万元)`, required };
    }
    const actual = divRound(p.energyUse * ENERGY_SCALE, p.expectedAnnualOutput);
    if (actual <= max) return null;
    const shown = formatScaled(actual, ENERGY_DECIMALS);
    return {
      message: `单位产值能耗 ${shown} 吨标煤/万元,高于准入上限 ${required} 吨标煤/万元`,
      actual: shown,
      required,
    };
  },
};

/**
 * Checks a project against the admission rules of its region (see `rulesFor`). Every gate is evaluated; a gate whose
 * data is missing fails and says what is missing. A failing gate listed in `overrides` does not fail but is reported
 * in `overridden`; overriding a gate that passes has no effect.
 */
export function checkAdmission(
  p: ProjectFacts,
  rules: AdmissionRules,
  overrides: readonly GateCode[] = [],
): AdmissionResult {
  const waived = new Set(overrides);
  const failed: GateFailure[] = [];
  const overridden: GateCode[] = [];
  for (const gate of GATES) {
    const failure = GATE_CHECKS[gate](p, rules);
    if (!failure) continue;
    if (waived.has(gate)) overridden.push(gate);
    else failed.push({ gate, ...failure });
  }
  return { passed: failed.length === 0, failed, overridden };
}
