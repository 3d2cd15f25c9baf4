import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  IndicatorValue,
  IndicatorValuesUpsert,
  PeerGroup,
  peerGroupLabel,
  ScorecardQuery,
  Target,
} from './contracts.ts';

const problems = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

const value = { regionCode: '610300', indicatorCode: 'gdp', period: '2026-09', value: '1234.56', growth: '6.1' };

describe('IndicatorValue', () => {
  it('keeps figures as published', () => {
    expect(IndicatorValue.parse({ ...value, value: ' 1234.50 ', growth: '-3.2' })).toMatchObject({
      value: '1234.50',
      growth: '-3.2',
    });
  });

  it('accepts a JSON number whose text is a plain decimal', () => {
    expect(IndicatorValue.parse({ ...value, growth: 6.1 }).growth).toBe('6.1');
  });

  it('either figure may be left out (kept) or null (cleared), but a row must say something of one', () => {
    expect(IndicatorValue.parse({ ...value, value: null }).value).toBeNull();
    expect(IndicatorValue.parse({ ...value, growth: undefined }).growth).toBeUndefined();
    expect(IndicatorValue.parse({ ...value, value: null, growth: undefined })).toMatchObject({ value: null });
    // both null: the figure is removed
    expect(IndicatorValue.parse({ ...value, value: null, growth: null })).toMatchObject({ value: null, growth: null });
    expect(problems(IndicatorValue, { ...value, value: undefined, growth: undefined })).toEqual([
      ['value', '累计值和同比增速至少填写一项'],
    ]);
  });

  it('carries the version the writer read (0: no figure read)', () => {
    expect(IndicatorValue.parse({ ...value, version: 0 }).version).toBe(0);
    expect(IndicatorValue.parse({ ...value, version: 3 }).version).toBe(3);
    expect(problems(IndicatorValue, { ...value, version: 1.5 })).toEqual([['version', '版本号应为整数']]);
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['five decimals', { growth: '6.12345' }, [['growth', '同比增速应为数字(最多四位小数,如 6.1 或 -3.2)']]],
    ['a percent sign', { growth: '6.1%' }, [['growth', '同比增速应为数字(最多四位小数,如 6.1 或 -3.2)']]],
    ['a float in exponent form', { value: 1e21 }, [['value', '累计值应为数字(最多四位小数,如 6.1 或 -3.2)']]],
    ['too many digits', { value: '12345678901234567' }, [['value', '累计值数值过大']]],
    ['a boolean', { value: true }, [['value', '累计值应为数字']]],
    ['a one-digit month', { period: '2026-9' }, [['period', '统计期格式应为 yyyy-MM(如 2026-09 表示1-9月累计)']]],
    ['a region name', { regionCode: '宝鸡市' }, [['regionCode', '行政区划代码应为6位数字']]],
    [
      'an indicator name',
      { indicatorCode: '生产总值' },
      [['indicatorCode', '指标代码应为小写字母开头的字母、数字或下划线(2-40位)']],
    ],
  ])('rejects %s', (_, change, expected) =>
    expect(problems(IndicatorValue, { ...value, ...change })).toEqual(expected),
  );

  it('a batch names each duplicate row', () => {
    expect(problems(IndicatorValuesUpsert, { values: [value, { ...value, growth: '6.2' }, value] })).toEqual([
      ['values.1', '同一地区、指标和统计期重复填写'],
      ['values.2', '同一地区、指标和统计期重复填写'],
    ]);
    expect(problems(IndicatorValuesUpsert, { values: [] })).toEqual([['values', '请至少填写一条指标数据']]);
  });
});

