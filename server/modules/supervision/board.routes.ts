import { Board, BoardQuery, Inbox, NoticeDocxQuery } from '../../../domain/supervision/ladder-contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { supervisionBoard } from './board.service.ts';
import { unitInbox } from './inbox.service.ts';
import { noticeDocx } from './notice-docx.ts';

const tags = ['supervision'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The supervisor's board, the unit's inbox and the monthly 督查通报. */
export const boardRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/supervision/board',
    {
      schema: {
        tags,
        summary: '督查看板:按单位或责任领导统计任务状态、按时反馈率、督办、整改、批示',
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (req) => supervisionBoard(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/supervision/inbox',
    { schema: { tags, summary: '本单位待办:反馈、认领、督办、批示、整改,按时限排序', response: { 200: Inbox } } },
    async (req) => unitInbox(ctx, actorOf(req)),
  );

  app.get(
    '/api/supervision/notice.docx',
    { schema: { tags, summary: '月度督查通报(Word 公文格式)', querystring: NoticeDocxQuery } },
    async (req, reply) => {
      const d = await noticeDocx(ctx, actorOf(req), req.query);
      reply.header('content-type', DOCX).header('content-disposition', contentDisposition(d.filename, d.fallback));
      return d.docx;
    },
  );
};
