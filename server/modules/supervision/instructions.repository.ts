import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { instructions, instructionUnits, leaders, units } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/scope-sql.ts';

export type InstructionRow = typeof instructions.$inferSelect;
export type InstructionUnitRow = typeof instructionUnits.$inferSelect & { unitName: string };

/**
 * Who reaches an instruction: everyone (督查室, administrators), or the leader who wrote it and the units it names.
 * Another unit's instruction is simply not found (a 404).
 */
export type InstructionReach = { all: true } | { all: false; leaderId: string | null; unitId: string };

export function instructionReachSql(r: InstructionReach): SQL {
  if (r.all) return sql`true`;
  const named = sql`exists (select 1 from ${instructionUnits} where ${instructionUnits.instructionId} = ${instructions.id} and ${instructionUnits.unitId} = ${r.unitId})`;
  return r.leaderId ? or(eq(instructions.leaderId, r.leaderId), named)! : named;
}

export type InstructionFilter = {
  /** written by this leader, or naming this unit (a leader's "mine", a unit's "mine") */
  mine?: { leaderId: string | null; unitId: string };
  unitId?: string;
  objectType?: string;
  objectId?: string;
  q?: string;
};

export const instructionRepo = {
  list: (conn: Conn, reach: InstructionReach, f: InstructionFilter): Promise<InstructionRow[]> => {
    const where: SQL[] = [instructionReachSql(reach)];
    if (f.mine) where.push(instructionReachSql({ all: false, ...f.mine }));
    if (f.unitId) {
      where.push(
        sql`exists (select 1 from ${instructionUnits} where ${instructionUnits.instructionId} = ${instructions.id} and ${instructionUnits.unitId} = ${f.unitId})`,
      );
    }
    if (f.objectType) where.push(eq(instructions.objectType, f.objectType));
    if (f.objectId) where.push(eq(instructions.objectId, f.objectId));
    if (f.q) {
      const p = containsPattern(f.q);
      where.push(or(sql`${instructions.text} ilike ${p}`, sql`${instructions.objectLabel} ilike ${p}`)!);
    }
    return conn
      .select()
      .from(instructions)
      .where(and(...where))
      .orderBy(desc(instructions.createdAt), desc(instructions.id));
  },

  find: (conn: Conn, reach: InstructionReach, id: string): Promise<InstructionRow | null> =>
    conn
      .select()
      .from(instructions)
      .where(and(eq(instructions.id, id), instructionReachSql(reach)))
      .then((r) => r[0] ?? null),

  findForUpdate: (tx: Tx, id: string): Promise<InstructionRow | null> =>
    tx
      .select()
      .from(instructions)
      .where(eq(instructions.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  insert: (tx: Tx, v: typeof instructions.$inferInsert) =>
    tx
      .insert(instructions)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  insertUnits: (tx: Tx, rows: (typeof instructionUnits.$inferInsert)[]) => tx.insert(instructionUnits).values(rows),

  update: (tx: Tx, id: string, version: number, v: Partial<typeof instructions.$inferInsert>) =>
    tx
      .update(instructions)
      .set({ ...v, version: version + 1 })
      .where(and(eq(instructions.id, id), eq(instructions.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  /** The named units of some instructions, in the order they were named (their unit's sort). */
  units: (conn: Conn, instructionIds: string[]): Promise<InstructionUnitRow[]> =>
    instructionIds.length === 0
      ? Promise.resolve([])
      : conn
          .select({ u: instructionUnits, unitName: units.name })
          .from(instructionUnits)
          .innerJoin(units, eq(units.id, instructionUnits.unitId))
          .where(inArray(instructionUnits.instructionId, instructionIds))
          .orderBy(asc(units.sort), asc(units.name))
          .then((rows) => rows.map((r) => ({ ...r.u, unitName: r.unitName }))),

  unitForUpdate: (tx: Tx, instructionId: string, unitId: string) =>
    tx
      .select()
      .from(instructionUnits)
      .where(and(eq(instructionUnits.instructionId, instructionId), eq(instructionUnits.unitId, unitId)))
      .for('update')
      .then((r) => r[0] ?? null),

  updateUnit: (
    tx: Tx,
    instructionId: string,
    unitId: string,
    version: number,
    v: Partial<typeof instructionUnits.$inferInsert>,
  ) =>
    tx
      .update(instructionUnits)
      .set({ ...v, version: version + 1 })
      .where(
        and(
          eq(instructionUnits.instructionId, instructionId),
          eq(instructionUnits.unitId, unitId),
          eq(instructionUnits.version, version),
        ),
      )
      .returning()
      .then((r) => r[0] ?? null),

  /** The leader row a user signs in as (a 市领导's account), if any. */
  leaderOfUser: (conn: Conn, userId: string) =>
    conn
      .select({ id: leaders.id, name: leaders.name, userId: leaders.userId })
      .from(leaders)
      .where(and(eq(leaders.userId, userId), eq(leaders.active, true)))
      .orderBy(asc(leaders.sort))
      .limit(1)
      .then((r) => r[0] ?? null),

  leader: (conn: Conn, id: string) =>
    conn
      .select({ id: leaders.id, name: leaders.name, userId: leaders.userId, active: leaders.active })
      .from(leaders)
      .where(eq(leaders.id, id))
      .then((r) => r[0] ?? null),

  /** Open `act` instructions whose deadline passed with a unit still silent: for the board and the ladder. */
  overdue: (conn: Conn, today: string) =>
    conn
      .select({ i: instructions, unitId: instructionUnits.unitId, unitName: units.name })
      .from(instructions)
      .innerJoin(instructionUnits, eq(instructionUnits.instructionId, instructions.id))
      .innerJoin(units, eq(units.id, instructionUnits.unitId))
      .where(
        and(
          eq(instructions.status, 'open'),
          eq(instructions.kind, 'act'),
          sql`${instructions.dueOn} < ${today}`,
          sql`${instructionUnits.respondedAt} is null`,
        ),
      )
      .orderBy(asc(instructions.dueOn)),

  /** The open `act` instructions naming a unit that it has not answered: for the unit's inbox. */
  awaitingUnit: (conn: Conn, unitId: string) =>
    conn
      .select({ i: instructions })
      .from(instructions)
      .innerJoin(instructionUnits, eq(instructionUnits.instructionId, instructions.id))
      .where(
        and(
          eq(instructions.status, 'open'),
          eq(instructions.kind, 'act'),
          eq(instructionUnits.unitId, unitId),
          sql`${instructionUnits.respondedAt} is null`,
        ),
      )
      .orderBy(asc(instructions.dueOn))
      .then((r) => r.map((x) => x.i)),
};
