import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles.ts';
import type { RegionKind } from '../org/region.ts';
import { indicatorEditScope, mayEditRegion } from './access.ts';

const R = (code: string, kind: RegionKind, parentCode: string | null) => ({ code, kind, parentCode });
const regions = [
  R('990000', 'province', null),
  R('990100', 'city', '990000'),
  R('990102', 'district', '990100'),
  R('990103', 'district', '990100'),
  R('990200', 'city', '990000'),
  R('990202', 'district', '990200'),
];
const scope = (roles: Role[], unitRegionCode: string) => indicatorEditScope({ roles, unitRegionCode, regions });

describe('indicatorEditScope', () => {
  it('gives an admin every region and the catalog', () => {
    const s = scope(['admin'], '990102');
    expect(s).toEqual({ kind: 'all', configure: true });
    expect(mayEditRegion(s, '123456')).toBe(true);
  });

  it('gives a city statistician its city, the province and the other cities, not their districts', () => {
    const s = scope(['statistician'], '990100');
    expect(s.configure).toBe(true);
    expect(s.kind === 'regions' && [...s.regionCodes].sort()).toEqual([
      '990000',
      '990100',
      '990102',
      '990103',
      '990200',
    ]);
    expect(mayEditRegion(s, '990202')).toBe(false);
  });

  it.each([
    ['990102', '990102', true],
    ['990102', '990103', false],
    ['990102', '990100', false],
    ['990102', '990000', false],
  ])('a district statistician of %s edits %s: %s', (own, target, expected) => {
    const s = scope(['statistician'], own);
    expect(s.configure).toBe(false);
    expect(mayEditRegion(s, target)).toBe(expected);
  });

  it.each<[Role[]]>([[['leader']], [['coordinator']], [['unit_staff']], [[]]])('refuses %j', (roles) => {
    const s = scope(roles, '990100');
    expect(s).toEqual({ kind: 'none', configure: false });
    expect(mayEditRegion(s, '990100')).toBe(false);
  });

  it('refuses a statistician whose unit region is unknown', () => {
    expect(scope(['statistician'], '880000').kind).toBe('none');
  });
});
