import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IndicatorValue, ScorecardResponse, type Target, type ValueRef } from './contracts.ts';
import { type IndicatorDefinition, SEED_INDICATORS } from './indicator.ts';
import { buildScorecard, type ScorecardInput } from './scorecard.ts';

const def = (code: string): IndicatorDefinition => SEED_INDICATORS.find((d) => d.code === code)!;

const NAMES: Record<string, string> = {
  '610000': '陕西省',
  '610100': '西安市',
  '610200': '铜川市',
  '610300': '宝鸡市',
  '610400': '咸阳市',
  '610500': '渭南市',
  '610600': '延安市',
  '610700': '汉中市',
  '610800': '榆林市',
  '610900': '安康市',
  '611000': '商洛市',
  '610403': '杨凌示范区',
  '610581': '韩城市',
  '610302': '渭滨区',
  '610303': '金台区',
  '610304': '陈仓区',
  '610305': '凤翔区',
  '610323': '岐山县',
};
const code = (name: string) => Object.keys(NAMES).find((c) => NAMES[c]!.startsWith(name))!;

const PROVINCE_GROUP: ScorecardInput['group'] = {
  level: 'province',
  label: '全省12个市区(含杨凌)',
  memberNoun: '市区',
  memberRegionCodes: [
    '610100',
    '610200',
    '610300',
    '610400',
    '610500',
    '610600',
    '610700',
    '610800',
    '610900',
    '611000',
    '610403',
    '610581',
  ],
  referenceRegionCode: '610000',
};
const LABEL = '全省12个市区(含杨凌)';

/** Figures of one indicator and period by region name; `growth` unless the indicator ranks by value. */
function figures(
  indicatorCode: string,
  period: string,
  table: Record<string, string | null>,
  field: 'growth' | 'value' = 'growth',
): IndicatorValue[] {
  return Object.entries(table).flatMap(([name, v]) =>
    v === null ? [] : [{ regionCode: code(name), indicatorCode, period, [field]: v }],
  );
}

/** 一季度: GDP growth (咸阳 and 汉中 tie) and 规上工业增加值 (宝鸡 last and falling, 商洛 not published). */
const Q1: IndicatorValue[] = [
  ...figures('gdp', '2026-03', {
    西安: '5.2',
    铜川: '7.5',
    宝鸡: '6.3',
    咸阳: '7.1',
    渭南: '8.0',
    延安: '9.2',
    汉中: '7.1',
    榆林: '8.4',
    安康: '7.3',
    商洛: '5.8',
    杨凌: '7.6',
    韩城: '4.9',
    陕西: '6.6',
  }),
  ...figures('industrial_value_added', '2026-03', {
    西安: '6.0',
    铜川: '5.1',
    宝鸡: '-2.1',
    咸阳: '4.4',
    渭南: '8.8',
    延安: '3.0',
    汉中: '7.9',
    榆林: '10.1',
    安康: '9.5',
    商洛: null,
    杨凌: '8.8',
    韩城: '-0.5',
    陕西: '5.3',
  }),
];
const BAOJI_TARGETS: Target[] = [
  { regionCode: '610300', indicatorCode: 'gdp', year: 2026, growth: '7' },
  { regionCode: '610300', indicatorCode: 'industrial_value_added', year: 2026, growth: '8', amount: '1200' },
];

const card = (over: Partial<ScorecardInput> = {}) =>
  buildScorecard({
    regionCode: '610300',
    period: '2026-03',
    group: PROVINCE_GROUP,
    regionNames: NAMES,
    indicators: [def('gdp'), def('industrial_value_added')],
    values: Q1,
    targets: BAOJI_TARGETS,
    ...over,
  });

const numbers = (s: ReturnType<typeof buildScorecard>) =>
  s.segments.flatMap((seg) => (seg.kind === 'number' ? [[seg.text, seg.role]] : []));

