import { and, asc, desc, eq, ilike, inArray, isNotNull, max, or, type SQL, sql } from 'drizzle-orm';
import {
  assignmentPlans,
  leaders,
  planSections,
  taskEvents,
  taskFeedback,
  taskLeaders,
  taskMilestones,
  taskPartners,
  tasks,
  units,
} from '../../db/schema/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/scope-sql.ts';
import { seesAllTasks } from './task-scope.ts';

/**
 * The ONE place a task's reach becomes SQL: city-wide roles see every task; a unit sees the tasks it leads or is a
 * partner on — another unit's task is simply not found (a 404). Every tasks query puts this in its WHERE clause.
 */
export function taskReach(actor: Pick<Actor, 'roles' | 'unitId'>): SQL {
  if (seesAllTasks(actor)) return sql`true`;
  return or(
    eq(tasks.leadUnitId, actor.unitId),
    sql`exists (select 1 from ${taskPartners} where ${taskPartners.taskId} = ${tasks.id} and ${taskPartners.unitId} = ${actor.unitId})`,
  )!;
}

export type TaskRow = typeof tasks.$inferSelect;

/** The reach of the system itself (jobs, the board's sweeps): every task. */
export const EVERY_TASK: SQL = sql`true`;

/** A task with what its lists show next to it: the plan's feedback cycle, the section and the lead unit's name. */
export type TaskBase = TaskRow & {
  planTitle: string;
  planYear: number;
  feedbackCycle: string;
  feedbackDueDay: number;
  sectionTitle: string | null;
  sectionLabel: string | null;
  sectionOrdinal: number | null;
  leadUnitName: string;
};

export type TaskFilter = {
  planId?: string;
  sectionId?: string;
  /** the lead unit (牵头单位) */
  unitId?: string;
  leaderId?: string;
  claim?: string;
  q?: string;
  ids?: readonly string[];
};

function filterWhere(reach: SQL, f: TaskFilter): SQL {
  const where: SQL[] = [reach];
  if (f.planId) where.push(eq(tasks.planId, f.planId));
  if (f.sectionId) where.push(eq(tasks.sectionId, f.sectionId));
  if (f.unitId) where.push(eq(tasks.leadUnitId, f.unitId));
  if (f.leaderId) {
    where.push(
      sql`exists (select 1 from ${taskLeaders} where ${taskLeaders.taskId} = ${tasks.id} and ${taskLeaders.leaderId} = ${f.leaderId})`,
    );
  }
  if (f.claim) where.push(eq(tasks.claimStatus, f.claim));
  if (f.q) {
    const p = containsPattern(f.q);
    where.push(or(ilike(tasks.content, p), ilike(tasks.number, p))!);
  }
  if (f.ids) where.push(f.ids.length ? inArray(tasks.id, [...f.ids]) : sql`false`);
  return and(...where)!;
}

const baseColumns = {
  t: tasks,
  planTitle: assignmentPlans.title,
  planYear: assignmentPlans.year,
  feedbackCycle: assignmentPlans.feedbackCycle,
  feedbackDueDay: assignmentPlans.feedbackDueDay,
  sectionTitle: planSections.title,
  sectionLabel: planSections.label,
  sectionOrdinal: planSections.ordinal,
  leadUnitName: units.name,
};
type BaseRaw = {
  t: TaskRow;
  planTitle: string;
  planYear: number;
  feedbackCycle: string;
  feedbackDueDay: number;
  sectionTitle: string | null;
  sectionLabel: string | null;
  sectionOrdinal: number | null;
  leadUnitName: string;
};
const flatten = ({ t, ...rest }: BaseRaw): TaskBase => ({ ...t, ...rest });

