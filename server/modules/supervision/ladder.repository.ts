import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  instructions,
  instructionUnits,
  ladderSteps,
  leaders,
  rectifications,
  taskFeedbackParts,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/scope-sql.ts';

/** The ladder register (ladder_steps) and what the board, the inbox and the suggestions read next to it. */
export type StepRow = typeof ladderSteps.$inferSelect;
export type StepView = StepRow & { unitName: string };

/**
 * Who reaches a step: city-wide roles every step, a unit only the steps addressed to it — another unit's step is
 * simply not found (404).
 */
export const stepReach = (all: boolean, unitId: string): SQL => (all ? sql`true` : eq(ladderSteps.unitId, unitId));

export type StepFilter = {
  objectType?: string;
  objectId?: string;
  unitId?: string;
  step?: string;
  status?: string;
  year?: number;
  q?: string;
};

function filterWhere(reach: SQL, f: StepFilter): SQL {
  const where: SQL[] = [reach];
  if (f.objectType) where.push(eq(ladderSteps.objectType, f.objectType));
  if (f.objectId) where.push(eq(ladderSteps.objectId, f.objectId));
  if (f.unitId) where.push(eq(ladderSteps.unitId, f.unitId));
  if (f.step) where.push(eq(ladderSteps.step, f.step));
  if (f.status) where.push(eq(ladderSteps.status, f.status));
  if (f.year) where.push(eq(ladderSteps.year, f.year));
  if (f.q) {
    const p = containsPattern(f.q);
    where.push(
      or(
        ilike(ladderSteps.number, p),
        ilike(ladderSteps.objectLabel, p),
        ilike(ladderSteps.reason, p),
        ilike(units.name, p),
      )!,
    );
  }
  return and(...where)!;
}

const withUnit = { s: ladderSteps, unitName: units.name };
const flatten = (r: { s: StepRow; unitName: string }): StepView => ({ ...r.s, unitName: r.unitName });

/** Counts come back as numbers on both engines. */
const int = (v: unknown) => Number(v ?? 0);

