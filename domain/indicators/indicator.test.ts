import { describe, expect, it } from 'vitest';
import {
  DIRECTION_LABELS,
  DIRECTIONS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  INDICATOR_KIND_LABELS,
  INDICATOR_KINDS,
  IndicatorDefinition,
  parsePeriod,
  periodLabel,
  previousPeriod,
  rankFieldOf,
  SEED_INDICATORS,
  speechName,
} from './indicator.ts';

const messages = (input: unknown) => {
  const r = IndicatorDefinition.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

const gdp = {
  code: 'gdp',
  name: '地区生产总值',
  unit: '亿元',
  kind: 'amount',
  direction: 'higher_better',
  frequency: 'quarterly',
  precision: 2,
};

describe('vocabulary', () => {
  it('every kind, direction and frequency has a Chinese label', () => {
    expect(INDICATOR_KINDS.map((k) => INDICATOR_KIND_LABELS[k].zh)).toEqual(['总量', '比率', '占比']);
    expect(DIRECTIONS.map((d) => DIRECTION_LABELS[d].zh)).toEqual(['越高越好', '越低越好']);
    expect(FREQUENCIES.map((f) => FREQUENCY_LABELS[f].zh)).toEqual(['月度', '季度']);
  });

  it.each([
    [{ kind: 'amount' as const }, 'growth'],
    [{ kind: 'rate' as const }, 'value'],
    [{ kind: 'share' as const }, 'value'],
    [{ kind: 'amount' as const, rankBy: 'value' as const }, 'value'],
  ])('rankFieldOf(%j) = %s', (d, field) => expect(rankFieldOf(d)).toBe(field));

  it('a speech uses the short name when there is one', () => {
    expect(speechName({ name: '地区生产总值', shortName: '生产总值' })).toBe('生产总值');
    expect(speechName({ name: '工业投资' })).toBe('工业投资');
  });
});

describe('IndicatorDefinition', () => {
  it('accepts a complete definition and trims names', () => {
    expect(IndicatorDefinition.parse({ ...gdp, name: ' 地区生产总值 ' }).name).toBe('地区生产总值');
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['a code with capitals', { code: 'GDP' }, [['code', '指标代码应为小写字母开头的字母、数字或下划线(2-40位)']]],
    ['an empty name', { name: ' ' }, [['name', '请填写指标名称']]],
    ['an unknown kind', { kind: 'total' }, [['kind', '指标类型应为总量、比率或占比']]],
    ['no direction', { direction: undefined }, [['direction', '请选择指标方向(越高越好或越低越好)']]],
    ['a yearly frequency', { frequency: 'yearly' }, [['frequency', '发布频率应为月度或季度']]],
    ['five decimals', { precision: 5 }, [['precision', '显示小数位数不能超过4']]],
    ['half a decimal', { precision: 1.5 }, [['precision', '显示小数位数应为整数']]],
    ['a share in 亿元', { kind: 'share' }, [['unit', '占比类指标的单位应为%']]],
  ])('rejects %s with a Chinese message', (_, change, expected) => {
    expect(messages({ ...gdp, ...change })).toEqual(expected);
  });
});

describe('SEED_INDICATORS', () => {
  it('are valid definitions with unique codes', () => {
    for (const d of SEED_INDICATORS) expect(IndicatorDefinition.parse(d)).toEqual(d);
    expect(new Set(SEED_INDICATORS.map((d) => d.code)).size).toBe(SEED_INDICATORS.length);
  });

  it('hold every indicator the issue names', () => {
    expect(SEED_INDICATORS.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        '地区生产总值',
        '规上工业增加值',
        '固定资产投资',
        '工业投资',
        '社会消费品零售总额',
        '一般公共预算收入',
        '税收收入占比',
        '全社会用电量',
        '工业用电量',
        '实际利用外资',
        '城镇居民人均可支配收入',
        '农村居民人均可支配收入',
        '空气质量优良天数',
      ]),
    );
  });

  it('rank 税收收入占比 and 优良天数 by value, amounts by growth, PM2.5 lower-is-better', () => {
    const by = (code: string) => SEED_INDICATORS.find((d) => d.code === code)!;
    expect(rankFieldOf(by('tax_revenue_share'))).toBe('value');
    expect(rankFieldOf(by('good_air_days'))).toBe('value');
    expect(rankFieldOf(by('gdp'))).toBe('growth');
    expect(by('pm25_concentration').direction).toBe('lower_better');
    expect(by('gdp').frequency).toBe('quarterly');
  });
});

describe('periods', () => {
  it.each([
    ['2026-01', '1月'],
    ['2026-02', '1-2月'],
    ['2026-03', '一季度'],
    ['2026-05', '1-5月'],
    ['2026-06', '上半年'],
    ['2026-08', '1-8月'],
    ['2026-09', '前三季度'],
    ['2026-11', '1-11月'],
    ['2026-12', '全年'],
  ])('periodLabel(%s) = %s', (period, label) => expect(periodLabel(period)).toBe(label));

  it('names the year when asked', () => expect(periodLabel('2026-09', { withYear: true })).toBe('2026年前三季度'));

  it.each(['2026-13', '2026-00', '2026-9', '26-09', ''])('parsePeriod(%j) is null', (p) => {
    expect(parsePeriod(p)).toBeNull();
    expect(() => periodLabel(p)).toThrow(RangeError);
  });

  it.each([
    ['2026-09', 'monthly', '2026-08'],
    ['2026-01', 'monthly', '2025-12'],
    ['2026-06', 'quarterly', '2026-03'],
    ['2026-03', 'quarterly', '2025-12'],
  ] as const)('previousPeriod(%s, %s) = %s', (p, f, prev) => expect(previousPeriod(p, f)).toBe(prev));
});
