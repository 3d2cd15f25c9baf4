import { LedgerQuery, MeetingQuery, MeetingView } from '../../../domain/dispatch/meeting-contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { weekLedger } from './ledger.service.ts';
import { meetingBulletin } from './meeting.bulletin.ts';
import { meetingView } from './meeting.service.ts';

const tags = ['dispatch'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 周调度会: the meeting view, its bulletin (.docx) and the week's ledger of reports (.xlsx). */
export const meetingRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/dispatch/meeting',
    {
      schema: {
        tags,
        summary: '周调度会:本周总体进展、分县区/单位/类别排名、红黄灯、应开未开、开而未建、未报、逾期协调事项',
        querystring: MeetingQuery,
        response: { 200: MeetingView },
      },
    },
    async (req) => meetingView(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/dispatch/meeting/bulletin.docx',
    {
      schema: {
        tags,
        summary: '周调度通报(Word 公文格式,数字与调度会页面一致)',
        querystring: MeetingQuery,
      },
    },
    async (req, reply) => {
      const b = await meetingBulletin(ctx, actorOf(req), req.query);
      reply.header('content-type', DOCX).header('content-disposition', contentDisposition(b.filename, b.fallback));
      return b.docx;
    },
  );

  app.get(
    '/api/dispatch/reports.xlsx',
    { schema: { tags, summary: '导出本周周报台账(Excel)', querystring: LedgerQuery } },
    async (req, reply) => {
      const l = await weekLedger(ctx, actorOf(req), req.query);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition(l.filename, l.fallback));
      return l.xlsx;
    },
  );
};