describe('成绩单 of a city among the province’s 12 cities and areas', () => {
  it('reads like the meeting speech, clause by clause from the data', () => {
    expect(card().text).toBe(
      '一季度，生产总值增长6.3%，排在全省12个市区(含杨凌)第9位，低于前一位咸阳市、汉中市0.8个百分点，' +
        '仅高于后一位商洛市0.5个百分点，低于全省平均0.3个百分点，全省有8个市区增长率超过7%，增长率最高的延安市增长9.2%；' +
        '规上工业增加值下降2.1%，排在全省12个市区(含杨凌)末位，低于前一位韩城市1.6个百分点，低于全省平均7.4个百分点，' +
        '全省有4个市区增长率超过8%，增长率最高的榆林市增长10.1%。',
    );
  });

  it('first place: 居首位, no leader clause, the lead over the second', () => {
    expect(card({ regionCode: code('延安'), indicators: [def('gdp')], targets: [] }).text).toBe(
      `一季度，生产总值增长9.2%，居${LABEL}首位，高于后一位榆林市0.8个百分点，高于全省平均2.6个百分点。`,
    );
  });

  it('a tie: 与X市并列第7位, and a count threshold from the settings', () => {
    expect(card({ regionCode: code('咸阳'), indicators: [def('gdp')], thresholds: { gdp: '7.5' } }).text).toBe(
      `一季度，生产总值增长7.1%，与汉中市并列${LABEL}第7位，低于前一位安康市0.2个百分点，高于后一位宝鸡市0.8个百分点，` +
        '高于全省平均0.5个百分点，全省有4个市区增长率超过7.5%，增长率最高的延安市增长9.2%。',
    );
  });

  it('last place among the peers with a figure; a peer without one is simply not ranked', () => {
    const s = card({ indicators: [def('industrial_value_added')] });
    expect(s.text).toContain(`排在${LABEL}末位`);
    expect(s.text).not.toContain('商洛');
    expect(s.missing).toEqual([]);
  });

  it('lists every number with what it is', () => {
    expect(numbers(card({ indicators: [def('gdp')] }))).toEqual([
      ['6.3%', 'growth'],
      ['第9位', 'rank'],
      ['0.8个百分点', 'gap'],
      ['0.5个百分点', 'gap'],
      ['0.3个百分点', 'gap'],
      ['8', 'count'],
      ['7%', 'threshold'],
      ['9.2%', 'growth'],
    ]);
  });

  it('links every number to the figures it came from', () => {
    const segs = card({ indicators: [def('gdp')] }).segments.filter((s) => s.kind === 'number');
    const refsOf = (text: string) => {
      const s = segs.find((x) => x.text === text);
      return s?.kind === 'number' ? s.refs.map((r) => `${NAMES[r.regionCode]}:${r.field}:${r.period}`) : [];
    };
    expect(refsOf('6.3%')).toEqual(['宝鸡市:growth:2026-03']);
    expect(refsOf('0.5个百分点')).toEqual(['宝鸡市:growth:2026-03', '商洛市:growth:2026-03']);
    expect(refsOf('0.3个百分点')).toEqual(['宝鸡市:growth:2026-03', '陕西省:growth:2026-03']);
    expect(refsOf('7%')).toEqual(['宝鸡市:targetGrowth:2026-03']);
    expect(refsOf('8')).toHaveLength(8);
    expect(refsOf('第9位')).toHaveLength(12);
    expect(refsOf('9.2%')).toEqual(['延安市:growth:2026-03']);
  });

  it('fits the API contract', () => {
    const s = card();
    expect(ScorecardResponse.parse(s)).toEqual(s);
  });
});

