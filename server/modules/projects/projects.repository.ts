import { and, asc, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/org/scope.ts';
import type { ProjectListQuery } from '../../../domain/projects/contracts.ts';
import { assignments, projects, regions, units } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern as like, scopeWhere } from '../../platform/db/scope-sql.ts';

/** Project queries: scope (region and responsible unit) in every WHERE. */
export type ProjectRow = typeof projects.$inferSelect & { regionName: string; unitName: string };

const inScope = (scope: Scope) => scopeWhere(scope, { region: projects.regionCode, unit: projects.responsibleUnitId });
const first = <T>(rows: T[]): T | null => rows[0] ?? null;

const withNames = { p: projects, regionName: regions.name, unitName: units.name };
const flatten = (r: { p: typeof projects.$inferSelect; regionName: string; unitName: string }): ProjectRow => ({
  ...r.p,
  regionName: r.regionName,
  unitName: r.unitName,
});

const SORT_COLUMNS = {
  updatedAt: projects.updatedAt,
  name: projects.name,
  totalInvestment: projects.totalInvestment,
  annualPlan: projects.annualPlan,
  plannedStartDate: projects.plannedStartDate,
} as const;

function listWhere(scope: Scope, q: ProjectListQuery, regionCodes: string[] | null): SQL {
  const where: SQL[] = [inScope(scope)];
  if (q.q) {
    // pg_trgm GIN indexes serve ILIKE for terms of 3+ characters; shorter ones scan (fine at city scale)
    const p = like(q.q);
    where.push(or(ilike(projects.name, p), ilike(projects.ownerName, p), ilike(projects.projectCode, p))!);
  }
  if (regionCodes) where.push(inArray(projects.regionCode, regionCodes));
  if (q.unitId) where.push(eq(projects.responsibleUnitId, q.unitId));
  if (q.stage?.length) where.push(inArray(projects.stage, q.stage));
  if (q.level?.length) where.push(inArray(projects.level, q.level));
  if (q.category?.length) where.push(inArray(projects.category, q.category));
  if (q.fundingSource?.length) where.push(inArray(projects.fundingSource, q.fundingSource));
  if (q.batch) where.push(eq(projects.groundbreakingBatch, q.batch));
  if (q.tag) where.push(sql`${q.tag} = any(${projects.tags})`);
  if (q.minInvestment) where.push(gte(projects.totalInvestment, q.minInvestment));
  if (q.maxInvestment) where.push(lte(projects.totalInvestment, q.maxInvestment));
  if (q.leadOfficialId) {
    where.push(sql`exists (select 1 from ${assignments} a where a.subject_type = 'project'
      and a.subject_id = ${projects.id}::text and a.kind = 'lead_official' and a.ended_at is null
      and a.holder_id = ${q.leadOfficialId})`);
  }
  return and(...where)!;
}

export const projectRepo = {
  find: (conn: Conn, scope: Scope, id: string): Promise<ProjectRow | null> =>
    conn
      .select(withNames)
      .from(projects)
      .innerJoin(regions, eq(regions.code, projects.regionCode))
      .innerJoin(units, eq(units.id, projects.responsibleUnitId))
      .where(and(eq(projects.id, id), inScope(scope)))
      .then((r) => first(r.map(flatten))),

  findForUpdate: (tx: Tx, scope: Scope, id: string) =>
    tx
      .select()
      .from(projects)
      .where(and(eq(projects.id, id), inScope(scope)))
      .for('update')
      .then(first),

  /** One query for the page, one for the total; `regionCodes` is the filter region and everything below it. */
  list: async (conn: Conn, scope: Scope, q: ProjectListQuery, regionCodes: string[] | null) => {
    const cond = listWhere(scope, q, regionCodes);
    const col = SORT_COLUMNS[q.sort];
    const [rows, [count]] = await Promise.all([
      conn
        .select(withNames)
        .from(projects)
        .innerJoin(regions, eq(regions.code, projects.regionCode))
        .innerJoin(units, eq(units.id, projects.responsibleUnitId))
        .where(cond)
        .orderBy(q.order === 'asc' ? asc(col) : desc(col), asc(projects.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      conn
        .select({
          n: sql<number>`count(*)::int`,
          total: sql<string>`coalesce(sum(${projects.totalInvestment}), 0)::numeric(18,2)::text`,
        })
        .from(projects)
        .where(cond),
    ]);
    return { items: rows.map(flatten), total: count?.n ?? 0, sumTotalInvestment: count?.total ?? '0' };
  },

  /** Whether another project (in any scope: the code is unique nationally) already has this code. */
  codeTaken: (conn: Conn, code: string, exceptId: string | null) =>
    conn
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.projectCode, code), exceptId ? sql`${projects.id} <> ${exceptId}` : sql`true`))
      .then((r) => r.length > 0),

  insert: (tx: Tx, row: typeof projects.$inferInsert) =>
    tx
      .insert(projects)
      .values(row)
      .returning()
      .then((r) => r[0]!),

  update: (tx: Tx, id: string, version: number, set: Partial<typeof projects.$inferInsert>, now: Date) =>
    tx
      .update(projects)
      .set({ ...set, version: sql`${projects.version} + 1`, updatedAt: now })
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning()
      .then(first),

  /** The project an imported row means: by project code, else by name + owner (in scope). */
  findForImport: (conn: Conn, scope: Scope, p: { projectCode?: string | null; name: string; ownerName: string }) =>
    conn
      .select()
      .from(projects)
      .where(
        and(
          inScope(scope),
          p.projectCode
            ? eq(projects.projectCode, p.projectCode)
            : and(eq(projects.name, p.name), eq(projects.ownerName, p.ownerName)),
        ),
      )
      .limit(1)
      .then(first),

  regionNames: (conn: Conn) => conn.select({ code: regions.code, name: regions.name }).from(regions),

  unitNames: (conn: Conn, directory: Scope) =>
    conn
      .select({ id: units.id, name: units.name, shortName: units.shortName, aliases: units.aliases })
      .from(units)
      .where(scopeWhere(directory, { region: units.regionCode, unit: units.id })),

  /** The region tree (public reference data), to expand a region filter to everything below it. */
  regionTree: (conn: Conn) => conn.select({ code: regions.code, parentCode: regions.parentCode }).from(regions),

  /** Counts and sums by one dimension, in scope. Amounts come back as numeric text (exact). */
  statsBy: (conn: Conn, scope: Scope, dim: 'stage' | 'category' | 'regionCode' | 'level') => {
    const col = projects[dim];
    return conn
      .select({
        key: col,
        count: sql<number>`count(*)::int`,
        totalInvestment: sql<string>`coalesce(sum(${projects.totalInvestment}), 0)::numeric(18,2)::text`,
        annualPlan: sql<string>`coalesce(sum(${projects.annualPlan}), 0)::numeric(18,2)::text`,
      })
      .from(projects)
      .where(and(inScope(scope), dim === 'stage' ? sql`true` : sql`${projects.stage} <> 'withdrawn'`))
      .groupBy(col)
      .orderBy(col);
  },
};
