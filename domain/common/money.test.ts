import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cumulativeEvenSpread,
  displayWan,
  divRound,
  formatPercentTenths,
  formatWan,
  parseWan,
  percentTenths,
  ratioWan,
  sumWan,
} from './money.ts';

describe('money in 万元', () => {
  it.each([
    ['0', 0n],
    ['12345.6', 1234560n],
    ['12345.60', 1234560n],
    ['0.01', 1n],
    ['-3.5', -350n],
    [' 7 ', 700n],
    ['1.234', null],
    ['1,234', null],
    ['', null],
    ['abc', null],
  ])('parseWan(%j) = %s', (text, v) => expect(parseWan(text)).toBe(v));

  it.each([
    [0n, '0.00'],
    [1n, '0.01'],
    [1234560n, '12345.60'],
    [-350n, '-3.50'],
    [-1n, '-0.01'],
  ])('formatWan(%s) = %s', (v, text) => expect(formatWan(v)).toBe(text));

  it('round-trips every amount exactly', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (v) => parseWan(formatWan(v)) === v));
  });

  it('adds 0.1 + 0.2 to exactly 0.30', () => {
    expect(formatWan(sumWan([parseWan('0.1')!, parseWan('0.2')!]))).toBe('0.30');
  });

  it('displays thousands separators', () => {
    expect(displayWan(123456789n)).toBe('1,234,567.89');
    expect(displayWan(-100000n)).toBe('-1,000.00');
  });

  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [7n, -2n, -4n],
  ])('divRound(%s, %s) = %s (half away from zero)', (n, d, q) => expect(divRound(n, d)).toBe(q));

  it('percentages keep one decimal, rounded half up, and refuse a zero base', () => {
    expect(percentTenths(1n, 3n)).toBe(333n);
    expect(formatPercentTenths(percentTenths(2n, 3n)!)).toBe('66.7');
    expect(formatPercentTenths(percentTenths(parseWan('1234.5')!, parseWan('1000')!)!)).toBe('123.5');
    expect(percentTenths(1n, 0n)).toBeNull();
  });

  it('spreads a total evenly over months, cumulative, ending exactly at the total', () => {
    expect(cumulativeEvenSpread(1200n, 12)).toEqual([
      100n,
      200n,
      300n,
      400n,
      500n,
      600n,
      700n,
      800n,
      900n,
      1000n,
      1100n,
      1200n,
    ]);
    expect(cumulativeEvenSpread(100n, 3)).toEqual([34n, 67n, 100n]);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 1, max: 24 }), (total, n) => {
        const c = cumulativeEvenSpread(total, n);
        const steps = c.map((v, i) => v - (i === 0 ? 0n : c[i - 1]!));
        const sorted = [...steps].sort((a, b) => (a === b ? 0 : a < b ? -1 : 1));
        return c.length === n && c[n - 1] === total && sorted[sorted.length - 1]! - sorted[0]! <= 1n;
      }),
    );
  });

  it('computes an intensity such as 万元 per 亩', () => {
    // 5000 万元 over 12.50 亩 = 400.00 万元/亩
    expect(formatWan(ratioWan(parseWan('5000')!, 1250n)!)).toBe('400.00');
    expect(ratioWan(100n, 0n)).toBeNull();
  });
});
