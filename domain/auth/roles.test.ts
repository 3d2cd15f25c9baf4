import { describe, expect, it } from 'vitest';
import { CITY_WIDE_ROLES, hasRole, ROLE_LABELS, ROLES, type Role } from './roles.ts';

describe('hasRole', () => {
  it.each<[readonly string[], Role[], boolean]>([
    [['admin'], ['admin'], true],
    [['unit_staff', 'leader'], ['leader'], true],
    [['unit_staff'], ['admin', 'coordinator'], false],
    [['unit_staff'], ['admin', 'unit_staff'], true],
    [[], ['admin'], false],
    [['admin'], [], false],
    [['not_a_role'], ['admin'], false],
  ])('%j has any of %j → %s', (roles, wanted, expected) => {
    expect(hasRole(roles, ...wanted)).toBe(expected);
  });
});

describe('roles', () => {
  it('labels every role in Chinese and English', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    for (const r of ROLES) {
      expect(ROLE_LABELS[r].zh).toMatch(/\p{Script=Han}/u);
      expect(ROLE_LABELS[r].en).not.toBe('');
    }
  });

  it('gives city-wide scope to the city offices, not to admins, units, site commissioners or enterprises', () => {
    expect([...CITY_WIDE_ROLES].sort()).toEqual(['assessor', 'coordinator', 'leader', 'statistician', 'supervisor']);
  });
});
