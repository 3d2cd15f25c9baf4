import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeUsccCheckChar,
  isValidUscc,
  normalizeProjectCode,
  normalizeUscc,
  PROJECT_CODE_EXAMPLE,
  type ProjectCodeParts,
  parseProjectCode,
  projectCodeProblems,
  USCC_AUTHORITIES,
  USCC_CHARSET,
  USCC_WEIGHTS,
  usccKind,
  usccProblems,
} from './codes.ts';

const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));

describe('USCC (统一社会信用代码, GB 32100-2015)', () => {
  it('uses 31 characters without I, O, S, V, Z and weights 3^(i-1) mod 31', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    expect(USCC_CHARSET).not.toMatch(/[IOSVZ]/);
    expect(USCC_WEIGHTS.map((_, i) => 3 ** i % 31)).toEqual([...USCC_WEIGHTS]);
  });

  it.each([
    // published codes of real organisations
    ['91350100M000100Y43', '工商', '企业'],
    ['91110000802100433B', '工商', '企业'],
    ['914403001922038216', '工商', '企业'], // 华为技术有限公司
    ['9144030071526726XG', '工商', '企业'], // 腾讯科技（深圳）有限公司
    ['91330100716105852F', '工商', '企业'],
    ['91110000710926094P', '工商', '企业'],
    ['9111000071093123XX', '工商', '企业'],
    ['91110108551385082Q', '工商', '企业'],
    ['12100000400000624D', '机构编制', '事业单位'],
    ['53100000500021676K', '民政', '基金会'],
    // well-formed codes of the other kinds an owner can be
    ['52320100MJ55667787', '民政', '民办非企业单位'],
    ['92320193MA1XYW123G', '工商', '个体工商户'],
    ['93320193MA1QRT7896', '工商', '农民专业合作社'],
    ['Y1320193MA1NPQ4566', '其他', '其他'],
    ['N2320193MA2B33445E', '农业', '村级集体经济组织'],
    ['31320000MD01122330', '司法行政', '律师执业机构'],
  ])('%s is valid (%s, %s)', (code, authority, type) => {
    expect(usccProblems(code)).toEqual([]);
    expect(isValidUscc(code)).toBe(true);
    expect(computeUsccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(usccKind(code)).toEqual({ authority, type });
  });

  it.each([
    ['91350100m000100y43', '91350100M000100Y43'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    [' 91350100 M000100Y43\u3000', '91350100M000100Y43'],
    ['\t9144030071526726xg\n', '9144030071526726XG'],
  ])('normalises %j to %s before checking', (text, code) => {
    expect(normalizeUscc(text)).toBe(code);
    expect(usccProblems(text)).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['', ['统一社会信用代码为空']],
    ['   ', ['统一社会信用代码为空']],
    ['91350100M000100Y4', ['统一社会信用代码应为18位，“91350100M000100Y4”为17位']],
    ['91350100M000100Y433', ['统一社会信用代码应为18位，“91350100M000100Y433”为19位']],
    [
      '91350100MO00100Y43',
      ['统一社会信用代码含有不使用的字符：第10位“O”（应为“0”？）（只用数字和除I、O、S、V、Z外的大写字母）'],
    ],
    [
      '9135010OM000100Y4',
      [
        '统一社会信用代码应为18位，“9135010OM000100Y4”为17位',
        '统一社会信用代码含有不使用的字符：第8位“O”（应为“0”？）（只用数字和除I、O、S、V、Z外的大写字母）',
      ],
    ],
    [
      'Z1350100M000100Y4I',
      [
        '统一社会信用代码含有不使用的字符：第1位“Z”（应为“2”？）、第18位“I”（应为“1”？）（只用数字和除I、O、S、V、Z外的大写字母）',
      ],
    ],
    [
      '福州某某有限公司',
      [
        '统一社会信用代码应为18位，“福州某某有限公司”为8位',
        '统一社会信用代码含有不使用的字符：第1位“福”、第2位“州”、第3位“某”、第4位“某”、第5位“有”、第6位“限”、第7位“公”、第8位“司”（只用数字和除I、O、S、V、Z外的大写字母）',
      ],
    ],
    // typos the check character catches
    ['91350100M000100Y44', ['统一社会信用代码“91350100M000100Y44”校验位不符，请核对是否有抄错或前后颠倒的字符']],
    ['91530100M000100Y43', ['统一社会信用代码“91530100M000100Y43”校验位不符，请核对是否有抄错或前后颠倒的字符']],
    ['91350100M001000Y43', ['统一社会信用代码“91350100M001000Y43”校验位不符，请核对是否有抄错或前后颠倒的字符']],
    ['91350100M000100Y34', ['统一社会信用代码“91350100M000100Y34”校验位不符，请核对是否有抄错或前后颠倒的字符']],
    ['91110000802100438B', ['统一社会信用代码“91110000802100438B”校验位不符，请核对是否有抄错或前后颠倒的字符']],
    // structure (each with a correct check character, so only the structure is wrong)
    ['01350100M000100Y4C', ['统一社会信用代码第1位登记管理部门代码“0”不存在']],
    ['B1350100M000100Y41', ['统一社会信用代码第1位登记管理部门代码“B”不存在']],
    ['9A350100M000100Y47', ['统一社会信用代码第2位机构类别代码“A”不存在']],
    ['91AB0100M000100Y4T', ['统一社会信用代码第3—8位登记管理机关行政区划码“AB0100”应为6位数字']],
  ])('%j is rejected', (text, problems) => {
    expect(usccProblems(text)).toEqual(problems);
    expect(isValidUscc(text)).toBe(false);
  });

  it('computes the check character and refuses input it cannot weigh', () => {
    expect(computeUsccCheckChar('91350100M000100Y4')).toBe('3');
    expect(computeUsccCheckChar('9111000071093123X')).toBe('X');
    expect(() => computeUsccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('91350100M000100O4')).toThrow(RangeError);
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // Σ cᵢ·wᵢ ≡ 0 (mod 31) → 31 − 0 = 31 → '0'
    expect(computeUsccCheckChar('00000000000000000')).toBe('0');
  });

  it('labels every registration authority', () => {
    expect(Object.keys(USCC_AUTHORITIES).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);
    expect(usccKind('not a code')).toBeNull();
  });

  const authority = fc.constantFrom(...Object.keys(USCC_AUTHORITIES));
  const charOf = fc.constantFrom(...USCC_CHARSET);
  const validUscc = fc
    .tuple(
      authority,
      fc.constantFrom(...'123456789'),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
      fc.string({ unit: charOf, minLength: 9, maxLength: 9 }),
    )
    .map(([a, t, region, org]) => {
      const first17 = `${a}${t}${region}${org}`;
      return first17 + computeUsccCheckChar(first17);
    });

  it('accepts every generated USCC, also in lower case and full width', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(usccProblems(code)).toEqual([]);
        expect(usccProblems(code.toLowerCase())).toEqual([]);
        expect(usccProblems(fullWidth(code))).toEqual([]);
      }),
    );
  });

  it('rejects every single-character substitution', () => {
    const replacement = fc.constantFrom(...USCC_CHARSET, ...'IOSVZ-#中 ');
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), replacement, (code, i, c) => {
        fc.pre(c !== code[i]);
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(usccProblems(typo)).not.toEqual([]);
      }),
    );
  });

  it('rejects every swap of two different neighbouring characters among the first 17', () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 15 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(usccProblems(swapped)).not.toEqual([]);
      }),
    );
  });

  it('rejects every code with a character dropped or added', () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), charOf, (code, i, c) => {
        expect(usccProblems(code.slice(0, i) + code.slice(i + 1))).not.toEqual([]);
        expect(usccProblems(code.slice(0, i) + c + code.slice(i))).not.toEqual([]);
      }),
    );
  });
});

