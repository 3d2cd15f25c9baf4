import { describe, expect, it } from 'vitest';
import { checkPhoto, distanceMeters, type PhotoIssueCode } from './photo-check.ts';

/** 1° of latitude in metres on the mean-radius sphere: 6 371 008.8 × π / 180 */
const DEG_M = 111_195.08;

describe('distanceMeters', () => {
  it.each([
    [{ lat: 32, lng: 118 }, { lat: 32, lng: 118 }, 0],
    [{ lat: 32, lng: 118 }, { lat: 33, lng: 118 }, DEG_M], // along a meridian
    [{ lat: 0, lng: 118 }, { lat: 0, lng: 118.01 }, DEG_M / 100], // along the equator
    [{ lat: 60, lng: 10 }, { lat: 60, lng: 10.001 }, DEG_M / 2000], // a degree of longitude is half as long at 60°
    [{ lat: 0, lng: 0 }, { lat: 0, lng: 180 }, DEG_M * 180], // antipodes: no NaN from rounding
  ])('%j to %j is %f m', (a, b, m) => {
    expect(distanceMeters(a, b)).toBeCloseTo(m, 0);
    expect(distanceMeters(b, a)).toBeCloseTo(m, 0);
  });
});

// a project in Nanjing; 2026-W48 is Monday 23 to Sunday 29 November, so photos from 20 November to 2 December pass
const site = { lat: 32.0603, lng: 118.7969 };
const base = {
  takenAt: new Date('2026-11-25T02:00:00Z'),
  lat: site.lat,
  lng: site.lng,
  weekKey: '2026-W48',
  project: site,
  reusedFrom: null,
};
const north = (metres: number) => site.lat + metres / DEG_M;
const codes = (r: ReturnType<typeof checkPhoto>) => r.reasons.map((x) => x.code);

describe('checkPhoto: capture time', () => {
  it.each([
    ['2026-11-19T16:00:00.000Z', []], // Friday 20 November 00:00 in Beijing: 3 days before Monday
    ['2026-11-19T15:59:59.999Z', ['outside_week']],
    ['2026-12-02T15:59:59.999Z', []], // Wednesday 2 December, 23:59:59 in Beijing
    ['2026-12-02T16:00:00.000Z', ['outside_week']],
    ['2026-11-29T15:00:00.000Z', []],
  ] as Array<[string, PhotoIssueCode[]]>)('taken %s: %j', (iso, expected) => {
    const r = checkPhoto({ ...base, takenAt: new Date(iso) });
    expect(codes(r)).toEqual(expected);
    expect(r.verified).toBe(expected.length === 0);
  });

  it('names the date taken and the week in the message', () => {
    expect(checkPhoto({ ...base, takenAt: new Date('2026-11-10T02:00:00Z') }).reasons).toEqual([
      {
        code: 'outside_week',
        zh: '拍摄时间2026年11月10日不在本周(11月23日—11月29日)前后3天内',
        en: 'Taken on 10 Nov 2026, not within 3 days of the report week (23 Nov – 29 Nov)',
      },
    ]);
  });

  it('uses the tolerance it is given', () => {
    const sunday = new Date('2026-11-29T12:00:00Z'); // Sunday 20:00 in Beijing
    const monday = new Date('2026-11-30T01:00:00Z');
    expect(checkPhoto({ ...base, takenAt: sunday, toleranceDays: 0 }).verified).toBe(true);
    expect(checkPhoto({ ...base, takenAt: monday, toleranceDays: 0 }).reasons[0]?.zh).toBe(
      '拍摄时间2026年11月30日不在本周(11月23日—11月29日)前后0天内',
    );
  });

  it.each([null, new Date(Number.NaN)])('flags a photo without capture time (%s)', (takenAt) => {
    expect(checkPhoto({ ...base, takenAt })).toEqual({
      verified: false,
      reasons: [{ code: 'no_time', zh: '照片未记录拍摄时间', en: 'The photo has no capture time' }],
    });
  });
});

describe('checkPhoto: location', () => {
  it.each([
    [north(1990), site.lng, site, []],
    [north(2010), site.lng, site, ['too_far']],
    [null, null, site, ['no_location']],
    [site.lat, null, site, ['no_location']],
    [0, 0, site, ['no_location']], // what some cameras write without a fix
    [Number.NaN, site.lng, site, ['no_location']],
    [null, null, { lat: null, lng: null }, []], // nothing to compare with
    [north(50_000), site.lng, { lat: null, lng: null }, []],
  ] as Array<[number | null, number | null, { lat: number | null; lng: number | null }, PhotoIssueCode[]]>)(
    'photo at %s, %s, project %j: %j',
    (lat, lng, project, expected) => {
      const r = checkPhoto({ ...base, lat, lng, project });
      expect(codes(r)).toEqual(expected);
      expect(r.verified).toBe(expected.length === 0);
    },
  );

  it('gives the distance in km with one decimal', () => {
    expect(checkPhoto({ ...base, lat: north(3400), maxDistanceM: 2000 }).reasons).toEqual([
      { code: 'too_far', zh: '拍摄地点距项目位置3.4公里', en: 'Taken 3.4 km from the project location' },
    ]);
  });

  it('uses the distance it is given', () => {
    expect(checkPhoto({ ...base, lat: north(600), maxDistanceM: 500 }).reasons[0]?.zh).toBe(
      '拍摄地点距项目位置0.6公里',
    );
  });
});

describe('checkPhoto: re-used photo', () => {
  it('names the week and project it was first used for', () => {
    const r = checkPhoto({ ...base, reusedFrom: { weekKey: '2026-W40', projectName: '城南污水处理厂' } });
    expect(r).toEqual({
      verified: false,
      reasons: [
        {
          code: 'reused',
          zh: '与2026年第40周“城南污水处理厂”的照片相同',
          en: 'Same photo as in week 40, 2026 of “城南污水处理厂”',
        },
      ],
    });
  });

  it('lists every reason, time first', () => {
    const r = checkPhoto({
      ...base,
      takenAt: null,
      lat: north(5000),
      reusedFrom: { weekKey: '2025-W52', projectName: '智能制造产业园' },
    });
    expect(codes(r)).toEqual(['no_time', 'too_far', 'reused']);
    expect(r.reasons.map((x) => x.zh)).toEqual([
      '照片未记录拍摄时间',
      '拍摄地点距项目位置5.0公里',
      '与2025年第52周“智能制造产业园”的照片相同',
    ]);
  });
});
