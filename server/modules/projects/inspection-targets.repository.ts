import { and, asc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/org/scope.ts';
import { projects, units } from '../../db/schema/index.ts';
import type { Conn } from '../../platform/db/database.ts';
import { containsPattern, scopeWhere } from '../../platform/db/scope-sql.ts';

/** Projects as objects to inspect or to write an instruction on: what a campaign and a 批示 need of them. */
export type ProjectRef = {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  latitude: string | null;
  longitude: string | null;
};

const cols = {
  id: projects.id,
  name: projects.name,
  unitId: projects.responsibleUnitId,
  unitName: units.name,
  latitude: projects.latitude,
  longitude: projects.longitude,
};

const inScope = (scope: Scope): SQL =>
  scopeWhere(scope, { region: projects.regionCode, unit: projects.responsibleUnitId });

const select = (conn: Conn, where: SQL) =>
  conn
    .select(cols)
    .from(projects)
    .innerJoin(units, eq(units.id, projects.responsibleUnitId))
    .where(where)
    .orderBy(asc(projects.name), asc(projects.id));

export const projectTargetRepo = {
  ofBatch: (conn: Conn, scope: Scope, batch: string): Promise<ProjectRef[]> =>
    select(conn, and(inScope(scope), eq(projects.groundbreakingBatch, batch))!),

  byIds: (conn: Conn, scope: Scope, ids: string[]): Promise<ProjectRef[]> =>
    ids.length === 0 ? Promise.resolve([]) : select(conn, and(inScope(scope), inArray(projects.id, ids))!),

  search: (conn: Conn, scope: Scope, q: string | undefined, limit: number): Promise<ProjectRef[]> =>
    select(
      conn,
      and(
        inScope(scope),
        q
          ? sql`(${projects.name} ilike ${containsPattern(q)} or ${projects.projectCode} ilike ${containsPattern(q)})`
          : sql`true`,
      )!,
    ).limit(limit),

  /** 集中开工 batches with their number of projects, newest name last. */
  batches: (conn: Conn, scope: Scope) =>
    conn
      .select({ batch: projects.groundbreakingBatch, projects: sql<number>`count(*)::int` })
      .from(projects)
      .where(and(inScope(scope), isNotNull(projects.groundbreakingBatch)))
      .groupBy(projects.groundbreakingBatch)
      .orderBy(asc(projects.groundbreakingBatch))
      .then((rows) => rows.map((r) => ({ batch: r.batch!, projects: Number(r.projects) }))),
};
