import { z } from 'zod';
import { AuditRecord } from '../../../domain/audit/contracts.ts';
import { extensionOf } from '../../../domain/common/file-types.ts';
import {
  TaskDetail,
  TaskFileParams,
  TaskFilterOptions,
  TaskIdParams,
  TaskLedgerQuery,
  TaskListQuery,
  TaskPage,
} from '../../../domain/tasks/tasks-contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { taskLedger } from './tasks.ledger.ts';
import { getTaskDetail, listTasks, taskFile, taskFilterOptions, taskHistory } from './tasks.service.ts';

const tags = ['tasks'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 任务清单: the list with the computed status, the task page, its evidence files and the task ledger (.xlsx). */
export const taskRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: '重点任务清单(状态按规则计算;可按方案、章节、牵头单位、责任领导、状态、认领状态、关键字筛选)',
        querystring: TaskListQuery,
        response: { 200: TaskPage },
      },
    },
    async (req) => listTasks(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/tasks/filters',
    {
      schema: {
        tags,
        summary: '任务清单筛选项(本人可见任务的方案、章节、牵头单位、责任领导)',
        response: { 200: TaskFilterOptions },
      },
    },
    async (req) => taskFilterOptions(ctx, actorOf(req)),
  );

  app.get(
    '/api/tasks/ledger.xlsx',
    { schema: { tags, summary: '导出重点任务推进情况台账(Excel,筛选条件同清单)', querystring: TaskLedgerQuery } },
    async (req, reply) => {
      const l = await taskLedger(ctx, actorOf(req), req.query);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition(l.filename, l.fallback));
      return l.xlsx;
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: '重点任务详情:状态及原因、两种评估、各期反馈(含配合单位材料)、节点、办理过程',
        params: TaskIdParams,
        response: { 200: TaskDetail },
      },
    },
    async (req) => getTaskDetail(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/tasks/:id/history',
    {
      schema: {
        tags,
        summary: '重点任务变更记录(审计)',
        params: TaskIdParams,
        response: { 200: z.object({ items: z.array(AuditRecord) }) },
      },
    },
    async (req) => ({ items: await taskHistory(ctx, actorOf(req), req.params.id) }),
  );

  app.get(
    '/api/tasks/:id/files/:fileId',
    { schema: { tags, summary: '下载或查看佐证材料', params: TaskFileParams } },
    async (req, reply) => {
      const { file: f, bytes } = await taskFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      const inline = f.mediaType.startsWith('image/') || f.mediaType === 'application/pdf';
      return reply
        .type(f.mediaType)
        .header('content-disposition', contentDisposition(f.name, `evidence.${extensionOf(f.name) || 'bin'}`, inline))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'private, max-age=3600')
        .send(bytes);
    },
  );
};
