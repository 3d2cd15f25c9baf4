import { describe, expect, it } from 'vitest';
import {
  AdmissionRules,
  AdmissionRulesOverride,
  AdmissionSettings,
  checkAdmission,
  DEFAULT_ADMISSION_RULES,
  GATES,
  type GateCode,
  rulesFor,
} from './admission.ts';
import type { ProjectFacts } from './project.ts';

/**
 * A project that passes the city's rules exactly at every threshold: 100.00 亩, total 30,000.00 万元 (300.00 万元/亩),
 * tax 1,500.00 万元 (15.00 万元/亩), 1,000.00 吨标煤 over an output of 20,000.00 万元 (0.0500 吨标煤/万元).
 */
function project(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    stage: 'pipeline',
    suspendedFrom: null,
    hasValidProjectCode: true,
    approvalsDone: [],
    plannedStartDate: '2026-06-01',
    plannedCompletionDate: '2028-06-30',
    actualStartDate: null,
    actualCompletionDate: null,
    totalInvestment: 3_000_000n,
    annualPlan: 500_000n,
    landArea: 10_000n,
    expectedAnnualTax: 150_000n,
    expectedAnnualOutput: 2_000_000n,
    energyUse: 100_000n,
    environmentalAssessment: true,
    obsoleteCapacity: false,
    overcapacity: false,
    highEnergyHighEmission: false,
    ...overrides,
  };
}

const CITY: AdmissionRules = {
  ...DEFAULT_ADMISSION_RULES,
  minInvestmentIntensity: '300.00',
  minTaxPerMu: '15.00',
  maxEnergyPerOutput: '0.0500',
};

const rules = (overrides: Partial<AdmissionRules> = {}): AdmissionRules => ({ ...CITY, ...overrides });

describe('AdmissionRules (the setting)', () => {
  it('fills every field left out from the defaults', () => {
    expect(AdmissionRules.parse({})).toEqual(DEFAULT_ADMISSION_RULES);
    expect(DEFAULT_ADMISSION_RULES).toEqual({
      requireEnvironmentalAssessment: true,
      refuseObsoleteCapacity: true,
      refuseOvercapacity: true,
      refuseHighEnergyHighEmission: true,
      minInvestmentIntensity: null,
      minTaxPerMu: null,
      maxEnergyPerOutput: null,
    });
  });

  it.each<[Partial<Record<keyof AdmissionRules, unknown>>, Partial<AdmissionRules>]>([
    [{ minInvestmentIntensity: '300.00' }, { minInvestmentIntensity: '300.00' }],
    [{ minInvestmentIntensity: '300' }, { minInvestmentIntensity: '300.00' }],
    [{ minInvestmentIntensity: ' 300.5 ' }, { minInvestmentIntensity: '300.50' }],
    [{ minInvestmentIntensity: '0' }, { minInvestmentIntensity: '0.00' }],
    [{ minTaxPerMu: '15.00' }, { minTaxPerMu: '15.00' }],
    [{ minTaxPerMu: null }, { minTaxPerMu: null }],
    [{ maxEnergyPerOutput: '0.0500' }, { maxEnergyPerOutput: '0.0500' }],
    [{ maxEnergyPerOutput: '0.05' }, { maxEnergyPerOutput: '0.0500' }],
    [{ maxEnergyPerOutput: '1' }, { maxEnergyPerOutput: '1.0000' }],
    [{ refuseOvercapacity: false }, { refuseOvercapacity: false }],
  ])('accepts %j and stores it with its full decimals', (input, expected) => {
    expect(AdmissionRules.parse(input)).toEqual({ ...DEFAULT_ADMISSION_RULES, ...expected });
  });

  it.each<[Partial<Record<keyof AdmissionRules, unknown>>, string]>([
    [{ minInvestmentIntensity: '-1' }, '投资强度标准应为不小于0的数值(万元/亩),最多2位小数,如 300.00'],
    [{ minInvestmentIntensity: '300.001' }, '投资强度标准应为不小于0的数值(万元/亩),最多2位小数,如 300.00'],
    [{ minInvestmentIntensity: '1,000.00' }, '投资强度标准应为不小于0的数值(万元/亩),最多2位小数,如 300.00'],
    [{ minInvestmentIntensity: '' }, '投资强度标准应为不小于0的数值(万元/亩),最多2位小数,如 300.00'],
    [{ minInvestmentIntensity: '三百' }, '投资强度标准应为不小于0的数值(万元/亩),最多2位小数,如 300.00'],
    [{ minInvestmentIntensity: 300 }, '投资强度标准应以文本填写(如 300.00)或留空'],
    [{ minTaxPerMu: '15.5.0' }, '亩均税收标准应为不小于0的数值(万元/亩),最多2位小数,如 15.00'],
    [{ maxEnergyPerOutput: '0.00001' }, '单位产值能耗上限应为不小于0的数值(吨标煤/万元),最多4位小数,如 0.0500'],
    [{ maxEnergyPerOutput: '.05' }, '单位产值能耗上限应为不小于0的数值(吨标煤/万元),最多4位小数,如 0.0500'],
    [{ requireEnvironmentalAssessment: 'yes' }, '请选择是否要求通过环评'],
    [{ refuseObsoleteCapacity: 1 }, '请选择是否拒绝落后产能项目'],
    [{ refuseOvercapacity: null }, '请选择是否拒绝产能过剩行业项目'],
    [{ refuseHighEnergyHighEmission: 'true' }, '请选择是否拒绝“两高”项目'],
  ])('refuses %j: %s', (input, message) => {
    const r = AdmissionRules.safeParse(input);
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([message]);
  });

  it('a region override keeps only what it sets (no defaults sneak in)', () => {
    expect(AdmissionRulesOverride.parse({})).toEqual({});
    expect(AdmissionRulesOverride.parse({ minTaxPerMu: null })).toEqual({ minTaxPerMu: null });
    expect(AdmissionRulesOverride.parse({ minTaxPerMu: '8' })).toEqual({ minTaxPerMu: '8.00' });
  });

  it('settings: defaults, and region overrides keyed by six-digit codes', () => {
    expect(AdmissionSettings.parse({})).toEqual({ default: DEFAULT_ADMISSION_RULES, byRegion: {} });
    expect(AdmissionSettings.parse({ byRegion: { '320171': { minInvestmentIntensity: '500.00' } } })).toEqual({
      default: DEFAULT_ADMISSION_RULES,
      byRegion: { '320171': { minInvestmentIntensity: '500.00' } },
    });
    const bad = AdmissionSettings.safeParse({ byRegion: { '3201': {} } });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['区域准入标准须按6位行政区划代码设置']);
  });
});

