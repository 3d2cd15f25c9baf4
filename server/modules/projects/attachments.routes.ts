import type { FastifyRequest } from 'fastify';
import { extensionOf } from '../../../domain/common/file-types.ts';
import {
  ATTACHMENT_CAPTION_MAX,
  ATTACHMENT_MAX_BYTES,
  AttachmentParams,
  ProjectAttachment,
  ProjectAttachmentList,
  ProjectIdParams,
} from '../../../domain/projects/contracts.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { addAttachment, attachmentFile, listAttachments, removeAttachment } from './attachments.service.ts';

const tags = ['projects'];

/** The multipart upload: a `file` and an optional `caption` (in any order). */
async function readUpload(req: FastifyRequest) {
  let file: { name: string; bytes: Buffer } | null = null;
  let caption: string | null = null;
  for await (const part of req.parts({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        await part.toBuffer();
        continue;
      }
      try {
        file = { name: part.filename, bytes: await part.toBuffer() };
      } catch (e) {
        if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
        throw appError('VALIDATION_FAILED', {
          fields: [{ path: 'file', message: `文件不能超过${ATTACHMENT_MAX_BYTES / 1024 / 1024}MB` }],
        });
      }
    } else if (part.fieldname === 'caption') {
      caption = String(part.value ?? '').trim() || null;
    }
  }
  const fields: { path: string; message: string }[] = [];
  if (!file) fields.push({ path: 'file', message: '请选择要上传的文件' });
  if (caption && caption.length > ATTACHMENT_CAPTION_MAX) {
    fields.push({ path: 'caption', message: `说明不能超过${ATTACHMENT_CAPTION_MAX}个字` });
  }
  if (fields.length || !file) throw appError('VALIDATION_FAILED', { fields });
  return { ...file, caption };
}

/** 附件: documents (批复、许可证) and site photos of a project. */
export const attachmentRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/projects/:id/attachments',
    { schema: { tags, summary: '项目附件', params: ProjectIdParams, response: { 200: ProjectAttachmentList } } },
    async (req) => listAttachments(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/projects/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传项目附件(multipart: file, caption;不超过20MB)',
        params: ProjectIdParams,
        response: { 201: ProjectAttachment },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req);
      reply.code(201);
      return addAttachment(ctx, actor, req.params.id, upload);
    },
  );

  app.get(
    '/api/projects/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载或查看项目附件', params: AttachmentParams } },
    async (req, reply) => {
      const { attachment: a, bytes } = await attachmentFile(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      const inline = a.kind === 'photo' || a.mediaType === 'application/pdf';
      return reply
        .type(a.mediaType)
        .header('content-disposition', contentDisposition(a.name, `attachment.${extensionOf(a.name) || 'bin'}`, inline))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'private, max-age=3600')
        .send(bytes);
    },
  );

  app.delete(
    '/api/projects/:id/attachments/:attachmentId',
    { schema: { tags, summary: '移除项目附件(保留历史)', params: AttachmentParams } },
    async (req, reply) => {
      await removeAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return reply.code(204).send();
    },
  );
};
