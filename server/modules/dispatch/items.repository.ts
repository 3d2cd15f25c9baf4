import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/org/scope.ts';
import {
  assignments,
  coordinationItemEvents,
  coordinationItems,
  leaders,
  projects,
  regions,
  units,
} from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern, scopeWhere } from '../../platform/db/scope-sql.ts';
import { dispatchScope } from './reports.repository.ts';

export type ItemRow = typeof coordinationItems.$inferSelect;
export type ItemView = ItemRow & {
  /** whether the caller may open the project in the project library (the assigned unit often may not) */
  projectVisible: boolean;
  projectName: string;
  regionName: string;
  assignedUnitName: string;
  raisedByUnitName: string | null;
};

const raisedUnits = aliasedTable(units, 'raised_units');

/**
 * Who reaches an item: whoever reaches its project in the weekly dispatch, the unit asked to solve it, and the
 * unit that raised it (a 自然资源局 answering a district project's land problem sees that item, not the project list).
 */
export function itemReach(scope: Scope, userId: string, unitId: string): SQL {
  return or(
    dispatchScope(scope, userId),
    eq(coordinationItems.assignedUnitId, unitId),
    eq(coordinationItems.raisedByUnitId, unitId),
  )!;
}

const columns = (scope: Scope) => ({
  i: coordinationItems,
  projectVisible: sql<boolean>`(${scopeWhere(scope, { region: projects.regionCode, unit: projects.responsibleUnitId })})`,
  projectName: projects.name,
  regionName: regions.name,
  assignedUnitName: units.name,
  raisedByUnitName: raisedUnits.name,
});
const flatten = (r: {
  i: ItemRow;
  projectVisible: boolean;
  projectName: string;
  regionName: string;
  assignedUnitName: string;
  raisedByUnitName: string | null;
}): ItemView => ({
  ...r.i,
  projectVisible: r.projectVisible === true || (r.projectVisible as unknown) === 't',
  projectName: r.projectName,
  regionName: r.regionName,
  assignedUnitName: r.assignedUnitName,
  raisedByUnitName: r.raisedByUnitName,
});

const base = (conn: Conn, scope: Scope) =>
  conn
    .select(columns(scope))
    .from(coordinationItems)
    .innerJoin(projects, eq(projects.id, coordinationItems.projectId))
    .innerJoin(regions, eq(regions.code, projects.regionCode))
    .innerJoin(units, eq(units.id, coordinationItems.assignedUnitId))
    .leftJoin(raisedUnits, eq(raisedUnits.id, coordinationItems.raisedByUnitId));

export type ItemFilter = {
  statuses?: readonly string[];
  category?: string;
  projectId?: string;
  assignedUnitId?: string;
  raisedByUnitId?: string;
  q?: string;
};

export const itemRepo = {
  /** Every item in reach matching the filter, newest first (a city has hundreds; the page is cut in the service). */
  list: (conn: Conn, scope: Scope, reach: SQL, f: ItemFilter): Promise<ItemView[]> => {
    const where: SQL[] = [reach];
    if (f.statuses) where.push(inArray(coordinationItems.status, [...f.statuses]));
    if (f.category) where.push(eq(coordinationItems.category, f.category));
    if (f.projectId) where.push(eq(coordinationItems.projectId, f.projectId));
    if (f.assignedUnitId) where.push(eq(coordinationItems.assignedUnitId, f.assignedUnitId));
    if (f.raisedByUnitId) where.push(eq(coordinationItems.raisedByUnitId, f.raisedByUnitId));
    if (f.q) {
      const p = containsPattern(f.q);
      where.push(or(sql`${coordinationItems.description} ilike ${p}`, sql`${projects.name} ilike ${p}`)!);
    }
    return base(conn, scope)
      .where(and(...where))
      .orderBy(desc(coordinationItems.createdAt), desc(coordinationItems.id))
      .then((rows) => rows.map(flatten));
  },

  find: (conn: Conn, scope: Scope, reach: SQL, id: string): Promise<ItemView | null> =>
    base(conn, scope)
      .where(and(eq(coordinationItems.id, id), reach))
      .then((r) => (r[0] ? flatten(r[0]) : null)),

  findForUpdate: (tx: Tx, id: string): Promise<ItemRow | null> =>
    tx
      .select()
      .from(coordinationItems)
      .where(eq(coordinationItems.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  insert: (tx: Tx, v: typeof coordinationItems.$inferInsert) =>
    tx
      .insert(coordinationItems)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  update: (tx: Tx, id: string, version: number, v: Partial<typeof coordinationItems.$inferInsert>) =>
    tx
      .update(coordinationItems)
      .set({ ...v, version: version + 1 })
      .where(and(eq(coordinationItems.id, id), eq(coordinationItems.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  addEvent: (tx: Tx, v: typeof coordinationItemEvents.$inferInsert) => tx.insert(coordinationItemEvents).values(v),

  events: (conn: Conn, itemId: string) =>
    conn
      .select()
      .from(coordinationItemEvents)
      .where(eq(coordinationItemEvents.itemId, itemId))
      .orderBy(asc(coordinationItemEvents.at), asc(coordinationItemEvents.id)),

  /** Unanswered items of every scope, for the escalation sweep. */
  unanswered: (conn: Conn, statuses: readonly string[]) =>
    conn
      .select()
      .from(coordinationItems)
      .where(inArray(coordinationItems.status, [...statuses])),

  /** The user accounts of the leaders who oversee a unit now (分管领导): who puts an item on the agenda. */
  overseeingLeaderUsers: (conn: Conn, unitId: string): Promise<string[]> =>
    conn
      .select({ userId: leaders.userId })
      .from(assignments)
      .innerJoin(leaders, eq(leaders.id, assignments.holderId))
      .where(
        and(
          eq(assignments.kind, 'oversees_unit'),
          eq(assignments.subjectType, 'unit'),
          eq(assignments.subjectId, unitId),
          eq(assignments.holderType, 'leader'),
          isNull(assignments.endedAt),
          eq(leaders.active, true),
          isNotNull(leaders.userId),
        ),
      )
      .then((r) => r.map((x) => x.userId!)),

  unitName: (conn: Conn, id: string) =>
    conn
      .select({ name: units.name, regionCode: units.regionCode })
      .from(units)
      .where(eq(units.id, id))
      .then((r) => r[0] ?? null),
};
