import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { indicatorLight } from './analysis.ts';
import { fixed } from './decimal.ts';
import {
  AnalysisSettingsUpdate,
  DEFAULT_ANALYSIS_SETTINGS,
  lightThresholdsOf,
  parseAnalysisSettings,
} from './settings.ts';

const problems = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

const valid = { ...DEFAULT_ANALYSIS_SETTINGS, version: 0 };

describe('analysis settings (月分析设置)', () => {
  it('reads an unsaved setting as the defaults, and a partial or broken one part by part', () => {
    expect(parseAnalysisSettings(undefined)).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    expect(parseAnalysisSettings({ lights: { growthPoints: '2' } })).toEqual({
      ...DEFAULT_ANALYSIS_SETTINGS,
      lights: { growthPoints: '2', progressPoints: '5' },
    });
    const broken = parseAnalysisSettings({
      lights: { growthPoints: 'abc' },
      scorecard: { countThresholds: { gdp: '7' } },
    });
    expect(broken.lights).toEqual(DEFAULT_ANALYSIS_SETTINGS.lights);
    expect(broken.scorecard).toEqual({ narrowGap: '0.5', countThresholds: { gdp: '7' } });
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    [
      'a zero yellow range',
      { lights: { growthPoints: '0', progressPoints: '5' } },
      [['lights.growthPoints', '增速黄灯范围应大于0']],
    ],
    [
      'a range over 100 points',
      { lights: { growthPoints: '1', progressPoints: '120' } },
      [['lights.progressPoints', '进度黄灯范围不能大于100']],
    ],
    [
      'a range that is not a number',
      { lights: { growthPoints: '一个点', progressPoints: '5' } },
      [['lights.growthPoints', '增速黄灯范围应为数字(最多四位小数,如 6.1 或 -3.2)']],
    ],
    [
      'a negative narrow gap',
      { scorecard: { narrowGap: '-1', countThresholds: {} } },
      [['scorecard.narrowGap', '“仅高于”差距不能小于0']],
    ],
    [
      'a threshold that is not a number',
      { scorecard: { narrowGap: '0.5', countThresholds: { gdp: '7%' } } },
      [['scorecard.countThresholds.gdp', '对比门槛应为数字(最多四位小数,如 6.1 或 -3.2)']],
    ],
    [
      'a threshold of an indicator name',
      { scorecard: { narrowGap: '0.5', countThresholds: { 生产总值: '7' } } },
      [['scorecard.countThresholds.生产总值', '指标代码格式不正确']],
    ],
  ])('refuses %s in Chinese', (_, change, expected) =>
    expect(problems(AnalysisSettingsUpdate, { ...valid, ...change })).toEqual(expected),
  );

  it('a wider yellow range turns a red light yellow', () => {
    const input = {
      direction: 'higher_better' as const,
      month: 6,
      value: null,
      growth: fixed('5.0'),
      targetGrowth: fixed('6.5'),
    };
    // 1.5 points behind the growth target
    expect(indicatorLight(input, lightThresholdsOf(DEFAULT_ANALYSIS_SETTINGS)).light).toBe('red');
    const wider = { ...DEFAULT_ANALYSIS_SETTINGS, lights: { growthPoints: '2', progressPoints: '5' } };
    expect(indicatorLight(input, lightThresholdsOf(wider)).light).toBe('yellow');
  });
});
