import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { assignmentPlans, planSections, tasks, units } from '../../db/schema/index.ts';
import type { Conn } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/scope-sql.ts';

/** Tasks as objects to inspect or to write an instruction on. `reach` is taskReach(actor) (or true for the system). */
export type TaskTargetRow = {
  id: string;
  number: string;
  content: string;
  planTitle: string;
  unitId: string;
  unitName: string;
};

const cols = {
  id: tasks.id,
  number: tasks.number,
  content: tasks.content,
  planTitle: assignmentPlans.title,
  unitId: tasks.leadUnitId,
  unitName: units.name,
};

const select = (conn: Conn, where: SQL) =>
  conn
    .select(cols)
    .from(tasks)
    .innerJoin(assignmentPlans, eq(assignmentPlans.id, tasks.planId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(where)
    .orderBy(asc(assignmentPlans.title), asc(tasks.sort), asc(tasks.number));

export const taskTargetRepo = {
  /** the tasks of a section (sub-tasks too) */
  ofSection: (conn: Conn, reach: SQL, sectionId: string): Promise<TaskTargetRow[]> =>
    select(conn, and(reach, eq(tasks.sectionId, sectionId))!),

  byIds: (conn: Conn, reach: SQL, ids: string[]): Promise<TaskTargetRow[]> =>
    ids.length === 0 ? Promise.resolve([]) : select(conn, and(reach, inArray(tasks.id, ids))!),

  search: (conn: Conn, reach: SQL, q: string | undefined, limit: number): Promise<TaskTargetRow[]> =>
    select(
      conn,
      and(
        reach,
        isNull(tasks.parentId),
        q
          ? sql`(${tasks.content} ilike ${containsPattern(q)} or ${tasks.number} ilike ${containsPattern(q)})`
          : sql`true`,
      )!,
    ).limit(limit),

  /** The sections of the active plans, with the number of tasks the caller reaches in each. */
  sections: (conn: Conn, reach: SQL) =>
    conn
      .select({
        id: planSections.id,
        planTitle: assignmentPlans.title,
        label: planSections.label,
        title: planSections.title,
        tasks: sql<number>`count(${tasks.id})::int`,
      })
      .from(planSections)
      .innerJoin(assignmentPlans, eq(assignmentPlans.id, planSections.planId))
      .innerJoin(tasks, and(eq(tasks.sectionId, planSections.id), reach))
      .where(eq(assignmentPlans.status, 'active'))
      .groupBy(planSections.id, assignmentPlans.title, planSections.label, planSections.title, planSections.ordinal)
      .orderBy(asc(assignmentPlans.title), asc(planSections.ordinal))
      .then((rows) => rows.map((r) => ({ ...r, tasks: Number(r.tasks) }))),
};
