import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles.ts';
import { ancestorOfKind, type RegionKind, subtreeCodes } from './region.ts';
import { inScope, resolveDirectoryScope, resolveScope, type Scope, type ScopeFacts, scopeLabel } from './scope.ts';
import type { UnitKind } from './unit.ts';

const TREE: { code: string; parentCode: string | null; kind: RegionKind }[] = [
  { code: '100000', parentCode: null, kind: 'country' },
  { code: '990000', parentCode: '100000', kind: 'province' },
  { code: '990100', parentCode: '990000', kind: 'city' },
  { code: '990102', parentCode: '990100', kind: 'district' },
  { code: '990103', parentCode: '990100', kind: 'district' },
  { code: '990171', parentCode: '990100', kind: 'park' },
  { code: '990200', parentCode: '990000', kind: 'city' },
  { code: '990202', parentCode: '990200', kind: 'district' },
];
const CITY = ['990100', '990102', '990103', '990171'];
const UNIT = 'unit-1';

/** The facts the server gathers for a user: the city is looked up in the tree, the subtree too. */
const facts = (roles: Role[], unitKind: UnitKind, unitRegionCode: string): ScopeFacts => ({
  roles,
  unitId: UNIT,
  unitKind,
  unitRegionCode,
  cityCode: ancestorOfKind(unitRegionCode, 'city', TREE),
  subtree: (root) => subtreeCodes(root, TREE),
});

/** Compare scopes with region codes in a stable order. */
const norm = (s: Scope): Scope => (s.kind === 'region' ? { ...s, regionCodes: [...s.regionCodes].sort() } : s);
const region = (rootCode: string, regionCodes: string[]): Scope => ({
  kind: 'region',
  rootCode,
  regionCodes: [...regionCodes].sort(),
  unitId: UNIT,
});

describe('resolveScope', () => {
  it.each<[string, Role[], UnitKind, string, Scope]>([
    ['admin sees everything', ['admin'], 'department', '990102', { kind: 'all' }],
    ['admin with another role still sees everything', ['unit_staff', 'admin'], 'government', '990102', { kind: 'all' }],
    ['coordinator in a city department → the city', ['coordinator'], 'department', '990100', region('990100', CITY)],
    ['coordinator in a district unit → the city', ['coordinator'], 'department', '990102', region('990100', CITY)],
    ['supervisor in a district → the city', ['supervisor'], 'supervision_office', '990102', region('990100', CITY)],
    ['assessor in a district → the city', ['assessor'], 'assessment_office', '990102', region('990100', CITY)],
    ['leader in a district government → the city', ['leader'], 'government', '990102', region('990100', CITY)],
    ['statistician in a park → the city', ['statistician'], 'department', '990171', region('990100', CITY)],
    [
      'city-wide role in a province-level unit → the province',
      ['coordinator'],
      'department',
      '990000',
      region('990000', ['990000', '990100', '990102', '990103', '990171', '990200', '990202']),
    ],
    [
      'unit staff of a city-wide role too → the city',
      ['unit_staff', 'leader'],
      'department',
      '990102',
      region('990100', CITY),
    ],
    [
      'unit staff of a district government → the district',
      ['unit_staff'],
      'government',
      '990102',
      region('990102', ['990102']),
    ],
    ['unit staff of a city government → the city', ['unit_staff'], 'government', '990100', region('990100', CITY)],
    [
      'unit staff of a park committee → the park',
      ['unit_staff'],
      'park_committee',
      '990171',
      region('990171', ['990171']),
    ],
    [
      'unit staff of a city department → own unit',
      ['unit_staff'],
      'department',
      '990100',
      { kind: 'unit', unitId: UNIT },
    ],
    [
      'unit staff of a district department → own unit',
      ['unit_staff'],
      'department',
      '990102',
      { kind: 'unit', unitId: UNIT },
    ],
    ['unit staff of an "other" unit → own unit', ['unit_staff'], 'other', '990102', { kind: 'unit', unitId: UNIT }],
    ['enterprise → own unit', ['enterprise'], 'enterprise', '990102', { kind: 'unit', unitId: UNIT }],
    ['site commissioner → own unit', ['site_commissioner'], 'department', '990102', { kind: 'unit', unitId: UNIT }],
    ['no roles at all → own unit', [], 'department', '990100', { kind: 'unit', unitId: UNIT }],
  ])('%s', (_name, roles, unitKind, regionCode, expected) => {
    expect(norm(resolveScope(facts(roles, unitKind, regionCode)))).toEqual(expected);
  });

  it('does not reach a neighbouring city', () => {
    const s = resolveScope(facts(['coordinator'], 'department', '990102'));
    expect(s.kind === 'region' && s.regionCodes.includes('990202')).toBe(false);
  });
});

