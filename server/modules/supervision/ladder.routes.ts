import {
  LadderRecord,
  LadderStepView,
  RecordParams,
  RecordQuery,
  StepClose,
  StepIdParams,
  StepIssue,
  StepListQuery,
  StepPage,
  StepRespond,
  SuggestionList,
} from '../../../domain/supervision/ladder-contracts.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { suggestions } from './board.service.ts';
import { closeStep, getStep, issueStep, listSteps, respondStep, unitRecord } from './ladder.service.ts';
import { orderDocx } from './order-docx.ts';

const tags = ['supervision'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 督办台账: the ladder register, issuing a step, the unit's answer, closing, the 督办单, suggestions, the record. */
export const ladderRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/supervision/steps',
    {
      schema: {
        tags,
        summary: '督办台账:催办、督办、通报、约谈、问责(单位只看到发给本单位的)',
        querystring: StepListQuery,
        response: { 200: StepPage },
      },
    },
    async (req) => listSteps(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/supervision/steps',
    {
      schema: {
        tags,
        summary: '发起催办、督办、通报、约谈或问责(越级须写明理由);督办单、通报按年度编号',
        body: StepIssue,
        response: { 201: LadderStepView },
      },
    },
    async (req, reply) => {
      const s = await issueStep(ctx, actorOf(req), req.body);
      reply.code(201);
      return s;
    },
  );

  app.get(
    '/api/supervision/steps/:id',
    { schema: { tags, summary: '督办事项详情', params: StepIdParams, response: { 200: LadderStepView } } },
    async (req) => getStep(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/supervision/steps/:id/respond',
    {
      schema: {
        tags,
        summary: '承办单位答复(办结前可修改)',
        params: StepIdParams,
        body: StepRespond,
        response: { 200: LadderStepView },
      },
    },
    async (req) => respondStep(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/supervision/steps/:id/close',
    {
      schema: { tags, summary: '督查室办结', params: StepIdParams, body: StepClose, response: { 200: LadderStepView } },
    },
    async (req) => closeStep(ctx, actorOf(req), req.params.id, req.body ?? {}),
  );

  app.get(
    '/api/supervision/steps/:id/order.docx',
    { schema: { tags, summary: '督办单(Word 公文格式)', params: StepIdParams } },
    async (req, reply) => {
      const d = await orderDocx(ctx, actorOf(req), req.params.id);
      reply.header('content-type', DOCX).header('content-disposition', contentDisposition(d.filename, d.fallback));
      return d.docx;
    },
  );

  app.get(
    '/api/supervision/suggestions',
    { schema: { tags, summary: '督办建议:按督查规则从当前数据算出的升级建议', response: { 200: SuggestionList } } },
    async (req) => suggestions(ctx, actorOf(req)),
  );

  app.get(
    '/api/supervision/units/:unitId/record',
    {
      schema: {
        tags,
        summary: '单位受到的催办、督办、通报、约谈、问责(按季度计数,供考核使用)',
        params: RecordParams,
        querystring: RecordQuery,
        response: { 200: LadderRecord },
      },
    },
    async (req) => unitRecord(ctx, actorOf(req), req.params.unitId, req.query.year),
  );
};
