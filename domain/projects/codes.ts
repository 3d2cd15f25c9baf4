/**
 * The two codes a project row carries: the owner's 统一社会信用代码 (USCC, GB 32100-2015, with a check character)
 * and the 投资项目统一代码 (发改投资〔2020〕1439号, GB/T 40058-2021, whose check algorithm is not public).
 * Both are normalised before checking (trim, full-width → half-width, upper case) and every problem is a Chinese
 * sentence a user can act on.
 */
import { removeWhitespace, toHalfWidth } from '../common/text-normalize.ts';

// ——— 统一社会信用代码 ———

/** The 31 characters a USCC uses: digits and capitals without I, O, S, V, Z. A character's value is its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (3^(i-1) mod 31). */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * The registration authorities (position 1) of GB 32100-2015 and the organisation types (position 2) each
 * registers, as published. Position 1 must be one of these; position 2 is only required to be a digit 1–9 (the
 * type lists have grown since 2015, and the check character already catches a mistyped type), the labels serve
 * `usccKind`.
 */
export const USCC_AUTHORITIES: Readonly<Record<string, { label: string; types: Readonly<Record<string, string>> }>> = {
  '1': {
    label: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { label: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    label: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { label: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { label: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    label: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { label: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { label: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { label: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { label: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    label: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { label: '其他', types: { '1': '其他' } },
};

/** Trimmed, full-width → half-width, whitespace removed, upper case: what is stored and checked. */
export const normalizeUscc = (text: string): string => removeWhitespace(toHalfWidth(text)).toUpperCase();

/** The check character of a USCC's first 17 characters: 31 − (Σ cᵢ·wᵢ mod 31), where 31 maps to '0'. */
export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a USCC check character needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`“${first17[i]}” is not a USCC character`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Hints for the characters people type instead of the right one. */
const LOOKALIKE: Record<string, string> = { O: '0', I: '1', Z: '2', S: '5', V: 'U' };

/**
 * Why a text is not a valid USCC, in Chinese; [] when it is. Checks, in order: length, characters, the
 * registration authority (position 1), the organisation type (position 2, a digit 1–9), the region (positions
 * 3–8, six digits) and the check character (position 18).
 */
export function usccProblems(text: string): string[] {
  const code = normalizeUscc(text);
  const chars = [...code];
  if (chars.length === 0) return ['统一社会信用代码为空'];
  const problems: string[] = [];
  if (chars.length !== 18) problems.push(`统一社会信用代码应为18位，“${code}”为${chars.length}位`);
  const bad = chars
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !USCC_CHARSET.includes(c))
    .map(({ c, i }) => `第${i + 1}位“${c}”${LOOKALIKE[c] ? `（应为“${LOOKALIKE[c]}”？）` : ''}`);
  if (bad.length > 0) {
    problems.push(`统一社会信用代码含有不使用的字符：${bad.join('、')}（只用数字和除I、O、S、V、Z外的大写字母）`);
  }
  if (problems.length > 0) return problems;

  const authority = USCC_AUTHORITIES[code[0]!];
  if (!authority) problems.push(`统一社会信用代码第1位登记管理部门代码“${code[0]}”不存在`);
  if (!/^[1-9]$/.test(code[1]!)) problems.push(`统一社会信用代码第2位机构类别代码“${code[1]}”不存在`);
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region)) {
    problems.push(`统一社会信用代码第3—8位登记管理机关行政区划码“${region}”应为6位数字`);
  }
  if (problems.length > 0) return problems;
  if (computeUsccCheckChar(code.slice(0, 17)) !== code[17]) {
    problems.push(`统一社会信用代码“${code}”校验位不符，请核对是否有抄错或前后颠倒的字符`);
  }
  return problems;
}

export const isValidUscc = (text: string): boolean => usccProblems(text).length === 0;

/** What a (valid) USCC says about its holder: registration authority and organisation type, in Chinese. */
export function usccKind(text: string): { authority: string; type: string | null } | null {
  const code = normalizeUscc(text);
  const authority = USCC_AUTHORITIES[code[0] ?? ''];
  if (!authority || code.length !== 18) return null;
  return { authority: authority.label, type: authority.types[code[1]!] ?? null };
}

// ——— 投资项目统一代码 ———

/**
 * The parts of a project code `TTTT-AAAAAA-BB-CC-NNNNNN`. Codes given since the 2020 rules (发改投资〔2020〕1439号)
 * start with YYMM (`era: 'current'`); codes given 2015–2020 under the earlier rules start with the four-digit year
 * (`era: 'legacy'`, month null). Both are 24 characters and both are still in use by projects under construction.
 */
export type ProjectCodeParts = {
  code: string;
  era: 'current' | 'legacy';
  year: number;
  month: number | null;
  region: string;
  department: string;
  projectType: string;
  serial: string;
};

/** Years the earlier rules wrote in full as the time segment (never a valid YYMM: the "month" would be 15–20). */
const LEGACY_YEARS = { min: 2015, max: 2020 } as const;

const HYPHENATED_RE = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;
const DASHES_RE = /[\u2010-\u2015\u2212\ufe58\ufe63_]/g;

/**
 * The hyphenated form of a project code written with or without hyphens (full-width digits and dashes, spaces
 * allowed): "25093201938901544060" → "2509-320193-89-01-544060". Null when the text does not have the shape.
 */
export function normalizeProjectCode(text: string): string | null {
  const t = removeWhitespace(toHalfWidth(text)).replace(DASHES_RE, '-');
  if (HYPHENATED_RE.test(t)) return t;
  if (/^\d{20}$/.test(t)) {
    return `${t.slice(0, 4)}-${t.slice(4, 10)}-${t.slice(10, 12)}-${t.slice(12, 14)}-${t.slice(14)}`;
  }
  return null;
}

/** The parts of a project code of the right shape and time segment, or null. The region is not checked here. */
export function parseProjectCode(text: string): ProjectCodeParts | null {
  const code = normalizeProjectCode(text);
  if (!code) return null;
  const [time, region, department, projectType, serial] = code.split('-') as [string, string, string, string, string];
  const t = Number(time);
  const parts = { code, region, department, projectType, serial };
  if (t >= LEGACY_YEARS.min && t <= LEGACY_YEARS.max) return { ...parts, era: 'legacy', year: t, month: null };
  const month = t % 100;
  if (month < 1 || month > 12) return null;
  return { ...parts, era: 'current', year: 2000 + Math.floor(t / 100), month };
}

export const PROJECT_CODE_EXAMPLE = '2509-320193-89-01-544060';

/**
 * Why a text is not a valid project code, in Chinese; [] when it is. The shape (24 characters with hyphens, or
 * 20 digits without), the time segment (YYMM with a month 01–12, or a 2015–2020 year of the earlier rules) and
 * the region segment, checked with `isKnownRegion` (the caller's list of GB/T 2260 codes).
 */
export function projectCodeProblems(text: string, isKnownRegion: (regionCode: string) => boolean): string[] {
  const shown = removeWhitespace(toHalfWidth(text));
  if (shown === '') return ['项目代码为空'];
  const code = normalizeProjectCode(text);
  if (!code) {
    return [`项目代码“${shown}”格式不对，应为24位（含4个短横线），如${PROJECT_CODE_EXAMPLE}`];
  }
  const problems: string[] = [];
  const parts = parseProjectCode(code);
  if (!parts) problems.push(`项目代码“${code}”的时间码“${code.slice(0, 4)}”不是有效的年月（应为YYMM，月份01—12）`);
  const region = code.slice(5, 11);
  if (!isKnownRegion(region)) problems.push(`项目代码“${code}”的地区码“${region}”不是已知的行政区划代码`);
  return problems;
}
