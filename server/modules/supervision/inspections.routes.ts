import { z } from 'zod';
import { queryFlag } from '../../../domain/common/contracts.ts';
import { PHOTO_MAX_BYTES } from '../../../domain/dispatch/contracts.ts';
import {
  ChecklistPut,
  FindingPut,
  IdParams,
  InspectionCreate,
  InspectionDetail,
  InspectionListQuery,
  InspectionPage,
  InspectionPhoto,
  InspectionReport,
  InspectionUpdate,
  OptionsResponse,
  PhotoParams,
  PhotoQuery,
  TargetDetail,
  TargetList,
  TargetListQuery,
  TargetParams,
  TargetsAdd,
  TargetsAdded,
  TargetsAssign,
  TeamInput,
  TeamParams,
} from '../../../domain/supervision/inspections-contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { actorOf } from '../auth/index.ts';
import { inspectionReport, inspectionReportDocx } from './inspection-report.ts';
import {
  addFindingPhoto,
  addTargets,
  assignTargets,
  createInspection,
  deleteTeam,
  findingPhotoBytes,
  getInspection,
  getTarget,
  listInspections,
  listTargets,
  putChecklist,
  recordFinding,
  removeTarget,
  saveTeam,
  targetOptions,
  updateInspection,
} from './inspections.service.ts';

const tags = ['supervision'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 督查检查: campaigns, checklist, teams, targets, findings with photos, and the campaign report. */
export const inspectionRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/inspections',
    { schema: { tags, summary: '督查检查列表', querystring: InspectionListQuery, response: { 200: InspectionPage } } },
    async (req) => listInspections(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/inspections',
    { schema: { tags, summary: '新建督查', body: InspectionCreate, response: { 201: InspectionDetail } } },
    async (req, reply) => {
      const c = await createInspection(ctx, actorOf(req), req.body);
      reply.code(201);
      return c;
    },
  );

  app.get(
    '/api/inspections/options',
    {
      schema: { tags, summary: '添加检查对象的可选范围(开工批次、任务板块)', response: { 200: OptionsResponse } },
    },
    async (req) => targetOptions(ctx, actorOf(req)),
  );

  app.get(
    '/api/inspections/:id',
    { schema: { tags, summary: '督查详情(检查清单、督查组)', params: IdParams, response: { 200: InspectionDetail } } },
    async (req) => getInspection(ctx, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/inspections/:id',
    {
      schema: {
        tags,
        summary: '修改督查(名称、类型、日期、状态)',
        params: IdParams,
        body: InspectionUpdate,
        response: { 200: InspectionDetail },
      },
    },
    async (req) => updateInspection(ctx, actorOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/inspections/:id/checklist',
    {
      schema: {
        tags,
        summary: '设置检查清单',
        params: IdParams,
        body: ChecklistPut,
        response: { 200: InspectionDetail },
      },
    },
    async (req) => putChecklist(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/inspections/:id/teams',
    {
      schema: { tags, summary: '新增督查组', params: IdParams, body: TeamInput, response: { 200: InspectionDetail } },
    },
    async (req) => saveTeam(ctx, actorOf(req), req.params.id, null, req.body),
  );

  app.put(
    '/api/inspections/:id/teams/:teamId',
    {
      schema: { tags, summary: '修改督查组', params: TeamParams, body: TeamInput, response: { 200: InspectionDetail } },
    },
    async (req) => saveTeam(ctx, actorOf(req), req.params.id, req.params.teamId, req.body),
  );

  app.delete(
    '/api/inspections/:id/teams/:teamId',
    {
      schema: {
        tags,
        summary: '删除督查组(其检查对象改为未分组)',
        params: TeamParams,
        response: { 200: InspectionDetail },
      },
    },
    async (req) => deleteTeam(ctx, actorOf(req), req.params.id, req.params.teamId),
  );

  app.post(
    '/api/inspections/:id/targets',
    {
      schema: {
        tags,
        summary: '添加检查对象(按开工批次、任务板块或逐个选择)',
        params: IdParams,
        body: TargetsAdd,
        response: { 200: TargetsAdded },
      },
    },
    async (req) => addTargets(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/inspections/:id/targets/assign',
    {
      schema: {
        tags,
        summary: '把检查对象分配给督查组',
        params: IdParams,
        body: TargetsAssign,
        response: { 200: TargetsAdded },
      },
    },
    async (req) => assignTargets(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/inspections/:id/targets',
    {
      schema: {
        tags,
        summary: '检查对象及检查进度(mine=true:本人所在督查组的)',
        params: IdParams,
        querystring: TargetListQuery,
        response: { 200: TargetList },
      },
    },
    async (req) => listTargets(ctx, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/inspections/:id/targets/:targetId',
    {
      schema: {
        tags,
        summary: '检查对象:检查清单、检查记录、照片、上报数据、整改',
        params: TargetParams,
        response: { 200: TargetDetail },
      },
    },
    async (req) => getTarget(ctx, actorOf(req), req.params.id, req.params.targetId),
  );

  app.delete(
    '/api/inspections/:id/targets/:targetId',
    { schema: { tags, summary: '移出检查对象(尚无检查记录的)', params: TargetParams } },
    async (req, reply) => {
      await removeTarget(ctx, actorOf(req), req.params.id, req.params.targetId);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/inspections/:id/targets/:targetId/finding',
    {
      schema: {
        tags,
        summary: '录入或修改检查记录(督查组成员)',
        params: TargetParams,
        body: FindingPut,
        response: { 200: TargetDetail },
      },
    },
    async (req) => recordFinding(ctx, actorOf(req), req.params.id, req.params.targetId, req.body),
  );

  app.post(
    '/api/inspections/:id/targets/:targetId/finding/photos',
    {
      schema: {
        tags,
        summary: '上传检查照片(multipart: file, caption;itemId 为照片类检查项)',
        params: TargetParams,
        querystring: PhotoQuery,
        response: { 201: InspectionPhoto },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, { maxBytes: PHOTO_MAX_BYTES, captionMax: 100 });
      const photo = await addFindingPhoto(ctx, actor, req.params.id, req.params.targetId, req.query.itemId, upload);
      reply.code(201);
      return photo;
    },
  );

  app.get(
    '/api/inspections/:id/targets/:targetId/finding/photos/:photoId',
    {
      schema: {
        tags,
        summary: '查看检查照片(thumb=1 缩略图)',
        params: PhotoParams,
        querystring: z.object({ thumb: queryFlag.optional() }),
      },
    },
    async (req, reply) => {
      const p = req.params;
      const f = await findingPhotoBytes(ctx, actorOf(req), p.id, p.targetId, p.photoId, req.query.thumb ?? false);
      return reply
        .type(f.mediaType)
        .header('content-disposition', contentDisposition(f.name, 'photo.jpg', true))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'private, max-age=86400')
        .send(f.bytes);
    },
  );

  app.get(
    '/api/inspections/:id/report',
    {
      schema: { tags, summary: '督查情况汇总(分类统计及名单)', params: IdParams, response: { 200: InspectionReport } },
    },
    async (req) => inspectionReport(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/inspections/:id/report.docx',
    { schema: { tags, summary: '督查情况通报(Word 公文格式,含图表)', params: IdParams } },
    async (req, reply) => {
      const r = await inspectionReportDocx(ctx, actorOf(req), req.params.id);
      reply.header('content-type', DOCX).header('content-disposition', contentDisposition(r.filename, r.fallback));
      return r.docx;
    },
  );
};