describe('rulesFor: the nearest region wins', () => {
  const settings = {
    default: DEFAULT_ADMISSION_RULES,
    byRegion: {
      '320000': { refuseOvercapacity: false, minInvestmentIntensity: '100.00' },
      '320100': { minInvestmentIntensity: '300.00', minTaxPerMu: '15.00' },
      '320102': { minInvestmentIntensity: '250.00' },
      '320171': { minInvestmentIntensity: '500.00', minTaxPerMu: null, maxEnergyPerOutput: '0.0300' },
      '320105': { minTaxPerMu: undefined },
    },
  };

  it.each<[string, string, string[], Partial<AdmissionRules>]>([
    ['a region with no rules anywhere', '330102', ['330100', '330000'], {}],
    ['the province', '320000', [], { refuseOvercapacity: false, minInvestmentIntensity: '100.00' }],
    [
      'the city over the province',
      '320100',
      ['320000'],
      { refuseOvercapacity: false, minInvestmentIntensity: '300.00', minTaxPerMu: '15.00' },
    ],
    [
      'a district over the city, the rest inherited',
      '320102',
      ['320100', '320000'],
      { refuseOvercapacity: false, minInvestmentIntensity: '250.00', minTaxPerMu: '15.00' },
    ],
    [
      'a park: null removes the city’s threshold',
      '320171',
      ['320100', '320000'],
      { refuseOvercapacity: false, minInvestmentIntensity: '500.00', minTaxPerMu: null, maxEnergyPerOutput: '0.0300' },
    ],
    [
      'an explicit undefined is inherited',
      '320105',
      ['320100', '320000'],
      { refuseOvercapacity: false, minInvestmentIntensity: '300.00', minTaxPerMu: '15.00' },
    ],
    [
      'a district with no rules of its own takes the city’s',
      '320106',
      ['320100', '320000'],
      { refuseOvercapacity: false, minInvestmentIntensity: '300.00', minTaxPerMu: '15.00' },
    ],
    [
      'the region itself listed among its ancestors changes nothing',
      '320102',
      ['320102', '320100', '320000'],
      { refuseOvercapacity: false, minInvestmentIntensity: '250.00', minTaxPerMu: '15.00' },
    ],
    ['a name that is not a region', 'constructor', [], {}],
  ])('%s (%s)', (_name, code, ancestors, expected) => {
    expect(rulesFor(code, settings, ancestors)).toEqual({ ...DEFAULT_ADMISSION_RULES, ...expected });
  });

  it('reads ancestors nearest first', () => {
    const s = {
      default: DEFAULT_ADMISSION_RULES,
      byRegion: { A: { minTaxPerMu: '1.00' }, B: { minTaxPerMu: '2.00' } },
    };
    expect(rulesFor('X', s, ['A', 'B']).minTaxPerMu).toBe('1.00');
    expect(rulesFor('X', s, ['B', 'A']).minTaxPerMu).toBe('2.00');
  });

  it('changes neither the defaults nor the settings', () => {
    const copy = structuredClone(settings);
    rulesFor('320171', settings, ['320100', '320000']);
    expect(settings).toEqual(copy);
    expect(DEFAULT_ADMISSION_RULES.minInvestmentIntensity).toBeNull();
  });
});

