/**
 * 月分析设置 — the thresholds of monthly analysis's rules, one setting (key `indicators.analysis`) a statistician or
 * the administrator edits and every reader may read:
 * - the traffic light (红绿灯): how far behind target pace is still yellow — in points of growth against the growth
 *   target, and in points of completion against the time schedule (序时进度);
 * - the scorecard (成绩单): the threshold per indicator of "全省有X个市区增长率超过X%" (without one the region's
 *   growth target is used), and the gap to the region just below that is said with "仅".
 * Writes carry the version they read (0 = never saved). Figures travel as decimal text, as the bureau's do.
 */
import { z } from 'zod';
import { decimalText } from './contracts.ts';
import { type Fixed, fixed, parseFixed } from './decimal.ts';
import { INDICATOR_CODE_RE } from './indicator.ts';

export const ANALYSIS_SETTINGS_KEY = 'indicators.analysis';

/** A positive number of percentage points, at most 100. */
const points = (label: string) =>
  decimalText(label, { min: '0', max: '100' }).refine((t) => (parseFixed(t) ?? 0n) > 0n, {
    error: `${label}应大于0`,
  });

export const LightSettings = z.object({
  /** 增速落后目标不超过这么多个百分点为黄灯,超过为红灯 */
  growthPoints: points('增速黄灯范围'),
  /** 完成进度落后序时进度不超过这么多个百分点为黄灯,超过为红灯 */
  progressPoints: points('进度黄灯范围'),
});
export type LightSettings = z.infer<typeof LightSettings>;

export const ScorecardSettings = z.object({
  /** the lead over the region just below said with "仅" (in the compared figure's unit: points for growth) */
  narrowGap: decimalText('“仅高于”差距', { min: '0', max: '100' }),
  /**
   * 对比门槛 per indicator code: "全省有X个市区增长率超过{门槛}%"; an indicator left out uses the region's growth
   * target (and says nothing when it has none).
   */
  countThresholds: z.record(z.string(), decimalText('对比门槛')).superRefine((byCode, ctx) => {
    for (const code of Object.keys(byCode)) {
      if (!INDICATOR_CODE_RE.test(code)) ctx.addIssue({ code: 'custom', message: '指标代码格式不正确', path: [code] });
    }
  }),
});
export type ScorecardSettings = z.infer<typeof ScorecardSettings>;

export const AnalysisSettings = z.object({ lights: LightSettings, scorecard: ScorecardSettings });
export type AnalysisSettings = z.infer<typeof AnalysisSettings>;

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  lights: { growthPoints: '1', progressPoints: '5' },
  scorecard: { narrowGap: '0.5', countThresholds: {} },
};

/**
 * The stored value read with the defaults under it: a part missing or no longer valid (an older shape) falls back
 * to its default, so a bad row never stops the dashboard.
 */
export function parseAnalysisSettings(raw: unknown): AnalysisSettings {
  const r = (raw ?? {}) as Partial<Record<keyof AnalysisSettings, unknown>>;
  const lights = LightSettings.safeParse({
    ...DEFAULT_ANALYSIS_SETTINGS.lights,
    ...(typeof r.lights === 'object' ? r.lights : {}),
  });
  const scorecard = ScorecardSettings.safeParse({
    ...DEFAULT_ANALYSIS_SETTINGS.scorecard,
    ...(typeof r.scorecard === 'object' ? r.scorecard : {}),
  });
  return {
    lights: lights.success ? lights.data : DEFAULT_ANALYSIS_SETTINGS.lights,
    scorecard: scorecard.success ? scorecard.data : DEFAULT_ANALYSIS_SETTINGS.scorecard,
  };
}

/** The light thresholds as the rule takes them (domain/indicators/analysis.ts `indicatorLight`). */
export const lightThresholdsOf = (
  s: Pick<AnalysisSettings, 'lights'>,
): { growthPoints: Fixed; progressPoints: Fixed } => ({
  growthPoints: fixed(s.lights.growthPoints),
  progressPoints: fixed(s.lights.progressPoints),
});

const version = z.number({ error: '缺少版本号' }).int().min(0);

export const AnalysisSettingsUpdate = AnalysisSettings.safeExtend({ version });
export type AnalysisSettingsUpdate = z.infer<typeof AnalysisSettingsUpdate>;

/** The settings as the API answers them (figures as decimal text). */
export const AnalysisSettingsResponse = z.object({
  lights: z.object({ growthPoints: z.string(), progressPoints: z.string() }),
  scorecard: z.object({ narrowGap: z.string(), countThresholds: z.record(z.string(), z.string()) }),
  /** 0 while the defaults apply (never saved) */
  version: z.number().int(),
  /** edit: the caller may change them (the administrator, a city or province statistician) */
  can: z.object({ edit: z.boolean() }),
});
export type AnalysisSettingsResponse = z.infer<typeof AnalysisSettingsResponse>;
