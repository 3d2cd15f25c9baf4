import { IdParams } from '../../../domain/common/contracts.ts';
import {
  ClaimItem,
  ClaimListQuery,
  ClaimPage,
  ClaimRequest,
  DisputeRequest,
  ReassignRequest,
  RemindRequest,
  RemindResponse,
} from '../../../domain/tasks/plans-contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { claimTask, disputeTask, listClaims, reassignTask, remindUnclaimed } from './claims.service.ts';

const tags = ['tasks'];

/** 认领: the tasks to claim (own unit) or all pending and disputed (督查室); claim, dispute, reassign, remind. */
export const claimRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/task-claims',
    { schema: { tags, summary: '任务认领列表', querystring: ClaimListQuery, response: { 200: ClaimPage } } },
    async (req) => listClaims(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/task-claims/remind',
    { schema: { tags, summary: '催认领(每个单位每天一次)', body: RemindRequest, response: { 200: RemindResponse } } },
    async (req) => remindUnclaimed(ctx, actorOf(req), req.body ?? {}),
  );

  app.post(
    '/api/tasks/:id/claim',
    {
      schema: {
        tags,
        summary: '认领任务(牵头单位)',
        params: IdParams,
        body: ClaimRequest,
        response: { 200: ClaimItem },
      },
    },
    async (req) => claimTask(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/tasks/:id/dispute',
    {
      schema: {
        tags,
        summary: '对任务提出异议(牵头单位)',
        params: IdParams,
        body: DisputeRequest,
        response: { 200: ClaimItem },
      },
    },
    async (req) => disputeTask(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/tasks/:id/reassign',
    {
      schema: {
        tags,
        summary: '改派任务(督查室)',
        params: IdParams,
        body: ReassignRequest,
        response: { 200: ClaimItem },
      },
    },
    async (req) => reassignTask(ctx, actorOf(req), req.params.id, req.body),
  );
};
