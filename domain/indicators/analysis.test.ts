import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountPace,
  completionPercent,
  countBeyond,
  DEFAULT_LIGHT_THRESHOLDS,
  daysToYearEnd,
  gapsFor,
  halfAndHalf,
  indicatorLight,
  lightFor,
  type PeerValue,
  peerAverage,
  rankChange,
  rankPeers,
  timeProgress,
} from './analysis.ts';
import { fixed } from './decimal.ts';

const peers = (table: Record<string, string | null>): PeerValue[] =>
  Object.entries(table).map(([regionCode, v]) => ({ regionCode, value: v === null ? null : fixed(v) }));

/** 一季度 GDP growth of a province of 12 cities and areas (含杨凌); 咸阳 and 汉中 tie at 7.1. */
const Q1_GDP = peers({
  西安: '5.2',
  铜川: '7.5',
  宝鸡: '6.3',
  咸阳: '7.1',
  渭南: '8.0',
  延安: '9.2',
  汉中: '7.1',
  榆林: '8.4',
  安康: '7.3',
  商洛: '5.8',
  杨凌: '7.6',
  韩城: '4.9',
});
const PROVINCE = fixed('6.6');

const ranks = (ranked: ReturnType<typeof rankPeers>) => ranked.map((r) => [r.regionCode, r.rank]);

describe('rankPeers: competition ranking (1, 2, 2, 4)', () => {
  it('ranks the province of 12 with a tie at 7th', () => {
    expect(ranks(rankPeers(Q1_GDP, 'higher_better'))).toEqual([
      ['延安', 1],
      ['榆林', 2],
      ['渭南', 3],
      ['杨凌', 4],
      ['铜川', 5],
      ['安康', 6],
      ['咸阳', 7],
      ['汉中', 7],
      ['宝鸡', 9],
      ['商洛', 10],
      ['西安', 11],
      ['韩城', 12],
    ]);
  });

  it('names who shares a rank', () => {
    const r = rankPeers(Q1_GDP, 'higher_better');
    expect(r.find((p) => p.regionCode === '咸阳')!.tiedWith).toEqual(['汉中']);
    expect(r.find((p) => p.regionCode === '宝鸡')!.tiedWith).toEqual([]);
  });

  it('ranks a lower-is-better indicator from the smallest value', () => {
    const pm25 = peers({ A: '45', B: '30', C: '38', D: '30' });
    expect(ranks(rankPeers(pm25, 'lower_better'))).toEqual([
      ['B', 1],
      ['D', 1],
      ['C', 3],
      ['A', 4],
    ]);
  });

  it('leaves regions without a value unranked, after the others', () => {
    const r = rankPeers(peers({ A: null, B: '-2.1', C: '0.5', D: null }), 'higher_better');
    expect(ranks(r)).toEqual([
      ['C', 1],
      ['B', 2],
      ['A', null],
      ['D', null],
    ]);
  });

  it('zero is a value, not a missing one', () => {
    expect(ranks(rankPeers(peers({ A: '0', B: null }), 'higher_better'))).toEqual([
      ['A', 1],
      ['B', null],
    ]);
  });

  const peerArb = fc
    .array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), { maxLength: 15 })
    .map((vs) => vs.map((v, i) => ({ regionCode: `R${i}`, value: v === null ? null : BigInt(v) * 1000n })));

  it('rank = 1 + the number of peers strictly better; unranked exactly when there is no value', () => {
    fc.assert(
      fc.property(peerArb, fc.constantFrom('higher_better' as const, 'lower_better' as const), (ps, dir) => {
        const ranked = rankPeers(ps, dir);
        expect(ranked).toHaveLength(ps.length);
        for (const r of ranked) {
          if (r.value === null) expect(r.rank).toBeNull();
          else {
            const better = ps.filter(
              (p) => p.value !== null && (dir === 'higher_better' ? p.value > r.value! : p.value < r.value!),
            );
            expect(r.rank).toBe(better.length + 1);
          }
        }
      }),
    );
  });

  it('negating every value and flipping the direction gives the same ranks', () => {
    fc.assert(
      fc.property(peerArb, (ps) => {
        const flipped = ps.map((p) => ({ ...p, value: p.value === null ? null : -p.value }));
        const a = new Map(ranks(rankPeers(ps, 'higher_better')).map(([c, r]) => [c, r]));
        const b = new Map(ranks(rankPeers(flipped, 'lower_better')).map(([c, r]) => [c, r]));
        expect(b).toEqual(a);
      }),
    );
  });
});

describe('rankChange: 前移 / 后移 / 持平', () => {
  it.each([
    [7, 9, { kind: 'up', places: 2 }],
    [9, 7, { kind: 'down', places: 2 }],
    [9, 9, { kind: 'same', places: 0 }],
    [9, null, { kind: 'unknown' }],
    [null, 3, { kind: 'unknown' }],
  ])('rankChange(%s, %s)', (now, before, change) => expect(rankChange(now, before)).toEqual(change));
});