describe('project code (投资项目统一代码)', () => {
  const KNOWN = new Set(['320193', '320100', '610100', '330110']);
  const isKnownRegion = (code: string) => KNOWN.has(code);

  it.each<[string, Omit<ProjectCodeParts, 'region' | 'department' | 'projectType' | 'serial'>]>([
    ['2509-320193-89-01-544060', { code: '2509-320193-89-01-544060', era: 'current', year: 2025, month: 9 }],
    ['25093201938901544060', { code: '2509-320193-89-01-544060', era: 'current', year: 2025, month: 9 }],
    [
      '２５０９－３２０１９３－８９－０１－５４４０６０',
      { code: '2509-320193-89-01-544060', era: 'current', year: 2025, month: 9 },
    ],
    [' 2509-320193-89-01-544060 ', { code: '2509-320193-89-01-544060', era: 'current', year: 2025, month: 9 }],
    ['2509 320193 89 01 544060', { code: '2509-320193-89-01-544060', era: 'current', year: 2025, month: 9 }],
    ['2509—320193—89—01—544060', { code: '2509-320193-89-01-544060', era: 'current', year: 2025, month: 9 }],
    ['2011-610100-04-01-123456', { code: '2011-610100-04-01-123456', era: 'current', year: 2020, month: 11 }],
    ['2112-330110-04-05-000001', { code: '2112-330110-04-05-000001', era: 'current', year: 2021, month: 12 }],
    // codes given under the earlier rules (2015–2020) start with the year and are still in use
    ['2018-320193-47-03-051690', { code: '2018-320193-47-03-051690', era: 'legacy', year: 2018, month: null }],
    ['2015-320100-48-01-000001', { code: '2015-320100-48-01-000001', era: 'legacy', year: 2015, month: null }],
    ['2020-330110-70-03-004391', { code: '2020-330110-70-03-004391', era: 'legacy', year: 2020, month: null }],
  ])('%j is valid', (text, parts) => {
    expect(projectCodeProblems(text, isKnownRegion)).toEqual([]);
    expect(normalizeProjectCode(text)).toBe(parts.code);
    expect(parseProjectCode(text)).toMatchObject(parts);
  });

  it('splits a code into its segments', () => {
    expect(parseProjectCode(PROJECT_CODE_EXAMPLE)).toEqual({
      code: '2509-320193-89-01-544060',
      era: 'current',
      year: 2025,
      month: 9,
      region: '320193',
      department: '89',
      projectType: '01',
      serial: '544060',
    });
  });

  const shapeProblem = (c: string) => `项目代码“${c}”格式不对，应为24位（含4个短横线），如2509-320193-89-01-544060`;
  it.each<[string, string[]]>([
    ['', ['项目代码为空']],
    ['  ', ['项目代码为空']],
    ['2509-320193-89-01-54406', [shapeProblem('2509-320193-89-01-54406')]],
    ['2509-320193-89-01-5440600', [shapeProblem('2509-320193-89-01-5440600')]],
    ['2509-320193-89-01-544060-000', [shapeProblem('2509-320193-89-01-544060-000')]],
    ['2509-320193-8901-544060', [shapeProblem('2509-320193-8901-544060')]],
    ['2509320193-89-01-544060', [shapeProblem('2509320193-89-01-544060')]],
    ['250-9320193-89-01-544060', [shapeProblem('250-9320193-89-01-544060')]],
    ['2509-32O193-89-01-544060', [shapeProblem('2509-32O193-89-01-544060')]],
    ['ABCD-320193-89-01-544060', [shapeProblem('ABCD-320193-89-01-544060')]],
    [
      '2513-320193-89-01-544060',
      ['项目代码“2513-320193-89-01-544060”的时间码“2513”不是有效的年月（应为YYMM，月份01—12）'],
    ],
    [
      '2500-320193-89-01-544060',
      ['项目代码“2500-320193-89-01-544060”的时间码“2500”不是有效的年月（应为YYMM，月份01—12）'],
    ],
    [
      '2021-320193-89-01-544060',
      ['项目代码“2021-320193-89-01-544060”的时间码“2021”不是有效的年月（应为YYMM，月份01—12）'],
    ],
    [
      '2014-320193-89-01-544060',
      ['项目代码“2014-320193-89-01-544060”的时间码“2014”不是有效的年月（应为YYMM，月份01—12）'],
    ],
    ['2509-999999-89-01-544060', ['项目代码“2509-999999-89-01-544060”的地区码“999999”不是已知的行政区划代码']],
    [
      '2513-999999-89-01-544060',
      [
        '项目代码“2513-999999-89-01-544060”的时间码“2513”不是有效的年月（应为YYMM，月份01—12）',
        '项目代码“2513-999999-89-01-544060”的地区码“999999”不是已知的行政区划代码',
      ],
    ],
  ])('%j is rejected', (text, problems) => {
    expect(projectCodeProblems(text, isKnownRegion)).toEqual(problems);
  });

  it('asks the caller about the region segment only', () => {
    const asked: string[] = [];
    projectCodeProblems('2509-320193-89-01-544060', (r) => {
      asked.push(r);
      return true;
    });
    projectCodeProblems('2509-3201', (r) => {
      asked.push(r);
      return true;
    });
    expect(asked).toEqual(['320193']);
  });

  it.each([
    ['2509-320193-89-01-54406', null],
    ['abc', null],
    ['', null],
    ['2513-320193-89-01-544060', '2513-320193-89-01-544060'],
  ])('normalizeProjectCode(%j) = %j (shape only)', (text, out) => expect(normalizeProjectCode(text)).toBe(out));

  it('parses nothing from a code with an impossible month', () => {
    expect(parseProjectCode('2513-320193-89-01-544060')).toBeNull();
    expect(parseProjectCode('2509-320193-89-01')).toBeNull();
  });

  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const validCode = fc
    .tuple(
      fc.integer({ min: 20, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.constantFrom(...KNOWN),
      digits(2),
      digits(2),
      digits(6),
    )
    .map(([yy, mm, region, dept, type, serial]) => ({
      code: `${yy}${String(mm).padStart(2, '0')}-${region}-${dept}-${type}-${serial}`,
      year: 2000 + yy,
      month: mm,
    }));

  it('accepts every well-formed code, with or without hyphens, in full width too', () => {
    fc.assert(
      fc.property(validCode, ({ code, year, month }) => {
        for (const text of [code, code.replaceAll('-', ''), fullWidth(code)]) {
          expect(projectCodeProblems(text, isKnownRegion)).toEqual([]);
          expect(normalizeProjectCode(text)).toBe(code);
          expect(parseProjectCode(text)).toMatchObject({ era: 'current', year, month });
        }
      }),
    );
  });

  it('rejects every code whose month is 00 or 13–99 outside the 2015–2020 years of the earlier rules', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 13, max: 99 }), ({ code }, mm) => {
        const time = `${code.slice(0, 2)}${mm}`;
        fc.pre(!(Number(time) >= 2015 && Number(time) <= 2020));
        expect(projectCodeProblems(time + code.slice(4), isKnownRegion)).toHaveLength(1);
        expect(projectCodeProblems(`${code.slice(0, 2)}00${code.slice(4)}`, isKnownRegion)).toHaveLength(1);
      }),
    );
  });

  it('rejects every code with a digit dropped', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 19 }), ({ code }, i) => {
        const compact = code.replaceAll('-', '');
        expect(projectCodeProblems(compact.slice(0, i) + compact.slice(i + 1), isKnownRegion)).not.toEqual([]);
      }),
    );
  });
});
