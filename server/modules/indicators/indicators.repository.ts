import { and, asc, type Column, desc, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { IndicatorEditScope } from '../../../domain/indicators/access.ts';
import {
  indicators,
  indicatorTargets,
  indicatorValueRevisions,
  indicatorValues,
  peerGroupMembers,
  peerGroups,
  regions,
} from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';

/**
 * 月分析 queries. Reading figures is not scoped (published statistics); every write puts the caller's indicator
 * edit scope (domain/indicators/access.ts) on the region column, so rows outside it are never touched.
 */
const first = <T>(rows: T[]): T | null => rows[0] ?? null;

export type IndicatorRow = typeof indicators.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;
export type TargetRow = typeof indicatorTargets.$inferSelect;
export type PeerGroupRow = typeof peerGroups.$inferSelect & { members: string[] };

/** The indicator edit scope as SQL on a region column. */
export function editScopeWhere(scope: IndicatorEditScope, col: Column): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'none' || scope.regionCodes.length === 0) return sql`false`;
  return inArray(col, scope.regionCodes);
}

export const regionRows = (conn: Conn) =>
  conn
    .select({ code: regions.code, name: regions.name, kind: regions.kind, parentCode: regions.parentCode })
    .from(regions)
    .orderBy(asc(regions.sort), asc(regions.code));

// ── catalog ──────────────────────────────────────────────────────────────────────────────────────────────
export const catalogRepo = {
  list: (conn: Conn) => conn.select().from(indicators).orderBy(asc(indicators.sort), asc(indicators.code)),
  find: (conn: Conn, code: string) => conn.select().from(indicators).where(eq(indicators.code, code)).then(first),
  findForUpdate: (tx: Tx, code: string) =>
    tx.select().from(indicators).where(eq(indicators.code, code)).for('update').then(first),
  insert: (tx: Tx, v: typeof indicators.$inferInsert) =>
    tx.insert(indicators).values(v).onConflictDoNothing().returning().then(first),
  update: (tx: Tx, code: string, version: number, v: Partial<typeof indicators.$inferInsert>, now: Date) =>
    tx
      .update(indicators)
      .set({ ...v, version: version + 1, updatedAt: now })
      .where(and(eq(indicators.code, code), eq(indicators.version, version)))
      .returning()
      .then(first),
};

// ── figures ──────────────────────────────────────────────────────────────────────────────────────────────
/**
 * A row holds a figure while one of its two figures is set. A removed figure keeps its row (value and growth both
 * null, the version counted on) so its history stays attached; lists and "latest" never see it.
 */
const hasFigure = () => or(isNotNull(indicatorValues.value), isNotNull(indicatorValues.growth));
export const holdsFigure = (r: Pick<ValueRow, 'value' | 'growth'>) => r.value !== null || r.growth !== null;

export type FigureRow = {
  regionCode: string;
  indicatorCode: string;
  period: string;
  value: string | null;
  growth: string | null;
};

