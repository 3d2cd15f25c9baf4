import { z } from 'zod';
import { AuditRecord } from '../../../domain/audit/contracts.ts';
import { IdParams, pageOf } from '../../../domain/common/contracts.ts';
import {
  Assignment,
  AssignmentQuery,
  HandoverRequest,
  HandoverResult,
  InitialPassword,
  Leader,
  LeaderCreate,
  LeaderUpdate,
  Region,
  RegionCodeParams,
  RegionCreate,
  RegionUpdate,
  Unit,
  UnitCreate,
  UnitListQuery,
  UnitUpdate,
  User,
  UserCreate,
  UserListQuery,
  UserUpdate,
} from '../../../domain/org/contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { presentAssignment, presentLeader, presentRegion, presentUnit, presentUser } from './org.presenter.ts';
import * as org from './org.service.ts';

const History = z.object({ items: z.array(AuditRecord) });
const tags = ['org'];

export const orgRoutes: RoutesPlugin = async (app, { ctx }) => {
  // ── regions (行政区划) ──
  app.get(
    '/api/regions',
    { schema: { tags, summary: '行政区划列表', response: { 200: z.object({ items: z.array(Region) }) } } },
    async (req) => {
      const a = actorOf(req);
      return { items: (await org.listRegions(ctx)).map((r) => presentRegion(r, a)) };
    },
  );
  app.post(
    '/api/regions',
    { schema: { tags, summary: '新增行政区划', body: RegionCreate, response: { 201: Region } } },
    async (req, reply) => {
      const a = actorOf(req);
      reply.status(201);
      return presentRegion(await org.createRegion(ctx, a, req.body), a);
    },
  );
  app.put(
    '/api/regions/:code',
    {
      schema: {
        tags,
        summary: '修改行政区划',
        params: RegionCodeParams,
        body: RegionUpdate,
        response: { 200: Region },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return presentRegion(await org.updateRegion(ctx, a, req.params.code, req.body), a);
    },
  );
  app.get(
    '/api/regions/:code/history',
    { schema: { tags, summary: '行政区划变更记录', params: RegionCodeParams, response: { 200: History } } },
    async (req) => ({ items: await org.regionHistory(ctx, req.params.code) }),
  );

  // ── units (单位) ──
  app.get(
    '/api/units',
    { schema: { tags, summary: '单位列表', querystring: UnitListQuery, response: { 200: pageOf(Unit) } } },
    async (req) => {
      const a = actorOf(req);
      const r = await org.listUnits(ctx, a, req.query);
      return { ...r, items: r.items.map((u) => presentUnit(u, a)), page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/api/units/:id',
    { schema: { tags, summary: '单位详情', params: IdParams, response: { 200: Unit } } },
    async (req) => {
      const a = actorOf(req);
      return presentUnit(await org.getUnit(ctx, a, req.params.id), a);
    },
  );
  app.post(
    '/api/units',
    { schema: { tags, summary: '新增单位', body: UnitCreate, response: { 201: Unit } } },
    async (req, reply) => {
      const a = actorOf(req);
      reply.status(201);
      return presentUnit(await org.createUnit(ctx, a, req.body), a);
    },
  );
  app.put(
    '/api/units/:id',
    { schema: { tags, summary: '修改单位', params: IdParams, body: UnitUpdate, response: { 200: Unit } } },
    async (req) => {
      const a = actorOf(req);
      return presentUnit(await org.updateUnit(ctx, a, req.params.id, req.body), a);
    },
  );
  app.get(
    '/api/units/:id/history',
    { schema: { tags, summary: '单位变更记录', params: IdParams, response: { 200: History } } },
    async (req) => ({ items: await org.unitHistory(ctx, actorOf(req), req.params.id) }),
  );

  // ── leaders (领导) ──
  app.get(
    '/api/leaders',
    { schema: { tags, summary: '领导列表', response: { 200: z.object({ items: z.array(Leader) }) } } },
    async (req) => {
      const a = actorOf(req);
      return { items: (await org.listLeaders(ctx, a)).map((l) => presentLeader(l.row, l.oversees, a)) };
    },
  );
  app.get(
    '/api/leaders/:id',
    { schema: { tags, summary: '领导详情', params: IdParams, response: { 200: Leader } } },
    async (req) => {
      const a = actorOf(req);
      const l = await org.getLeader(ctx, a, req.params.id);
      return presentLeader(l.row, l.oversees, a);
    },
  );
  app.post(
    '/api/leaders',
    { schema: { tags, summary: '新增领导', body: LeaderCreate, response: { 201: Leader } } },
    async (req, reply) => {
      const a = actorOf(req);
      const l = await org.createLeader(ctx, a, req.body);
      reply.status(201);
      return presentLeader(l.row, l.oversees, a);
    },
  );
  app.put(
    '/api/leaders/:id',
    { schema: { tags, summary: '修改领导', params: IdParams, body: LeaderUpdate, response: { 200: Leader } } },
    async (req) => {
      const a = actorOf(req);
      const l = await org.updateLeader(ctx, a, req.params.id, req.body);
      return presentLeader(l.row, l.oversees, a);
    },
  );
  app.get(
    '/api/leaders/:id/history',
    { schema: { tags, summary: '领导变更记录', params: IdParams, response: { 200: History } } },
    async (req) => ({ items: await org.leaderHistory(ctx, actorOf(req), req.params.id) }),
  );

  // ── users (用户) ──
  app.get(
    '/api/users',
    { schema: { tags, summary: '用户列表', querystring: UserListQuery, response: { 200: pageOf(User) } } },
    async (req) => {
      const a = actorOf(req);
      const r = await org.listUsers(ctx, a, req.query);
      const now = ctx.now();
      return {
        ...r,
        items: r.items.map((u) => presentUser(u, a, now)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
  app.get(
    '/api/users/:id',
    { schema: { tags, summary: '用户详情', params: IdParams, response: { 200: User } } },
    async (req) => {
      const a = actorOf(req);
      return presentUser(await org.getUser(ctx, a, req.params.id), a, ctx.now());
    },
  );
  app.post(
    '/api/users',
    { schema: { tags, summary: '新增用户', body: UserCreate, response: { 201: InitialPassword } } },
    async (req, reply) => {
      const a = actorOf(req);
      const r = await org.createUser(ctx, a, req.body);
      reply.status(201);
      return { user: presentUser(r.user, a, ctx.now()), initialPassword: r.initialPassword };
    },
  );
  app.put(
    '/api/users/:id',
    { schema: { tags, summary: '修改用户', params: IdParams, body: UserUpdate, response: { 200: User } } },
    async (req) => {
      const a = actorOf(req);
      return presentUser(await org.updateUser(ctx, a, req.params.id, req.body), a, ctx.now());
    },
  );
  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags, summary: '重置密码', params: IdParams, response: { 200: InitialPassword } } },
    async (req) => {
      const a = actorOf(req);
      const r = await org.resetUserPassword(ctx, a, req.params.id);
      return { user: presentUser(r.user, a, ctx.now()), initialPassword: r.initialPassword };
    },
  );
  app.post(
    '/api/users/:id/unlock',
    { schema: { tags, summary: '解除锁定', params: IdParams, response: { 200: User } } },
    async (req) => {
      const a = actorOf(req);
      return presentUser(await org.unlockUser(ctx, a, req.params.id), a, ctx.now());
    },
  );
  app.get(
    '/api/users/:id/history',
    { schema: { tags, summary: '用户变更记录', params: IdParams, response: { 200: History } } },
    async (req) => ({ items: await org.userHistory(ctx, actorOf(req), req.params.id) }),
  );

  // ── handover (换届 / 调整) ──
  app.get(
    '/api/assignments',
    {
      schema: {
        tags,
        summary: '职责(当前与历史)',
        querystring: AssignmentQuery,
        response: { 200: z.object({ items: z.array(Assignment) }) },
      },
    },
    async (req) => {
      const rows = await org.listAssignments(ctx, actorOf(req), req.query.holderType, req.query.holderId);
      return { items: rows.map((r) => presentAssignment(r.a, r.holderName)) };
    },
  );
  app.post(
    '/api/handovers',
    { schema: { tags, summary: '换届交接', body: HandoverRequest, response: { 200: HandoverResult } } },
    async (req) => org.performHandover(ctx, actorOf(req), req.body),
  );
};
