import { and, asc, eq, isNull } from 'drizzle-orm';
import { files, projectAttachments } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';

/** Attachments of one project. The caller has found the project in the actor's scope first. */
export type AttachmentRow = typeof projectAttachments.$inferSelect & {
  name: string;
  size: number;
  mediaType: string;
  sha256: string;
};

const columns = {
  a: projectAttachments,
  name: files.originalName,
  size: files.size,
  mediaType: files.mediaType,
  sha256: files.sha256,
};
const flatten = (r: {
  a: typeof projectAttachments.$inferSelect;
  name: string;
  size: number;
  mediaType: string;
  sha256: string;
}) => ({
  ...r.a,
  name: r.name,
  size: Number(r.size),
  mediaType: r.mediaType,
  sha256: r.sha256,
});

export const attachmentRepo = {
  /** The attachments in use, oldest first (photos and documents alike). */
  list: (conn: Conn, projectId: string): Promise<AttachmentRow[]> =>
    conn
      .select(columns)
      .from(projectAttachments)
      .innerJoin(files, eq(files.id, projectAttachments.fileId))
      .where(and(eq(projectAttachments.projectId, projectId), isNull(projectAttachments.removedAt)))
      .orderBy(asc(projectAttachments.uploadedAt), asc(projectAttachments.id))
      .then((rows) => rows.map(flatten)),

  find: (conn: Conn, projectId: string, id: string): Promise<AttachmentRow | null> =>
    conn
      .select(columns)
      .from(projectAttachments)
      .innerJoin(files, eq(files.id, projectAttachments.fileId))
      .where(
        and(
          eq(projectAttachments.id, id),
          eq(projectAttachments.projectId, projectId),
          isNull(projectAttachments.removedAt),
        ),
      )
      .then((rows) => (rows[0] ? flatten(rows[0]) : null)),

  insert: (tx: Tx, v: typeof projectAttachments.$inferInsert) =>
    tx
      .insert(projectAttachments)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  /** Marks an attachment removed (the row and the bytes stay for the history); null if already removed. */
  remove: (tx: Tx, projectId: string, id: string, byName: string, now: Date) =>
    tx
      .update(projectAttachments)
      .set({ removedAt: now, removedByName: byName })
      .where(
        and(
          eq(projectAttachments.id, id),
          eq(projectAttachments.projectId, projectId),
          isNull(projectAttachments.removedAt),
        ),
      )
      .returning()
      .then((r) => r[0] ?? null),
};