describe('gapsFor', () => {
  it('a city in the lower half: gaps to the province, the average, the leader and both neighbours', () => {
    expect(gapsFor(Q1_GDP, '宝鸡', 'higher_better', PROVINCE)).toEqual({
      value: fixed('6.3'),
      rank: 9,
      toProvince: fixed('-0.3'),
      // the twelve sum to 84.4; 84.4 / 12 = 7.03333…
      toAverage: fixed('6.3') - fixed('7.0333'),
      leader: { regionCodes: ['延安'], value: fixed('9.2'), diff: fixed('-2.9') },
      above: { regionCodes: ['咸阳', '汉中'], value: fixed('7.1'), diff: fixed('-0.8') },
      below: { regionCodes: ['商洛'], value: fixed('5.8'), diff: fixed('0.5') },
    });
  });

  it('the leader has no leader and no region above', () => {
    const g = gapsFor(Q1_GDP, '延安', 'higher_better')!;
    expect([g.rank, g.leader, g.above, g.toProvince]).toEqual([1, null, null, null]);
    expect(g.below).toEqual({ regionCodes: ['榆林'], value: fixed('8.4'), diff: fixed('0.8') });
  });

  it('the last has no region below', () => {
    const g = gapsFor(Q1_GDP, '韩城', 'higher_better')!;
    expect([g.rank, g.below]).toEqual([12, null]);
    expect(g.above?.regionCodes).toEqual(['西安']);
  });

  it('a tied region looks past its twin to the nearest different values', () => {
    const g = gapsFor(Q1_GDP, '汉中', 'higher_better')!;
    expect(g.above).toEqual({ regionCodes: ['安康'], value: fixed('7.3'), diff: fixed('-0.2') });
    expect(g.below).toEqual({ regionCodes: ['宝鸡'], value: fixed('6.3'), diff: fixed('0.8') });
  });

  it('for a lower-is-better indicator the region above has the smaller value', () => {
    const g = gapsFor(peers({ A: '30', B: '45', C: '38', D: null }), 'C', 'lower_better')!;
    expect(g.rank).toBe(2);
    expect(g.above).toEqual({ regionCodes: ['A'], value: fixed('30'), diff: fixed('8') });
    expect(g.below).toEqual({ regionCodes: ['B'], value: fixed('45'), diff: fixed('-7') });
    expect(g.leader?.regionCodes).toEqual(['A']);
  });

  it('peers without a value count neither in the ranks nor in the average; negative growth works', () => {
    const ps = peers({ A: '-2.1', B: null, C: '0.5', D: '-3.0' });
    const g = gapsFor(ps, 'A', 'higher_better')!;
    expect(g.rank).toBe(2);
    expect(g.toAverage).toBe(fixed('-2.1') - fixed('-1.5333'));
    expect(peerAverage(ps)).toBe(fixed('-1.5333'));
  });

  it('is null for a region without a value or outside the group', () => {
    expect(gapsFor(peers({ A: null, B: '1' }), 'A', 'higher_better')).toBeNull();
    expect(gapsFor(Q1_GDP, '北京', 'higher_better')).toBeNull();
  });

  it('the region above is better and the region below worse, whatever the data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom('higher_better' as const, 'lower_better' as const),
        (vs, pick, dir) => {
          const ps = vs.map((v, i) => ({ regionCode: `R${i}`, value: BigInt(v) }));
          const g = gapsFor(ps, `R${pick % vs.length}`, dir)!;
          const sign = dir === 'higher_better' ? 1n : -1n;
          if (g.above) expect(g.above.diff * sign < 0n).toBe(true);
          if (g.below) expect(g.below.diff * sign > 0n).toBe(true);
          expect(g.leader === null).toBe(g.rank === 1);
          expect(g.above === null).toBe(g.rank === 1);
        },
      ),
    );
  });
});

describe('countBeyond: "全省有X个市区增长率超过X%"', () => {
  it('counts strictly above the threshold', () => {
    const c = countBeyond(Q1_GDP, fixed('7'), 'higher_better');
    expect(c.count).toBe(8);
    expect(c.regionCodes).not.toContain('宝鸡');
    expect(countBeyond(Q1_GDP, fixed('7.1'), 'higher_better').count).toBe(6); // 7.1 itself is not beyond 7.1
  });
  it('counts below the threshold for a lower-is-better indicator, ignoring missing values', () => {
    expect(countBeyond(peers({ A: '30', B: '45', C: '35', D: null }), fixed('35'), 'lower_better')).toEqual({
      count: 1,
      regionCodes: ['A'],
    });
  });
});

