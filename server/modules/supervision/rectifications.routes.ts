import {
  FindingParams,
  IdParams,
  Rectification,
  RectificationCreate,
  RectificationFileParams,
  RectificationListQuery,
  RectificationPage,
  RectificationReject,
  RectificationSubmit,
  RectificationVerify,
} from '../../../domain/supervision/inspections-contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { actorOf } from '../auth/index.ts';
import {
  actOnRectification,
  addRectificationFile,
  getRectification,
  listRectifications,
  openRectification,
  rectificationFile,
} from './rectifications.service.ts';

const tags = ['supervision'];
const FILE_MAX_BYTES = 20 * 1024 * 1024;

/** 整改: opened from a finding, answered by the unit with evidence, verified or rejected by the team. */
export const rectificationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    '/api/inspection-findings/:findingId/rectifications',
    {
      schema: {
        tags,
        summary: '根据检查发现交办整改(责任单位默认为检查对象的责任单位)',
        params: FindingParams,
        body: RectificationCreate,
        response: { 201: Rectification },
      },
    },
    async (req, reply) => {
      const r = await openRectification(ctx, actorOf(req), req.params.findingId, req.body);
      reply.code(201);
      return r;
    },
  );

  app.get(
    '/api/rectifications',
    {
      schema: {
        tags,
        summary: '整改事项(mine=true:本单位的,或本人所在督查组交办的)',
        querystring: RectificationListQuery,
        response: { 200: RectificationPage },
      },
    },
    async (req) => listRectifications(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/rectifications/:id',
    { schema: { tags, summary: '整改事项详情', params: IdParams, response: { 200: Rectification } } },
    async (req) => getRectification(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/rectifications/:id/submit',
    {
      schema: {
        tags,
        summary: '提交整改材料(责任单位)',
        params: IdParams,
        body: RectificationSubmit,
        response: { 200: Rectification },
      },
    },
    async (req) =>
      actOnRectification(ctx, actorOf(req), req.params.id, 'submit', {
        version: req.body.version,
        evidence: req.body.evidence,
      }),
  );

  app.post(
    '/api/rectifications/:id/verify',
    {
      schema: {
        tags,
        summary: '验收销号(督查组)',
        params: IdParams,
        body: RectificationVerify,
        response: { 200: Rectification },
      },
    },
    async (req) => actOnRectification(ctx, actorOf(req), req.params.id, 'verify', { version: req.body.version }),
  );

  app.post(
    '/api/rectifications/:id/reject',
    {
      schema: {
        tags,
        summary: '退回重改(督查组,须写明原因)',
        params: IdParams,
        body: RectificationReject,
        response: { 200: Rectification },
      },
    },
    async (req) =>
      actOnRectification(ctx, actorOf(req), req.params.id, 'reject', {
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  app.post(
    '/api/rectifications/:id/files',
    {
      schema: {
        tags,
        summary: '上传整改材料附件(multipart: file, caption;不超过20MB)',
        params: IdParams,
        response: { 201: Rectification },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, { maxBytes: FILE_MAX_BYTES, captionMax: 100 });
      const r = await addRectificationFile(ctx, actor, req.params.id, upload);
      reply.code(201);
      return r;
    },
  );

  app.get(
    '/api/rectifications/:id/files/:fileId',
    { schema: { tags, summary: '下载整改材料附件', params: RectificationFileParams } },
    async (req, reply) => {
      const f = await rectificationFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      return reply
        .type(f.mediaType)
        .header('content-disposition', contentDisposition(f.name, 'evidence', false))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .send(f.bytes);
    },
  );
};