describe('Target', () => {
  const target = {
    regionCode: '610300',
    indicatorCode: 'fixed_asset_investment',
    year: 2026,
    growth: '8',
    amount: '1200',
  };

  it('accepts a growth rate, an amount and a quarterly schedule', () => {
    const schedule = [
      { month: 3, percent: '20' },
      { month: 6, percent: '45' },
      { month: 9, percent: 70 },
    ];
    expect(Target.parse({ ...target, schedule }).schedule?.[2]).toEqual({ month: 9, percent: '70' });
    expect(Target.parse({ ...target, amount: undefined }).growth).toBe('8');
    expect(Target.parse({ ...target, growth: '-5', amount: undefined }).growth).toBe('-5');
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['neither growth nor amount', { growth: null, amount: undefined }, [['growth', '目标增速和目标总量至少填写一项']]],
    ['a negative amount', { amount: '-1' }, [['amount', '目标总量不能小于0']]],
    ['a year out of range', { year: 1999 }, [['year', '年度应在2000-2100之间']]],
    [
      'a schedule without an amount',
      { amount: undefined, schedule: [{ month: 6, percent: '50' }] },
      [['schedule', '填写序时进度时须填写目标总量']],
    ],
    [
      'months out of order',
      {
        schedule: [
          { month: 6, percent: '50' },
          { month: 6, percent: '55' },
        ],
      },
      [['schedule.1.month', '序时进度的月份应从小到大且不重复']],
    ],
    [
      'a share that falls',
      {
        schedule: [
          { month: 3, percent: '30' },
          { month: 6, percent: '25' },
        ],
      },
      [['schedule.1.percent', '序时进度不能比上一个月低']],
    ],
    [
      'a share above 100 %',
      { schedule: [{ month: 12, percent: '101' }] },
      [['schedule.0.percent', '序时进度不能大于100']],
    ],
    ['month 13', { schedule: [{ month: 13, percent: '100' }] }, [['schedule.0.month', '月份应为1-12的整数']]],
  ])('rejects %s', (_, change, expected) => expect(problems(Target, { ...target, ...change })).toEqual(expected));
});

describe('PeerGroup', () => {
  const province = {
    name: '全省各市区',
    level: 'province',
    label: '全省12个市区(含杨凌)',
    memberNoun: '市区',
    memberRegionCodes: ['610100', '610200', '610300', '610403'],
    referenceRegionCode: '610000',
  };

  it('accepts a province group with special areas', () => {
    expect(PeerGroup.parse(province).label).toBe('全省12个市区(含杨凌)');
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['one member', { memberRegionCodes: ['610100'] }, [['memberRegionCodes', '对标组至少需要2个地区']]],
    ['a member twice', { memberRegionCodes: ['610100', '610100'] }, [['memberRegionCodes', '对标组成员不能重复']]],
    ['an unknown level', { level: 'county' }, [['level', '请选择对标范围(全省或全市)']]],
    [
      'the reference among the members',
      { referenceRegionCode: '610100' },
      [['referenceRegionCode', '全省(全市)参照地区不应同时是对标组成员']],
    ],
  ])('rejects %s', (_, change, expected) => expect(problems(PeerGroup, { ...province, ...change })).toEqual(expected));

  it.each([
    [{ level: 'province' as const, memberRegionCodes: Array(11).fill('x') }, '全省11个市'],
    [{ level: 'city' as const, memberRegionCodes: ['a', 'b', 'c'] }, '全市3个县区'],
    [{ level: 'province' as const, memberNoun: '市区', memberRegionCodes: ['a', 'b'] }, '全省2个市区'],
    [{ level: 'province' as const, label: '全省12个市区(含杨凌)', memberRegionCodes: ['a'] }, '全省12个市区(含杨凌)'],
  ])('peerGroupLabel(%j) = %s', (g, label) => expect(peerGroupLabel(g)).toBe(label));
});

describe('ScorecardQuery', () => {
  it('needs a region and a period', () => {
    expect(ScorecardQuery.parse({ regionCode: '610300', period: '2026-03' })).toEqual({
      regionCode: '610300',
      period: '2026-03',
    });
    expect(problems(ScorecardQuery, { regionCode: '610300', period: '2026-03', peerGroupId: 'x' })).toEqual([
      ['peerGroupId', '对标组编号格式不正确'],
    ]);
  });
});