describe('timeProgress: 序时进度', () => {
  it.each([
    [1, '8.3333'],
    [3, '25'],
    [5, '41.6667'],
    [6, '50'],
    [12, '100'],
  ])('month %i of 12 → %s %', (m, pct) => expect(timeProgress(m)).toBe(fixed(pct)));

  const quarterly = [
    { month: 3, percent: fixed('20') },
    { month: 6, percent: fixed('45') },
    { month: 9, percent: fixed('70') },
  ];
  it.each([
    [1, '6.6667'],
    [3, '20'],
    [5, '36.6667'],
    [6, '45'],
    [10, '80'], // 70 → 100 (December, implied)
    [12, '100'],
  ])('a quarterly schedule read in month %i → %s %', (m, pct) => expect(timeProgress(m, quarterly)).toBe(fixed(pct)));

  it('a configured December figure wins over the implied 100 %', () => {
    expect(timeProgress(12, [{ month: 12, percent: fixed('95') }])).toBe(fixed('95'));
  });

  it.each([0, 13, 1.5])('rejects month %s', (m) => expect(() => timeProgress(m)).toThrow(RangeError));

  it('never falls from one month to the next', () => {
    for (let m = 1; m < 12; m++) expect(timeProgress(m + 1) > timeProgress(m)).toBe(true);
  });
});

describe('completionPercent', () => {
  it('is the share of the annual amount done, null for a zero target', () => {
    expect(completionPercent(fixed('280'), fixed('1200'))).toBe(fixed('23.3333'));
    expect(completionPercent(fixed('1250'), fixed('1200'))).toBe(fixed('104.1667'));
    expect(completionPercent(fixed('1'), 0n)).toBeNull();
  });
});

describe('halfAndHalf: 双过半 on the figures of 1-6月', () => {
  const target = { targetGrowth: fixed('7'), targetAmount: fixed('1200') };
  it.each<[string, Parameters<typeof halfAndHalf>[0], ReturnType<typeof halfAndHalf>]>([
    [
      'both met',
      { ...target, growth: fixed('7.2'), value: fixed('610') },
      { growthOnTarget: true, amountHalf: true, achieved: true },
    ],
    [
      'exactly half and exactly on target',
      { ...target, growth: fixed('7'), value: fixed('600') },
      { growthOnTarget: true, amountHalf: true, achieved: true },
    ],
    [
      'growth behind',
      { ...target, growth: fixed('6.9'), value: fixed('610') },
      { growthOnTarget: false, amountHalf: true, achieved: false },
    ],
    [
      'amount short of half',
      { ...target, growth: fixed('8'), value: fixed('599.99') },
      { growthOnTarget: true, amountHalf: false, achieved: false },
    ],
    [
      'only a growth target',
      { targetGrowth: fixed('7'), growth: fixed('7.5'), value: null },
      { growthOnTarget: true, amountHalf: null, achieved: true },
    ],
    [
      'a target part without its figure cannot be judged',
      { ...target, growth: fixed('7.5'), value: null },
      { growthOnTarget: true, amountHalf: null, achieved: null },
    ],
    [
      'no target',
      { growth: fixed('7.5'), value: fixed('1') },
      { growthOnTarget: null, amountHalf: null, achieved: null },
    ],
    [
      'lower is better: PM2.5 must fall at least as fast as planned',
      { targetGrowth: fixed('-5'), growth: fixed('-6'), value: null, direction: 'lower_better' },
      { growthOnTarget: true, amountHalf: null, achieved: true },
    ],
  ])('%s', (_, input, expected) => expect(halfAndHalf(input)).toEqual(expected));
});

describe('amountPace', () => {
  const target = fixed('1200');
  it('behind: needs 116.67 a month, the last three months averaged 80', () => {
    expect(amountPace(target, 6, { 3: fixed('260'), 6: fixed('500') })).toEqual({
      remaining: fixed('700'),
      monthsLeft: 6,
      neededPerMonth: fixed('116.6667'),
      trailingAverage: fixed('80'),
      onTrack: false,
    });
  });
  it('on track when the recent pace is at least what is needed', () => {
    const p = amountPace(target, 9, { 6: fixed('600'), 9: fixed('900') })!;
    expect([p.neededPerMonth, p.trailingAverage, p.onTrack]).toEqual([fixed('100'), fixed('100'), true]);
  });
  it('target already reached: nothing remains', () => {
    const p = amountPace(target, 10, { 7: fixed('1000'), 10: fixed('1250') })!;
    expect([p.remaining, p.neededPerMonth, p.onTrack]).toEqual([0n, 0n, true]);
  });
  it('January and February average over the months there are', () => {
    expect(amountPace(target, 1, { 1: fixed('90') })!.trailingAverage).toBe(fixed('90'));
    expect(amountPace(target, 2, { 2: fixed('150') })!.trailingAverage).toBe(fixed('75'));
  });
  it('December short of target: no month left, not on track', () => {
    const p = amountPace(target, 12, { 12: fixed('1100') })!;
    expect([p.remaining, p.monthsLeft, p.neededPerMonth, p.onTrack]).toEqual([fixed('100'), 0, null, false]);
  });
  it('cannot judge without the figure three months back, nor without this month', () => {
    const p = amountPace(target, 6, { 6: fixed('500') })!;
    expect([p.trailingAverage, p.onTrack]).toEqual([null, null]);
    expect(amountPace(target, 6, { 3: fixed('260') })).toBeNull();
  });
});

