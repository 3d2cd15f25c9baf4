import type { Scope } from '../../../domain/org/scope.ts';
import type { Conn } from '../../platform/db/database.ts';
import { projectRepo } from './projects.repository.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVERYTHING: Scope = { kind: 'all' };

/**
 * A project as something other modules can supervise or inspect (a ladder step, an instruction): its name, the
 * responsible unit and its page. `actor` null = the system (every project); otherwise the caller's scope applies and
 * a project out of it is null, like one that does not exist.
 */
export async function findProjectRef(
  conn: Conn,
  actor: { scope: Scope } | null,
  id: string,
): Promise<{ id: string; label: string; unitId: string; unitName: string; link: string } | null> {
  if (!UUID_RE.test(id)) return null;
  const p = await projectRepo.find(conn, actor ? actor.scope : EVERYTHING, id);
  if (!p) return null;
  return { id: p.id, label: p.name, unitId: p.responsibleUnitId, unitName: p.unitName, link: `/projects/${p.id}` };
}