export const ladderRepo = {
  /** the system's reach: every step */
  everyStep: sql`true` as SQL,

  list: async (conn: Conn, reach: SQL, f: StepFilter, page: { limit: number; offset: number }) => {
    const where = filterWhere(reach, f);
    const rows = await conn
      .select(withUnit)
      .from(ladderSteps)
      .innerJoin(units, eq(units.id, ladderSteps.unitId))
      .where(where)
      .orderBy(desc(ladderSteps.issuedAt), desc(ladderSteps.id))
      .limit(page.limit)
      .offset(page.offset);
    const [c] = await conn
      .select({ n: sql<number>`count(*)::int` })
      .from(ladderSteps)
      .innerJoin(units, eq(units.id, ladderSteps.unitId))
      .where(where);
    return { rows: rows.map(flatten), total: int(c?.n) };
  },

  find: (conn: Conn, reach: SQL, id: string): Promise<StepView | null> =>
    conn
      .select(withUnit)
      .from(ladderSteps)
      .innerJoin(units, eq(units.id, ladderSteps.unitId))
      .where(and(eq(ladderSteps.id, id), reach))
      .then((r) => (r[0] ? flatten(r[0]) : null)),

  findForUpdate: (tx: Tx, reach: SQL, id: string): Promise<StepRow | null> =>
    tx
      .select()
      .from(ladderSteps)
      .where(and(eq(ladderSteps.id, id), reach))
      .for('update')
      .then((r) => r[0] ?? null),

  /** The steps an object already received (every unit), for the order rule. */
  onObject: (conn: Conn, objectType: string, objectId: string) =>
    conn
      .select({ step: ladderSteps.step, polarity: ladderSteps.polarity })
      .from(ladderSteps)
      .where(and(eq(ladderSteps.objectType, objectType), eq(ladderSteps.objectId, objectId))),

  /**
   * The next number of a register, under a transaction-scoped lock on (step, year): two supervisors issuing at the
   * same moment take turns, so the unique index never sees a duplicate.
   */
  nextSeq: async (tx: Tx, step: string, year: number): Promise<number> => {
    await tx.execute(sql`select pg_advisory_xact_lock(72417100, hashtext(${`${step}:${year}`}))`);
    const [r] = await tx
      .select({ max: sql<number | null>`max(${ladderSteps.seq})` })
      .from(ladderSteps)
      .where(and(eq(ladderSteps.step, step), eq(ladderSteps.year, year)));
    return int(r?.max) + 1;
  },

  insert: (tx: Tx, v: typeof ladderSteps.$inferInsert) =>
    tx
      .insert(ladderSteps)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  update: (tx: Tx, id: string, version: number, v: Partial<typeof ladderSteps.$inferInsert>) =>
    tx
      .update(ladderSteps)
      .set({ ...v, version: version + 1 })
      .where(and(eq(ladderSteps.id, id), eq(ladderSteps.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  /** Whether an automatic step with this origin was already issued on the object to the unit (once per cycle). */
  hasOrigin: (conn: Conn, objectType: string, objectId: string, unitId: string, origin: string) =>
    conn
      .select({ id: ladderSteps.id })
      .from(ladderSteps)
      .where(
        and(
          eq(ladderSteps.objectType, objectType),
          eq(ladderSteps.objectId, objectId),
          eq(ladderSteps.unitId, unitId),
          eq(ladderSteps.origin, origin),
        ),
      )
      .limit(1)
      .then((r) => r.length > 0),

  /** The origins of the automatic steps already issued (for a sweep to skip them in one query). */
  autoOrigins: (conn: Conn, like: string) =>
    conn
      .select({
        id: ladderSteps.id,
        objectId: ladderSteps.objectId,
        unitId: ladderSteps.unitId,
        origin: ladderSteps.origin,
        status: ladderSteps.status,
      })
      .from(ladderSteps)
      .where(and(eq(ladderSteps.objectType, 'task'), sql`${ladderSteps.origin} like ${like}`)),

  /** A unit's steps of a year, counted per quarter (of the business date of issue), step and polarity. */
  record: (conn: Conn, unitId: string, year: number) =>
    conn
      .select({
        quarter: sql<number>`extract(quarter from (${ladderSteps.issuedAt} at time zone 'Asia/Shanghai'))::int`,
        step: ladderSteps.step,
        polarity: ladderSteps.polarity,
        auto: sql<boolean>`(${ladderSteps.origin} <> 'manual')`,
        n: sql<number>`count(*)::int`,
      })
      .from(ladderSteps)
      .where(and(eq(ladderSteps.unitId, unitId), eq(ladderSteps.year, year)))
      .groupBy(sql`1`, ladderSteps.step, ladderSteps.polarity, sql`4`),

  /**
   * What the suggestions weigh: every step of `year` and every step still open from before — except the closed
   * reminders issued before `remindersSince` (the daily sweep sends many; only recent ones can still count).
   */
  current: (conn: Conn, year: number, remindersSince: Date): Promise<StepView[]> =>
    conn
      .select(withUnit)
      .from(ladderSteps)
      .innerJoin(units, eq(units.id, ladderSteps.unitId))
      .where(
        and(
          or(eq(ladderSteps.year, year), ne(ladderSteps.status, 'closed')),
          or(
            ne(ladderSteps.step, 'reminder'),
            ne(ladderSteps.status, 'closed'),
            sql`${ladderSteps.issuedAt} >= ${remindersSince.toISOString()}`,
          ),
        ),
      )
      .orderBy(asc(ladderSteps.issuedAt))
      .then((r) => r.map(flatten)),

  /**
   * The board's ladder counts, grouped in SQL (a year of automatic reminders is thousands of rows): per object, unit,
   * rung, polarity and status, whether issued since `quarterStart` — only orders still open and steps of the quarter.
   */
  boardCounts: (conn: Conn, quarterStart: Date) =>
    conn
      .select({
        objectType: ladderSteps.objectType,
        objectId: ladderSteps.objectId,
        unitId: ladderSteps.unitId,
        unitName: units.name,
        step: ladderSteps.step,
        polarity: ladderSteps.polarity,
        status: ladderSteps.status,
        inQuarter: sql<boolean>`(${ladderSteps.issuedAt} >= ${quarterStart.toISOString()})`,
        n: sql<number>`count(*)::int`,
      })
      .from(ladderSteps)
      .innerJoin(units, eq(units.id, ladderSteps.unitId))
      .where(
        or(
          and(eq(ladderSteps.step, 'order'), ne(ladderSteps.status, 'closed')),
          sql`${ladderSteps.issuedAt} >= ${quarterStart.toISOString()}`,
        ),
      )
      .groupBy(
        ladderSteps.objectType,
        ladderSteps.objectId,
        ladderSteps.unitId,
        units.name,
        ladderSteps.step,
        ladderSteps.polarity,
        ladderSteps.status,
        sql`8`,
      )
      .then((rows) =>
        rows.map((r) => ({
          ...r,
          inQuarter: r.inQuarter === true || (r.inQuarter as unknown) === 't',
          n: int(r.n),
        })),
      ),

  /** Steps issued between two instants (a month of the 督查通报). */
  issuedBetween: (conn: Conn, from: Date, to: Date): Promise<StepView[]> =>
    conn
      .select(withUnit)
      .from(ladderSteps)
      .innerJoin(units, eq(units.id, ladderSteps.unitId))
      .where(
        and(sql`${ladderSteps.issuedAt} >= ${from.toISOString()}`, sql`${ladderSteps.issuedAt} < ${to.toISOString()}`),
      )
      .orderBy(asc(ladderSteps.issuedAt))
      .then((r) => r.map(flatten)),

  /** The open steps addressed to a unit that expect its answer (praise does not). */
  openForUnit: (conn: Conn, unitId: string): Promise<StepView[]> =>
    conn
      .select(withUnit)
      .from(ladderSteps)
      .innerJoin(units, eq(units.id, ladderSteps.unitId))
      .where(
        and(
          eq(ladderSteps.unitId, unitId),
          eq(ladderSteps.status, 'open'),
          sql`not (${ladderSteps.step} = 'notice' and coalesce(${ladderSteps.polarity}, '') = 'commending')`,
        ),
      )
      .orderBy(asc(ladderSteps.dueOn), asc(ladderSteps.issuedAt))
      .then((r) => r.map(flatten)),

  // ── the objects of this module that can be supervised ───────────────────────────────────────────────────
  instruction: async (conn: Conn, id: string) => {
    const [i] = await conn.select().from(instructions).where(eq(instructions.id, id));
    if (!i) return null;
    const named = await conn
      .select({ unitId: instructionUnits.unitId })
      .from(instructionUnits)
      .where(eq(instructionUnits.instructionId, id));
    return { ...i, unitIds: named.map((n) => n.unitId) };
  },

  rectification: (conn: Conn, id: string) =>
    conn
      .select()
      .from(rectifications)
      .where(eq(rectifications.id, id))
      .then((r) => r[0] ?? null),

  /** Open rectifications (not closed) per unit. */
  openRectificationsByUnit: (conn: Conn) =>
    conn
      .select({ unitId: rectifications.unitId, n: sql<number>`count(*)::int` })
      .from(rectifications)
      .where(ne(rectifications.status, 'closed'))
      .groupBy(rectifications.unitId)
      .then((r) => r.map((x) => ({ unitId: x.unitId, n: int(x.n) }))),

  /** Rectifications the unit must still act on (open or rejected back to it). */
  rectificationsForUnit: (conn: Conn, unitId: string) =>
    conn
      .select()
      .from(rectifications)
      .where(and(eq(rectifications.unitId, unitId), eq(rectifications.status, 'open')))
      .orderBy(asc(rectifications.dueOn)),

  /** Overdue `act` instructions per writing leader (the leader's portfolio on the board). */
  overdueInstructionsByLeader: (conn: Conn, today: string) =>
    conn
      .select({ leaderId: instructions.leaderId, n: sql<number>`count(distinct ${instructions.id})::int` })
      .from(instructions)
      .innerJoin(instructionUnits, eq(instructionUnits.instructionId, instructions.id))
      .where(
        and(
          eq(instructions.status, 'open'),
          eq(instructions.kind, 'act'),
          sql`${instructions.dueOn} < ${today}`,
          isNull(instructionUnits.respondedAt),
        ),
      )
      .groupBy(instructions.leaderId)
      .then((r) => r.map((x) => ({ leaderId: x.leaderId, n: int(x.n) }))),

  /** The partner parts a unit already wrote for these (task, cycle) pairs. */
  partsOfUnit: async (conn: Conn, unitId: string, taskIds: string[]) => {
    if (taskIds.length === 0) return [];
    return conn
      .select({ taskId: taskFeedbackParts.taskId, cycle: taskFeedbackParts.cycle })
      .from(taskFeedbackParts)
      .where(and(eq(taskFeedbackParts.unitId, unitId), inArray(taskFeedbackParts.taskId, taskIds)));
  },

  // ── names ───────────────────────────────────────────────────────────────────────────────────────────────
  unit: (conn: Conn, id: string) =>
    conn
      .select({ id: units.id, name: units.name, active: units.active })
      .from(units)
      .where(eq(units.id, id))
      .then((r) => r[0] ?? null),

  unitNames: async (conn: Conn, ids: string[]): Promise<Record<string, string>> => {
    if (ids.length === 0) return {};
    const rows = await conn.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
    return Object.fromEntries(rows.map((r) => [r.id, r.name]));
  },

  leaderNames: async (conn: Conn, ids: string[]): Promise<Record<string, string>> => {
    if (ids.length === 0) return {};
    const rows = await conn
      .select({ id: leaders.id, name: leaders.name })
      .from(leaders)
      .where(inArray(leaders.id, ids));
    return Object.fromEntries(rows.map((r) => [r.id, r.name]));
  },

  /** The issuer's name and phone for the 督办单's 联系人. */
  contact: (conn: Conn, userId: string) =>
    conn
      .select({ name: users.displayName, phone: users.phone, unitName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(eq(users.id, userId))
      .then((r) => r[0] ?? null),
};
