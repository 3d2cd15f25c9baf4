import { describe, expect, it } from 'vitest';
import type { ValueItem } from '../../api/indicators.ts';
import { cellKey, pairKey, valueWrites } from './values-drafts.ts';

const P = '2026-09';
const item = (regionCode: string, value: string | null, growth: string | null, version: number): ValueItem => ({
  regionCode,
  regionName: regionCode,
  indicatorCode: 'gdp',
  period: P,
  value,
  growth,
  source: 'manual',
  version,
  updatedAt: '2026-10-10T00:00:00.000Z',
  updatedByName: '陈统计',
  can: { edit: true },
});
const stored = new Map([
  [pairKey('990100', 'gdp'), item('990100', '1234.5', '6.1', 3)],
  [pairKey('990200', 'gdp'), item('990200', null, '5.2', 1)],
]);
const drafts = (entries: [string, 'value' | 'growth', string][]) =>
  new Map(entries.map(([r, f, text]) => [cellKey(r, 'gdp', f), text]));

describe('the grid’s edits as the PUT batch', () => {
  it('sends only changed figures, with the version read', () => {
    const writes = valueWrites(
      drafts([
        ['990100', 'value', '1234.50'], // the same figure typed again
        ['990100', 'growth', '6.3'],
        ['990200', 'growth', '5.2'],
      ]),
      stored,
      P,
    );
    expect(writes).toEqual([
      { regionCode: '990100', indicatorCode: 'gdp', period: P, value: '1234.50', growth: '6.3', version: 3 },
    ]);
  });

  it('a figure where none was read carries version 0', () => {
    expect(valueWrites(drafts([['990300', 'value', ' 88 ']]), stored, P)).toEqual([
      { regionCode: '990300', indicatorCode: 'gdp', period: P, value: '88', growth: null, version: 0 },
    ]);
  });

  it('both cells blanked removes the figure (nulls, with the version read)', () => {
    expect(
      valueWrites(
        drafts([
          ['990100', 'value', ''],
          ['990100', 'growth', '  '],
        ]),
        stored,
        P,
      ),
    ).toEqual([{ regionCode: '990100', indicatorCode: 'gdp', period: P, value: null, growth: null, version: 3 }]);
    // blanking the one figure 东川市 has removes it too
    expect(valueWrites(drafts([['990200', 'growth', '']]), stored, P)).toEqual([
      { regionCode: '990200', indicatorCode: 'gdp', period: P, value: null, growth: null, version: 1 },
    ]);
  });

  it('typing into an empty cell and clearing it again sends nothing', () => {
    expect(valueWrites(drafts([['990300', 'growth', '']]), stored, P)).toEqual([]);
  });
});
