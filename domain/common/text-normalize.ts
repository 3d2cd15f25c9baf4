/**
 * Text as it arrives from Excel cells and headers: full-width characters typed with a Chinese input method,
 * ideographic and non-breaking spaces, line breaks inside merged headers. Every parser in domain/ normalises
 * through these helpers first, so "１９，２７８．１" and "19,278.1" are the same text.
 */

/** Characters treated as whitespace: ASCII whitespace, NBSP, the ideographic space, thin and zero-width spaces. */
const WHITESPACE_RE = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/**
 * Full-width forms (U+FF01–U+FF5E: ０–９, Ａ–Ｚ, ａ–ｚ, ，．－（）％：／ …) → their ASCII twins; the ideographic
 * space (U+3000) → a plain space. Other characters (Chinese text, 、。“”【】) are left alone.
 */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Removes every whitespace character, inside the text too ("总 投 资\n（亿元）" → "总投资（亿元）"). */
export const removeWhitespace = (text: string): string => text.replace(WHITESPACE_RE, '');

/** Trims and collapses every run of whitespace (line breaks, ideographic spaces) to one ASCII space. */
export const collapseWhitespace = (text: string): string => text.replace(WHITESPACE_RE, ' ').trim();

/** True when the text has no visible character. */
export const isBlankText = (text: string): boolean => removeWhitespace(text) === '';

/**
 * Why a cell has no value. Blank is never zero: sources use these marks for different things (not published,
 * unknown, below the table's unit, not applicable), so the status is kept beside the value.
 * - `empty`: nothing in the cell;
 * - `dash`: "—", "－", "-", "——", "--" (often "not published" or "below the unit");
 * - `ellipsis`: "…", "……", "..." (often "unknown" or "confidential");
 * - `na`: "/", "无", "不适用", "N/A" (not applicable).
 */
export const BLANK_KINDS = ['empty', 'dash', 'ellipsis', 'na'] as const;
export type BlankKind = (typeof BLANK_KINDS)[number];

export const BLANK_KIND_LABELS: Record<BlankKind, string> = {
  empty: '空白',
  dash: '横线',
  ellipsis: '省略号',
  na: '不适用',
};

const DASH_RE = /^[-\u2010-\u2015\u2212\ufe58\ufe63]+$/;
const ELLIPSIS_RE = /^(?:[\u2026\u22ef]+|\.{3,}|。{3,})$/;
const NA_RE = /^(?:\/|\\|无|不适用|暂无|n\/?a)$/i;

/** A cell that holds no value, with why. */
export type BlankCell = { ok: true; blank: BlankKind; original: string };
/** A cell that could not be read; `reason` is Chinese and quotes the original text. */
export type RejectedCell = { ok: false; reason: string; original: string };

/** The blank status of a cell's text, or null when the cell holds something to parse. */
export function blankKind(text: string | null | undefined): BlankKind | null {
  if (text === null || text === undefined) return 'empty';
  const t = removeWhitespace(toHalfWidth(text));
  if (t === '') return 'empty';
  if (DASH_RE.test(t)) return 'dash';
  if (ELLIPSIS_RE.test(t)) return 'ellipsis';
  if (NA_RE.test(t)) return 'na';
  return null;
}

/** Units written in header brackets, with the spellings that mean the same unit folded together. */
const UNIT_ALIASES: Record<string, string> = {
  亿: '亿元',
  万: '万元',
  吨标准煤: '吨标煤',
  '吨标准煤/年': '吨标煤/年',
};

/** Recognised unit words; a bracket holding one of these (or a "x/y" of two) is a unit, not part of the name. */
const UNIT_WORDS = new Set([
  '元',
  '千元',
  '万元',
  '百万元',
  '亿元',
  '亿',
  '万',
  '%',
  '‰',
  '个百分点',
  '亩',
  '公顷',
  '平方米',
  '㎡',
  '万平方米',
  '平方公里',
  '公里',
  '千米',
  '米',
  '吨',
  '万吨',
  '吨标煤',
  '吨标准煤',
  '万吨标煤',
  '千瓦时',
  '万千瓦时',
  '亿千瓦时',
  '千瓦',
  '万千瓦',
  '美元',
  '万美元',
  '亿美元',
  '微克',
  '立方米',
  '个',
  '人',
  '家',
  '项',
  '次',
  '年',
  '月',
  '天',
  '日',
  '工作日',
]);

function isUnitText(text: string): boolean {
  if (UNIT_WORDS.has(text)) return true;
  const parts = text.split('/');
  return parts.length === 2 && parts.every((p) => UNIT_WORDS.has(p));
}

const BRACKET_RE = /[([【]([^()[\]【】]*)[)\]】]/g;

export type HeaderKey = { key: string; unit: string | null };

/**
 * The key a header is matched by, with its unit split off: full-width → half-width, whitespace removed,
 * a bracket holding a unit ("（亿元）", "(万元/亩)", "【%】", "（单位：万元）") taken out as `unit`.
 * Brackets that hold something else stay in the key ("本月(本周)完成"); a leading "*" (required-column mark
 * in templates) and a trailing colon are dropped. `总投资（亿元）` → `{ key: '总投资', unit: '亿元' }`.
 */
export function headerKey(text: string): HeaderKey {
  let key = removeWhitespace(toHalfWidth(text));
  let unit: string | null = null;
  key = key.replace(BRACKET_RE, (whole, inner: string) => {
    const declared = /^单位[:：]?(.+)$/.exec(inner);
    const candidate = declared ? declared[1]! : inner;
    if (unit === null && (declared || isUnitText(candidate))) {
      unit = UNIT_ALIASES[candidate] ?? candidate;
      return '';
    }
    return whole;
  });
  key = key.replace(/^\*+/, '').replace(/[:：]+$/, '');
  return { key, unit };
}
