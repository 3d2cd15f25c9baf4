import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  files,
  inspectionChecklistItems,
  inspectionFindings,
  inspectionPhotos,
  inspections,
  inspectionTargets,
  inspectionTeams,
  rectifications,
  units,
  users,
} from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/scope-sql.ts';

export type InspectionRow = typeof inspections.$inferSelect;
export type ChecklistRow = typeof inspectionChecklistItems.$inferSelect;
export type TeamRow = typeof inspectionTeams.$inferSelect;
export type TargetRow = typeof inspectionTargets.$inferSelect;
export type FindingRow = typeof inspectionFindings.$inferSelect;
export type PhotoRow = typeof inspectionPhotos.$inferSelect;

/**
 * Who reaches a campaign: everyone who follows the whole city (督查室, leaders, 项目办, 考核办, administrators), or
 * the members of one of its teams. Another user's campaign is not found.
 */
export type InspectionReach = { all: true } | { all: false; userId: string };

const memberOf = (userId: string) =>
  sql`exists (select 1 from ${inspectionTeams} where ${inspectionTeams.inspectionId} = ${inspections.id} and ${userId} = any(${inspectionTeams.memberUserIds}))`;

export const inspectionReachSql = (r: InspectionReach): SQL => (r.all ? sql`true` : memberOf(r.userId));

export type TargetView = TargetRow & {
  unitName: string;
  teamName: string | null;
  memberUserIds: string[] | null;
  finding: {
    id: string;
    inspectedOn: string;
    problemKinds: string[];
    recordedByName: string;
    answers: Record<string, unknown>;
    note: string;
  } | null;
  photos: number;
  rectTotal: number;
  rectOpen: number;
};

const targetColumns = {
  t: inspectionTargets,
  unitName: units.name,
  teamName: inspectionTeams.name,
  memberUserIds: inspectionTeams.memberUserIds,
  findingId: inspectionFindings.id,
  inspectedOn: inspectionFindings.inspectedOn,
  problemKinds: inspectionFindings.problemKinds,
  recordedByName: inspectionFindings.recordedByName,
  answers: inspectionFindings.answers,
  note: inspectionFindings.note,
  photos: sql<number>`(select count(*)::int from ${inspectionPhotos} where ${inspectionPhotos.findingId} = ${inspectionFindings.id})`,
  rectTotal: sql<number>`(select count(*)::int from ${rectifications} where ${rectifications.findingId} = ${inspectionFindings.id})`,
  rectOpen: sql<number>`(select count(*)::int from ${rectifications} where ${rectifications.findingId} = ${inspectionFindings.id} and ${rectifications.status} <> 'closed')`,
};

type TargetJoin = {
  t: TargetRow;
  unitName: string;
  teamName: string | null;
  memberUserIds: string[] | null;
  findingId: string | null;
  inspectedOn: string | null;
  problemKinds: string[] | null;
  recordedByName: string | null;
  answers: Record<string, unknown> | null;
  note: string | null;
  photos: number | null;
  rectTotal: number | null;
  rectOpen: number | null;
};

const flattenTarget = (r: TargetJoin): TargetView => ({
  ...r.t,
  unitName: r.unitName,
  teamName: r.teamName,
  memberUserIds: r.memberUserIds,
  finding: r.findingId
    ? {
        id: r.findingId,
        inspectedOn: r.inspectedOn!,
        problemKinds: r.problemKinds ?? [],
        recordedByName: r.recordedByName!,
        answers: r.answers ?? {},
        note: r.note ?? '',
      }
    : null,
  photos: Number(r.photos ?? 0),
  rectTotal: Number(r.rectTotal ?? 0),
  rectOpen: Number(r.rectOpen ?? 0),
});

const targetBase = (conn: Conn) =>
  conn
    .select(targetColumns)
    .from(inspectionTargets)
    .innerJoin(units, eq(units.id, inspectionTargets.unitId))
    .leftJoin(inspectionTeams, eq(inspectionTeams.id, inspectionTargets.teamId))
    .leftJoin(inspectionFindings, eq(inspectionFindings.targetId, inspectionTargets.id));

