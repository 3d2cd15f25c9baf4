import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuditRecord } from '../../../domain/audit/contracts.ts';
import {
  OverrideRequest,
  Project,
  ProjectCreate,
  ProjectIdParams,
  ProjectListQuery,
  ProjectPage,
  ProjectStats,
  ProjectUpdate,
  TransitionRequest,
} from '../../../domain/projects/contracts.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { findRegion } from '../org/index.ts';
import { attachmentRoutes } from './attachments.routes.ts';
import { planningRoutes } from './planning.routes.ts';
import {
  describeFilter,
  exportLedger,
  type HeaderMapping,
  importErrorsFile,
  importProjects,
  importTemplate,
  readMapping,
} from './projects.excel.ts';
import { presentProject, presentProjectListItem } from './projects.presenter.ts';
import * as svc from './projects.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ImportOutcome = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  /** how the sheet's columns were read: confirm or correct in the dry run (send `mapping` with the file) */
  columns: z.array(
    z.object({
      letter: z.string(),
      header: z.string(),
      key: z.string(),
      label: z.string(),
      unit: z.string().nullable(),
    }),
  ),
  unknown: z.array(z.object({ letter: z.string(), header: z.string() })),
  warnings: z.array(z.string()),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
});
const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

const tags = ['projects'];

/**
 * The bytes of the multipart field `file`, or a 400 naming the field; with the optional `mapping` field (the column
 * corrections of the dry run, JSON) when it comes before the file.
 */
async function uploadedFile(req: FastifyRequest): Promise<{ bytes: Buffer; mapping: HeaderMapping }> {
  const file = await req.file();
  if (file?.fieldname !== 'file') {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '请选择要导入的 Excel 文件(.xlsx)' }] });
  }
  const field = file.fields.mapping;
  const text = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
  const mapping = readMapping(text);
  return { bytes: await file.toBuffer(), mapping };
}

export const projectRoutes: RoutesPlugin = async (app, { ctx }) => {
  const present = (r: Awaited<ReturnType<typeof svc.getProject>>, a: ReturnType<typeof actorOf>) =>
    presentProject(r.row, r.people, r.transitions, a);

  app.get(
    '/api/projects',
    { schema: { tags, summary: '项目列表', querystring: ProjectListQuery, response: { 200: ProjectPage } } },
    async (req) => {
      const a = actorOf(req);
      const r = await svc.listProjects(ctx, a, req.query);
      return {
        items: r.items.map((p) => presentProjectListItem(p, r.people, a)),
        total: r.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        sumTotalInvestment: r.sumTotalInvestment,
      };
    },
  );
  app.get('/api/projects/import-template.xlsx', { schema: { tags, summary: '项目导入模板' } }, async (_req, reply) => {
    reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition('重点项目导入模板.xlsx', 'import-template.xlsx'));
    return importTemplate();
  });
  app.post(
    '/api/projects/import',
    {
      schema: {
        tags,
        summary: '导入项目(先预检 dryRun=true)',
        querystring: ImportQuery,
        response: { 200: ImportOutcome },
      },
    },
    async (req) => {
      const a = actorOf(req);
      const { bytes, mapping } = await uploadedFile(req);
      return importProjects(ctx, a, bytes, req.query.dryRun, mapping);
    },
  );
  app.post(
    '/api/projects/import/errors.xlsx',
    { schema: { tags, summary: '导入预检:返回标注了错误原因的原文件' } },
    async (req, reply) => {
      const a = actorOf(req);
      const { bytes, mapping } = await uploadedFile(req);
      const buffer = await importErrorsFile(ctx, a, bytes, mapping);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('导入错误原因.xlsx', 'import-errors.xlsx'));
      return buffer;
    },
  );
  app.get(
    '/api/projects/export.xlsx',
    { schema: { tags, summary: '导出项目台账', querystring: ProjectListQuery } },
    async (req, reply) => {
      const a = actorOf(req);
      const region = req.query.regionCode ? ((await findRegion(ctx.db, req.query.regionCode))?.name ?? null) : null;
      const buffer = await exportLedger(ctx, a, req.query, describeFilter(req.query, region, ctx.now()));
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('重点项目台账.xlsx', 'ledger.xlsx'));
      return buffer;
    },
  );
  app.get(
    '/api/projects/stats',
    { schema: { tags, summary: '项目库统计', response: { 200: ProjectStats } } },
    async (req) => svc.projectStats(ctx, actorOf(req)),
  );
  app.get(
    '/api/projects/:id',
    { schema: { tags, summary: '项目详情', params: ProjectIdParams, response: { 200: Project } } },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.getProject(ctx, a, req.params.id), a);
    },
  );
  app.get(
    '/api/projects/:id/history',
    {
      schema: {
        tags,
        summary: '项目变更记录',
        params: ProjectIdParams,
        response: { 200: z.object({ items: z.array(AuditRecord) }) },
      },
    },
    async (req) => ({ items: await svc.projectHistory(ctx, actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/projects',
    { schema: { tags, summary: '新增项目', body: ProjectCreate, response: { 201: Project } } },
    async (req, reply) => {
      const a = actorOf(req);
      reply.status(201);
      return present(await svc.createProject(ctx, a, req.body), a);
    },
  );
  app.put(
    '/api/projects/:id',
    { schema: { tags, summary: '修改项目', params: ProjectIdParams, body: ProjectUpdate, response: { 200: Project } } },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.updateProject(ctx, a, req.params.id, req.body), a);
    },
  );
  app.post(
    '/api/projects/:id/transitions',
    {
      schema: {
        tags,
        summary: '变更项目阶段',
        params: ProjectIdParams,
        body: TransitionRequest,
        response: { 200: Project },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.transitionProject(ctx, a, req.params.id, req.body), a);
    },
  );
  app.post(
    '/api/projects/:id/admission-overrides',
    {
      schema: {
        tags,
        summary: '豁免准入关',
        params: ProjectIdParams,
        body: OverrideRequest,
        response: { 200: Project },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.overrideGate(ctx, a, req.params.id, req.body), a);
    },
  );

  // 策划包装 (quotas and the monthly report)
  await planningRoutes(app, { ctx });
  // 附件 (documents and photos)
  await attachmentRoutes(app, { ctx });
};