describe('inScope', () => {
  const all: Scope = { kind: 'all' };
  const district: Scope = { kind: 'region', rootCode: '990102', regionCodes: ['990102'], unitId: UNIT };
  const own: Scope = { kind: 'unit', unitId: UNIT };

  it.each<[string, Scope, string | null, string | null, boolean]>([
    ['all: anything', all, '990202', 'unit-x', true],
    ['all: even without region or unit', all, null, null, true],
    ['region: a row in the region', district, '990102', 'unit-x', true],
    ['region: a row of its own unit outside the region', district, '990202', UNIT, true],
    ['region: a row outside the region', district, '990103', 'unit-x', false],
    ['region: the parent city is not inside a district', district, '990100', 'unit-x', false],
    ['region: a row without a region and of another unit', district, null, 'unit-x', false],
    ['region: a row without a unit, in the region', district, '990102', null, true],
    ['unit: its own row', own, '990202', UNIT, true],
    ['unit: another unit in the same region', own, '990102', 'unit-x', false],
    ['unit: no unit on the row', own, '990102', null, false],
    ['unit: null does not match null', { kind: 'unit', unitId: UNIT }, null, null, false],
  ])('%s', (_name, scope, regionCode, unitId, expected) => {
    expect(inScope(scope, { regionCode, unitId })).toBe(expected);
  });
});

describe('resolveDirectoryScope', () => {
  it.each<[string, Role[], UnitKind, string, Scope]>([
    ['admin → everything', ['admin'], 'department', '990102', { kind: 'all' }],
    [
      'unit staff of a district department → the whole city',
      ['unit_staff'],
      'department',
      '990102',
      region('990100', CITY),
    ],
    [
      'unit staff of a district government → the whole city',
      ['unit_staff'],
      'government',
      '990103',
      region('990100', CITY),
    ],
    ['enterprise → the whole city', ['enterprise'], 'enterprise', '990171', region('990100', CITY)],
    ['leader → the whole city', ['leader'], 'government', '990100', region('990100', CITY)],
    [
      'a unit in the other city → that city',
      ['unit_staff'],
      'department',
      '990202',
      region('990200', ['990200', '990202']),
    ],
    [
      'a province-level unit → its province',
      ['unit_staff'],
      'department',
      '990000',
      region('990000', ['990000', '990100', '990102', '990103', '990171', '990200', '990202']),
    ],
  ])('%s', (_name, roles, unitKind, regionCode, expected) => {
    expect(norm(resolveDirectoryScope(facts(roles, unitKind, regionCode)))).toEqual(expected);
  });

  it('is at least as wide as the data scope for district staff', () => {
    const f = facts(['unit_staff'], 'government', '990102');
    const data = resolveScope(f);
    const dir = resolveDirectoryScope(f);
    expect(data.kind === 'region' && dir.kind === 'region').toBe(true);
    if (data.kind === 'region' && dir.kind === 'region') {
      for (const code of data.regionCodes) expect(dir.regionCodes).toContain(code);
      expect(dir.regionCodes.length).toBeGreaterThan(data.regionCodes.length);
    }
  });
});

describe('scopeLabel', () => {
  it.each<[Scope, RegionKind | null, string, string]>([
    [{ kind: 'all' }, null, '全部数据', 'All data'],
    [region('990100', CITY), 'city', '全市数据', 'Whole city'],
    [region('990102', ['990102']), 'district', '本区县及以下', 'Own district and below'],
    [region('990171', ['990171']), 'park', '本园区', 'Own park'],
    [region('990102', ['990102']), null, '本部门及以下', 'Own region and below'],
    [{ kind: 'unit', unitId: UNIT }, null, '本部门', 'Own unit'],
  ])('%o under a %s root reads %s', (scope, kind, zh, en) => {
    expect(scopeLabel(scope, kind, 'zh')).toBe(zh);
    expect(scopeLabel(scope, kind, 'en')).toBe(en);
  });
});
