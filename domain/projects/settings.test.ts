import { describe, expect, it } from 'vitest';
import { type AdmissionRulesOverride, DEFAULT_ADMISSION_RULES, rulesFor } from './admission.ts';
import {
  AdmissionSettingsUpdate,
  isEmptyOverride,
  MandatoryApprovalsUpdate,
  parseMandatoryApprovals,
  RULE_FIELDS,
  ruleSources,
} from './settings.ts';

// city 990100 > district 990102; park 990172 under the city
const BY_REGION: Record<string, AdmissionRulesOverride> = {
  '990100': { minTaxPerMu: '10.00' },
  '990102': { minInvestmentIntensity: '300.00', minTaxPerMu: null },
};

describe('ruleSources', () => {
  it.each([
    ['990102', ['990100'], { minInvestmentIntensity: '990102', minTaxPerMu: '990102', maxEnergyPerOutput: null }],
    ['990172', ['990100'], { minInvestmentIntensity: null, minTaxPerMu: '990100', maxEnergyPerOutput: null }],
    ['990103', [], { minInvestmentIntensity: null, minTaxPerMu: null, maxEnergyPerOutput: null }],
  ])('%s (ancestors %j)', (code, ancestors, expected) => {
    expect(ruleSources(code, BY_REGION, ancestors)).toMatchObject(expected);
  });

  it('names, for every field, the region whose value rulesFor applies', () => {
    const settings = { default: { ...DEFAULT_ADMISSION_RULES, maxEnergyPerOutput: '0.0500' }, byRegion: BY_REGION };
    const rules = rulesFor('990102', settings, ['990100']);
    const from = ruleSources('990102', BY_REGION, ['990100']);
    for (const f of RULE_FIELDS) {
      const source = from[f];
      expect(rules[f]).toEqual(source === null ? settings.default[f] : BY_REGION[source]![f]);
    }
  });
});

describe('contracts', () => {
  it('an override with nothing set is empty; null is a value', () => {
    expect(isEmptyOverride({})).toBe(true);
    expect(isEmptyOverride({ minTaxPerMu: null })).toBe(false);
  });

  it('requires every field of the default and a six-digit region code', () => {
    const r = AdmissionSettingsUpdate.safeParse({
      default: { ...DEFAULT_ADMISSION_RULES, refuseOvercapacity: undefined },
      byRegion: { '99010': {} },
      version: 0,
    });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(messages).toContainEqual(['default.refuseOvercapacity', '请选择是否拒绝产能过剩行业项目']);
    expect(messages.some(([p]) => p === 'byRegion.99010')).toBe(true);
  });

  it.each([
    [['project_approval', 'construction_permit'], true],
    [[], true],
    [['construction_permit', 'construction_permit'], false],
    [['施工许可'], false],
  ])('mandatory approvals %j → %s', (items, ok) => {
    expect(MandatoryApprovalsUpdate.safeParse({ items, version: 0 }).success).toBe(ok);
  });

  it.each([
    [{}, ['project_approval', 'construction_permit']],
    [[], []],
    [
      ['construction_permit', 'x', 'environmental', 'construction_permit'],
      ['environmental', 'construction_permit'],
    ],
  ])('reads the stored mandatory approvals %j', (raw, expected) => {
    expect(parseMandatoryApprovals(raw)).toEqual(expected);
  });
});
