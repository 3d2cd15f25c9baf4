import { describe, expect, it } from 'vitest';
import { may, PERMISSIONS, type Permission } from './permissions.ts';
import { ROLES, type Role } from './roles.ts';

describe('may', () => {
  it.each<[Permission, readonly Role[], boolean]>([
    ['org.read', ['enterprise'], true],
    ['org.read', ['site_commissioner'], true],
    ['org.read', ['unit_staff'], true],
    ['org.manage', ['admin'], true],
    ['org.manage', ['coordinator'], false],
    ['org.manage', ['leader'], false],
    ['user.manage', ['admin'], true],
    ['user.manage', ['supervisor'], false],
    ['handover.perform', ['admin'], true],
    ['handover.perform', ['coordinator'], false],
    ['audit.read', ['admin'], true],
    ['audit.read', ['supervisor'], true],
    ['audit.read', ['assessor'], false],
    ['audit.read', ['leader'], false],
    ['audit.verify', ['admin'], true],
    ['audit.verify', ['supervisor'], false],
    ['settings.manage', ['admin'], true],
    ['settings.manage', ['statistician'], false],
    // a user may hold several roles: one that grants is enough
    ['audit.read', ['unit_staff', 'supervisor'], true],
    ['settings.manage', ['unit_staff', 'enterprise', 'leader'], false],
    ['project.edit', ['unit_staff'], true],
    ['project.edit', ['leader'], false],
    ['project.transition', ['coordinator'], true],
    ['project.transition', ['unit_staff'], false],
    ['project.override', ['coordinator'], true],
    ['project.configure', ['coordinator'], true],
    ['project.configure', ['unit_staff'], false],
    ['project.read', ['enterprise'], false],
    ['indicator.read', ['leader'], true],
    ['indicator.read', ['enterprise'], false],
    ['indicator.edit', ['statistician'], true],
    ['indicator.edit', ['coordinator'], false],
    // no roles, no rights
    ['org.read', [], false],
    ['audit.read', [], false],
  ])('%s for %j → %s', (permission, roles, expected) => {
    expect(may(roles, permission)).toBe(expected);
  });

  it.each(ROLES)('every role may read the organisation: %s', (role) => {
    expect(may([role], 'org.read')).toBe(true);
  });

  it.each([
    'org.manage',
    'user.manage',
    'handover.perform',
    'audit.read',
    'audit.verify',
    'settings.manage',
    'project.transition',
    'project.override',
  ] as Permission[])('%s is never granted to enterprise or unit staff', (permission) => {
    expect(may(['enterprise', 'unit_staff', 'site_commissioner'], permission)).toBe(false);
  });

  it('names only known roles', () => {
    for (const roles of Object.values(PERMISSIONS)) {
      for (const r of roles) expect(ROLES).toContain(r);
    }
  });
});
