import {
  CoordinationItemDetail,
  ItemActionRequest,
  ItemCreate,
  ItemIdParams,
  ItemListQuery,
  ItemPage,
} from '../../../domain/dispatch/items-contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { actOnItem, getItem, listItems, raiseItem } from './items.service.ts';

const tags = ['dispatch'];

/** 协调事项: raise, list (mine / raised by my unit / all in reach), the item with its history, and each step. */
export const itemRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/dispatch/items',
    { schema: { tags, summary: '协调事项列表', querystring: ItemListQuery, response: { 200: ItemPage } } },
    async (req) => listItems(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/dispatch/items',
    { schema: { tags, summary: '提出协调事项', body: ItemCreate, response: { 201: CoordinationItemDetail } } },
    async (req, reply) => {
      const item = await raiseItem(ctx, actorOf(req), req.body);
      reply.code(201);
      return item;
    },
  );

  app.get(
    '/api/dispatch/items/:id',
    {
      schema: { tags, summary: '协调事项及办理过程', params: ItemIdParams, response: { 200: CoordinationItemDetail } },
    },
    async (req) => getItem(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/dispatch/items/:id/actions',
    {
      schema: {
        tags,
        summary: '办理协调事项:签收、反馈进展、办结(责任单位);销号、退回重办(提出单位)',
        params: ItemIdParams,
        body: ItemActionRequest,
        response: { 200: CoordinationItemDetail },
      },
    },
    async (req) => actOnItem(ctx, actorOf(req), req.params.id, req.body),
  );
};
