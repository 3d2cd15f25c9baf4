import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AmountResult,
  type AmountUnit,
  amountUnitOf,
  formatDecimal,
  MAX_ABS_WAN,
  parseAmount,
  parseDecimal,
  parsePercent,
} from './amount-parse.ts';
import { displayWan, divRound, formatPercentTenths, formatWan, type Wan } from './money.ts';
import type { BlankKind } from './text-normalize.ts';

/** ASCII → the full-width form a Chinese input method types. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));

const amountOf = (r: AmountResult): Wan | undefined => (r.ok && 'value' in r ? r.value : undefined);

describe('parseAmount: valid amounts in 万元 (Wan = hundredths of 万元)', () => {
  it.each<[string | number, AmountUnit | undefined, Wan]>([
    // thousands separators as they come in published tables
    ['19 278.1', undefined, 1927810n],
    ['19,278.1', undefined, 1927810n],
    ['19，278.1', undefined, 1927810n],
    ['1,234,567.89', undefined, 123456789n],
    ['1 234 567', undefined, 123456700n],
    ['１９２７８．１', undefined, 1927810n],
    ['１９，２７８．１', undefined, 1927810n],
    [' 19278.1 ', undefined, 1927810n],
    ['19278.10', undefined, 1927810n],
    ['0', undefined, 0n],
    ['0.01', undefined, 1n],
    ['.5', undefined, 50n],
    ['+5', undefined, 500n],
    // minus signs: ASCII, full-width, the math minus
    ['-5', undefined, -500n],
    ['－５', undefined, -500n],
    ['\u22125', undefined, -500n],
    ['-0', undefined, 0n],
    // units written in the cell win over the column's unit
    ['1.2亿', undefined, 1200000n],
    ['1.2亿元', undefined, 1200000n],
    ['12亿元', undefined, 12000000n],
    ['3500万', undefined, 350000n],
    ['3500万元', undefined, 350000n],
    ['3 500 万元', undefined, 350000n],
    ['3500万', '亿元', 350000n],
    ['1.2亿', '元', 1200000n],
    ['800元', undefined, 8n],
    ['1亿2000万', undefined, 1200000n],
    ['2亿500万元', undefined, 2050000n],
    ['-1亿2000万', undefined, -1200000n],
    ['¥1,200.00', undefined, 120000n],
    ['￥3500万元', undefined, 350000n],
    // the column's unit when the cell has none
    ['1.5', '亿元', 1500000n],
    ['0.35', '亿元', 350000n],
    ['25,000', '元', 250n],
    ['12345', '元', 123n],
    ['3500', '万元', 350000n],
    // more than two decimals in 万元: half up to the fen (四舍五入)
    ['12350', '元', 124n],
    ['12349', '元', 123n],
    ['1.005', undefined, 101n],
    ['1.0049', undefined, 100n],
    ['-1.005', undefined, -101n],
    ['0.12345亿', undefined, 123450n],
    ['0.1234567亿', undefined, 123457n],
    // scientific notation (text exported from other systems)
    ['1.2E+08', '元', 1200000n],
    // numbers from Excel: their shortest decimal string, no float arithmetic
    [19278.1, undefined, 1927810n],
    [0.1 + 0.2, undefined, 30n],
    [1.005, undefined, 101n],
    [12, '亿元', 12000000n],
    [2.675, undefined, 268n],
    [-7.5, undefined, -750n],
    [1e15, undefined, 100000000000000000n],
    [1.5e-7, '亿元', 0n],
    [123456, '元', 1235n],
  ])('parseAmount(%j, %s) = %s', (cell, unit, value) => {
    const r = parseAmount(cell, unit);
    expect(r).toEqual({ ok: true, value, original: String(cell) });
  });

  it('keeps the original text exactly as given', () => {
    expect(parseAmount(' 1.2亿 ')).toEqual({ ok: true, value: 1200000n, original: ' 1.2亿 ' });
  });
});

describe('parseAmount: blank is not zero', () => {
  it.each<[string | null | undefined, BlankKind]>([
    ['', 'empty'],
    ['  ', 'empty'],
    [null, 'empty'],
    [undefined, 'empty'],
    ['—', 'dash'],
    ['－', 'dash'],
    ['-', 'dash'],
    ['——', 'dash'],
    ['…', 'ellipsis'],
    ['……', 'ellipsis'],
    ['...', 'ellipsis'],
    ['/', 'na'],
    ['无', 'na'],
  ])('parseAmount(%j) is blank %s', (cell, blank) => {
    expect(parseAmount(cell)).toEqual({ ok: true, blank, original: cell ?? '' });
  });
});

describe('parseAmount: rejected with a Chinese reason quoting the text', () => {
  it.each<[string | number, string]>([
    ['12元5角', '无法识别的金额“12元5角”'],
    ['约3500万', '无法识别的金额“约3500万”'],
    ['3500万以上', '无法识别的金额“3500万以上”'],
    ['abc', '无法识别的金额“abc”'],
    ['1.2.3', '无法识别的金额“1.2.3”'],
    ['19.278,1', '无法识别的金额“19.278,1”'],
    ['1亿12000万', '无法识别的金额“1亿12000万”'],
    ['1亿-200万', '无法识别的金额“1亿-200万”'],
    ['—5', '无法识别的金额“—5”'],
    ['(5)', '无法识别的金额“(5)”'],
    ['万元', '无法识别的金额“万元”'],
    ['1,2345', '金额“1,2345”的千位分隔符位置不对'],
    ['19,5', '金额“19,5”的千位分隔符位置不对'],
    ['5 5', '金额“5 5”的千位分隔符位置不对'],
    ['7.5%', '“7.5%”是百分数，不是金额'],
    ['1e30', '金额“1e30”超出范围'],
    [Number.NaN, '无法识别的金额“NaN”'],
    [Number.POSITIVE_INFINITY, '无法识别的金额“Infinity”'],
  ])('parseAmount(%j) → %s', (cell, reason) => {
    expect(parseAmount(cell)).toEqual({ ok: false, reason, original: String(cell) });
  });

  it.each(['-5', '－５', '-0.01', '-1.2亿', '-1亿2000万', '-0.0001'])(
    'rejects %j as negative only when the caller asks',
    (cell) => {
      const r = parseAmount(cell, '万元', { allowNegative: false });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain('金额不能为负数');
      expect(parseAmount(cell).ok).toBe(true);
    },
  );

  it('refuses a negative number from Excel the same way', () => {
    expect(parseAmount(-7.5, '万元', { allowNegative: false })).toEqual({
      ok: false,
      reason: '金额不能为负数（“-7.5”）',
      original: '-7.5',
    });
  });

  it('accepts zero and positive amounts when negatives are refused', () => {
    expect(amountOf(parseAmount('-0', '万元', { allowNegative: false }))).toBe(0n);
    expect(amountOf(parseAmount('0', '万元', { allowNegative: false }))).toBe(0n);
    expect(amountOf(parseAmount('5', '万元', { allowNegative: false }))).toBe(500n);
  });

  it('stays inside numeric(18,2)', () => {
    expect(amountOf(parseAmount('9999999999999999.99'))).toBe(MAX_ABS_WAN);
    expect(parseAmount('10000000000000000').ok).toBe(false);
    expect(parseAmount('-10000000000000000').ok).toBe(false);
  });
});

describe('amountUnitOf', () => {
  it.each<[string | null, AmountUnit | null]>([
    ['亿元', '亿元'],
    ['亿', '亿元'],
    ['万元', '万元'],
    ['万', '万元'],
    ['元', '元'],
    ['%', null],
    ['万元/亩', null],
    [null, null],
  ])('amountUnitOf(%j) = %s', (unit, out) => expect(amountUnitOf(unit)).toBe(out));
});

describe('parseAmount properties', () => {
  const amount = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
  const nonNegative = fc.bigInt({ min: 0n, max: 10n ** 15n });

  /** Formats an amount the ways real sheets write it; each returns [cell, column unit]. */
  const formats: Record<string, (v: Wan) => [string, AmountUnit]> = {
    plain: (v) => [formatWan(v), '万元'],
    'comma thousands': (v) => [displayWan(v), '万元'],
    'space thousands': (v) => [displayWan(v).replaceAll(',', ' '), '万元'],
    'full-width comma thousands': (v) => [fullWidth(displayWan(v)), '万元'],
    '万 suffix': (v) => [`${formatWan(v)}万`, '亿元'],
    '万元 suffix': (v) => [`${displayWan(v)}万元`, '元'],
    '亿 suffix (exact with six decimals)': (v) => [`${formatDecimal(v, 6)}亿`, '万元'],
    '亿元 column': (v) => [formatDecimal(v, 6), '亿元'],
    '元 suffix': (v) => [`${v * 100n}元`, '万元'],
    '元 column': (v) => [formatDecimal(v * 100n, 0), '元'],
  };

  for (const [name, format] of Object.entries(formats)) {
    it(`round-trips random amounts written as ${name}`, () => {
      fc.assert(
        fc.property(amount, (v) => {
          const [cell, unit] = format(v);
          expect(amountOf(parseAmount(cell, unit))).toBe(v);
        }),
      );
    });
  }

  it('round-trips amounts Excel stores as numbers (up to 15 significant digits)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (v) => {
        expect(amountOf(parseAmount(Number(formatWan(v))))).toBe(v);
      }),
    );
  });

  it('rounds extra decimals half away from zero to the fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (tenThousandths) => {
        const cell = formatDecimal(tenThousandths, 4);
        expect(amountOf(parseAmount(cell))).toBe(divRound(tenThousandths, 100n));
      }),
    );
  });

  it('never turns a blank mark into a value', () => {
    const mark = fc.constantFrom('', '—', '－', '-', '…', '...', '/', '无', '——', '……');
    const pad = fc.constantFrom('', ' ', '\u3000', '\n');
    fc.assert(
      fc.property(mark, pad, pad, (m, a, b) => {
        const r = parseAmount(`${a}${m}${b}`);
        expect(r.ok && 'blank' in r).toBe(true);
        expect('value' in r).toBe(false);
      }),
    );
  });

  it('never throws, and always keeps the original text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseAmount(s);
        expect(r.original).toBe(s);
        if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
      }),
    );
  });

  it('refuses every negative and accepts every non-negative when negatives are not allowed', () => {
    fc.assert(
      fc.property(
        nonNegative.filter((v) => v > 0n),
        (v) => {
          expect(parseAmount(formatWan(-v), '万元', { allowNegative: false }).ok).toBe(false);
          expect(amountOf(parseAmount(formatWan(v), '万元', { allowNegative: false }))).toBe(v);
        },
      ),
    );
  });
});

