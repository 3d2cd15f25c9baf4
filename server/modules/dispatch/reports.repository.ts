import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  exists,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../../domain/org/scope.ts';
import {
  assignments,
  files,
  projects,
  regions,
  units,
  users,
  weeklyReportAmendments,
  weeklyReportPhotos,
  weeklyReports,
} from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern, scopeWhere } from '../../platform/db/scope-sql.ts';

const thumbs = alias(files, 'thumbs');

export type ReportRow = typeof weeklyReports.$inferSelect;
export type PhotoRow = typeof weeklyReportPhotos.$inferSelect;
export type AmendmentRow = typeof weeklyReportAmendments.$inferSelect;

/** Figures a report may change; the amendment keeps these before and after. */
export type ReportFigures = Pick<ReportRow, 'investedThisWeek' | 'visibleProgress' | 'workersOnSite' | 'milestone'>;

/** The statuses whose figures count: a draft or a returned report is not (yet) a fact. */
export const COUNTED = ['submitted', 'accepted'] as const;

/**
 * Which projects a caller reaches in the weekly dispatch: the project library's scope (region and responsible unit)
 * plus the projects the caller is site commissioner of (驻工地专员 sit in the 项目办, not in the project's unit).
 */
export function dispatchScope(scope: Scope, userId: string): SQL {
  const commissioned = exists(
    sql`(select 1 from ${assignments} where ${assignments.kind} = 'site_commissioner'
      and ${assignments.subjectType} = 'project' and ${assignments.subjectId} = ${projects.id}::text
      and ${assignments.holderType} = 'user' and ${assignments.holderId} = ${userId}
      and ${assignments.endedAt} is null)`,
  );
  return or(scopeWhere(scope, { region: projects.regionCode, unit: projects.responsibleUnitId }), commissioned)!;
}

const projectColumns = {
  id: projects.id,
  name: projects.name,
  projectCode: projects.projectCode,
  stage: projects.stage,
  regionCode: projects.regionCode,
  regionName: regions.name,
  responsibleUnitId: projects.responsibleUnitId,
  responsibleUnitName: units.name,
  totalInvestment: projects.totalInvestment,
  annualPlan: projects.annualPlan,
  planYear: projects.planYear,
  monthlyPlan: projects.monthlyPlan,
  plannedStartDate: projects.plannedStartDate,
  latitude: projects.latitude,
  longitude: projects.longitude,
  category: projects.category,
  createdAt: projects.createdAt,
};
export type DispatchProject = {
  id: string;
  name: string;
  projectCode: string | null;
  stage: string;
  regionCode: string;
  regionName: string;
  responsibleUnitId: string;
  responsibleUnitName: string;
  totalInvestment: string;
  annualPlan: string | null;
  planYear: number;
  monthlyPlan: string[] | null;
  plannedStartDate: string | null;
  latitude: string | null;
  longitude: string | null;
  category: string;
  /** when it entered the library: a week before that owes no report */
  createdAt: Date;
};

export type ProjectFilter = { stages?: readonly string[]; q?: string; regionCodes?: string[] | null };

function projectWhere(scope: Scope, userId: string, f: ProjectFilter): SQL {
  const where: SQL[] = [dispatchScope(scope, userId)];
  if (f.stages) where.push(inArray(projects.stage, [...f.stages]));
  if (f.regionCodes) where.push(inArray(projects.regionCode, f.regionCodes));
  if (f.q) {
    const p = containsPattern(f.q);
    where.push(or(sql`${projects.name} ilike ${p}`, sql`${projects.projectCode} ilike ${p}`)!);
  }
  return and(...where)!;
}

/** Σ of counted weeks per project over the weeks `weeks` selects (week keys sort as text), as exact numeric text. */
const sums = (conn: Conn, projectIds: string[], weeks: SQL) =>
  projectIds.length === 0
    ? Promise.resolve(new Map<string, string>())
    : conn
        .select({
          projectId: weeklyReports.projectId,
          total: sql<string>`coalesce(sum(${weeklyReports.investedThisWeek}), 0)::text`,
        })
        .from(weeklyReports)
        .where(and(inArray(weeklyReports.projectId, projectIds), inArray(weeklyReports.status, [...COUNTED]), weeks))
        .groupBy(weeklyReports.projectId)
        .then((rows) => new Map(rows.map((r) => [r.projectId, r.total])));

