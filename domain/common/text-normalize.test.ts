import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLANK_KIND_LABELS,
  BLANK_KINDS,
  type BlankKind,
  blankKind,
  collapseWhitespace,
  type HeaderKey,
  headerKey,
  isBlankText,
  removeWhitespace,
  toHalfWidth,
} from './text-normalize.ts';

describe('toHalfWidth', () => {
  it.each([
    ['１９，２７８．１', '19,278.1'],
    ['－５', '-5'],
    ['（亿元）', '(亿元)'],
    ['７．５％', '7.5%'],
    ['ＡＢＣｘｙｚ', 'ABCxyz'],
    ['２０２５／３／１', '2025/3/1'],
    ['91350100Ｍ000100Ｙ43', '91350100M000100Y43'],
    ['单位：万元', '单位:万元'],
    ['总\u3000投资', '总 投资'],
    // Chinese text and CJK punctuation outside the full-width block stay as they are
    ['建设单位、责任单位。“—”【】…', '建设单位、责任单位。“—”【】…'],
    ['', ''],
  ])('%j → %j', (input, out) => expect(toHalfWidth(input)).toBe(out));

  it('maps every full-width form to the ASCII character 0xFEE0 below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0x21, max: 0x7e }), (cp) => {
        expect(toHalfWidth(String.fromCodePoint(cp + 0xfee0))).toBe(String.fromCodePoint(cp));
      }),
    );
  });

  it('leaves half-width text unchanged and is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = toHalfWidth(s);
        expect(toHalfWidth(once)).toBe(once);
        expect([...once].length).toBe([...s].length);
      }),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), (s) => toHalfWidth(s) === s));
  });
});

describe('whitespace', () => {
  it.each([
    ['总 投 资', '总投资'],
    ['总投资\n（亿元）', '总投资（亿元）'],
    ['\u3000项目名称\u00a0', '项目名称'],
    ['19\u202f278.1', '19278.1'],
    ['a\u200bb\ufeff', 'ab'],
    ['\t\r\n', ''],
  ])('removeWhitespace(%j) = %j', (input, out) => expect(removeWhitespace(input)).toBe(out));

  it.each([
    ['  年度计划\n\n投资  ', '年度计划 投资'],
    ['\u3000\u3000建设\u00a0单位', '建设 单位'],
    ['19 278.1', '19 278.1'],
    ['', ''],
  ])('collapseWhitespace(%j) = %j', (input, out) => expect(collapseWhitespace(input)).toBe(out));

  it.each([
    ['', true],
    [' \u3000\n', true],
    ['—', false],
    ['0', false],
  ])('isBlankText(%j) = %s', (input, blank) => expect(isBlankText(input)).toBe(blank));

  it('removes all whitespace and collapses to single inner spaces without edges', () => {
    const withSpace = fc.string({ unit: fc.constantFrom('a', '投', '1', ' ', '\u3000', '\n', '\t', '\u00a0') });
    fc.assert(
      fc.property(withSpace, (s) => {
        expect(removeWhitespace(s)).not.toMatch(/[\s\u3000\u00a0]/);
        const c = collapseWhitespace(s);
        expect(c).not.toMatch(/^\s|\s$|\s\s|[\u3000\u00a0\n\t]/);
        expect(removeWhitespace(c)).toBe(removeWhitespace(s));
      }),
    );
  });
});

describe('blankKind: blank is a status, never zero', () => {
  it.each<[string | null | undefined, BlankKind | null]>([
    [null, 'empty'],
    [undefined, 'empty'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000', 'empty'],
    ['—', 'dash'],
    ['——', 'dash'],
    ['－', 'dash'],
    ['-', 'dash'],
    ['--', 'dash'],
    ['–', 'dash'],
    [' — ', 'dash'],
    ['…', 'ellipsis'],
    ['……', 'ellipsis'],
    ['...', 'ellipsis'],
    ['．．．', 'ellipsis'],
    ['/', 'na'],
    ['／', 'na'],
    ['无', 'na'],
    ['不适用', 'na'],
    ['N/A', 'na'],
    ['n/a', 'na'],
    ['0', null],
    ['-5', null],
    ['—5', null],
    ['无锡', null],
    ['1.2亿', null],
  ])('blankKind(%j) = %s', (input, kind) => expect(blankKind(input)).toBe(kind));

  it('labels every blank kind in Chinese', () => {
    for (const k of BLANK_KINDS) expect(BLANK_KIND_LABELS[k]).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('never calls text with a digit blank', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 0, max: 9 }), (s, d) => blankKind(`${s}${d}${s}`) === null));
  });
});

describe('headerKey: headers matched by synonyms, unit split off', () => {
  it.each<[string, HeaderKey]>([
    ['总投资（亿元）', { key: '总投资', unit: '亿元' }],
    ['总投资(万元)', { key: '总投资', unit: '万元' }],
    ['总投资\n（亿元）', { key: '总投资', unit: '亿元' }],
    ['总 投 资 （ 亿 元 ）', { key: '总投资', unit: '亿元' }],
    ['总投资（亿）', { key: '总投资', unit: '亿元' }],
    ['年度计划投资（单位：万元）', { key: '年度计划投资', unit: '万元' }],
    ['年度计划完成率（%）', { key: '年度计划完成率', unit: '%' }],
    ['年度计划完成率(％)', { key: '年度计划完成率', unit: '%' }],
    ['投资强度（万元/亩）', { key: '投资强度', unit: '万元/亩' }],
    ['用地面积【亩】', { key: '用地面积', unit: '亩' }],
    ['综合能耗（吨标准煤/年）', { key: '综合能耗', unit: '吨标煤/年' }],
    ['*项目名称', { key: '项目名称', unit: null }],
    ['项目名称：', { key: '项目名称', unit: null }],
    ['项目名称', { key: '项目名称', unit: null }],
    // a bracket that is not a unit stays in the key
    ['本月(本周)完成', { key: '本月(本周)完成', unit: null }],
    ['配合单位（责任单位）', { key: '配合单位(责任单位)', unit: null }],
    ['利润总额(1-上月)', { key: '利润总额(1-上月)', unit: null }],
    ['本月（本周）完成（万元）', { key: '本月(本周)完成', unit: '万元' }],
    ['', { key: '', unit: null }],
  ])('headerKey(%j)', (input, out) => expect(headerKey(input)).toEqual(out));

  it('gives the same key whatever the width, spacing and line breaks of a header', () => {
    const header = fc.constantFrom('年度计划投资', '自年初累计完成', '总投资', '开工以来累计完成');
    const unit = fc.constantFrom('亿元', '万元', '元');
    const spaces = fc.constantFrom('', ' ', '\u3000', '\n');
    fc.assert(
      fc.property(header, unit, spaces, fc.boolean(), (h, u, sp, fullWidth) => {
        const open = fullWidth ? '（' : '(';
        const close = fullWidth ? '）' : ')';
        const text = `${sp}${[...h].join(sp)}${sp}${open}${u}${close}${sp}`;
        expect(headerKey(text)).toEqual({ key: h, unit: u });
      }),
    );
  });
});
