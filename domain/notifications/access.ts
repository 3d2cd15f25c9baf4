import { may } from '../auth/permissions.ts';
import type { Role } from '../auth/roles.ts';
import type { Scope } from '../org/scope.ts';

/**
 * Whose group robots a caller may see and manage. A robot posts into a unit's own chat group, so it is the unit's
 * business: an admin manages every unit's robots; a coordinator or unit staff member only their own unit's (a
 * district's staff do not configure the chat groups of the departments below them). Null: none at all.
 * Repositories put the returned scope in their WHERE like any data scope.
 */
export function robotScope(roles: readonly Role[], unitId: string): Scope | null {
  if (roles.includes('admin')) return { kind: 'all' };
  if (may(roles, 'robot.manage')) return { kind: 'unit', unitId };
  return null;
}
