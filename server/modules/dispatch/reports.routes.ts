import { z } from 'zod';
import { queryFlag } from '../../../domain/common/contracts.ts';
import {
  AmendmentDecision,
  AmendmentParams,
  AmendmentRequest,
  PHOTO_MAX_BYTES,
  PhotoParams,
  ReportAccept,
  ReportIdParams,
  ReportKeyParams,
  ReportPhoto,
  ReportReturn,
  ReportSave,
  WeekBoard,
  WeekBoardQuery,
  WeeklyReport,
} from '../../../domain/dispatch/contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { actorOf } from '../auth/index.ts';
import {
  addPhoto,
  decideAmendment,
  getReport,
  photoBytes,
  removePhoto,
  requestAmendment,
  reviewReport,
  saveReport,
  weekBoard,
} from './reports.service.ts';

const tags = ['dispatch'];
const PHOTO_CAPTION_MAX = 100;

/** 周报: the week's board, one project's report for a week, review, amendments and site photos. */
export const reportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/dispatch/reports',
    {
      schema: {
        tags,
        summary: '本周周报报送情况(全部应报项目)',
        querystring: WeekBoardQuery,
        response: { 200: WeekBoard },
      },
    },
    async (req) => weekBoard(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/dispatch/projects/:projectId/reports/:week',
    {
      schema: {
        tags,
        summary: '项目某周的周报(未填报时按上周预填)',
        params: ReportKeyParams,
        response: { 200: WeeklyReport },
      },
    },
    async (req) => getReport(ctx, actorOf(req), req.params.projectId, req.params.week),
  );

  app.put(
    '/api/dispatch/projects/:projectId/reports/:week',
    {
      schema: {
        tags,
        summary: '保存或报送周报(submit=true 报送)',
        params: ReportKeyParams,
        body: ReportSave,
        response: { 200: WeeklyReport },
      },
    },
    async (req) => saveReport(ctx, actorOf(req), req.params.projectId, req.params.week, req.body),
  );

  app.post(
    '/api/dispatch/reports/:id/return',
    {
      schema: {
        tags,
        summary: '退回周报(须写明原因)',
        params: ReportIdParams,
        body: ReportReturn,
        response: { 200: WeeklyReport },
      },
    },
    async (req) =>
      reviewReport(ctx, actorOf(req), req.params.id, {
        accept: false,
        version: req.body.version,
        reason: req.body.reason,
      }),
  );

  app.post(
    '/api/dispatch/reports/:id/accept',
    {
      schema: {
        tags,
        summary: '审核通过周报(通过后锁定)',
        params: ReportIdParams,
        body: ReportAccept,
        response: { 200: WeeklyReport },
      },
    },
    async (req) => reviewReport(ctx, actorOf(req), req.params.id, { accept: true, version: req.body.version }),
  );

  app.post(
    '/api/dispatch/reports/:id/amendments',
    {
      schema: {
        tags,
        summary: '对已审核周报提出更正申请',
        params: ReportIdParams,
        body: AmendmentRequest,
        response: { 200: WeeklyReport },
      },
    },
    async (req) => requestAmendment(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/dispatch/reports/:id/amendments/:amendmentId/decision',
    {
      schema: {
        tags,
        summary: '审批更正申请',
        params: AmendmentParams,
        body: AmendmentDecision,
        response: { 200: WeeklyReport },
      },
    },
    async (req) => decideAmendment(ctx, actorOf(req), req.params.id, req.params.amendmentId, req.body),
  );

  app.post(
    '/api/dispatch/reports/:id/photos',
    {
      schema: {
        tags,
        summary: '上传现场照片(multipart: file, caption;不超过15MB)',
        params: ReportIdParams,
        response: { 201: ReportPhoto },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, { maxBytes: PHOTO_MAX_BYTES, captionMax: PHOTO_CAPTION_MAX });
      reply.code(201);
      return addPhoto(ctx, actor, req.params.id, upload);
    },
  );

  app.get(
    '/api/dispatch/reports/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: '查看现场照片(thumb=1 缩略图)',
        params: PhotoParams,
        querystring: z.object({ thumb: queryFlag.optional() }),
      },
    },
    async (req, reply) => {
      const thumb = req.query.thumb ?? false;
      const f = await photoBytes(ctx, actorOf(req), req.params.id, req.params.photoId, thumb);
      return reply
        .type(f.mediaType)
        .header('content-disposition', contentDisposition(f.name, 'photo.jpg', true))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'private, max-age=86400')
        .send(f.bytes);
    },
  );

  app.delete(
    '/api/dispatch/reports/:id/photos/:photoId',
    { schema: { tags, summary: '删除现场照片(保留历史)', params: PhotoParams } },
    async (req, reply) => {
      await removePhoto(ctx, actorOf(req), req.params.id, req.params.photoId);
      return reply.code(204).send();
    },
  );
};
