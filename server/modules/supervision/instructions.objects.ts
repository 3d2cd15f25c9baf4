import type { InstructionObjectType } from '../../../domain/supervision/instructions.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { searchProjects } from '../projects/index.ts';
import { searchTasks } from '../tasks/index.ts';
import { resolveSupervisable, objectLink as supervisableLink } from './supervisable.ts';

/**
 * The objects an instruction names (a task, a project, a coordination item, a weekly report), resolved through the
 * ladder's supervisable.ts within the caller's reach; and the task/project search of the pickers.
 */
export type ObjectRef = { type: InstructionObjectType; id: string; label: string; unitId: string | null; link: string };

export const objectLink = (type: string, id: string): string | null =>
  type === 'task' || type === 'project' || type === 'coordination_item' || type === 'weekly_report'
    ? supervisableLink(type, id)
    : null;

export async function resolveObject(
  ctx: Ctx,
  conn: Conn,
  actor: Actor,
  type: InstructionObjectType,
  id: string,
): Promise<ObjectRef | null> {
  const ref = await resolveSupervisable(ctx, conn, actor, type, id);
  return ref ? { type, id: ref.id, label: ref.label, unitId: ref.unitId, link: ref.link } : null;
}

/** Tasks or projects matching words, for the pickers. */
export async function searchObjects(conn: Conn, actor: Actor, type: 'task' | 'project', q: string | undefined) {
  if (type === 'task') {
    return (await searchTasks(conn, actor, q, 20)).map((t) => ({ type, ...t }));
  }
  return (await searchProjects(conn, actor.scope, q, 20)).map((p) => ({
    type,
    id: p.id,
    label: p.name,
    unitId: p.unitId,
    unitName: p.unitName,
  }));
}
