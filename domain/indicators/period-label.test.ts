import { describe, expect, it } from 'vitest';
import { agreesWith, periodInText } from './period-label.ts';

describe('periodInText', () => {
  it.each([
    ['2026年1-9月全省各市主要经济指标', { year: 2026, month: 9 }],
    ['1—9月主要指标', { year: null, month: 9 }],
    ['2026年1至6月', { year: 2026, month: 6 }],
    ['１－１０月', { year: null, month: 10 }],
    ['2025年前8个月经济运行情况', { year: 2025, month: 8 }],
    ['前8月', { year: null, month: 8 }],
    ['2020年前三季度各市主要经济指标', { year: 2020, month: 9 }],
    ['2026年上半年', { year: 2026, month: 6 }],
    ['一季度', { year: null, month: 3 }],
    ['2025年全年', { year: 2025, month: 12 }],
    ['2026年9月份主要指标', { year: 2026, month: 9 }],
    ['2026 年 1 - 2 月', { year: 2026, month: 2 }],
  ])('reads %s', (text, expected) => {
    expect(periodInText(text)).toEqual(expected);
  });

  it('answers null when no period is named (or it is no month)', () => {
    expect(periodInText('各市主要经济指标')).toBeNull();
    expect(periodInText('地区生产总值 累计值(亿元)')).toBeNull();
    expect(periodInText('1-13月')).toBeNull();
  });
});

describe('agreesWith', () => {
  it('compares the month, and the year when the sheet names one', () => {
    expect(agreesWith({ year: 2026, month: 9 }, '2026-09')).toBe(true);
    expect(agreesWith({ year: null, month: 9 }, '2025-09')).toBe(true);
    expect(agreesWith({ year: 2026, month: 8 }, '2026-09')).toBe(false);
    expect(agreesWith({ year: 2025, month: 9 }, '2026-09')).toBe(false);
  });
});
