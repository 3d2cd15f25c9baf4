import {
  PlanningReport,
  PlanningReportQuery,
  Quota,
  QuotaParams,
  QuotaUpdate,
} from '../../../domain/projects/contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { planningWorkbook } from './planning.excel.ts';
import { getPlanningReport, setQuota } from './planning.service.ts';

const tags = ['projects'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 策划包装: the monthly report of planned projects against each unit's yearly quota, and setting the quotas. */
export const planningRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/projects/planning',
    {
      schema: {
        tags,
        summary: '策划包装月报(各单位策划项目与年度任务)',
        querystring: PlanningReportQuery,
        response: { 200: PlanningReport },
      },
    },
    async (req) => getPlanningReport(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/projects/planning.xlsx',
    { schema: { tags, summary: '导出策划包装月报(.xlsx)', querystring: PlanningReportQuery } },
    async (req, reply) => {
      const r = await getPlanningReport(ctx, actorOf(req), req.query);
      const name = `策划包装月报-${r.year}年${r.month}月.xlsx`;
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition(name, `planning-${r.year}-${r.month}.xlsx`))
        .send(await planningWorkbook(r));
    },
  );

  app.put(
    '/api/projects/planning/quotas/:year/:unitId',
    {
      schema: {
        tags,
        summary: '下达或调整单位年度策划包装任务',
        params: QuotaParams,
        body: QuotaUpdate,
        response: { 200: Quota },
      },
    },
    async (req) => setQuota(ctx, actorOf(req), req.params.year, req.params.unitId, req.body),
  );
};
