import type { Conn } from '../../platform/db/database.ts';
import { dispatchRefRepo, type RefActor } from './supervisable-refs.repository.ts';

/**
 * What supervision (the ladder, instructions) asks of the weekly dispatch: a coordination item or a weekly report as
 * a supervisable object — its label, the unit answerable for it and its page. `actor` null = the system; otherwise
 * the caller's reach applies and an object out of it is null, like one that does not exist.
 */
export type SupervisableRef = { id: string; label: string; unitId: string; link: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

export async function findCoordinationItemRef(
  conn: Conn,
  actor: RefActor | null,
  id: string,
): Promise<SupervisableRef | null> {
  if (!UUID_RE.test(id)) return null;
  const i = await dispatchRefRepo.item(conn, actor, id);
  if (!i) return null;
  return {
    id: i.id,
    label: `${i.projectName}:${short(i.description)}`,
    unitId: i.assignedUnitId,
    link: `/dispatch/items/${i.id}`,
  };
}

/** "2026-W42" → 2026年第42周 */
const weekText = (week: string) => `${Number(week.slice(0, 4))}年第${Number(week.slice(6))}周`;

export async function findWeeklyReportRef(
  conn: Conn,
  actor: RefActor | null,
  id: string,
): Promise<SupervisableRef | null> {
  if (!UUID_RE.test(id)) return null;
  const r = await dispatchRefRepo.report(conn, actor, id);
  if (!r) return null;
  return {
    id: r.id,
    label: `${r.projectName}(${weekText(r.week)}周报)`,
    unitId: r.responsibleUnitId,
    link: `/dispatch/projects/${r.projectId}/reports/${r.week}`,
  };
}
