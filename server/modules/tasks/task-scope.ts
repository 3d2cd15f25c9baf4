import { eq, or, type SQL, sql } from 'drizzle-orm';
import { CITY_WIDE_ROLES, hasRole } from '../../../domain/auth/roles.ts';
import { taskPartners, tasks } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';

/** Whether the caller follows every task (督查室, 项目办, leaders, 考核办, admin) rather than its own unit's. */
export const seesAllTasks = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor.roles, 'admin', ...CITY_WIDE_ROLES);

/**
 * The ONE place a task's reach becomes SQL: city-wide roles see every task; a unit sees the tasks it leads or is a
 * partner on — another unit's task is simply not found (a 404). Every tasks query puts this in its WHERE clause.
 */
export function taskReach(actor: Pick<Actor, 'roles' | 'unitId'>): SQL {
  if (seesAllTasks(actor)) return sql`true`;
  return or(
    eq(tasks.leadUnitId, actor.unitId),
    sql`exists (select 1 from ${taskPartners} where ${taskPartners.taskId} = ${tasks.id} and ${taskPartners.unitId} = ${actor.unitId})`,
  )!;
}

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