export type TargetFilter = { memberUserId?: string; teamId?: string; q?: string };

export const inspectionRepo = {
  // ── campaigns ──
  list: (conn: Conn, reach: InspectionReach, f: { status?: string; q?: string }): Promise<InspectionRow[]> => {
    const where: SQL[] = [inspectionReachSql(reach)];
    if (f.status) where.push(eq(inspections.status, f.status));
    if (f.q) where.push(sql`${inspections.title} ilike ${containsPattern(f.q)}`);
    return conn
      .select()
      .from(inspections)
      .where(and(...where))
      .orderBy(desc(inspections.startsOn), desc(inspections.createdAt));
  },

  find: (conn: Conn, reach: InspectionReach, id: string): Promise<InspectionRow | null> =>
    conn
      .select()
      .from(inspections)
      .where(and(eq(inspections.id, id), inspectionReachSql(reach)))
      .then((r) => r[0] ?? null),

  findForUpdate: (tx: Tx, id: string): Promise<InspectionRow | null> =>
    tx
      .select()
      .from(inspections)
      .where(eq(inspections.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  insert: (tx: Tx, v: typeof inspections.$inferInsert) =>
    tx
      .insert(inspections)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  update: (tx: Tx, id: string, version: number, v: Partial<typeof inspections.$inferInsert>) =>
    tx
      .update(inspections)
      .set({ ...v, version: version + 1 })
      .where(and(eq(inspections.id, id), eq(inspections.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  /** Targets, findings, problems per campaign (one query for a page of campaigns). */
  counts: (conn: Conn, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : conn
          .select({
            inspectionId: inspectionTargets.inspectionId,
            targets: sql<number>`count(*)::int`,
            inspected: sql<number>`count(${inspectionFindings.id})::int`,
            withProblems: sql<number>`count(*) filter (where cardinality(${inspectionFindings.problemKinds}) > 0)::int`,
          })
          .from(inspectionTargets)
          .leftJoin(inspectionFindings, eq(inspectionFindings.targetId, inspectionTargets.id))
          .where(inArray(inspectionTargets.inspectionId, ids))
          .groupBy(inspectionTargets.inspectionId),

  /** The campaigns where the user is in a team. */
  memberOfIds: (conn: Conn, userId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve(new Set<string>())
      : conn
          .select({ id: inspectionTeams.inspectionId })
          .from(inspectionTeams)
          .where(
            and(inArray(inspectionTeams.inspectionId, ids), sql`${userId} = any(${inspectionTeams.memberUserIds})`),
          )
          .then((r) => new Set(r.map((x) => x.id))),

  // ── checklist ──
  checklist: (conn: Conn, inspectionId: string): Promise<ChecklistRow[]> =>
    conn
      .select()
      .from(inspectionChecklistItems)
      .where(eq(inspectionChecklistItems.inspectionId, inspectionId))
      .orderBy(asc(inspectionChecklistItems.ordinal)),

  replaceChecklist: async (tx: Tx, inspectionId: string, items: (typeof inspectionChecklistItems.$inferInsert)[]) => {
    await tx.delete(inspectionChecklistItems).where(eq(inspectionChecklistItems.inspectionId, inspectionId));
    if (items.length) await tx.insert(inspectionChecklistItems).values(items);
  },

  /** The checklist items some finding of the campaign has answered. */
  answeredItemIds: (conn: Conn, inspectionId: string): Promise<Set<string>> =>
    conn
      .select({ key: sql<string>`jsonb_object_keys(${inspectionFindings.answers})` })
      .from(inspectionFindings)
      .where(eq(inspectionFindings.inspectionId, inspectionId))
      .then((r) => new Set(r.map((x) => x.key))),

  // ── teams ──
  teams: (conn: Conn, inspectionId: string): Promise<TeamRow[]> =>
    conn
      .select()
      .from(inspectionTeams)
      .where(eq(inspectionTeams.inspectionId, inspectionId))
      .orderBy(asc(inspectionTeams.name), asc(inspectionTeams.id)),

  team: (conn: Conn, inspectionId: string, teamId: string): Promise<TeamRow | null> =>
    conn
      .select()
      .from(inspectionTeams)
      .where(and(eq(inspectionTeams.inspectionId, inspectionId), eq(inspectionTeams.id, teamId)))
      .then((r) => r[0] ?? null),

  insertTeam: (tx: Tx, v: typeof inspectionTeams.$inferInsert) =>
    tx
      .insert(inspectionTeams)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  updateTeam: (tx: Tx, id: string, v: Partial<typeof inspectionTeams.$inferInsert>) =>
    tx
      .update(inspectionTeams)
      .set(v)
      .where(eq(inspectionTeams.id, id))
      .returning()
      .then((r) => r[0] ?? null),

  deleteTeam: async (tx: Tx, id: string) => {
    await tx.update(inspectionTargets).set({ teamId: null }).where(eq(inspectionTargets.teamId, id));
    await tx.delete(inspectionTeams).where(eq(inspectionTeams.id, id));
  },

  /** Users by id with their unit and roles (team members). */
  users: (conn: Conn, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : conn
          .select({
            id: users.id,
            name: users.displayName,
            unitName: units.name,
            regionCode: units.regionCode,
            roles: users.roles,
            active: users.active,
          })
          .from(users)
          .innerJoin(units, eq(units.id, users.unitId))
          .where(inArray(users.id, ids)),

  unitNames: (conn: Conn, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve(new Map<string, string>())
      : conn
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(inArray(units.id, ids))
          .then((r) => new Map(r.map((x) => [x.id, x.name]))),

  // ── targets ──
  insertTargets: (tx: Tx, rows: (typeof inspectionTargets.$inferInsert)[]) =>
    rows.length === 0
      ? Promise.resolve([])
      : tx
          .insert(inspectionTargets)
          .values(rows)
          .onConflictDoNothing({
            target: [inspectionTargets.inspectionId, inspectionTargets.objectType, inspectionTargets.objectId],
          })
          .returning({ id: inspectionTargets.id }),

  targets: (conn: Conn, inspectionId: string, f: TargetFilter = {}): Promise<TargetView[]> => {
    const where: SQL[] = [eq(inspectionTargets.inspectionId, inspectionId)];
    if (f.memberUserId) where.push(sql`${f.memberUserId} = any(${inspectionTeams.memberUserIds})`);
    if (f.teamId) where.push(eq(inspectionTargets.teamId, f.teamId));
    if (f.q) {
      const p = containsPattern(f.q);
      where.push(or(sql`${inspectionTargets.objectLabel} ilike ${p}`, sql`${units.name} ilike ${p}`)!);
    }
    return targetBase(conn)
      .where(and(...where))
      .orderBy(asc(inspectionTeams.name), asc(units.name), asc(inspectionTargets.objectLabel))
      .then((rows) => rows.map(flattenTarget));
  },

  target: (conn: Conn, inspectionId: string, targetId: string): Promise<TargetView | null> =>
    targetBase(conn)
      .where(and(eq(inspectionTargets.inspectionId, inspectionId), eq(inspectionTargets.id, targetId)))
      .then((r) => (r[0] ? flattenTarget(r[0]) : null)),

  assignTargets: (tx: Tx, inspectionId: string, targetIds: string[], teamId: string | null) =>
    tx
      .update(inspectionTargets)
      .set({ teamId })
      .where(and(eq(inspectionTargets.inspectionId, inspectionId), inArray(inspectionTargets.id, targetIds)))
      .returning({ id: inspectionTargets.id }),

  deleteTarget: (tx: Tx, inspectionId: string, targetId: string) =>
    tx
      .delete(inspectionTargets)
      .where(
        and(
          eq(inspectionTargets.inspectionId, inspectionId),
          eq(inspectionTargets.id, targetId),
          sql`not exists (select 1 from ${inspectionFindings} where ${inspectionFindings.targetId} = ${inspectionTargets.id})`,
        ),
      )
      .returning({ id: inspectionTargets.id }),

  // ── findings ──
  finding: (conn: Conn, targetId: string): Promise<FindingRow | null> =>
    conn
      .select()
      .from(inspectionFindings)
      .where(eq(inspectionFindings.targetId, targetId))
      .then((r) => r[0] ?? null),

  findingById: (conn: Conn, id: string): Promise<FindingRow | null> =>
    conn
      .select()
      .from(inspectionFindings)
      .where(eq(inspectionFindings.id, id))
      .then((r) => r[0] ?? null),

  findingForUpdate: (tx: Tx, targetId: string): Promise<FindingRow | null> =>
    tx
      .select()
      .from(inspectionFindings)
      .where(eq(inspectionFindings.targetId, targetId))
      .for('update')
      .then((r) => r[0] ?? null),

  findings: (conn: Conn, inspectionId: string): Promise<FindingRow[]> =>
    conn.select().from(inspectionFindings).where(eq(inspectionFindings.inspectionId, inspectionId)),

  insertFinding: (tx: Tx, v: typeof inspectionFindings.$inferInsert) =>
    tx
      .insert(inspectionFindings)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  updateFinding: (tx: Tx, id: string, version: number, v: Partial<typeof inspectionFindings.$inferInsert>) =>
    tx
      .update(inspectionFindings)
      .set({ ...v, version: version + 1 })
      .where(and(eq(inspectionFindings.id, id), eq(inspectionFindings.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  // ── photos ──
  photos: (conn: Conn, findingId: string): Promise<PhotoRow[]> =>
    conn
      .select()
      .from(inspectionPhotos)
      .where(eq(inspectionPhotos.findingId, findingId))
      .orderBy(asc(inspectionPhotos.uploadedAt), asc(inspectionPhotos.id)),

  insertPhoto: (tx: Tx, v: typeof inspectionPhotos.$inferInsert) =>
    tx
      .insert(inspectionPhotos)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  /** A photo's stored bytes (original and thumbnail). */
  photoFile: (conn: Conn, findingId: string, photoId: string) =>
    conn
      .select({
        sha256: files.sha256,
        mediaType: files.mediaType,
        name: files.originalName,
        thumbSha256: sql<
          string | null
        >`(select f2.sha256 from ${files} f2 where f2.id = ${inspectionPhotos.thumbFileId})`,
      })
      .from(inspectionPhotos)
      .innerJoin(files, eq(files.id, inspectionPhotos.fileId))
      .where(and(eq(inspectionPhotos.findingId, findingId), eq(inspectionPhotos.id, photoId)))
      .then((r) => r[0] ?? null),

  /** The same bytes already in another finding: when and of what. */
  earlierPhoto: (conn: Conn, sha256: string, findingId: string) =>
    conn
      .select({ inspectedOn: inspectionFindings.inspectedOn, label: inspectionTargets.objectLabel })
      .from(inspectionPhotos)
      .innerJoin(inspectionFindings, eq(inspectionFindings.id, inspectionPhotos.findingId))
      .innerJoin(inspectionTargets, eq(inspectionTargets.id, inspectionFindings.targetId))
      .where(and(eq(inspectionPhotos.sha256, sha256), ne(inspectionPhotos.findingId, findingId)))
      .orderBy(asc(inspectionPhotos.uploadedAt))
      .limit(1)
      .then((r) => r[0] ?? null),

  /** Rectifications of some campaigns (for the counts). */
  rectificationFacts: (conn: Conn, inspectionIds: string[]) =>
    inspectionIds.length === 0
      ? Promise.resolve([])
      : conn
          .select({
            inspectionId: rectifications.inspectionId,
            status: rectifications.status,
            dueOn: rectifications.dueOn,
            submittedAt: rectifications.submittedAt,
          })
          .from(rectifications)
          .where(inArray(rectifications.inspectionId, inspectionIds)),

  /** Teams without any target yet are fine; targets without a team are those still to assign. */
  unassignedCount: (conn: Conn, inspectionId: string) =>
    conn
      .select({ n: sql<number>`count(*)::int` })
      .from(inspectionTargets)
      .where(and(eq(inspectionTargets.inspectionId, inspectionId), isNull(inspectionTargets.teamId)))
      .then((r) => Number(r[0]?.n ?? 0)),
};
