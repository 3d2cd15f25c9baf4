import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditRoutes } from './modules/audit/index.ts';
import { authHook, authRoutes } from './modules/auth/index.ts';
import {
  dispatchItemRoutes,
  dispatchMeetingRoutes,
  dispatchReportRoutes,
  dispatchSettingsRoutes,
} from './modules/dispatch/index.ts';
import { indicatorReportRoutes, indicatorRoutes } from './modules/indicators/index.ts';
import { notificationRoutes, webhookRoutes } from './modules/notifications/index.ts';
import { orgRoutes } from './modules/org/index.ts';
import { projectRoutes, projectSettingsRoutes } from './modules/projects/index.ts';
import { settingsRoutes } from './modules/settings/index.ts';
import {
  inspectionRoutes,
  instructionRoutes,
  rectificationRoutes,
  supervisionBoardRoutes,
  supervisionLadderRoutes,
} from './modules/supervision/index.ts';
import { systemRoutes } from './modules/system/index.ts';
import {
  taskClaimRoutes,
  taskFeedbackRoutes,
  taskPlanRoutes,
  taskRoutes,
  taskRulesRoutes,
} from './modules/tasks/index.ts';
import type { Ctx } from './platform/context.ts';
import { errorHandler, notFoundHandler } from './platform/http/error-handler.ts';

// zod's own messages in Chinese; schemas in domain/ carry their own Chinese messages where it matters
z.config(z.locales.zhCN());

export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export type AppOptions = { logger?: boolean | object; serveWeb?: boolean };

/** The whole application; main.ts and the tests build the same one. */
export async function buildApp(ctx: Ctx, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // uploads: one .xlsx (or later, a photo) per request, 10 MB at most
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '落实 Luoshi API', version: ctx.config.version, description: '抓落实工作平台接口' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('signedIn', null);
  app.addHook('onRequest', authHook(ctx));
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
  });

  for (const routes of [
    systemRoutes,
    authRoutes,
    orgRoutes,
    auditRoutes,
    settingsRoutes,
    projectRoutes,
    projectSettingsRoutes,
    indicatorRoutes,
    indicatorReportRoutes,
    dispatchReportRoutes,
    dispatchItemRoutes,
    dispatchSettingsRoutes,
    dispatchMeetingRoutes,
    notificationRoutes,
    webhookRoutes,
    instructionRoutes,
    inspectionRoutes,
    rectificationRoutes,
    supervisionLadderRoutes,
    supervisionBoardRoutes,
    taskRoutes,
    taskFeedbackRoutes,
    taskRulesRoutes,
    taskPlanRoutes,
    taskClaimRoutes,
  ]) {
    await app.register(routes, { ctx });
  }

  if (opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false });
    // client-side routes: any non-API GET that is not a file gets the SPA
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return notFoundHandler(req, reply);
    });
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }
  return app;
}
