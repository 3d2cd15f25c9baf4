import {
  IdParams,
  Instruction,
  InstructionClose,
  InstructionCreate,
  InstructionListQuery,
  InstructionPage,
  InstructionRespond,
  ObjectOptions,
  ObjectSearchQuery,
} from '../../../domain/supervision/inspections-contracts.ts';
import { actorMay } from '../../platform/access/access.ts';
import { appError } from '../../platform/errors/app-error.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { searchObjects } from './instructions.objects.ts';
import {
  closeInstruction,
  getInstruction,
  listInstructions,
  respondToInstruction,
  writeInstruction,
} from './instructions.service.ts';

const tags = ['supervision'];

/** 领导批示: write, list (a leader's own, a unit's, all), answer, close; and the object picker. */
export const instructionRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/instructions',
    {
      schema: {
        tags,
        summary: '领导批示列表(mine=true:领导本人所批/本单位承办)',
        querystring: InstructionListQuery,
        response: { 200: InstructionPage },
      },
    },
    async (req) => listInstructions(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/instructions',
    { schema: { tags, summary: '领导批示', body: InstructionCreate, response: { 201: Instruction } } },
    async (req, reply) => {
      const i = await writeInstruction(ctx, actorOf(req), req.body);
      reply.code(201);
      return i;
    },
  );

  app.get(
    '/api/instructions/objects',
    {
      schema: {
        tags,
        summary: '可批示/可督查的对象(任务、项目)检索',
        querystring: ObjectSearchQuery,
        response: { 200: ObjectOptions },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!actorMay(actor, 'instruction.write') && !actorMay(actor, 'inspection.manage')) throw appError('FORBIDDEN');
      return { items: await searchObjects(ctx.db, actor, req.query.type, req.query.q) };
    },
  );

  app.get(
    '/api/instructions/:id',
    { schema: { tags, summary: '批示及各单位答复', params: IdParams, response: { 200: Instruction } } },
    async (req) => getInstruction(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/instructions/:id/respond',
    {
      schema: {
        tags,
        summary: '承办单位答复批示(办结前可修改)',
        params: IdParams,
        body: InstructionRespond,
        response: { 200: Instruction },
      },
    },
    async (req) => respondToInstruction(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/instructions/:id/close',
    {
      schema: {
        tags,
        summary: '批示办结(批示领导或督查室)',
        params: IdParams,
        body: InstructionClose,
        response: { 200: Instruction },
      },
    },
    async (req) => closeInstruction(ctx, actorOf(req), req.params.id, req.body.version),
  );
};
