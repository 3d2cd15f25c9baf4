import { z } from 'zod';
import { AuditRecord } from '../../../domain/audit/contracts.ts';
import {
  OverrideRequest,
  Project,
  ProjectCreate,
  ProjectIdParams,
  ProjectListQuery,
  ProjectPage,
  ProjectStats,
  ProjectUpdate,
  TransitionRequest,
} from '../../../domain/projects/contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { presentProject, presentProjectListItem } from './projects.presenter.ts';
import * as svc from './projects.service.ts';

const tags = ['projects'];

export const projectRoutes: RoutesPlugin = async (app, { ctx }) => {
  const present = (r: Awaited<ReturnType<typeof svc.getProject>>, a: ReturnType<typeof actorOf>) =>
    presentProject(r.row, r.people, r.transitions, a);

  app.get(
    '/api/projects',
    { schema: { tags, summary: '项目列表', querystring: ProjectListQuery, response: { 200: ProjectPage } } },
    async (req) => {
      const a = actorOf(req);
      const r = await svc.listProjects(ctx, a, req.query);
      return {
        items: r.items.map((p) => presentProjectListItem(p, r.people, a)),
        total: r.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        sumTotalInvestment: r.sumTotalInvestment,
      };
    },
  );
  app.get(
    '/api/projects/stats',
    { schema: { tags, summary: '项目库统计', response: { 200: ProjectStats } } },
    async (req) => svc.projectStats(ctx, actorOf(req)),
  );
  app.get(
    '/api/projects/:id',
    { schema: { tags, summary: '项目详情', params: ProjectIdParams, response: { 200: Project } } },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.getProject(ctx, a, req.params.id), a);
    },
  );
  app.get(
    '/api/projects/:id/history',
    {
      schema: {
        tags,
        summary: '项目变更记录',
        params: ProjectIdParams,
        response: { 200: z.object({ items: z.array(AuditRecord) }) },
      },
    },
    async (req) => ({ items: await svc.projectHistory(ctx, actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/projects',
    { schema: { tags, summary: '新增项目', body: ProjectCreate, response: { 201: Project } } },
    async (req, reply) => {
      const a = actorOf(req);
      reply.status(201);
      return present(await svc.createProject(ctx, a, req.body), a);
    },
  );
  app.put(
    '/api/projects/:id',
    { schema: { tags, summary: '修改项目', params: ProjectIdParams, body: ProjectUpdate, response: { 200: Project } } },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.updateProject(ctx, a, req.params.id, req.body), a);
    },
  );
  app.post(
    '/api/projects/:id/transitions',
    {
      schema: {
        tags,
        summary: '变更项目阶段',
        params: ProjectIdParams,
        body: TransitionRequest,
        response: { 200: Project },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.transitionProject(ctx, a, req.params.id, req.body), a);
    },
  );
  app.post(
    '/api/projects/:id/admission-overrides',
    {
      schema: {
        tags,
        summary: '豁免准入关',
        params: ProjectIdParams,
        body: OverrideRequest,
        response: { 200: Project },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return present(await svc.overrideGate(ctx, a, req.params.id, req.body), a);
    },
  );
};