describe('wording adapts to the data', () => {
  const three = (table: Record<string, string>, regionName = '宝鸡') =>
    card({
      regionCode: code(regionName),
      indicators: [def('industrial_value_added')],
      values: figures('industrial_value_added', '2026-03', table),
      targets: [],
      group: { ...PROVINCE_GROUP, referenceRegionCode: null },
    }).text;

  it('negative growth everywhere: 下降, and the best of them 下降 too', () => {
    expect(three({ 宝鸡: '-3.0', 西安: '-0.5', 铜川: '-1.2' })).toBe(
      `一季度，规上工业增加值下降3.0%，排在${LABEL}末位，低于前一位铜川市1.8个百分点，低于全省平均1.4个百分点，` +
        '增长率最高的西安市下降0.5%。',
    );
  });

  it('zero growth is 与上年同期持平, and equal to the average is 持平 too', () => {
    expect(three({ 宝鸡: '0', 西安: '1.0', 铜川: '-1.0' })).toBe(
      `一季度，规上工业增加值与上年同期持平，排在${LABEL}第2位，低于前一位西安市1.0个百分点，高于后一位铜川市1.0个百分点，` +
        '与全省平均持平，增长率最高的西安市增长1.0%。',
    );
  });

  it('leaders tied at the top: 均', () => {
    expect(three({ 宝鸡: '3.0', 西安: '5.5', 铜川: '5.5' })).toContain('增长率最高的西安市、铜川市均增长5.5%');
  });

  it('the peers’ average stands in for 全省 when there is no provincial figure', () => {
    // (3.0 + 5.5 + 5.5) / 3 = 4.666… printed 4.7: 3.0 − 4.7 = −1.7
    expect(three({ 宝鸡: '3.0', 西安: '5.5', 铜川: '5.5' })).toContain('低于全省平均1.7个百分点');
  });

  it('tied last: 与X市并列末位', () => {
    expect(three({ 宝鸡: '3.0', 西安: '5.5', 铜川: '3.0' })).toContain(`与铜川市并列${LABEL}末位`);
  });

  it('figures are judged as printed: 6.14 and 6.06 both read 6.1 and tie', () => {
    expect(three({ 宝鸡: '6.14', 西安: '6.06', 铜川: '7' })).toContain(
      `规上工业增加值增长6.1%，与西安市并列${LABEL}末位`,
    );
  });

  it('says the amount when asked: 完成一般公共预算收入98.76亿元', () => {
    const s = card({
      period: '2026-09',
      indicators: [def('general_budget_revenue')],
      values: [
        {
          regionCode: '610300',
          indicatorCode: 'general_budget_revenue',
          period: '2026-09',
          value: '98.76',
          growth: '6.1',
        },
        {
          regionCode: '610100',
          indicatorCode: 'general_budget_revenue',
          period: '2026-09',
          value: '700.1',
          growth: '4.0',
        },
      ],
      options: { withValue: true },
    });
    expect(s.text).toBe(
      `前三季度，完成一般公共预算收入98.76亿元，增长6.1%，居${LABEL}首位，高于后一位西安市2.1个百分点，高于全省平均1.0个百分点。`,
    );
  });

  it('a share ranks by its value, in percentage points, among the peers that published it', () => {
    const values = figures(
      'tax_revenue_share',
      '2026-06',
      { 宝鸡: '72.4', 西安: '80.1', 咸阳: '72.4', 陕西: '75.0' },
      'value',
    );
    expect(card({ period: '2026-06', indicators: [def('tax_revenue_share')], values }).text).toBe(
      `上半年，税收占比为72.4%，与咸阳市并列${LABEL}末位，低于前一位西安市7.7个百分点，低于全省平均2.6个百分点，` +
        '税收占比最高的西安市为80.1%。',
    );
  });

  it('a lower-is-better indicator: ranked from the cleanest air, 低于 counts as better', () => {
    const values = figures(
      'pm25_concentration',
      '2026-06',
      {
        西安: '45',
        铜川: '38',
        宝鸡: '36',
        咸阳: '44',
        渭南: '41',
        延安: '30',
        汉中: '33',
        榆林: '28',
        安康: '27',
        商洛: '29',
        杨凌: '40',
        陕西: '37',
      },
      'value',
    );
    const s = card({
      period: '2026-06',
      indicators: [def('pm25_concentration')],
      values,
      thresholds: { pm25_concentration: '35' },
    });
    expect(s.text).toBe(
      `上半年，PM2.5平均浓度为36微克/立方米，排在${LABEL}第6位，高于前一位汉中市3微克/立方米，低于后一位铜川市2微克/立方米，` +
        '低于全省平均1微克/立方米，全省有5个市区PM2.5平均浓度低于35微克/立方米，PM2.5平均浓度最低的安康市为27微克/立方米。',
    );
  });

  it('clauses can be left out', () => {
    const clauses = { rankChange: false, neighbours: false, average: false, count: false, leader: false };
    expect(card({ indicators: [def('gdp')], options: { clauses } }).text).toBe(
      `一季度，生产总值增长6.3%，排在${LABEL}第9位。`,
    );
  });
});

