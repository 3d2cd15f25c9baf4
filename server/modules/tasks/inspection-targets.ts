import type { Actor } from '../../platform/auth/actor.ts';
import type { Conn } from '../../platform/db/database.ts';
import { taskTargetRepo } from './inspection-targets.repository.ts';
import { taskReach } from './tasks.repository.ts';

/**
 * What supervision (督查, 批示) asks of key tasks: the tasks of a plan section, tasks by id or by words for a picker,
 * and the sections there are — always within the caller's task reach. Labels read like findTaskRef's.
 */
export type TaskTarget = { id: string; label: string; unitId: string; unitName: string };

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
const present = (t: {
  id: string;
  number: string;
  content: string;
  planTitle: string;
  unitId: string;
  unitName: string;
}) => ({
  id: t.id,
  label: `${t.planTitle} ${t.number} ${short(t.content)}`,
  unitId: t.unitId,
  unitName: t.unitName,
});

export const tasksOfSection = async (conn: Conn, actor: Actor, sectionId: string): Promise<TaskTarget[]> =>
  (await taskTargetRepo.ofSection(conn, taskReach(actor), sectionId)).map(present);
export const tasksByIds = async (conn: Conn, actor: Actor, ids: string[]): Promise<TaskTarget[]> =>
  (await taskTargetRepo.byIds(conn, taskReach(actor), ids)).map(present);
export const searchTasks = async (conn: Conn, actor: Actor, q: string | undefined, limit = 20): Promise<TaskTarget[]> =>
  (await taskTargetRepo.search(conn, taskReach(actor), q, limit)).map(present);
export const planSectionsForInspection = (conn: Conn, actor: Actor) => taskTargetRepo.sections(conn, taskReach(actor));
