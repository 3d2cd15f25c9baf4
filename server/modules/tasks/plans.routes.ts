import type { FastifyRequest } from 'fastify';
import { IdParams } from '../../../domain/common/contracts.ts';
import {
  PlanCreate,
  PlanDetail,
  PlanIdParams,
  PlanImportFields,
  PlanImportOutcome,
  PlanListQuery,
  PlanPage,
  PlanSection,
  PlanTask,
  PlanUpdate,
  SectionCreate,
  TaskCreate,
  TaskUpdate,
} from '../../../domain/tasks/plans-contracts.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { addSection, addTask, createPlan, editTask, getPlan, listPlans, updatePlan } from './plans.service.ts';
import { exportPlan, importPlan, planTemplate } from './tasks.import.ts';

const tags = ['tasks'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The multipart import request: the file (`file`) and the text fields `dryRun`, `unitMapping` (JSON
 * {"写在表里的名称": unitId}), `leaderMapping` (JSON {name: leaderId}) and `onExisting`, in any order.
 */
async function readImport(req: FastifyRequest): Promise<{ bytes: Buffer; fields: PlanImportFields }> {
  let bytes: Buffer | null = null;
  const raw: Record<string, string> = {};
  for await (const part of req.parts({ limits: { fileSize: MAX_BYTES, files: 1, fields: 8 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        await part.toBuffer();
        continue;
      }
      try {
        bytes = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
        throw appError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '文件不能超过10MB，请分批导入' }] });
      }
    } else {
      raw[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!bytes) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '请选择要导入的 Excel 文件(.xlsx)' }] });
  }
  const json = (name: 'unitMapping' | 'leaderMapping', what: string): unknown => {
    const text = raw[name]?.trim();
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw appError('VALIDATION_FAILED', { fields: [{ path: name, message: `${what}格式不正确，请重新预检` }] });
    }
  };
  const parsed = PlanImportFields.safeParse({
    dryRun: raw.dryRun || undefined,
    unitMapping: json('unitMapping', '单位对应关系'),
    leaderMapping: json('leaderMapping', '领导对应关系'),
    onExisting: raw.onExisting || undefined,
  });
  if (!parsed.success) {
    throw appError('VALIDATION_FAILED', {
      fields: parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message })),
    });
  }
  return { bytes, fields: parsed.data };
}

/** 分工方案: list, create, the plan with its sections and tasks, edit; add a section or a task; Excel in and out. */
export const planRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/task-plans',
    { schema: { tags, summary: '分工方案列表', querystring: PlanListQuery, response: { 200: PlanPage } } },
    async (req) => listPlans(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/task-plans',
    { schema: { tags, summary: '新建分工方案(含任务来源)', body: PlanCreate, response: { 201: PlanDetail } } },
    async (req, reply) => {
      const plan = await createPlan(ctx, actorOf(req), req.body);
      reply.code(201);
      return plan;
    },
  );

  app.get('/api/task-plans/template.xlsx', { schema: { tags, summary: '分工方案导入模板' } }, async (_req, reply) => {
    reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition('重点任务分工方案模板.xlsx', 'task-plan-template.xlsx'));
    return planTemplate();
  });

  app.get(
    '/api/task-plans/:id',
    { schema: { tags, summary: '分工方案:章节与任务', params: PlanIdParams, response: { 200: PlanDetail } } },
    async (req) => getPlan(ctx, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/task-plans/:id',
    {
      schema: {
        tags,
        summary: '修改分工方案(名称、年度、反馈周期、认领时限、来源、归档)',
        params: PlanIdParams,
        body: PlanUpdate,
        response: { 200: PlanDetail },
      },
    },
    async (req) => updatePlan(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/task-plans/:id/export.xlsx',
    { schema: { tags, summary: '导出分工方案(与模板同一格式)', params: PlanIdParams } },
    async (req, reply) => {
      const { buffer, title } = await exportPlan(ctx, actorOf(req), req.params.id);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(`${title}.xlsx`, 'task-plan.xlsx'));
      return buffer;
    },
  );

  app.post(
    '/api/task-plans/:id/import',
    {
      schema: {
        tags,
        summary: '导入分工方案(multipart: file, dryRun, unitMapping, leaderMapping, onExisting)',
        params: PlanIdParams,
        response: { 200: PlanImportOutcome },
      },
    },
    async (req) => {
      const { bytes, fields } = await readImport(req);
      return importPlan(ctx, actorOf(req), req.params.id, bytes, fields);
    },
  );

  app.post(
    '/api/task-plans/:id/sections',
    {
      schema: { tags, summary: '添加章节', params: PlanIdParams, body: SectionCreate, response: { 201: PlanSection } },
    },
    async (req, reply) => {
      const s = await addSection(ctx, actorOf(req), req.params.id, req.body);
      reply.code(201);
      return s;
    },
  );

  app.post(
    '/api/task-plans/:id/tasks',
    { schema: { tags, summary: '添加任务', params: PlanIdParams, body: TaskCreate, response: { 201: PlanTask } } },
    async (req, reply) => {
      const t = await addTask(ctx, actorOf(req), req.params.id, req.body);
      reply.code(201);
      return t;
    },
  );

  app.patch(
    '/api/tasks/:id',
    { schema: { tags, summary: '修改任务(督查室)', params: IdParams, body: TaskUpdate, response: { 200: PlanTask } } },
    async (req) => editTask(ctx, actorOf(req), req.params.id, req.body),
  );
};