describe('parsePercent → tenths of a percent', () => {
  it.each<[string | number, bigint, { numberIsFraction?: boolean }?]>([
    ['7.5%', 75n],
    ['7.5', 75n],
    ['７．５％', 75n],
    ['7.5 %', 75n],
    ['-3.2%', -32n],
    ['－３．２％', -32n],
    ['+12.0%', 120n],
    ['100%', 1000n],
    ['0', 0n],
    ['7.55%', 76n],
    ['7.54', 75n],
    ['-7.55', -76n],
    [7.5, 75n],
    [0.075, 75n, { numberIsFraction: true }],
    [0.1234, 123n, { numberIsFraction: true }],
    [-0.032, -32n, { numberIsFraction: true }],
    ['7.5%', 75n, { numberIsFraction: true }],
  ])('parsePercent(%j) = %s', (cell, value, options) => {
    expect(parsePercent(cell, options)).toEqual({ ok: true, value, original: String(cell) });
  });

  it.each<[string | null, BlankKind]>([
    ['', 'empty'],
    [null, 'empty'],
    ['—', 'dash'],
    ['…', 'ellipsis'],
    ['/', 'na'],
  ])('parsePercent(%j) is blank %s', (cell, blank) => {
    expect(parsePercent(cell)).toEqual({ ok: true, blank, original: cell ?? '' });
  });

  it.each(['7.5‰', '%', 'abc', '增长7.5%', '7.5%%'])('rejects %j', (cell) => {
    expect(parsePercent(cell)).toEqual({ ok: false, reason: `无法识别的百分数“${cell}”`, original: cell });
  });

  it('rejects a negative percentage only when asked', () => {
    const r = parsePercent('-3%', { allowNegative: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('百分数不能为负数（“-3%”）');
    expect(parsePercent('3%', { allowNegative: false }).ok).toBe(true);
  });

  it('round-trips every percentage with one decimal, with or without the sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -100000n, max: 100000n }), fc.boolean(), (t, withSign) => {
        const text = `${formatPercentTenths(t)}${withSign ? '%' : ''}`;
        const r = parsePercent(text);
        expect(r.ok && 'value' in r ? r.value : undefined).toBe(t);
      }),
    );
  });
});