export const valueRepo = {
  list: (conn: Conn, q: { period: string; regionCodes?: string[]; indicatorCode?: string }) =>
    conn
      .select({ v: indicatorValues, regionName: regions.name })
      .from(indicatorValues)
      .innerJoin(regions, eq(regions.code, indicatorValues.regionCode))
      .where(
        and(
          eq(indicatorValues.period, q.period),
          q.regionCodes ? inArray(indicatorValues.regionCode, q.regionCodes) : undefined,
          q.indicatorCode ? eq(indicatorValues.indicatorCode, q.indicatorCode) : undefined,
          hasFigure(),
        ),
      )
      .orderBy(asc(regions.sort), asc(indicatorValues.regionCode), asc(indicatorValues.indicatorCode)),

  /** The figures of some regions over some periods (all indicators unless named), for analysis. */
  figures: (
    conn: Conn,
    q: { regionCodes: string[]; periods: string[]; indicatorCode?: string },
  ): Promise<FigureRow[]> =>
    q.regionCodes.length === 0 || q.periods.length === 0
      ? Promise.resolve([])
      : conn
          .select({
            regionCode: indicatorValues.regionCode,
            indicatorCode: indicatorValues.indicatorCode,
            period: indicatorValues.period,
            value: indicatorValues.value,
            growth: indicatorValues.growth,
          })
          .from(indicatorValues)
          .where(
            and(
              inArray(indicatorValues.regionCode, q.regionCodes),
              inArray(indicatorValues.period, q.periods),
              q.indicatorCode ? eq(indicatorValues.indicatorCode, q.indicatorCode) : undefined,
            ),
          ),

  /** The latest period a region has a figure of an indicator for. */
  latestPeriod: (conn: Conn, regionCode: string, indicatorCode: string) =>
    conn
      .select({ period: sql<string | null>`max(${indicatorValues.period})` })
      .from(indicatorValues)
      .where(
        and(eq(indicatorValues.regionCode, regionCode), eq(indicatorValues.indicatorCode, indicatorCode), hasFigure()),
      )
      .then((r) => r[0]?.period ?? null),

  /**
   * The latest period any of the regions (all regions when none are named) has a figure of an active indicator
   * for; one index-backed aggregate.
   */
  latestWithFigures: (conn: Conn, regionCodes?: string[]): Promise<string | null> =>
    regionCodes?.length === 0
      ? Promise.resolve(null)
      : conn
          .select({ period: sql<string | null>`max(${indicatorValues.period})` })
          .from(indicatorValues)
          .innerJoin(indicators, eq(indicators.code, indicatorValues.indicatorCode))
          .where(
            and(
              regionCodes ? inArray(indicatorValues.regionCode, regionCodes) : undefined,
              eq(indicators.active, true),
              hasFigure(),
            ),
          )
          .then((r) => r[0]?.period ?? null),

  /** Existing rows of one period for the given regions, locked, inside the caller's edit scope. */
  forUpsert: (tx: Tx, scope: IndicatorEditScope, period: string, regionCodes: string[]) =>
    tx
      .select()
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.period, period),
          inArray(indicatorValues.regionCode, regionCodes),
          editScopeWhere(scope, indicatorValues.regionCode),
        ),
      )
      .for('update'),

  insertMany: (tx: Tx, rows: (typeof indicatorValues.$inferInsert)[]) =>
    rows.length ? tx.insert(indicatorValues).values(rows) : Promise.resolve(),

  update: (
    tx: Tx,
    scope: IndicatorEditScope,
    row: ValueRow,
    v: { value: string | null; growth: string | null; source: string; updatedBy: string | null; updatedByName: string },
    now: Date,
  ) =>
    tx
      .update(indicatorValues)
      .set({ ...v, version: row.version + 1, updatedAt: now })
      .where(
        and(
          eq(indicatorValues.id, row.id),
          eq(indicatorValues.version, row.version),
          editScopeWhere(scope, indicatorValues.regionCode),
        ),
      )
      .returning({ id: indicatorValues.id })
      .then(first),

  insertRevisions: (tx: Tx, rows: (typeof indicatorValueRevisions.$inferInsert)[]) =>
    rows.length ? tx.insert(indicatorValueRevisions).values(rows) : Promise.resolve(),

  find: (conn: Conn, regionCode: string, indicatorCode: string, period: string) =>
    conn
      .select({ v: indicatorValues, regionName: regions.name })
      .from(indicatorValues)
      .innerJoin(regions, eq(regions.code, indicatorValues.regionCode))
      .where(
        and(
          eq(indicatorValues.regionCode, regionCode),
          eq(indicatorValues.indicatorCode, indicatorCode),
          eq(indicatorValues.period, period),
        ),
      )
      .then(first),

  revisions: (conn: Conn, valueId: string) =>
    conn
      .select()
      .from(indicatorValueRevisions)
      .where(eq(indicatorValueRevisions.valueId, valueId))
      .orderBy(desc(indicatorValueRevisions.version)),
};