describe('daysToYearEnd: "距离年底收官只有X天"', () => {
  it.each([
    ['2026-10-10', 82],
    ['2026-12-31', 0],
    ['2026-12-30', 1],
    ['2026-01-01', 364],
    ['2024-01-01', 365], // leap year
  ])('%s → %i', (d, n) => expect(daysToYearEnd(d)).toBe(n));
  it('reads an instant on the Asia/Shanghai calendar', () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai
    expect(daysToYearEnd(new Date('2026-12-31T16:30:00Z'))).toBe(364);
    expect(daysToYearEnd(new Date('2026-12-31T15:30:00Z'))).toBe(0);
  });
  it.each(['2026-02-30', '2026-1-1', 'today'])('rejects %s', (d) => expect(() => daysToYearEnd(d)).toThrow(RangeError));
});

describe('traffic light', () => {
  it.each<[string, string, string]>([
    ['0.5', '1', 'green'],
    ['0', '1', 'green'],
    ['-0.9', '1', 'yellow'],
    ['-1', '1', 'red'], // behind by exactly the threshold is no longer "less than"
    ['-3', '1', 'red'],
    ['-3', '5', 'yellow'],
  ])('ahead %s with yellow within %s → %s', (a, t, light) => expect(lightFor(fixed(a), fixed(t))).toBe(light));

  const base = { direction: 'higher_better' as const, month: 3, value: null, growth: null };
  it.each<[string, Partial<Parameters<typeof indicatorLight>[0]>, string | null]>([
    ['growth on target', { growth: fixed('7.2'), targetGrowth: fixed('7') }, 'green'],
    ['growth 0.5 behind', { growth: fixed('6.5'), targetGrowth: fixed('7') }, 'yellow'],
    ['growth 1.1 behind', { growth: fixed('5.9'), targetGrowth: fixed('7') }, 'red'],
    ['negative growth', { growth: fixed('-2.1'), targetGrowth: fixed('7') }, 'red'],
    // 1-3月: 序时进度 25 %; 280 of 1200 is 23.33 %, 1.67 points behind
    ['completion slightly behind pace', { value: fixed('280'), targetAmount: fixed('1200') }, 'yellow'],
    ['completion on pace', { value: fixed('300'), targetAmount: fixed('1200') }, 'green'],
    ['completion far behind', { value: fixed('200'), targetAmount: fixed('1200') }, 'red'],
    [
      'against a configured schedule (20 % by March)',
      { value: fixed('250'), targetAmount: fixed('1200'), schedule: [{ month: 3, percent: fixed('20') }] },
      'green',
    ],
    [
      'both targets: the worse light wins',
      { growth: fixed('7.5'), targetGrowth: fixed('7'), value: fixed('200'), targetAmount: fixed('1200') },
      'red',
    ],
    [
      'lower is better: PM2.5 planned to fall 5 %, fell 4.5 %',
      { direction: 'lower_better', growth: fixed('-4.5'), targetGrowth: fixed('-5') },
      'yellow',
    ],
    ['no target', { growth: fixed('7') }, null],
    ['a target without a figure', { targetGrowth: fixed('7') }, null],
  ])('%s', (_, input, light) => expect(indicatorLight({ ...base, ...input }).light).toBe(light));

  it('reports each check and reads thresholds as parameters', () => {
    const input = { ...base, growth: fixed('6.5'), targetGrowth: fixed('7') };
    expect(indicatorLight(input).checks).toEqual([{ basis: 'growth', ahead: fixed('-0.5'), light: 'yellow' }]);
    const strict = { ...DEFAULT_LIGHT_THRESHOLDS, growthPoints: fixed('0.5') };
    expect(indicatorLight(input, strict).light).toBe('red');
  });

  it('is never green behind pace nor red ahead of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 50 }), (a, t) => {
        const light = lightFor(BigInt(a) * 1000n, BigInt(t) * 1000n);
        return a >= 0 ? light === 'green' : light !== 'green';
      }),
    );
  });
});