const gatesOf = (p: ProjectFacts, r: AdmissionRules, overrides: GateCode[] = []) => {
  const res = checkAdmission(p, r, overrides);
  return { passed: res.passed, failed: res.failed.map((f) => f.gate), overridden: res.overridden };
};

describe('checkAdmission: which gates fail', () => {
  it.each<[string, Partial<ProjectFacts>, Partial<AdmissionRules>, GateCode[]]>([
    ['everything exactly at the thresholds', {}, {}, []],
    ['no environmental assessment', { environmentalAssessment: false }, {}, ['ENVIRONMENTAL_ASSESSMENT']],
    [
      'no assessment flag, but 环评批复 is done',
      { environmentalAssessment: false, approvalsDone: ['environmental'] },
      {},
      [],
    ],
    ['no assessment, not required', { environmentalAssessment: false }, { requireEnvironmentalAssessment: false }, []],
    ['obsolete capacity', { obsoleteCapacity: true }, {}, ['OBSOLETE_CAPACITY']],
    ['obsolete capacity, not refused', { obsoleteCapacity: true }, { refuseObsoleteCapacity: false }, []],
    ['overcapacity', { overcapacity: true }, {}, ['OVERCAPACITY']],
    ['overcapacity, not refused', { overcapacity: true }, { refuseOvercapacity: false }, []],
    ['两高', { highEnergyHighEmission: true }, {}, ['HIGH_ENERGY_EMISSION']],
    ['两高, not refused', { highEnergyHighEmission: true }, { refuseHighEnergyHighEmission: false }, []],
    // investment intensity: 万元 / 亩, rounded half up to 0.01 as shown everywhere
    [
      'intensity one fen below (1.00 亩, 299.99 万元)',
      { landArea: 100n, totalInvestment: 29_999n, expectedAnnualTax: 1_500n },
      {},
      ['INVESTMENT_INTENSITY'],
    ],
    [
      'intensity exactly (1.00 亩, 300.00 万元)',
      { landArea: 100n, totalInvestment: 30_000n, expectedAnnualTax: 1_500n },
      {},
      [],
    ],
    ['intensity 299.99 (100 亩)', { totalInvestment: 2_999_900n }, {}, ['INVESTMENT_INTENSITY']],
    ['intensity 299.995 rounds to 300.00', { totalInvestment: 2_999_950n }, {}, []],
    ['intensity 299.99494 rounds to 299.99', { totalInvestment: 2_999_949n }, {}, ['INVESTMENT_INTENSITY']],
    ['zero total investment', { totalInvestment: 0n }, {}, ['INVESTMENT_INTENSITY']],
    ['zero land area', { landArea: 0n }, {}, ['INVESTMENT_INTENSITY', 'TAX_PER_MU']],
    ['no land area', { landArea: null }, {}, ['INVESTMENT_INTENSITY', 'TAX_PER_MU']],
    ['no land area, no per-mu thresholds', { landArea: null }, { minInvestmentIntensity: null, minTaxPerMu: null }, []],
    [
      'a whole-number threshold',
      { totalInvestment: 2_999_900n },
      { minInvestmentIntensity: '300' },
      ['INVESTMENT_INTENSITY'],
    ],
    // tax per mu
    ['tax one fen below', { expectedAnnualTax: 149_900n }, {}, ['TAX_PER_MU']],
    ['tax zero', { expectedAnnualTax: 0n }, {}, ['TAX_PER_MU']],
    ['no expected tax', { expectedAnnualTax: null }, {}, ['TAX_PER_MU']],
    ['no expected tax, no tax threshold', { expectedAnnualTax: null }, { minTaxPerMu: null }, []],
    // energy per output: 吨标煤 / 万元, rounded half up to 0.0001
    ['energy 0.0001 above the ceiling', { energyUse: 100_200n }, {}, ['ENERGY_PER_OUTPUT']],
    ['energy 0.050495 rounds to 0.0500', { energyUse: 100_099n }, {}, []],
    ['energy 0.0505 rounds to 0.0501', { energyUse: 100_100n }, {}, ['ENERGY_PER_OUTPUT']],
    ['energy below the ceiling', { energyUse: 50_000n }, {}, []],
    ['no energy use at all', { energyUse: 0n }, {}, []],
    ['energy use unknown', { energyUse: null }, {}, ['ENERGY_PER_OUTPUT']],
    ['expected output unknown', { expectedAnnualOutput: null }, {}, ['ENERGY_PER_OUTPUT']],
    ['expected output zero', { expectedAnnualOutput: 0n }, {}, ['ENERGY_PER_OUTPUT']],
    ['energy unknown, no ceiling', { energyUse: null, expectedAnnualOutput: null }, { maxEnergyPerOutput: null }, []],
    [
      'every gate at once, in gate order',
      {
        environmentalAssessment: false,
        obsoleteCapacity: true,
        overcapacity: true,
        highEnergyHighEmission: true,
        landArea: null,
        energyUse: null,
      },
      {},
      [...GATES],
    ],
    [
      'nothing is checked under rules that check nothing',
      {
        environmentalAssessment: false,
        obsoleteCapacity: true,
        overcapacity: true,
        highEnergyHighEmission: true,
        landArea: null,
        energyUse: null,
      },
      {
        requireEnvironmentalAssessment: false,
        refuseObsoleteCapacity: false,
        refuseOvercapacity: false,
        refuseHighEnergyHighEmission: false,
        minInvestmentIntensity: null,
        minTaxPerMu: null,
        maxEnergyPerOutput: null,
      },
      [],
    ],
  ])('%s', (_name, facts, ruleOverrides, failed) => {
    expect(gatesOf(project(facts), rules(ruleOverrides))).toEqual({
      passed: failed.length === 0,
      failed,
      overridden: [],
    });
  });

  it('the defaults check the flags and no numbers', () => {
    expect(gatesOf(project({ landArea: null, energyUse: null, overcapacity: true }), DEFAULT_ADMISSION_RULES)).toEqual({
      passed: false,
      failed: ['OVERCAPACITY'],
      overridden: [],
    });
  });
});