export const reportRepo = {
  /** The projects in reach, with region and unit names (no paging: a city reports some hundreds a week). */
  projects: (conn: Conn, scope: Scope, userId: string, f: ProjectFilter): Promise<DispatchProject[]> =>
    conn
      .select(projectColumns)
      .from(projects)
      .innerJoin(regions, eq(regions.code, projects.regionCode))
      .innerJoin(units, eq(units.id, projects.responsibleUnitId))
      .where(projectWhere(scope, userId, f))
      .orderBy(asc(projects.regionCode), asc(projects.name), asc(projects.id)) as Promise<DispatchProject[]>,

  project: (conn: Conn, scope: Scope, userId: string, id: string): Promise<DispatchProject | null> =>
    conn
      .select(projectColumns)
      .from(projects)
      .innerJoin(regions, eq(regions.code, projects.regionCode))
      .innerJoin(units, eq(units.id, projects.responsibleUnitId))
      .where(and(eq(projects.id, id), dispatchScope(scope, userId)))
      .then((r) => (r[0] as DispatchProject | undefined) ?? null),

  regionTree: (conn: Conn) => conn.select({ code: regions.code, parentCode: regions.parentCode }).from(regions),

  /** The projects a user is site commissioner of now. */
  commissionedBy: (conn: Conn, userId: string): Promise<string[]> =>
    conn
      .select({ id: assignments.subjectId })
      .from(assignments)
      .where(
        and(
          eq(assignments.kind, 'site_commissioner'),
          eq(assignments.subjectType, 'project'),
          eq(assignments.holderType, 'user'),
          eq(assignments.holderId, userId),
          isNull(assignments.endedAt),
        ),
      )
      .then((r) => r.map((x) => x.id)),

  /** The current site commissioners of the projects, by project. */
  commissionersOf: async (conn: Conn, projectIds: string[]): Promise<Map<string, string[]>> => {
    if (projectIds.length === 0) return new Map();
    const rows = await conn
      .select({ projectId: assignments.subjectId, userId: assignments.holderId })
      .from(assignments)
      .where(
        and(
          eq(assignments.kind, 'site_commissioner'),
          eq(assignments.subjectType, 'project'),
          eq(assignments.holderType, 'user'),
          inArray(assignments.subjectId, projectIds),
          isNull(assignments.endedAt),
        ),
      );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.projectId, [...(out.get(r.projectId) ?? []), r.userId]);
    return out;
  },

  /** Active users holding a role (the city's coordinators, for escalations). */
  usersWithRole: (conn: Conn, role: string): Promise<string[]> =>
    conn
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.active, true), arrayContains(users.roles, [role])))
      .then((r) => r.map((x) => x.id)),

  /** Locks the project row: two reports for one project and week are decided one after the other. */
  lockProject: (tx: Tx, id: string) =>
    tx
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.id, id))
      .for('update')
      .then((r) => r.length > 0),

  reportsOfWeek: (conn: Conn, projectIds: string[], week: string): Promise<ReportRow[]> =>
    projectIds.length === 0
      ? Promise.resolve([])
      : conn
          .select()
          .from(weeklyReports)
          .where(and(inArray(weeklyReports.projectId, projectIds), eq(weeklyReports.week, week))),

  /** Every report (any status) of the projects over a span of weeks, newest first; callers pick what counts. */
  countedBetween: (conn: Conn, projectIds: string[], fromWeek: string, toWeek: string) =>
    projectIds.length === 0
      ? Promise.resolve([])
      : conn
          .select({
            projectId: weeklyReports.projectId,
            week: weeklyReports.week,
            investedThisWeek: weeklyReports.investedThisWeek,
            firstSubmittedAt: weeklyReports.firstSubmittedAt,
            status: weeklyReports.status,
          })
          .from(weeklyReports)
          .where(
            and(
              inArray(weeklyReports.projectId, projectIds),
              gte(weeklyReports.week, fromWeek),
              lte(weeklyReports.week, toWeek),
            ),
          )
          .orderBy(desc(weeklyReports.week)),

  /** Σ of counted weeks in [fromWeek, toWeek]. */
  sumsBetween: (conn: Conn, projectIds: string[], fromWeek: string, toWeek: string) =>
    sums(conn, projectIds, and(gte(weeklyReports.week, fromWeek), lte(weeklyReports.week, toWeek))!),

  /** Σ of every counted week before `week`, all years: what the project has reported as done so far. */
  sumsBefore: (conn: Conn, projectIds: string[], week: string) => sums(conn, projectIds, lt(weeklyReports.week, week)),

  find: (conn: Conn, id: string): Promise<ReportRow | null> =>
    conn
      .select()
      .from(weeklyReports)
      .where(eq(weeklyReports.id, id))
      .then((r) => r[0] ?? null),

  findForUpdate: (tx: Tx, id: string): Promise<ReportRow | null> =>
    tx
      .select()
      .from(weeklyReports)
      .where(eq(weeklyReports.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  findByKey: (conn: Conn, projectId: string, week: string): Promise<ReportRow | null> =>
    conn
      .select()
      .from(weeklyReports)
      .where(and(eq(weeklyReports.projectId, projectId), eq(weeklyReports.week, week)))
      .then((r) => r[0] ?? null),

  /** The latest report before `week` (any status but draft), to pre-fill a new one. */
  previous: (conn: Conn, projectId: string, week: string): Promise<ReportRow | null> =>
    conn
      .select()
      .from(weeklyReports)
      .where(
        and(
          eq(weeklyReports.projectId, projectId),
          lt(weeklyReports.week, week),
          inArray(weeklyReports.status, ['submitted', 'accepted', 'returned']),
        ),
      )
      .orderBy(desc(weeklyReports.week))
      .limit(1)
      .then((r) => r[0] ?? null),

  insert: (tx: Tx, v: typeof weeklyReports.$inferInsert) =>
    tx
      .insert(weeklyReports)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  /** Writes when the version still matches; null when someone else changed it first. */
  update: (tx: Tx, id: string, version: number, v: Partial<typeof weeklyReports.$inferInsert>) =>
    tx
      .update(weeklyReports)
      .set({ ...v, version: version + 1 })
      .where(and(eq(weeklyReports.id, id), eq(weeklyReports.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  photos: (conn: Conn, reportIds: string[]): Promise<PhotoRow[]> =>
    reportIds.length === 0
      ? Promise.resolve([])
      : conn
          .select()
          .from(weeklyReportPhotos)
          .where(and(inArray(weeklyReportPhotos.reportId, reportIds), isNull(weeklyReportPhotos.removedAt)))
          .orderBy(asc(weeklyReportPhotos.uploadedAt), asc(weeklyReportPhotos.id)),

  photo: (conn: Conn, reportId: string, photoId: string) =>
    conn
      .select({
        p: weeklyReportPhotos,
        sha256: files.sha256,
        mediaType: files.mediaType,
        name: files.originalName,
        thumbSha256: thumbs.sha256,
      })
      .from(weeklyReportPhotos)
      .innerJoin(files, eq(files.id, weeklyReportPhotos.fileId))
      .leftJoin(thumbs, eq(thumbs.id, weeklyReportPhotos.thumbFileId))
      .where(
        and(
          eq(weeklyReportPhotos.id, photoId),
          eq(weeklyReportPhotos.reportId, reportId),
          isNull(weeklyReportPhotos.removedAt),
        ),
      )
      .then((r) => r[0] ?? null),

  /** An earlier photo with the same bytes on another report, with its report's week and project. */
  earlierPhoto: (conn: Conn, sha256: string, reportId: string) =>
    conn
      .select({ id: weeklyReportPhotos.id, week: weeklyReports.week, projectName: projects.name })
      .from(weeklyReportPhotos)
      .innerJoin(weeklyReports, eq(weeklyReports.id, weeklyReportPhotos.reportId))
      .innerJoin(projects, eq(projects.id, weeklyReports.projectId))
      .where(and(eq(weeklyReportPhotos.sha256, sha256), sql`${weeklyReportPhotos.reportId} <> ${reportId}`))
      .orderBy(asc(weeklyReportPhotos.uploadedAt))
      .limit(1)
      .then((r) => r[0] ?? null),

  insertPhoto: (tx: Tx, v: typeof weeklyReportPhotos.$inferInsert) =>
    tx
      .insert(weeklyReportPhotos)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  removePhoto: (tx: Tx, reportId: string, photoId: string, at: Date) =>
    tx
      .update(weeklyReportPhotos)
      .set({ removedAt: at })
      .where(
        and(
          eq(weeklyReportPhotos.id, photoId),
          eq(weeklyReportPhotos.reportId, reportId),
          isNull(weeklyReportPhotos.removedAt),
        ),
      )
      .returning()
      .then((r) => r[0] ?? null),

  photoCounts: (conn: Conn, reportIds: string[]) =>
    reportIds.length === 0
      ? Promise.resolve(new Map<string, { all: number; unverified: number }>())
      : conn
          .select({
            reportId: weeklyReportPhotos.reportId,
            all: sql<number>`count(*)::int`,
            unverified: sql<number>`(count(*) filter (where not ${weeklyReportPhotos.verified}))::int`,
          })
          .from(weeklyReportPhotos)
          .where(and(inArray(weeklyReportPhotos.reportId, reportIds), isNull(weeklyReportPhotos.removedAt)))
          .groupBy(weeklyReportPhotos.reportId)
          .then((rows) => new Map(rows.map((r) => [r.reportId, { all: r.all, unverified: r.unverified }]))),

  amendments: (conn: Conn, reportId: string): Promise<AmendmentRow[]> =>
    conn
      .select()
      .from(weeklyReportAmendments)
      .where(eq(weeklyReportAmendments.reportId, reportId))
      .orderBy(desc(weeklyReportAmendments.requestedAt)),

  insertAmendment: (tx: Tx, v: typeof weeklyReportAmendments.$inferInsert) =>
    tx
      .insert(weeklyReportAmendments)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  pendingAmendment: (conn: Conn, reportId: string) =>
    conn
      .select()
      .from(weeklyReportAmendments)
      .where(and(eq(weeklyReportAmendments.reportId, reportId), eq(weeklyReportAmendments.status, 'pending')))
      .then((r) => r[0] ?? null),

  decideAmendment: (
    tx: Tx,
    id: string,
    v: { status: 'approved' | 'rejected'; decidedByName: string; decidedAt: Date; decisionNote: string | null },
  ) =>
    tx
      .update(weeklyReportAmendments)
      .set(v)
      .where(and(eq(weeklyReportAmendments.id, id), eq(weeklyReportAmendments.status, 'pending')))
      .returning()
      .then((r) => r[0] ?? null),
};
