import { and, asc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { ITEM_OPEN_STATUSES } from '../../../domain/dispatch/items.ts';
import { NOT_STARTED_STAGES } from '../../../domain/dispatch/warnings.ts';
import type { Scope } from '../../../domain/org/scope.ts';
import { coordinationItems, projects, regions, units, weeklyReports } from '../../db/schema/index.ts';
import type { Conn } from '../../platform/db/database.ts';
import { COUNTED, dispatchScope } from './reports.repository.ts';

/**
 * Queries of the weekly dispatch meeting beyond the week's rows (reports.repository): the projects that should have
 * started, the counted sums of the whole scope for the year-on-year comparison, and the overdue coordination items.
 * Every one takes the caller's dispatch scope (the project library's scope plus commissioned projects).
 */
export const meetingRepo = {
  /** Projects in reach not started whose planned start is before `today` (the rule in domain decides the list). */
  overdueStartCandidates: (conn: Conn, scope: Scope, userId: string, today: string) =>
    conn
      .select({
        id: projects.id,
        name: projects.name,
        projectCode: projects.projectCode,
        stage: projects.stage,
        plannedStartDate: projects.plannedStartDate,
        regionName: regions.name,
        responsibleUnitName: units.name,
      })
      .from(projects)
      .innerJoin(regions, eq(regions.code, projects.regionCode))
      .innerJoin(units, eq(units.id, projects.responsibleUnitId))
      .where(
        and(
          dispatchScope(scope, userId),
          inArray(projects.stage, [...NOT_STARTED_STAGES]),
          lt(projects.plannedStartDate, today),
        ),
      )
      .orderBy(asc(projects.plannedStartDate), asc(projects.regionCode), asc(projects.name)),

  /**
   * Σ of counted weeks over every project in reach, whatever its stage now (a project completed in June still
   * counts in a comparison of January–November): for this year's weeks [from, to] and last year's, each as the
   * span's total and its last week alone. One scan for both years.
   */
  yearOnYearSums: (
    conn: Conn,
    scope: Scope,
    userId: string,
    thisYear: { from: string; to: string },
    lastYear: { from: string; to: string },
  ) => {
    const w = weeklyReports.week;
    const amount = weeklyReports.investedThisWeek;
    const inSpan = (s: { from: string; to: string }) => sql`${w} between ${s.from} and ${s.to}`;
    return conn
      .select({
        thisYtd: sql<string>`coalesce(sum(${amount}) filter (where ${inSpan(thisYear)}), 0)::text`,
        thisWeek: sql<string>`coalesce(sum(${amount}) filter (where ${w} = ${thisYear.to}), 0)::text`,
        lastYtd: sql<string>`coalesce(sum(${amount}) filter (where ${inSpan(lastYear)}), 0)::text`,
        lastWeek: sql<string>`coalesce(sum(${amount}) filter (where ${w} = ${lastYear.to}), 0)::text`,
      })
      .from(weeklyReports)
      .innerJoin(projects, eq(projects.id, weeklyReports.projectId))
      .where(
        and(
          dispatchScope(scope, userId),
          inArray(weeklyReports.status, [...COUNTED]),
          or(and(gte(w, thisYear.from), lte(w, thisYear.to)), and(gte(w, lastYear.from), lte(w, lastYear.to))),
        ),
      )
      .then((r) => r[0] ?? { thisYtd: '0', thisWeek: '0', lastYtd: '0', lastWeek: '0' });
  },

  /** When each project entered the library: weeks before it cannot have been missed. */
  createdAt: (conn: Conn, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve(new Map<string, Date>())
      : conn
          .select({ id: projects.id, createdAt: projects.createdAt })
          .from(projects)
          .where(inArray(projects.id, ids))
          .then((rows) => new Map(rows.map((r) => [r.id, r.createdAt]))),

  /** Coordination items of projects in reach still owed an answer, due before `today`; oldest due first. */
  overdueItems: (conn: Conn, scope: Scope, userId: string, today: string) =>
    conn
      .select({
        id: coordinationItems.id,
        projectId: projects.id,
        projectName: projects.name,
        regionName: regions.name,
        category: coordinationItems.category,
        description: coordinationItems.description,
        assignedUnitName: units.name,
        status: coordinationItems.status,
        dueDate: coordinationItems.dueDate,
        escalationLevel: coordinationItems.escalationLevel,
      })
      .from(coordinationItems)
      .innerJoin(projects, eq(projects.id, coordinationItems.projectId))
      .innerJoin(regions, eq(regions.code, projects.regionCode))
      .innerJoin(units, eq(units.id, coordinationItems.assignedUnitId))
      .where(
        and(
          dispatchScope(scope, userId),
          inArray(coordinationItems.status, [...ITEM_OPEN_STATUSES]),
          lt(coordinationItems.dueDate, today),
        ),
      )
      .orderBy(asc(coordinationItems.dueDate), asc(projects.name), asc(coordinationItems.id)),

  /** A region's name and kind (the scope's root). */
  region: (conn: Conn, code: string) =>
    conn
      .select({ name: regions.name, kind: regions.kind })
      .from(regions)
      .where(eq(regions.code, code))
      .then((r) => r[0] ?? null),
};
