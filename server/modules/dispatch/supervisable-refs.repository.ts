import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/org/scope.ts';
import { coordinationItems, projects, weeklyReports } from '../../db/schema/index.ts';
import type { Conn } from '../../platform/db/database.ts';
import { itemReach } from './items.repository.ts';
import { dispatchScope } from './reports.repository.ts';

export type RefActor = { scope: Scope; userId: string; unitId: string };

/** A coordination item or a weekly report as something supervision can address (ladder steps, instructions). */
export const dispatchRefRepo = {
  item: (conn: Conn, actor: RefActor | null, id: string) => {
    const reach: SQL = actor ? itemReach(actor.scope, actor.userId, actor.unitId) : sql`true`;
    return conn
      .select({
        id: coordinationItems.id,
        description: coordinationItems.description,
        assignedUnitId: coordinationItems.assignedUnitId,
        projectName: projects.name,
      })
      .from(coordinationItems)
      .innerJoin(projects, eq(projects.id, coordinationItems.projectId))
      .where(and(eq(coordinationItems.id, id), reach))
      .then((r) => r[0] ?? null);
  },

  report: (conn: Conn, actor: RefActor | null, id: string) => {
    const reach: SQL = actor ? dispatchScope(actor.scope, actor.userId) : sql`true`;
    return conn
      .select({
        id: weeklyReports.id,
        week: weeklyReports.week,
        projectId: weeklyReports.projectId,
        projectName: projects.name,
        responsibleUnitId: projects.responsibleUnitId,
      })
      .from(weeklyReports)
      .innerJoin(projects, eq(projects.id, weeklyReports.projectId))
      .where(and(eq(weeklyReports.id, id), reach))
      .then((r) => r[0] ?? null);
  },
};