// ── targets ──────────────────────────────────────────────────────────────────────────────────────────────
export const targetRepo = {
  list: (conn: Conn, q: { years: number[]; regionCodes?: string[]; indicatorCode?: string }) =>
    conn
      .select({ t: indicatorTargets, regionName: regions.name })
      .from(indicatorTargets)
      .innerJoin(regions, eq(regions.code, indicatorTargets.regionCode))
      .where(
        and(
          inArray(indicatorTargets.year, q.years),
          q.regionCodes ? inArray(indicatorTargets.regionCode, q.regionCodes) : undefined,
          q.indicatorCode ? eq(indicatorTargets.indicatorCode, q.indicatorCode) : undefined,
        ),
      )
      .orderBy(asc(regions.sort), asc(indicatorTargets.regionCode), asc(indicatorTargets.indicatorCode)),

  forUpsert: (tx: Tx, scope: IndicatorEditScope, years: number[], regionCodes: string[]) =>
    tx
      .select()
      .from(indicatorTargets)
      .where(
        and(
          inArray(indicatorTargets.year, years),
          inArray(indicatorTargets.regionCode, regionCodes),
          editScopeWhere(scope, indicatorTargets.regionCode),
        ),
      )
      .for('update'),

  insertMany: (tx: Tx, rows: (typeof indicatorTargets.$inferInsert)[]) =>
    rows.length ? tx.insert(indicatorTargets).values(rows) : Promise.resolve(),

  update: (tx: Tx, row: TargetRow, v: Partial<typeof indicatorTargets.$inferInsert>, now: Date) =>
    tx
      .update(indicatorTargets)
      .set({ ...v, version: row.version + 1, updatedAt: now })
      .where(and(eq(indicatorTargets.id, row.id), eq(indicatorTargets.version, row.version)))
      .returning({ id: indicatorTargets.id })
      .then(first),
};

// ── peer groups ──────────────────────────────────────────────────────────────────────────────────────────
async function withMembers(conn: Conn, groups: (typeof peerGroups.$inferSelect)[]): Promise<PeerGroupRow[]> {
  if (groups.length === 0) return [];
  const members = await conn
    .select()
    .from(peerGroupMembers)
    .where(
      inArray(
        peerGroupMembers.groupId,
        groups.map((g) => g.id),
      ),
    )
    .orderBy(asc(peerGroupMembers.sort));
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id).map((m) => m.regionCode) }));
}

export const peerGroupRepo = {
  list: async (conn: Conn) =>
    withMembers(conn, await conn.select().from(peerGroups).orderBy(desc(peerGroups.isDefault), asc(peerGroups.name))),
  find: async (conn: Conn, id: string) =>
    first(await withMembers(conn, await conn.select().from(peerGroups).where(eq(peerGroups.id, id)))),
  /** The groups a region is a member of, the default one first. */
  ofRegion: async (conn: Conn, regionCode: string) => {
    const ids = conn
      .select({ id: peerGroupMembers.groupId })
      .from(peerGroupMembers)
      .where(eq(peerGroupMembers.regionCode, regionCode));
    return withMembers(
      conn,
      await conn
        .select()
        .from(peerGroups)
        .where(inArray(peerGroups.id, ids))
        .orderBy(desc(peerGroups.isDefault), asc(peerGroups.createdAt)),
    );
  },
  findForUpdate: (tx: Tx, id: string) =>
    tx.select().from(peerGroups).where(eq(peerGroups.id, id)).for('update').then(first),
  insert: (tx: Tx, v: typeof peerGroups.$inferInsert) =>
    tx
      .insert(peerGroups)
      .values(v)
      .returning()
      .then((r) => r[0]!),
  update: (tx: Tx, id: string, version: number, v: Partial<typeof peerGroups.$inferInsert>, now: Date) =>
    tx
      .update(peerGroups)
      .set({ ...v, version: version + 1, updatedAt: now })
      .where(and(eq(peerGroups.id, id), eq(peerGroups.version, version)))
      .returning()
      .then(first),
  setMembers: async (tx: Tx, groupId: string, codes: string[]) => {
    await tx.delete(peerGroupMembers).where(eq(peerGroupMembers.groupId, groupId));
    if (codes.length) {
      await tx.insert(peerGroupMembers).values(codes.map((regionCode, sort) => ({ groupId, regionCode, sort })));
    }
  },
  /** Only one default group: clears the flag on the others. */
  clearDefault: (tx: Tx, exceptId: string) =>
    tx
      .update(peerGroups)
      .set({ isDefault: false })
      .where(and(eq(peerGroups.isDefault, true), sql`${peerGroups.id} <> ${exceptId}`)),
};
