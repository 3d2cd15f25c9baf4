import { extensionOf } from '../../../domain/common/file-types.ts';
import {
  ATTACHMENT_CAPTION_MAX,
  ATTACHMENT_MAX_BYTES,
  AttachmentParams,
  ProjectAttachment,
  ProjectAttachmentList,
  ProjectIdParams,
} from '../../../domain/projects/contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { actorOf } from '../auth/index.ts';
import { addAttachment, attachmentFile, listAttachments, removeAttachment } from './attachments.service.ts';

const tags = ['projects'];

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
      const upload = await readUpload(req, { maxBytes: ATTACHMENT_MAX_BYTES, captionMax: ATTACHMENT_CAPTION_MAX });
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
