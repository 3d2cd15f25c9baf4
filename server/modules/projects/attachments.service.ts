import type { FileKind } from '../../../domain/common/file-types.ts';
import type { ProjectAttachment } from '../../../domain/projects/contracts.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { recordFile, storeUpload } from '../../platform/files/files.ts';
import { type AttachmentRow, attachmentRepo } from './attachments.repository.ts';
import { projectRepo } from './projects.repository.ts';

const present = (projectId: string, a: AttachmentRow): ProjectAttachment => ({
  id: a.id,
  kind: a.kind as FileKind,
  name: a.name,
  caption: a.caption,
  size: a.size,
  mediaType: a.mediaType,
  uploadedByName: a.uploadedByName,
  uploadedAt: a.uploadedAt.toISOString(),
  url: `/api/projects/${projectId}/attachments/${a.id}`,
});

async function projectInScope(ctx: Ctx, actor: Actor, projectId: string) {
  assertMay(actor, 'project.read');
  const p = await projectRepo.find(ctx.db, actor.scope, projectId);
  if (!p) throw appError('NOT_FOUND');
  return p;
}

export async function listAttachments(ctx: Ctx, actor: Actor, projectId: string) {
  await projectInScope(ctx, actor, projectId);
  const rows = await attachmentRepo.list(ctx.db, projectId);
  const edit = actorMay(actor, 'project.edit');
  return { items: rows.map((a) => present(projectId, a)), can: { upload: edit, remove: edit } };
}

/** Adds a document or photo to a project: type checked by name and content, bytes stored, row + audit in one go. */
export async function addAttachment(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  upload: { name: string; bytes: Buffer; caption: string | null },
): Promise<ProjectAttachment> {
  assertMay(actor, 'project.edit');
  await projectInScope(ctx, actor, projectId);
  const stored = await storeUpload(ctx.files, upload.name, upload.bytes);
  const now = ctx.now();
  const row = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const file = await recordFile(tx, { ...stored, createdBy: actor.userId }, now);
    const a = await attachmentRepo.insert(tx, {
      projectId,
      fileId: file.id,
      kind: stored.kind,
      caption: upload.caption,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
      uploadedAt: now,
    });
    await audit({
      action: 'project.attachment_add',
      entityType: 'project',
      entityId: projectId,
      after: {
        attachment: a.id,
        name: stored.originalName,
        caption: upload.caption,
        kind: stored.kind,
        size: stored.size,
        sha256: stored.sha256,
      },
    });
    return { ...a, name: stored.originalName, size: stored.size, mediaType: stored.mediaType, sha256: stored.sha256 };
  });
  return present(projectId, row);
}

/** The bytes of an attachment, for download or inline display. */
export async function attachmentFile(ctx: Ctx, actor: Actor, projectId: string, attachmentId: string) {
  await projectInScope(ctx, actor, projectId);
  const a = await attachmentRepo.find(ctx.db, projectId, attachmentId);
  if (!a) throw appError('NOT_FOUND');
  const bytes = await ctx.files.get(a.sha256);
  if (!bytes) throw appError('NOT_FOUND');
  return { attachment: a, bytes };
}

/** Removes an attachment from the project page; the row, the bytes and the audit record keep what it was. */
export async function removeAttachment(ctx: Ctx, actor: Actor, projectId: string, attachmentId: string) {
  assertMay(actor, 'project.edit');
  await projectInScope(ctx, actor, projectId);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const removed = await attachmentRepo.remove(tx, projectId, attachmentId, actor.displayName, ctx.now());
    if (!removed) throw appError('NOT_FOUND');
    await audit({
      action: 'project.attachment_remove',
      entityType: 'project',
      entityId: projectId,
      before: { attachment: attachmentId, caption: removed.caption },
    });
  });
}