describe('checkAdmission: messages and numbers', () => {
  it.each<
    [string, Partial<ProjectFacts>, Partial<AdmissionRules>, { message: string; actual?: string; required?: string }]
  >([
    [
      'intensity below the standard',
      { totalInvestment: 2_500_000n },
      {},
      { message: '投资强度 250.00 万元/亩,低于准入标准 300.00 万元/亩', actual: '250.00', required: '300.00' },
    ],
    [
      'intensity one fen below',
      { totalInvestment: 2_999_900n },
      {},
      { message: '投资强度 299.99 万元/亩,低于准入标准 300.00 万元/亩', actual: '299.99', required: '300.00' },
    ],
    [
      'large numbers with thousands separators in the message, plain in the fields',
      { totalInvestment: 12_500_000n },
      { minInvestmentIntensity: '2000' },
      { message: '投资强度 1,250.00 万元/亩,低于准入标准 2,000.00 万元/亩', actual: '1250.00', required: '2000.00' },
    ],
    [
      'zero land area',
      { landArea: 0n },
      { minTaxPerMu: null },
      { message: '用地面积为 0.00 亩,无法计算投资强度(准入标准 300.00 万元/亩)', required: '300.00' },
    ],
    [
      'no land area',
      { landArea: null },
      { minTaxPerMu: null },
      { message: '缺少用地面积,无法计算投资强度(准入标准 300.00 万元/亩)', required: '300.00' },
    ],
    [
      'tax below the standard',
      { expectedAnnualTax: 120_000n },
      {},
      { message: '亩均税收 12.00 万元/亩,低于准入标准 15.00 万元/亩', actual: '12.00', required: '15.00' },
    ],
    [
      'tax and land both missing',
      { expectedAnnualTax: null, landArea: null },
      { minInvestmentIntensity: null },
      { message: '缺少预计年税收、用地面积,无法计算亩均税收(准入标准 15.00 万元/亩)', required: '15.00' },
    ],
    [
      'tax missing and land zero',
      { expectedAnnualTax: null, landArea: 0n },
      { minInvestmentIntensity: null },
      { message: '缺少预计年税收,用地面积为 0.00 亩,无法计算亩均税收(准入标准 15.00 万元/亩)', required: '15.00' },
    ],
    [
      'energy above the ceiling',
      { energyUse: 100_200n },
      {},
      {
        message: '单位产值能耗 0.0501 吨标煤/万元,高于准入上限 0.0500 吨标煤/万元',
        actual: '0.0501',
        required: '0.0500',
      },
    ],
    [
      'a short ceiling is shown with four decimals',
      { energyUse: 2_000_000n },
      { maxEnergyPerOutput: '0.5' },
      {
        message: '单位产值能耗 1.0000 吨标煤/万元,高于准入上限 0.5000 吨标煤/万元',
        actual: '1.0000',
        required: '0.5000',
      },
    ],
    [
      'energy use unknown',
      { energyUse: null },
      {},
      { message: '缺少年综合能耗,无法计算单位产值能耗(准入上限 0.0500 吨标煤/万元)', required: '0.0500' },
    ],
    [
      'expected output zero',
      { expectedAnnualOutput: 0n },
      {},
      { message: '预计年产值为 0.00 万元,无法计算单位产值能耗(准入上限 0.0500 吨标煤/万元)', required: '0.0500' },
    ],
    [
      'both energy inputs unknown',
      { energyUse: null, expectedAnnualOutput: null },
      {},
      { message: '缺少年综合能耗、预计年产值,无法计算单位产值能耗(准入上限 0.0500 吨标煤/万元)', required: '0.0500' },
    ],
    [
      'no environmental assessment',
      { environmentalAssessment: false },
      {},
      { message: '未通过环境影响评价(环评),不符合准入要求' },
    ],
    ['obsolete capacity', { obsoleteCapacity: true }, {}, { message: '属于落后产能,不予准入' }],
    ['overcapacity', { overcapacity: true }, {}, { message: '属于产能过剩行业,不予准入' }],
    ['两高', { highEnergyHighEmission: true }, {}, { message: '属于高耗能高排放(“两高”)项目,不予准入' }],
  ])('%s', (_name, facts, ruleOverrides, failure) => {
    const res = checkAdmission(project(facts), rules(ruleOverrides), []);
    expect(res.failed.map(({ gate: _gate, ...rest }) => rest)).toEqual([failure]);
  });
});

