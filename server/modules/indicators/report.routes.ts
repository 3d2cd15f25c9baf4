import { DashboardQuery } from '../../../domain/indicators/contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { monthlyReport } from './indicators.report.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 月度经济运行分析 as an official document (.docx): the dashboard's table, the scorecard and charts. */
export const indicatorReportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/indicators/report.docx',
    {
      schema: {
        tags: ['indicators'],
        summary: '月度经济运行分析(Word 公文格式,含成绩单、指标表和图表)',
        querystring: DashboardQuery,
      },
    },
    async (req, reply) => {
      const report = await monthlyReport(ctx, actorOf(req), req.query);
      reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition(report.filename, report.fallback));
      return report.docx;
    },
  );
};
