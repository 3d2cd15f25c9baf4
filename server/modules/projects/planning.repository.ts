import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/org/scope.ts';
import { planningQuotas, projects, units } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { scopeWhere } from '../../platform/db/scope-sql.ts';

/** 策划包装 queries: quotas are scoped by their unit, planned projects by the project's own scope. */
const unitInScope = (scope: Scope) => scopeWhere(scope, { unit: units.id, region: units.regionCode });
const projectInScope = (scope: Scope) =>
  scopeWhere(scope, { region: projects.regionCode, unit: projects.responsibleUnitId });

/** 00:00 on 1 January of `year` in China (UTC+8, no daylight saving). */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);

export const planningRepo = {
  quotas: (conn: Conn, scope: Scope, year: number) =>
    conn
      .select({
        unitId: planningQuotas.unitId,
        unitName: units.name,
        countQuota: planningQuotas.countQuota,
        investmentQuota: planningQuotas.investmentQuota,
        version: planningQuotas.version,
      })
      .from(planningQuotas)
      .innerJoin(units, eq(units.id, planningQuotas.unitId))
      .where(and(eq(planningQuotas.year, year), unitInScope(scope))),

  /** Projects entered per responsible unit and month (China time) of `year`; withdrawn ones do not count. */
  plannedByMonth: async (conn: Conn, scope: Scope, year: number) => {
    const month = sql<number>`extract(month from (${projects.createdAt} at time zone 'UTC') + interval '8 hours')::int`;
    const rows = await conn
      .select({
        unitId: projects.responsibleUnitId,
        unitName: units.name,
        month,
        count: sql<number>`count(*)::int`,
        investment: sql<string>`coalesce(sum(${projects.totalInvestment}), 0)::text`,
      })
      .from(projects)
      .innerJoin(units, eq(units.id, projects.responsibleUnitId))
      .where(
        and(
          projectInScope(scope),
          ne(projects.stage, 'withdrawn'),
          gte(projects.createdAt, yearStart(year)),
          lt(projects.createdAt, yearStart(year + 1)),
        ),
      )
      .groupBy(projects.responsibleUnitId, units.name, month);
    // node-postgres returns count/int as numbers after the casts; PGlite too — normalise anyway
    return rows.map((r) => ({ ...r, month: Number(r.month), count: Number(r.count) }));
  },

  findUnitInScope: (conn: Conn, scope: Scope, unitId: string) =>
    conn
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.id, unitId), unitInScope(scope)))
      .then((r) => r[0] ?? null),

  findQuotaForUpdate: (tx: Tx, year: number, unitId: string) =>
    tx
      .select()
      .from(planningQuotas)
      .where(and(eq(planningQuotas.year, year), eq(planningQuotas.unitId, unitId)))
      .for('update')
      .then((r) => r[0] ?? null),

  insertQuota: (tx: Tx, v: { year: number; unitId: string; countQuota: number; investmentQuota: string }, now: Date) =>
    tx
      .insert(planningQuotas)
      .values({ ...v, version: 1, updatedAt: now })
      .onConflictDoNothing()
      .returning()
      .then((r) => r[0] ?? null),

  updateQuota: (tx: Tx, id: string, version: number, v: { countQuota: number; investmentQuota: string }, now: Date) =>
    tx
      .update(planningQuotas)
      .set({ ...v, version: version + 1, updatedAt: now })
      .where(and(eq(planningQuotas.id, id), eq(planningQuotas.version, version)))
      .returning()
      .then((r) => r[0] ?? null),
};