describe('checkAdmission: overrides', () => {
  const failing = project({ totalInvestment: 2_500_000n, overcapacity: true });

  it.each<[string, GateCode[], { passed: boolean; failed: GateCode[]; overridden: GateCode[] }]>([
    ['none', [], { passed: false, failed: ['OVERCAPACITY', 'INVESTMENT_INTENSITY'], overridden: [] }],
    [
      'one of two failing gates',
      ['INVESTMENT_INTENSITY'],
      { passed: false, failed: ['OVERCAPACITY'], overridden: ['INVESTMENT_INTENSITY'] },
    ],
    [
      'both failing gates, given in any order',
      ['INVESTMENT_INTENSITY', 'OVERCAPACITY'],
      { passed: true, failed: [], overridden: ['OVERCAPACITY', 'INVESTMENT_INTENSITY'] },
    ],
    [
      'a gate that passes is not reported as overridden',
      ['TAX_PER_MU', 'OVERCAPACITY'],
      { passed: false, failed: ['INVESTMENT_INTENSITY'], overridden: ['OVERCAPACITY'] },
    ],
    [
      'the same gate twice counts once',
      ['OVERCAPACITY', 'OVERCAPACITY'],
      { passed: false, failed: ['INVESTMENT_INTENSITY'], overridden: ['OVERCAPACITY'] },
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(gatesOf(failing, CITY, overrides)).toEqual(expected);
  });

  it('a gate failing for missing data can be overridden too', () => {
    expect(gatesOf(project({ landArea: null }), rules({ minTaxPerMu: null }), ['INVESTMENT_INTENSITY'])).toEqual({
      passed: true,
      failed: [],
      overridden: ['INVESTMENT_INTENSITY'],
    });
  });

  it('overrides default to none', () => {
    expect(checkAdmission(failing, CITY).passed).toBe(false);
  });
});
