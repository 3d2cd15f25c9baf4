import { removeWhitespace, toHalfWidth } from '../common/text-normalize.ts';

/**
 * The period a statistics table names in its title or headers — "2026年1-9月", "1—9月", "1至6月", "前8个月",
 * "上半年", "前三季度", "一季度", "全年", "2026年9月" — as a year (when written) and the last month of the cumulative
 * period; null when the text names none. Used to refuse a sheet imported under the wrong month (FORMATS.md: periods
 * are cumulative and labelled in several ways).
 */
export function periodInText(text: string): { year: number | null; month: number } | null {
  const t = removeWhitespace(toHalfWidth(text));
  const year = (y: string | undefined) => (y ? Number(y) : null);
  const valid = (m: number) => m >= 1 && m <= 12;
  let m = /(?:(\d{4})年)?1[-—–~至到](\d{1,2})月/.exec(t);
  if (m && valid(Number(m[2]))) return { year: year(m[1]), month: Number(m[2]) };
  m = /(?:(\d{4})年)?前(\d{1,2})个?月/.exec(t);
  if (m && valid(Number(m[2]))) return { year: year(m[1]), month: Number(m[2]) };
  const words: [string, number][] = [
    ['前三季度', 9],
    ['上半年', 6],
    ['一季度', 3],
    ['全年', 12],
  ];
  for (const [w, month] of words) {
    const i = t.indexOf(w);
    if (i >= 0) return { year: year(/(\d{4})年$/.exec(t.slice(0, i))?.[1]), month };
  }
  m = /(\d{4})年(\d{1,2})月/.exec(t);
  if (m && valid(Number(m[2]))) return { year: Number(m[1]), month: Number(m[2]) };
  return null;
}

/** Whether a period named in a sheet agrees with the chosen "YYYY-MM" (a missing year agrees with any year). */
export function agreesWith(named: { year: number | null; month: number }, period: string): boolean {
  const [y, mo] = period.split('-').map(Number);
  return named.month === mo && (named.year === null || named.year === y);
}
