import type { Role } from './roles.ts';

/**
 * Which roles may do what. Scope (which rows) is separate and applied in every query; this says which actions.
 * The server enforces it, presenters turn it into can-flags, and the web never re-derives it.
 */
export const PERMISSIONS = {
  'org.read': [
    'admin',
    'coordinator',
    'supervisor',
    'assessor',
    'leader',
    'unit_staff',
    'site_commissioner',
    'statistician',
    'enterprise',
  ],
  'org.manage': ['admin'],
  'user.manage': ['admin'],
  'handover.perform': ['admin'],
  'audit.read': ['admin', 'supervisor'],
  'audit.verify': ['admin'],
  'settings.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const may = (roles: readonly Role[], p: Permission): boolean =>
  (PERMISSIONS[p] as readonly Role[]).some((r) => roles.includes(r));
