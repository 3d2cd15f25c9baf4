import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fixed,
  formatFixed,
  fromInt,
  gapText,
  meanFixed,
  parseFixed,
  parseOptional,
  percentOf,
  roundTo,
  SCALE,
  scaleBy,
} from './decimal.ts';

describe('parseFixed: published decimal text, exactly', () => {
  it.each([
    ['6.1', 61000n],
    ['-3.2', -32000n],
    ['0', 0n],
    ['-0', 0n],
    ['1234.56', 12345600n],
    ['0.0235', 235n],
    [' 7 ', 70000n],
    ['9999999999999999.9999', 99999999999999999999n],
    ['1.23456', null], // more than four decimals: never silently rounded
    ['06.1', null],
    ['+1', null],
    ['1e3', null],
    ['1,234', null],
    ['1.', null],
    ['.5', null],
    ['', null],
    ['6.1%', null],
  ])('parseFixed(%j) = %s', (text, v) => expect(parseFixed(text)).toBe(v));

  it('fixed() throws on text that is not a decimal', () => {
    expect(() => fixed('abc')).toThrow(RangeError);
  });

  it('parseOptional keeps absence apart from zero', () => {
    expect(parseOptional(undefined)).toBeNull();
    expect(parseOptional(null)).toBeNull();
    expect(parseOptional('0')).toBe(0n);
  });

  it('round-trips every value at full scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (v) => parseFixed(formatFixed(v, SCALE)) === v),
    );
  });
});

describe('rounding happens once, half away from zero (四舍五入)', () => {
  it.each([
    [61000n, 1, '6.1'],
    [61500n, 1, '6.2'],
    [61500n, 0, '6'],
    [65000n, 0, '7'],
    [-65000n, 0, '-7'],
    [-61500n, 1, '-6.2'],
    [-400n, 1, '0.0'], // -0.04 never prints "-0.0"
    [12345678n, 4, '1234.5678'],
    [12345678n, 2, '1234.57'],
    [fromInt(12), 0, '12'],
  ])('formatFixed(%s, %i) = %s', (v, p, text) => expect(formatFixed(v, p)).toBe(text));

  it.each([
    [61500n, 1, 62000n],
    [-61500n, 1, -62000n],
    [61449n, 1, 61000n],
    [12345678n, 4, 12345678n],
  ])('roundTo(%s, %i) = %s', (v, p, r) => expect(roundTo(v, p)).toBe(r));

  it('rejects a precision outside 0–4', () => {
    expect(() => formatFixed(1n, 5)).toThrow(RangeError);
    expect(() => roundTo(1n, -1)).toThrow(RangeError);
  });

  it('roundTo moves a value by at most half a step and lands on the step', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }), (v, p) => {
        const step = 10n ** BigInt(SCALE - p);
        const r = roundTo(v, p);
        const d = r > v ? r - v : v - r;
        return r % step === 0n && 2n * d <= step;
      }),
    );
  });
});

describe('arithmetic on scaled integers', () => {
  it('mean of no values is null, not zero', () => expect(meanFixed([])).toBeNull());
  it('mean rounds at the full scale', () => {
    expect(meanFixed([fixed('1'), fixed('2')])).toBe(fixed('1.5'));
    expect(meanFixed([fixed('1'), fixed('0'), fixed('0')])).toBe(fixed('0.3333'));
    expect(meanFixed([fixed('2'), fixed('0'), fixed('0')])).toBe(fixed('0.6667'));
  });
  it('percentOf', () => {
    expect(percentOf(fixed('50'), fixed('200'))).toBe(fixed('25'));
    expect(percentOf(fixed('1'), fixed('3'))).toBe(fixed('33.3333'));
    expect(percentOf(fixed('1'), 0n)).toBeNull();
  });
  it('scaleBy', () => expect(scaleBy(fixed('100'), 5n, 12n)).toBe(fixed('41.6667')));
  it('0.1 + 0.2 is 0.3 here', () => expect(fixed('0.1') + fixed('0.2')).toBe(fixed('0.3')));
});

describe('gapText says a difference the way a speech does', () => {
  it.each([
    [fixed('-0.3'), 1, '%', '0.3个百分点'],
    [fixed('2.65'), 1, '%', '2.7个百分点'],
    [fixed('5'), 0, '天', '5天'],
    [fixed('-12.5'), 2, '亿元', '12.50亿元'],
  ])('gapText(%s, %i, %s) = %s', (diff, p, unit, text) => expect(gapText(diff, p, unit)).toBe(text));
});
