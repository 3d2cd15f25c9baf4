import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangePasswordRequest, LoginRequest, Me } from '../../../domain/auth/contracts.ts';
import { OkResponse } from '../../../domain/common/contracts.ts';
import type { Ctx } from '../../platform/context.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf, clientOf, SESSION_COOKIE } from './auth.hook.ts';
import { presentMe } from './auth.presenter.ts';
import { changePassword, login, logout } from './auth.service.ts';

const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
  });

const policy = async (ctx: Ctx) => (await ctx.settings.securityPolicy(ctx.db)).value;

export const authRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录', body: LoginRequest, response: { 200: Me } },
      config: {
        public: true,
        rateLimit: { max: async () => (await policy(ctx)).loginRatePerMinute, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const { token, signedIn } = await login(ctx, req.body, clientOf(req));
      setSessionCookie(req, reply, token);
      return presentMe(signedIn, await policy(ctx));
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 200: OkResponse } }, config: { public: true } },
    async (req, reply) => {
      if (req.signedIn) await logout(ctx, req.signedIn.actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: Me } } }, async (req) =>
    presentMe(req.signedIn!, await policy(ctx)),
  );

  app.post(
    '/api/auth/change-password',
    { schema: { tags: ['auth'], summary: '修改密码', body: ChangePasswordRequest, response: { 200: Me } } },
    async (req) => {
      const actor = actorOf(req);
      await changePassword(ctx, actor, req.body);
      return presentMe({ ...req.signedIn!, mustChangePassword: false, passwordExpired: false }, await policy(ctx));
    },
  );
};