describe('rank change against the last period', () => {
  const fai = (period: string, table: Record<string, string>) => figures('fixed_asset_investment', period, table);
  const now = fai('2026-05', { 宝鸡: '9.0', 西安: '8.0', 铜川: '7.0', 咸阳: '10.0' });
  const run = (before: Record<string, string>) =>
    card({
      period: '2026-05',
      indicators: [def('fixed_asset_investment')],
      values: [...now, ...fai('2026-04', before)],
    }).text;

  it.each([
    [{ 宝鸡: '1', 西安: '3', 铜川: '2', 咸阳: '4' }, '位次较上期前移2位'],
    [{ 宝鸡: '9', 西安: '3', 铜川: '2', 咸阳: '4' }, '位次较上期后移1位'],
    [{ 宝鸡: '3.5', 西安: '3', 铜川: '2', 咸阳: '4' }, '位次与上期持平'],
  ])('%j → %s', (before, words) => expect(run(before)).toContain(`排在${LABEL}第2位，${words}，`));

  it('no clause when the region had no rank last period', () => {
    expect(run({ 西安: '3', 铜川: '2' })).not.toContain('位次');
  });

  it('a quarterly indicator compares with the quarter before', () => {
    // 全年 2025: 宝鸡 11th of 12 (only 韩城 lower); 一季度 2026: 9th
    const before = Q1.filter((v) => v.indicatorCode === 'gdp').map((v) => ({
      ...v,
      period: '2025-12',
      growth: v.regionCode === '610300' ? '5.0' : v.growth,
    }));
    expect(card({ indicators: [def('gdp')], values: [...Q1, ...before] }).text).toContain(`第9位，位次较上期前移2位，`);
  });
});

describe('a district view inside a city', () => {
  const districts = ['610302', '610303', '610304', '610305', '610323'];
  const group: ScorecardInput['group'] = { level: 'city', memberRegionCodes: districts, referenceRegionCode: '610300' };
  const values = [
    ...figures('fixed_asset_investment', '2026-05', {
      渭滨: '12.5',
      金台: '-3.4',
      陈仓: '12.5',
      凤翔: '6.0',
      宝鸡: '8.2',
    }),
    ...figures('fixed_asset_investment', '2026-04', { 渭滨: '10.0', 金台: '1.0', 陈仓: '11.0', 凤翔: '9.0' }),
  ];
  const district = (name: string, over: Partial<ScorecardInput> = {}) =>
    card({
      regionCode: code(name),
      period: '2026-05',
      group,
      indicators: [def('fixed_asset_investment')],
      values,
      targets: [],
      thresholds: { fixed_asset_investment: '10' },
      ...over,
    }).text;

  it('tied first among 全市5个县区, compared with 全市', () => {
    expect(district('渭滨')).toBe(
      '1-5月，固定资产投资增长12.5%，与陈仓区并列全市5个县区首位，位次较上期前移1位，高于后一位凤翔区6.5个百分点，' +
        '高于全市平均4.3个百分点，全市有2个县区增长率超过10%。',
    );
  });

  it('last, unchanged, none beyond the threshold', () => {
    expect(district('金台', { thresholds: { fixed_asset_investment: '15' } })).toBe(
      '1-5月，固定资产投资下降3.4%，排在全市5个县区末位，位次与上期持平，低于前一位凤翔区9.4个百分点，' +
        '低于全市平均11.6个百分点，全市没有县区增长率超过15%，增长率最高的渭滨区、陈仓区均增长12.5%。',
    );
  });
});