const base = (conn: Conn) =>
  conn
    .select(baseColumns)
    .from(tasks)
    .innerJoin(assignmentPlans, eq(assignmentPlans.id, tasks.planId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .leftJoin(planSections, eq(planSections.id, tasks.sectionId));

/** The ids of the tasks a filter selects, as a subquery (the related rows are loaded with it, never id lists). */
const idsOf = (conn: Conn, where: SQL) => conn.select({ id: tasks.id }).from(tasks).where(where);

export type PartnerRow = { taskId: string; unitId: string; unitName: string };
export type LeaderRow = { taskId: string; leaderId: string; name: string; title: string };
export type MilestoneRow = typeof taskMilestones.$inferSelect;
/** What the status and the freshness need of one cycle's feedback. */
export type FeedbackBrief = {
  taskId: string;
  cycle: string;
  status: string;
  /** the business date (UTC+8) of the first submission, computed in SQL: thousands of rows, no Date each */
  firstSubmittedOn: string | null;
};
export type LatestFeedback = { taskId: string; cycle: string; completionPct: number; confidence: string | null };

export const taskRepo = {
  /** The tasks in reach matching the filter, in plan order (section, then sort, then number). */
  list: (conn: Conn, reach: SQL, f: TaskFilter): Promise<TaskBase[]> =>
    base(conn)
      .where(filterWhere(reach, f))
      .orderBy(
        asc(assignmentPlans.year),
        asc(assignmentPlans.createdAt),
        asc(tasks.planId),
        sql`${planSections.ordinal} asc nulls first`,
        asc(tasks.sort),
        asc(tasks.number),
      )
      .then((rows) => rows.map(flatten)),

  find: (conn: Conn, reach: SQL, id: string): Promise<TaskBase | null> =>
    base(conn)
      .where(and(eq(tasks.id, id), reach))
      .then((r) => (r[0] ? flatten(r[0]) : null)),

  /** Partners, leaders, milestones and feedback of the tasks a filter selects (one query each). */
  related: async (conn: Conn, reach: SQL, f: TaskFilter, feedbackFrom: string) => {
    const ids = idsOf(conn, filterWhere(reach, f));
    // one after the other: `conn` may be a transaction handle, which serves one query at a time
    const partners: PartnerRow[] = await conn
      .select({ taskId: taskPartners.taskId, unitId: taskPartners.unitId, unitName: units.name })
      .from(taskPartners)
      .innerJoin(units, eq(units.id, taskPartners.unitId))
      .where(inArray(taskPartners.taskId, ids))
      .orderBy(asc(units.sort), asc(units.name));
    const leaderRows: LeaderRow[] = await conn
      .select({ taskId: taskLeaders.taskId, leaderId: taskLeaders.leaderId, name: leaders.name, title: leaders.title })
      .from(taskLeaders)
      .innerJoin(leaders, eq(leaders.id, taskLeaders.leaderId))
      .where(inArray(taskLeaders.taskId, ids))
      .orderBy(asc(leaders.sort), asc(leaders.name));
    const milestones: MilestoneRow[] = await conn
      .select()
      .from(taskMilestones)
      .where(inArray(taskMilestones.taskId, ids))
      .orderBy(asc(taskMilestones.dueOn));
    // the cycles this status and this year's on-time rate look at (a few per task), not the whole history
    const feedback: FeedbackBrief[] = await conn
      .select({
        taskId: taskFeedback.taskId,
        cycle: taskFeedback.cycle,
        status: taskFeedback.status,
        firstSubmittedOn: sql<
          string | null
        >`to_char((${taskFeedback.firstSubmittedAt} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`,
      })
      .from(taskFeedback)
      .where(and(inArray(taskFeedback.taskId, ids), sql`${taskFeedback.dueOn} >= ${feedbackFrom}`));
    // the latest feedback the unit sent (submitted or accepted): its completion and its own confidence
    const latest: LatestFeedback[] = await conn
      .selectDistinctOn([taskFeedback.taskId], {
        taskId: taskFeedback.taskId,
        cycle: taskFeedback.cycle,
        completionPct: taskFeedback.completionPct,
        confidence: taskFeedback.confidence,
      })
      .from(taskFeedback)
      .where(and(inArray(taskFeedback.taskId, ids), inArray(taskFeedback.status, ['submitted', 'accepted'])))
      .orderBy(taskFeedback.taskId, desc(taskFeedback.dueOn), desc(taskFeedback.cycle));
    // data freshness: when the 督查室 last accepted a feedback of the task
    const accepted: { taskId: string; at: Date | null }[] = await conn
      .select({ taskId: taskFeedback.taskId, at: max(taskFeedback.reviewedAt) })
      .from(taskFeedback)
      .where(and(inArray(taskFeedback.taskId, ids), eq(taskFeedback.status, 'accepted')))
      .groupBy(taskFeedback.taskId);
    return { partners, leaders: leaderRows, milestones, feedback, latest, accepted };
  },

  /** A task by id for a write, locked; scope is checked by the caller's `find` first. */
  findForUpdate: (tx: Tx, id: string): Promise<TaskRow | null> =>
    tx
      .select()
      .from(tasks)
      .where(eq(tasks.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  update: (tx: Tx, id: string, version: number, v: Partial<typeof tasks.$inferInsert>) =>
    tx
      .update(tasks)
      .set({ ...v, version: version + 1, updatedAt: new Date() })
      .where(and(eq(tasks.id, id), eq(tasks.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  addEvent: (tx: Tx, v: typeof taskEvents.$inferInsert) => tx.insert(taskEvents).values(v),

  events: (conn: Conn, taskId: string) =>
    conn.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(asc(taskEvents.at), asc(taskEvents.id)),

  /** Sections of a plan (for the ledger's section rows and the list filter). */
  sections: (conn: Conn, planId: string) =>
    conn.select().from(planSections).where(eq(planSections.planId, planId)).orderBy(asc(planSections.ordinal)),

  plan: (conn: Conn, planId: string) =>
    conn
      .select()
      .from(assignmentPlans)
      .where(eq(assignmentPlans.id, planId))
      .then((r) => r[0] ?? null),

  partnerUnitIds: (conn: Conn, taskId: string): Promise<string[]> =>
    conn
      .select({ unitId: taskPartners.unitId })
      .from(taskPartners)
      .where(eq(taskPartners.taskId, taskId))
      .then((r) => r.map((x) => x.unitId)),

  /** What the list's filters offer: the plans, sections, lead units and leaders of the tasks in reach. */
  filterOptions: async (conn: Conn, reach: SQL) => {
    const inReach = conn.select({ id: tasks.id }).from(tasks).where(reach);
    const plans = await conn
      .selectDistinct({ id: assignmentPlans.id, title: assignmentPlans.title, year: assignmentPlans.year })
      .from(assignmentPlans)
      .innerJoin(tasks, eq(tasks.planId, assignmentPlans.id))
      .where(inArray(tasks.id, inReach))
      .orderBy(desc(assignmentPlans.year), asc(assignmentPlans.title));
    const sections = await conn
      .selectDistinct({
        id: planSections.id,
        planId: planSections.planId,
        label: planSections.label,
        title: planSections.title,
        ordinal: planSections.ordinal,
      })
      .from(planSections)
      .innerJoin(tasks, eq(tasks.sectionId, planSections.id))
      .where(inArray(tasks.id, inReach))
      .orderBy(asc(planSections.planId), asc(planSections.ordinal));
    const leadUnits = await conn
      .selectDistinct({ id: units.id, name: units.name, sort: units.sort })
      .from(units)
      .innerJoin(tasks, eq(tasks.leadUnitId, units.id))
      .where(inArray(tasks.id, inReach))
      .orderBy(asc(units.sort), asc(units.name));
    const leaderRows = await conn
      .selectDistinct({ id: leaders.id, name: leaders.name, sort: leaders.sort })
      .from(leaders)
      .innerJoin(taskLeaders, eq(taskLeaders.leaderId, leaders.id))
      .where(inArray(taskLeaders.taskId, inReach))
      .orderBy(asc(leaders.sort), asc(leaders.name));
    return {
      plans,
      sections: sections.map(({ ordinal: _o, ...x }) => x),
      units: leadUnits.map(({ sort: _s, ...x }) => x),
      leaders: leaderRows.map(({ sort: _s, ...x }) => x),
    };
  },

  hasFeedbackSubmitted: (conn: Conn, taskId: string) =>
    conn
      .select({ id: taskFeedback.id })
      .from(taskFeedback)
      .where(and(eq(taskFeedback.taskId, taskId), isNotNull(taskFeedback.firstSubmittedAt)))
      .limit(1)
      .then((r) => r.length > 0),
};
