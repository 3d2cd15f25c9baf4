import type { ValueItem, ValueWrite } from '../../api/indicators.ts';

/**
 * The figures typed into the 数据填报 grid, turned into the batch the PUT takes: only the figures that differ from
 * the stored ones, one write per region and indicator, each with the version it was read at (0: no figure was
 * read). Both cells blank removes the figure. Pure, so it is tested without a browser.
 */
export type Field = 'value' | 'growth';
export const FIELDS: readonly Field[] = ['value', 'growth'];
export const cellKey = (regionCode: string, indicatorCode: string, field: Field) =>
  `${regionCode}|${indicatorCode}|${field}`;
export const pairKey = (regionCode: string, indicatorCode: string) => `${regionCode}|${indicatorCode}`;

/** Blank is not zero: an empty input is "no figure" (null), everything else the text as typed. */
export const normalize = (text: string | undefined | null): string | null => {
  const s = (text ?? '').trim();
  return s === '' ? null : s;
};

/** The stored figure and the figure as edited are the same (6.10 = 6.1; blank = null). */
export const sameText = (a: string | null, b: string | null) => {
  if (a === null || b === null) return a === b;
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na === nb : a === b;
};

export const stored = (item: ValueItem | undefined, field: Field) => (item ? item[field] : null);

/** `drafts`: cell key → text typed; `byPair`: the stored figures of the period by region and indicator. */
export function valueWrites(
  drafts: ReadonlyMap<string, string>,
  byPair: ReadonlyMap<string, ValueItem>,
  period: string,
): ValueWrite[] {
  const pairs = new Map<string, { regionCode: string; indicatorCode: string }>();
  for (const [key, text] of drafts) {
    const [regionCode = '', indicatorCode = '', field] = key.split('|');
    const item = byPair.get(pairKey(regionCode, indicatorCode));
    if (!sameText(normalize(text), stored(item, field as Field))) {
      pairs.set(pairKey(regionCode, indicatorCode), { regionCode, indicatorCode });
    }
  }
  return [...pairs.values()].map((p): ValueWrite => {
    const item = byPair.get(pairKey(p.regionCode, p.indicatorCode));
    const now = (field: Field) => {
      const d = drafts.get(cellKey(p.regionCode, p.indicatorCode, field));
      return d === undefined ? stored(item, field) : normalize(d);
    };
    return {
      regionCode: p.regionCode,
      indicatorCode: p.indicatorCode,
      period,
      value: now('value'),
      growth: now('growth'),
      version: item?.version ?? 0,
    };
  });
}
