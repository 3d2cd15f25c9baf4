import { z } from 'zod';
import { IdParams } from '../../../domain/common/contracts.ts';
import {
  DeliveryList,
  DeliveryListQuery,
  Robot,
  RobotCreate,
  RobotListQuery,
  RobotTestResult,
  RobotUpdate,
} from '../../../domain/notifications/contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { presentDelivery, presentRobot } from './webhooks.presenter.ts';
import * as robots from './webhooks.service.ts';

const tags = ['notifications'];
const RobotItems = z.object({ items: z.array(Robot) });

/** 群机器人: a unit's DingTalk / WeCom group robots, 测试发送 and the delivery log. */
export const webhookRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/robots',
    { schema: { tags, summary: '群机器人列表', querystring: RobotListQuery, response: { 200: RobotItems } } },
    async (req) => ({
      items: (await robots.listRobots(ctx, actorOf(req), req.query)).map((r) => presentRobot(r.row, r.stats)),
    }),
  );
  app.get(
    '/api/robots/:id',
    { schema: { tags, summary: '群机器人详情', params: IdParams, response: { 200: Robot } } },
    async (req) => {
      const r = await robots.getRobot(ctx, actorOf(req), req.params.id);
      return presentRobot(r.row, r.stats);
    },
  );
  app.post(
    '/api/robots',
    { schema: { tags, summary: '新增群机器人', body: RobotCreate, response: { 201: Robot } } },
    async (req, reply) => {
      const r = await robots.createRobot(ctx, actorOf(req), req.body);
      reply.status(201);
      return presentRobot(r.row, r.stats);
    },
  );
  app.put(
    '/api/robots/:id',
    { schema: { tags, summary: '修改群机器人', params: IdParams, body: RobotUpdate, response: { 200: Robot } } },
    async (req) => {
      const r = await robots.updateRobot(ctx, actorOf(req), req.params.id, req.body);
      return presentRobot(r.row, r.stats);
    },
  );
  app.delete(
    '/api/robots/:id',
    { schema: { tags, summary: '删除群机器人(连同发送记录)', params: IdParams } },
    async (req, reply) => {
      await robots.deleteRobot(ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/robots/:id/test',
    {
      schema: { tags, summary: '测试发送', params: IdParams, response: { 200: RobotTestResult } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => {
      const r = await robots.testRobot(ctx, actorOf(req), req.params.id);
      return { delivered: r.delivered, error: r.error, delivery: presentDelivery(r.delivery) };
    },
  );
  app.get(
    '/api/robots/:id/deliveries',
    {
      schema: {
        tags,
        summary: '群机器人发送记录',
        params: IdParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryList },
      },
    },
    async (req) => {
      const r = await robots.listDeliveries(ctx, actorOf(req), req.params.id, req.query);
      return {
        items: r.items.map(presentDelivery),
        total: r.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
};