describe('parseDecimal: areas (亩) and energy (吨标煤)', () => {
  it.each<[string | number, number, Parameters<typeof parseDecimal>[2], bigint]>([
    ['120.5', 2, {}, 12050n],
    ['120.456亩', 2, { suffixes: ['亩'] }, 12046n],
    ['120.454 亩', 2, { suffixes: ['亩'] }, 12045n],
    ['1,200.5亩', 2, { suffixes: ['亩'] }, 120050n],
    ['１２００．５', 2, {}, 120050n],
    ['1 234.56', 2, {}, 123456n],
    [85.25, 2, {}, 8525n],
    [0.1 + 0.2, 2, {}, 30n],
    ['3500吨标准煤', 2, { suffixes: ['吨标煤', '吨标准煤'] }, 350000n],
    ['3500吨标煤', 2, { suffixes: ['吨标煤', '吨标准煤'] }, 350000n],
    ['12.5', 0, {}, 13n],
    ['12.345', 3, {}, 12345n],
    ['-2.5', 1, {}, -25n],
  ])('parseDecimal(%j, %s, %j) = %s', (cell, scale, options, value) => {
    expect(parseDecimal(cell, scale, options)).toEqual({ ok: true, value, original: String(cell) });
  });

  it.each<[string, Parameters<typeof parseDecimal>[2], string]>([
    ['abc', { label: '用地面积' }, '无法识别的用地面积“abc”'],
    ['120公顷', { suffixes: ['亩'], label: '用地面积' }, '无法识别的用地面积“120公顷”'],
    ['2.5万亩', { suffixes: ['亩'], label: '用地面积' }, '无法识别的用地面积“2.5万亩”'],
    ['120亩', {}, '无法识别的数值“120亩”'],
    ['1,20', { label: '用地面积' }, '用地面积“1,20”的千位分隔符位置不对'],
    ['-5', { allowNegative: false, label: '综合能耗' }, '综合能耗不能为负数（“-5”）'],
  ])('rejects %j with %j', (cell, options, reason) => {
    expect(parseDecimal(cell, 2, options)).toEqual({ ok: false, reason, original: cell });
  });

  it('keeps blanks as blanks', () => {
    expect(parseDecimal('—', 2)).toEqual({ ok: true, blank: 'dash', original: '—' });
    expect(parseDecimal(null, 2)).toEqual({ ok: true, blank: 'empty', original: '' });
  });

  it('refuses a scale it cannot represent', () => {
    expect(() => parseDecimal('1', -1)).toThrow(RangeError);
    expect(() => parseDecimal('1', 1.5)).toThrow(RangeError);
  });

  it.each<[bigint, number, string]>([
    [12046n, 2, '120.46'],
    [5n, 2, '0.05'],
    [-5n, 2, '-0.05'],
    [13n, 0, '13'],
    [0n, 3, '0.000'],
    [-123456789n, 6, '-123.456789'],
  ])('formatDecimal(%s, %s) = %s', (v, scale, text) => expect(formatDecimal(v, scale)).toBe(text));

  it('round-trips formatDecimal for every scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 6 }), (v, scale) => {
        const r = parseDecimal(formatDecimal(v, scale), scale);
        expect(r.ok && 'value' in r ? r.value : undefined).toBe(v);
      }),
    );
  });
});