describe('missing figures', () => {
  it('an indicator the region has no figure for is left out and reported', () => {
    const s = card({ indicators: [def('retail_sales'), def('gdp')] });
    expect(s.missing).toEqual(['retail_sales']);
    expect(s.text.startsWith('一季度，生产总值增长6.3%')).toBe(true);
  });

  it('a value without the growth it is ranked by is missing too', () => {
    const values = [{ regionCode: '610300', indicatorCode: 'gdp', period: '2026-03', value: '600.12' }];
    expect(card({ indicators: [def('gdp')], values }).missing).toEqual(['gdp']);
  });

  it('nothing to say gives an empty paragraph', () => {
    expect(card({ values: [] })).toMatchObject({ text: '', segments: [], missing: ['gdp', 'industrial_value_added'] });
  });

  it('alone with a figure: no rank to speak of', () => {
    const values = figures('gdp', '2026-03', { 宝鸡: '6.3' });
    expect(card({ indicators: [def('gdp')], values }).text).toBe('一季度，生产总值增长6.3%。');
  });

  it('refuses a region outside the group and a malformed period', () => {
    expect(() => card({ regionCode: '610302' })).toThrow(RangeError);
    expect(() => card({ period: '2026-3' })).toThrow(RangeError);
  });
});

describe('for any figures', () => {
  const growthArb = fc.option(
    fc.integer({ min: -150, max: 200 }).map((n) => (n / 10).toFixed(1)),
    { nil: null },
  );
  const inputArb = fc.record({
    growths: fc.array(growthArb, { minLength: 12, maxLength: 12 }),
    province: growthArb,
    pick: fc.integer({ min: 0, max: 11 }),
  });

  it('the text is its segments, no text segment holds a digit, every ref names a figure that exists', () => {
    fc.assert(
      fc.property(inputArb, ({ growths, province, pick }) => {
        const table = Object.fromEntries(PROVINCE_GROUP.memberRegionCodes.map((c, i) => [NAMES[c]!, growths[i]!]));
        const values = figures('gdp', '2026-03', { ...table, 陕西: province });
        const s = card({ regionCode: PROVINCE_GROUP.memberRegionCodes[pick]!, indicators: [def('gdp')], values });
        expect(s.segments.map((x) => x.text).join('')).toBe(s.text);
        for (const seg of s.segments) {
          if (seg.kind === 'text') expect(seg.text.replaceAll(LABEL, '')).not.toMatch(/\d/);
          else
            for (const r of seg.refs as ValueRef[]) {
              const known =
                r.field === 'targetGrowth' ||
                values.some(
                  (v) =>
                    v.regionCode === r.regionCode &&
                    v.indicatorCode === r.indicatorCode &&
                    v.period === r.period &&
                    v[r.field as 'growth' | 'value'] != null,
                );
              expect(known).toBe(true);
            }
        }
        expect(s.missing.length === 0).toBe(growths[pick] !== null);
      }),
    );
  });

  it('the rank said is 1 + the number of peers growing faster', () => {
    fc.assert(
      fc.property(inputArb, ({ growths, pick }) => {
        fc.pre(growths[pick] !== null);
        const table = Object.fromEntries(PROVINCE_GROUP.memberRegionCodes.map((c, i) => [NAMES[c]!, growths[i]!]));
        const s = card({
          regionCode: PROVINCE_GROUP.memberRegionCodes[pick]!,
          indicators: [def('gdp')],
          values: figures('gdp', '2026-03', table),
        });
        const mine = Number(growths[pick]);
        const known = growths.filter((g): g is string => g !== null).map(Number);
        const rank = 1 + known.filter((g) => g > mine).length;
        const rankSeg = s.segments.find((x) => x.kind === 'number' && x.role === 'rank');
        if (known.length < 2) return expect(rankSeg).toBeUndefined();
        const expected = rank === 1 ? '首位' : known.every((g) => g >= mine) ? '末位' : `第${rank}位`;
        expect(rankSeg?.text).toBe(expected);
      }),
    );
  });
});
