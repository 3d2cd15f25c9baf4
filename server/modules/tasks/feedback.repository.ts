import { and, arrayContains, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { files, supervisionFiles, taskFeedback, taskFeedbackParts, units, users } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';

export type FeedbackRow = typeof taskFeedback.$inferSelect;
export type PartRow = typeof taskFeedbackParts.$inferSelect & { unitName: string };
export type TaskFileRow = {
  id: string;
  ownerType: string;
  ownerId: string;
  caption: string | null;
  uploadedByName: string;
  uploadedAt: Date;
  name: string;
  size: number;
  mediaType: string;
  sha256: string;
};

const fileColumns = {
  id: supervisionFiles.id,
  ownerType: supervisionFiles.ownerType,
  ownerId: supervisionFiles.ownerId,
  caption: supervisionFiles.caption,
  uploadedByName: supervisionFiles.uploadedByName,
  uploadedAt: supervisionFiles.uploadedAt,
  name: files.originalName,
  size: files.size,
  mediaType: files.mediaType,
  sha256: files.sha256,
};

const partColumns = {
  p: taskFeedbackParts,
  unitName: units.name,
};

/** Feedback, partners' parts and evidence files of tasks. Scope is checked by the caller on the task first. */
export const feedbackRepo = {
  ofTask: (conn: Conn, taskId: string): Promise<FeedbackRow[]> =>
    conn.select().from(taskFeedback).where(eq(taskFeedback.taskId, taskId)).orderBy(desc(taskFeedback.cycle)),

  find: (conn: Conn, taskId: string, cycle: string): Promise<FeedbackRow | null> =>
    conn
      .select()
      .from(taskFeedback)
      .where(and(eq(taskFeedback.taskId, taskId), eq(taskFeedback.cycle, cycle)))
      .then((r) => r[0] ?? null),

  findForUpdate: (tx: Tx, taskId: string, cycle: string): Promise<FeedbackRow | null> =>
    tx
      .select()
      .from(taskFeedback)
      .where(and(eq(taskFeedback.taskId, taskId), eq(taskFeedback.cycle, cycle)))
      .for('update')
      .then((r) => r[0] ?? null),

  insert: (tx: Tx, v: typeof taskFeedback.$inferInsert): Promise<FeedbackRow> =>
    tx
      .insert(taskFeedback)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  update: (tx: Tx, id: string, version: number, v: Partial<typeof taskFeedback.$inferInsert>) =>
    tx
      .update(taskFeedback)
      .set({ ...v, version: version + 1 })
      .where(and(eq(taskFeedback.id, id), eq(taskFeedback.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  partsOfTask: (conn: Conn, taskId: string): Promise<PartRow[]> =>
    conn
      .select(partColumns)
      .from(taskFeedbackParts)
      .innerJoin(units, eq(units.id, taskFeedbackParts.unitId))
      .where(eq(taskFeedbackParts.taskId, taskId))
      .orderBy(asc(units.sort), asc(units.name))
      .then((r) => r.map(({ p, unitName }) => ({ ...p, unitName }))),

  /** The parts of some tasks in some cycles (the ledger's latest feedback of each task). */
  partsOf: (conn: Conn, taskIds: readonly string[], cycles: readonly string[]): Promise<PartRow[]> =>
    taskIds.length === 0 || cycles.length === 0
      ? Promise.resolve([])
      : conn
          .select(partColumns)
          .from(taskFeedbackParts)
          .innerJoin(units, eq(units.id, taskFeedbackParts.unitId))
          .where(and(inArray(taskFeedbackParts.taskId, [...taskIds]), inArray(taskFeedbackParts.cycle, [...cycles])))
          .orderBy(asc(units.sort), asc(units.name))
          .then((r) => r.map(({ p, unitName }) => ({ ...p, unitName }))),

  findPartForUpdate: (tx: Tx, taskId: string, cycle: string, unitId: string) =>
    tx
      .select()
      .from(taskFeedbackParts)
      .where(
        and(
          eq(taskFeedbackParts.taskId, taskId),
          eq(taskFeedbackParts.cycle, cycle),
          eq(taskFeedbackParts.unitId, unitId),
        ),
      )
      .for('update')
      .then((r) => r[0] ?? null),

  insertPart: (tx: Tx, v: typeof taskFeedbackParts.$inferInsert) =>
    tx
      .insert(taskFeedbackParts)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  updatePart: (tx: Tx, id: string, version: number, v: Partial<typeof taskFeedbackParts.$inferInsert>) =>
    tx
      .update(taskFeedbackParts)
      .set({ ...v, version: version + 1 })
      .where(and(eq(taskFeedbackParts.id, id), eq(taskFeedbackParts.version, version)))
      .returning()
      .then((r) => r[0] ?? null),

  /** The latest submitted/accepted feedback of each task, with its words (the ledger). */
  latestSent: (conn: Conn, taskIds: readonly string[]): Promise<FeedbackRow[]> =>
    taskIds.length === 0
      ? Promise.resolve([])
      : conn
          .selectDistinctOn([taskFeedback.taskId])
          .from(taskFeedback)
          .where(
            and(inArray(taskFeedback.taskId, [...taskIds]), inArray(taskFeedback.status, ['submitted', 'accepted'])),
          )
          .orderBy(taskFeedback.taskId, desc(taskFeedback.dueOn), desc(taskFeedback.cycle)),

  /** Evidence files of owners (not removed), oldest first. */
  files: (conn: Conn, ownerType: string, ownerIds: readonly string[]): Promise<TaskFileRow[]> =>
    ownerIds.length === 0
      ? Promise.resolve([])
      : conn
          .select(fileColumns)
          .from(supervisionFiles)
          .innerJoin(files, eq(files.id, supervisionFiles.fileId))
          .where(
            and(
              eq(supervisionFiles.ownerType, ownerType),
              inArray(supervisionFiles.ownerId, [...ownerIds]),
              isNull(supervisionFiles.removedAt),
            ),
          )
          .orderBy(asc(supervisionFiles.uploadedAt), asc(supervisionFiles.id)),

  file: (conn: Conn, id: string): Promise<TaskFileRow | null> =>
    conn
      .select(fileColumns)
      .from(supervisionFiles)
      .innerJoin(files, eq(files.id, supervisionFiles.fileId))
      .where(and(eq(supervisionFiles.id, id), isNull(supervisionFiles.removedAt)))
      .then((r) => r[0] ?? null),

  insertFile: (tx: Tx, v: typeof supervisionFiles.$inferInsert) =>
    tx
      .insert(supervisionFiles)
      .values(v)
      .returning()
      .then((r) => r[0]!),

  removeFile: (tx: Tx, id: string, at: Date) =>
    tx
      .update(supervisionFiles)
      .set({ removedAt: at })
      .where(and(eq(supervisionFiles.id, id), isNull(supervisionFiles.removedAt)))
      .returning()
      .then((r) => r[0] ?? null),

  /** Active users holding a role (the 督查室's staff, told of submissions and 销号 requests). */
  usersWithRole: (conn: Conn, role: string): Promise<string[]> =>
    conn
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.active, true), arrayContains(users.roles, [role])))
      .then((r) => r.map((x) => x.id)),
};
