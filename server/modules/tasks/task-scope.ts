import { CITY_WIDE_ROLES, hasRole } from '../../../domain/auth/roles.ts';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Whether the caller follows every task (督查室, 项目办, leaders, 考核办, admin) rather than its own unit's. The same
 * rule as SQL, for every tasks query, is `taskReach` in tasks.repository.ts.
 */
export const seesAllTasks = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor.roles, 'admin', ...CITY_WIDE_ROLES);

/** The caller's part in a task it reaches: `lead`, `partner`, or `oversight` for the city-wide roles. */
export type TaskRole = 'lead' | 'partner' | 'oversight';
export function taskRoleOf(
  actor: Pick<Actor, 'roles' | 'unitId'>,
  task: { leadUnitId: string },
  partnerUnitIds: readonly string[],
): TaskRole | null {
  if (task.leadUnitId === actor.unitId) return 'lead';
  if (partnerUnitIds.includes(actor.unitId)) return 'partner';
  return seesAllTasks(actor) ? 'oversight' : null;
}
