import { and, arrayContains, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/org/scope.ts';
import {
  assignmentPlans,
  leaders,
  planSections,
  taskEvents,
  taskLeaders,
  taskMilestones,
  taskPartners,
  taskSources,
  tasks,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern, scopeWhere } from '../../platform/db/scope-sql.ts';

/**
 * Queries of the assignment plans, their sections and tasks, the import and claiming. Every query that returns or
 * changes tasks takes the caller's task reach (`taskReach(actor)`, tasks.repository.ts): a unit reaches only the tasks it
 * leads or partners on, another unit's task is simply not found.
 */
export type PlanRow = typeof assignmentPlans.$inferSelect;
export type SourceRow = typeof taskSources.$inferSelect;
export type SectionRow = typeof planSections.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type PlanWithSource = { plan: PlanRow; source: SourceRow };
export type PlanCounts = {
  tasks: number;
  sections: number;
  pending: number;
  disputed: number;
  claimed: number;
  claimOverdue: number;
};
export type PlanFilter = { q?: string; year?: number; status?: string };

const countIn = (reach: SQL, where: SQL) =>
  sql<number>`(select count(*)::int from ${tasks} where ${tasks.planId} = "assignment_plans"."id" and ${where} and (${reach}))`;

const planCounts = (reach: SQL, today: string) => ({
  tasks: countIn(reach, sql`true`),
  sections: sql<number>`(select count(*)::int from ${planSections} where ${planSections.planId} = "assignment_plans"."id")`,
  pending: countIn(reach, sql`${tasks.claimStatus} = 'pending'`),
  disputed: countIn(reach, sql`${tasks.claimStatus} = 'disputed'`),
  claimed: countIn(reach, sql`${tasks.claimStatus} = 'claimed'`),
  claimOverdue: countIn(reach, sql`${tasks.claimStatus} = 'pending' and ${tasks.claimDueOn} < ${today}`),
});

/** A plan is visible to whoever follows every task, and to a unit that reaches at least one of its tasks. */
const planVisible = (reach: SQL, seesAll: boolean): SQL =>
  seesAll
    ? sql`true`
    : sql`exists (select 1 from ${tasks} where ${tasks.planId} = "assignment_plans"."id" and (${reach}))`;

export type UnitRow = {
  id: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: string;
  version: number;
};

export const planRepo = {
  list: async (conn: Conn, reach: SQL, seesAll: boolean, f: PlanFilter, today: string, page: number, size: number) => {
    const where: SQL[] = [planVisible(reach, seesAll)];
    if (f.year) where.push(eq(assignmentPlans.year, f.year));
    if (f.status) where.push(eq(assignmentPlans.status, f.status));
    if (f.q) {
      const p = containsPattern(f.q);
      where.push(or(ilike(assignmentPlans.title, p), ilike(taskSources.title, p), ilike(taskSources.docNumber, p))!);
    }
    const rows = await conn
      .select({ plan: assignmentPlans, source: taskSources, counts: planCounts(reach, today) })
      .from(assignmentPlans)
      .innerJoin(taskSources, eq(taskSources.id, assignmentPlans.sourceId))
      .where(and(...where))
      .orderBy(desc(assignmentPlans.year), desc(assignmentPlans.createdAt), asc(assignmentPlans.id))
      .limit(size)
      .offset((page - 1) * size);
    const [total] = await conn
      .select({ n: sql<number>`count(*)::int` })
      .from(assignmentPlans)
      .innerJoin(taskSources, eq(taskSources.id, assignmentPlans.sourceId))
      .where(and(...where));
    return { rows: rows as (PlanWithSource & { counts: PlanCounts })[], total: total?.n ?? 0 };
  },

  /** The plan with its source and counts, when the caller may see it. */
  find: (conn: Conn, reach: SQL, seesAll: boolean, id: string, today: string) =>
    conn
      .select({ plan: assignmentPlans, source: taskSources, counts: planCounts(reach, today) })
      .from(assignmentPlans)
      .innerJoin(taskSources, eq(taskSources.id, assignmentPlans.sourceId))
      .where(and(eq(assignmentPlans.id, id), planVisible(reach, seesAll)))
      .then((r) => (r[0] as (PlanWithSource & { counts: PlanCounts }) | undefined) ?? null),

  findForUpdate: (tx: Tx, id: string) =>
    tx
      .select()
      .from(assignmentPlans)
      .where(eq(assignmentPlans.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  findSource: (conn: Conn, id: string) =>
    conn
      .select()
      .from(taskSources)
      .where(eq(taskSources.id, id))
      .then((r) => r[0] ?? null),

  insertSource: (tx: Tx, v: typeof taskSources.$inferInsert) =>
    tx
      .insert(taskSources)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  updateSource: (tx: Tx, id: string, v: Partial<typeof taskSources.$inferInsert>) =>
    tx
      .update(taskSources)
      .set({ ...v, version: sql`${taskSources.version} + 1` })
      .where(eq(taskSources.id, id))
      .returning()
      .then((r) => r[0]!),

  insertPlan: (tx: Tx, v: typeof assignmentPlans.$inferInsert) =>
    tx
      .insert(assignmentPlans)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  updatePlan: (tx: Tx, id: string, version: number, v: Partial<typeof assignmentPlans.$inferInsert>) =>
    tx
      .update(assignmentPlans)
      .set({ ...v, version: version + 1 })
      .where(and(eq(assignmentPlans.id, id), eq(assignmentPlans.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  // ── sections ──
  /** The plan's sections in order, with the number of tasks in reach under each. */
  sections: (conn: Conn, reach: SQL, planId: string) =>
    conn
      .select({
        s: planSections,
        // spelled out: drizzle leaves columns unqualified in a single-table select, and "id" would mean tasks.id here
        tasks: sql<number>`(select count(*)::int from ${tasks} where ${tasks.sectionId} = "plan_sections"."id" and (${reach}))`,
      })
      .from(planSections)
      .where(eq(planSections.planId, planId))
      .orderBy(asc(planSections.ordinal)),

  sectionRows: (conn: Conn, planId: string) =>
    conn.select().from(planSections).where(eq(planSections.planId, planId)).orderBy(asc(planSections.ordinal)),

  insertSection: (tx: Tx, v: typeof planSections.$inferInsert) =>
    tx
      .insert(planSections)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  updateSection: (tx: Tx, id: string, v: { label: string; title: string }) =>
    tx.update(planSections).set(v).where(eq(planSections.id, id)),

  // ── tasks ──
  /** The plan's tasks in reach, in sheet order, with the lead unit's name. */
  tasks: (conn: Conn, reach: SQL, planId: string) =>
    conn
      .select({ t: tasks, leadUnitName: units.name })
      .from(tasks)
      .innerJoin(units, eq(units.id, tasks.leadUnitId))
      .where(and(eq(tasks.planId, planId), reach))
      .orderBy(asc(tasks.sort), asc(tasks.number)),

  /** One task in reach, with its plan. */
  findTask: (conn: Conn, reach: SQL, id: string) =>
    conn
      .select({ t: tasks, plan: assignmentPlans, leadUnitName: units.name })
      .from(tasks)
      .innerJoin(assignmentPlans, eq(assignmentPlans.id, tasks.planId))
      .innerJoin(units, eq(units.id, tasks.leadUnitId))
      .where(and(eq(tasks.id, id), reach))
      .then((r) => r[0] ?? null),

  lockTask: (tx: Tx, id: string) =>
    tx
      .select()
      .from(tasks)
      .where(eq(tasks.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  /** Every task of a plan (the import compares the sheet with all of them). */
  planTaskRows: (conn: Conn, reach: SQL, planId: string) =>
    conn
      .select()
      .from(tasks)
      .where(and(eq(tasks.planId, planId), reach)),

  /** Makes room for a task placed at `from`: every task of the plan at or after it moves down one place. */
  shiftSorts: (tx: Tx, planId: string, from: number) =>
    tx
      .update(tasks)
      .set({ sort: sql`${tasks.sort} + 1` })
      .where(and(eq(tasks.planId, planId), sql`${tasks.sort} >= ${from}`)),

  numbersOf: (conn: Conn, planId: string) =>
    conn
      .select({ number: tasks.number, sectionId: tasks.sectionId, sort: tasks.sort })
      .from(tasks)
      .where(eq(tasks.planId, planId)),

  partnersOf: (conn: Conn, taskIds: readonly string[]) =>
    taskIds.length === 0
      ? Promise.resolve([])
      : conn
          .select({ taskId: taskPartners.taskId, id: units.id, name: units.name, shortName: units.shortName })
          .from(taskPartners)
          .innerJoin(units, eq(units.id, taskPartners.unitId))
          .where(inArray(taskPartners.taskId, [...taskIds]))
          .orderBy(asc(units.sort), asc(units.name)),

  leadersOf: (conn: Conn, taskIds: readonly string[]) =>
    taskIds.length === 0
      ? Promise.resolve([])
      : conn
          .select({ taskId: taskLeaders.taskId, id: leaders.id, name: leaders.name })
          .from(taskLeaders)
          .innerJoin(leaders, eq(leaders.id, taskLeaders.leaderId))
          .where(inArray(taskLeaders.taskId, [...taskIds]))
          .orderBy(asc(leaders.sort), asc(leaders.name)),

  milestonesOf: (conn: Conn, taskIds: readonly string[]) =>
    taskIds.length === 0
      ? Promise.resolve([])
      : conn
          .select()
          .from(taskMilestones)
          .where(inArray(taskMilestones.taskId, [...taskIds]))
          .orderBy(asc(taskMilestones.dueOn), asc(taskMilestones.id)),

  insertTasks: (tx: Tx, rows: (typeof tasks.$inferInsert)[]) =>
    rows.length === 0
      ? Promise.resolve([])
      : tx.insert(tasks).values(rows).returning({ id: tasks.id, number: tasks.number }),

  setParent: (tx: Tx, id: string, parentId: string) => tx.update(tasks).set({ parentId }).where(eq(tasks.id, id)),

  /** Units by id with the name a table prints (the short name when there is one). */
  unitLabels: (conn: Conn, ids: readonly string[]) =>
    (ids.length === 0
      ? Promise.resolve([] as { id: string; name: string; shortName: string | null }[])
      : conn
          .select({ id: units.id, name: units.name, shortName: units.shortName })
          .from(units)
          .where(inArray(units.id, [...ids]))
    ).then((r) => new Map(r.map((u) => [u.id, u]))),

  updateTask: (tx: Tx, id: string, version: number, v: Partial<typeof tasks.$inferInsert>) =>
    tx
      .update(tasks)
      .set({ ...v, version: version + 1 })
      .where(and(eq(tasks.id, id), eq(tasks.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  setPartners: async (tx: Tx, taskId: string, unitIds: readonly string[]) => {
    await tx.delete(taskPartners).where(eq(taskPartners.taskId, taskId));
    if (unitIds.length) await tx.insert(taskPartners).values(unitIds.map((unitId) => ({ taskId, unitId })));
  },
  insertPartners: (tx: Tx, rows: { taskId: string; unitId: string }[]) =>
    rows.length === 0
      ? Promise.resolve()
      : tx
          .insert(taskPartners)
          .values(rows)
          .then(() => undefined),

  setLeaders: async (tx: Tx, taskId: string, leaderIds: readonly string[]) => {
    await tx.delete(taskLeaders).where(eq(taskLeaders.taskId, taskId));
    if (leaderIds.length) await tx.insert(taskLeaders).values(leaderIds.map((leaderId) => ({ taskId, leaderId })));
  },
  insertLeaders: (tx: Tx, rows: { taskId: string; leaderId: string }[]) =>
    rows.length === 0
      ? Promise.resolve()
      : tx
          .insert(taskLeaders)
          .values(rows)
          .then(() => undefined),

  /** Replaces the milestones of a task whose deadline changed (a milestone already done keeps its date). */
  setMilestones: async (tx: Tx, taskId: string, list: readonly { title: string; dueOn: string }[]) => {
    const before = await tx.select().from(taskMilestones).where(eq(taskMilestones.taskId, taskId));
    await tx.delete(taskMilestones).where(eq(taskMilestones.taskId, taskId));
    if (list.length === 0) return;
    await tx.insert(taskMilestones).values(
      list.map((m) => ({
        taskId,
        title: m.title,
        dueOn: m.dueOn,
        doneOn: before.find((b) => b.title === m.title && b.dueOn === m.dueOn)?.doneOn ?? null,
      })),
    );
  },
  insertMilestones: (tx: Tx, rows: { taskId: string; title: string; dueOn: string }[]) =>
    rows.length === 0
      ? Promise.resolve()
      : tx
          .insert(taskMilestones)
          .values(rows)
          .then(() => undefined),

  addEvents: (tx: Tx, rows: (typeof taskEvents.$inferInsert)[]) =>
    rows.length === 0
      ? Promise.resolve()
      : tx
          .insert(taskEvents)
          .values(rows)
          .then(() => undefined),

  // ── the organisation, as the import and the forms need it ──
  /** Units of the caller's directory (own city), with the names a sheet may use. */
  directoryUnits: (conn: Conn, directory: Scope): Promise<UnitRow[]> =>
    conn
      .select({
        id: units.id,
        name: units.name,
        shortName: units.shortName,
        aliases: units.aliases,
        kind: units.kind,
        version: units.version,
      })
      .from(units)
      .where(and(eq(units.active, true), scopeWhere(directory, { region: units.regionCode, unit: units.id })))
      .orderBy(asc(units.sort), asc(units.name)),

  directoryLeaders: (conn: Conn, directory: Scope) =>
    conn
      .select({ id: leaders.id, name: leaders.name, title: leaders.title })
      .from(leaders)
      .where(and(eq(leaders.active, true), scopeWhere(directory, { region: leaders.regionCode })))
      .orderBy(asc(leaders.sort), asc(leaders.name)),

  /** Remembers a name a sheet used for a unit (the mapping of an import). */
  addAlias: (tx: Tx, unitId: string, alias: string) =>
    tx
      .update(units)
      .set({
        aliases: sql`array_append(${units.aliases}, ${alias}::text)`,
        version: sql`${units.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(units.id, unitId), sql`not (${alias}::text = any(${units.aliases}))`))
      .returning({ id: units.id, name: units.name, aliases: units.aliases }),

  activeUsersWithRole: (conn: Conn, role: string): Promise<string[]> =>
    conn
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.active, true), arrayContains(users.roles, [role])))
      .then((r) => r.map((x) => x.id)),
};

// ── claiming ─────────────────────────────────────────────────────────────────────────────────────────────────
export type ClaimFilterSql = {
  id?: string;
  planId?: string;
  statuses: readonly string[];
  /** only tasks this unit leads (a unit's own list; partners never claim) */
  leadUnitId?: string;
  q?: string;
};

export const claimRepo = {
  /** Tasks in reach by claim state, open plans only, most urgent first. */
  list: (conn: Conn, reach: SQL, f: ClaimFilterSql) => {
    const where: SQL[] = [reach, inArray(tasks.claimStatus, [...f.statuses]), eq(assignmentPlans.status, 'active')];
    if (f.id) where.push(eq(tasks.id, f.id));
    if (f.planId) where.push(eq(tasks.planId, f.planId));
    if (f.leadUnitId) where.push(eq(tasks.leadUnitId, f.leadUnitId));
    if (f.q) {
      const p = containsPattern(f.q);
      where.push(or(ilike(tasks.content, p), ilike(tasks.number, p), ilike(units.name, p))!);
    }
    return conn
      .select({
        t: tasks,
        planTitle: assignmentPlans.title,
        sectionTitle: planSections.title,
        leadUnitName: units.name,
      })
      .from(tasks)
      .innerJoin(assignmentPlans, eq(assignmentPlans.id, tasks.planId))
      .innerJoin(units, eq(units.id, tasks.leadUnitId))
      .leftJoin(planSections, eq(planSections.id, tasks.sectionId))
      .where(and(...where))
      .orderBy(
        sql`case ${tasks.claimStatus} when 'disputed' then 0 when 'pending' then 1 else 2 end`,
        asc(tasks.claimDueOn),
        asc(assignmentPlans.title),
        asc(tasks.sort),
      );
  },

  /** Units with unclaimed tasks (of one plan, or due before a day), with how many and the earliest due date. */
  pendingByUnit: (conn: Conn, f: { planId?: string | null }) => {
    const where: SQL[] = [eq(tasks.claimStatus, 'pending'), eq(assignmentPlans.status, 'active'), isNull(tasks.doneAt)];
    if (f.planId) where.push(eq(tasks.planId, f.planId));
    return conn
      .select({
        unitId: tasks.leadUnitId,
        tasks: sql<number>`count(*)::int`,
        firstDue: sql<string>`min(${tasks.claimDueOn})::text`,
      })
      .from(tasks)
      .innerJoin(assignmentPlans, eq(assignmentPlans.id, tasks.planId))
      .where(and(...where))
      .groupBy(tasks.leadUnitId);
  },

  unitName: (conn: Conn, id: string) =>
    conn
      .select({ name: units.name })
      .from(units)
      .where(eq(units.id, id))
      .then((r) => r[0]?.name ?? null),
};
