import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import {
  files,
  inspectionFindings,
  inspections,
  inspectionTargets,
  inspectionTeams,
  rectifications,
  supervisionFiles,
  units,
} from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';

export type RectificationRow = typeof rectifications.$inferSelect;
export type RectificationView = RectificationRow & {
  inspectionTitle: string;
  targetId: string;
  objectType: string;
  objectLabel: string;
  problemKinds: string[];
  unitName: string;
  /** the members of the team that inspected the target (who verify) */
  teamMemberUserIds: string[] | null;
};

/**
 * Who reaches a rectification: everyone who follows the whole city; the unit that must rectify; the members of the
 * team that inspected the object.
 */
export type RectificationReach = { all: true } | { all: false; unitId: string; userId: string };

const teamMember = (userId: string) => sql`${userId} = any(${inspectionTeams.memberUserIds})`;

export function rectificationReachSql(r: RectificationReach): SQL {
  if (r.all) return sql`true`;
  return or(eq(rectifications.unitId, r.unitId), teamMember(r.userId))!;
}

const base = (conn: Conn) =>
  conn
    .select({
      r: rectifications,
      inspectionTitle: inspections.title,
      targetId: inspectionTargets.id,
      objectType: inspectionTargets.objectType,
      objectLabel: inspectionTargets.objectLabel,
      problemKinds: inspectionFindings.problemKinds,
      unitName: units.name,
      teamMemberUserIds: inspectionTeams.memberUserIds,
    })
    .from(rectifications)
    .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
    .innerJoin(inspectionFindings, eq(inspectionFindings.id, rectifications.findingId))
    .innerJoin(inspectionTargets, eq(inspectionTargets.id, inspectionFindings.targetId))
    .innerJoin(units, eq(units.id, rectifications.unitId))
    .leftJoin(inspectionTeams, eq(inspectionTeams.id, inspectionTargets.teamId));

type Joined = {
  r: RectificationRow;
  inspectionTitle: string;
  targetId: string;
  objectType: string;
  objectLabel: string;
  problemKinds: string[];
  unitName: string;
  teamMemberUserIds: string[] | null;
};
const flatten = ({ r, ...rest }: Joined): RectificationView => ({ ...r, ...rest });

export type RectificationFilter = {
  /** my unit's, or those of teams I am in */
  mine?: { unitId: string; userId: string };
  status?: string;
  inspectionId?: string;
  findingId?: string;
  id?: string;
};

export const rectificationRepo = {
  list: (conn: Conn, reach: RectificationReach, f: RectificationFilter): Promise<RectificationView[]> => {
    const where: SQL[] = [rectificationReachSql(reach)];
    if (f.mine) where.push(or(eq(rectifications.unitId, f.mine.unitId), teamMember(f.mine.userId))!);
    if (f.status) where.push(eq(rectifications.status, f.status));
    if (f.inspectionId) where.push(eq(rectifications.inspectionId, f.inspectionId));
    if (f.findingId) where.push(eq(rectifications.findingId, f.findingId));
    if (f.id) where.push(eq(rectifications.id, f.id));
    return base(conn)
      .where(and(...where))
      .orderBy(asc(rectifications.dueOn), desc(rectifications.createdAt))
      .then((rows) => rows.map(flatten));
  },

  find: (conn: Conn, reach: RectificationReach, id: string): Promise<RectificationView | null> =>
    base(conn)
      .where(and(eq(rectifications.id, id), rectificationReachSql(reach)))
      .then((r) => (r[0] ? flatten(r[0]) : null)),

  findForUpdate: (tx: Tx, id: string): Promise<RectificationRow | null> =>
    tx
      .select()
      .from(rectifications)
      .where(eq(rectifications.id, id))
      .for('update')
      .then((r) => r[0] ?? null),

  insert: (tx: Tx, v: typeof rectifications.$inferInsert) =>
    tx
      .insert(rectifications)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  update: (tx: Tx, id: string, version: number, v: Partial<typeof rectifications.$inferInsert>) =>
    tx
      .update(rectifications)
      .set({ ...v, version: version + 1 })
      .where(and(eq(rectifications.id, id), eq(rectifications.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  // ── evidence files (supervision_files, owner 'rectification') ──
  files: (conn: Conn, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : conn
          .select({
            id: supervisionFiles.id,
            ownerId: supervisionFiles.ownerId,
            name: files.originalName,
            size: files.size,
            uploadedByName: supervisionFiles.uploadedByName,
            uploadedAt: supervisionFiles.uploadedAt,
          })
          .from(supervisionFiles)
          .innerJoin(files, eq(files.id, supervisionFiles.fileId))
          .where(
            and(
              eq(supervisionFiles.ownerType, 'rectification'),
              inArray(supervisionFiles.ownerId, ids),
              isNull(supervisionFiles.removedAt),
            ),
          )
          .orderBy(asc(supervisionFiles.uploadedAt)),

  addFile: (tx: Tx, v: typeof supervisionFiles.$inferInsert) =>
    tx
      .insert(supervisionFiles)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  file: (conn: Conn, rectificationId: string, fileId: string) =>
    conn
      .select({ sha256: files.sha256, mediaType: files.mediaType, name: files.originalName })
      .from(supervisionFiles)
      .innerJoin(files, eq(files.id, supervisionFiles.fileId))
      .where(
        and(
          eq(supervisionFiles.ownerType, 'rectification'),
          eq(supervisionFiles.ownerId, rectificationId),
          eq(supervisionFiles.id, fileId),
          isNull(supervisionFiles.removedAt),
        ),
      )
      .then((r) => r[0] ?? null),

  /** A unit's open rectifications (not closed), soonest due first: for the inbox and the board. */
  openOfUnits: (conn: Conn, unitId: string | null) =>
    base(conn)
      .where(and(sql`${rectifications.status} <> 'closed'`, ...(unitId ? [eq(rectifications.unitId, unitId)] : [])))
      .orderBy(asc(rectifications.dueOn))
      .then((rows) => rows.map(flatten)),
};
