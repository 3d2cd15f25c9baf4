import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { checkOrigin } from '../../platform/http/origin-check.ts';
import { pickLang } from '../../platform/i18n/lang.ts';
import { resolveSession, type SignedIn } from './auth.service.ts';

export const SESSION_COOKIE = 'luoshi_session';

/** Routes a user who must change the password may still call. */
const WHILE_MUST_CHANGE = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/change-password']);

declare module 'fastify' {
  interface FastifyRequest {
    signedIn: SignedIn | null;
  }
  interface FastifyContextConfig {
    /** true: reachable without signing in (health, login) */
    public?: boolean;
  }
}

export const clientOf = (req: FastifyRequest) => ({
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
  lang: pickLang(req.headers['accept-language']),
});

/**
 * Authentication for every /api route, in one place: origin check for writes, session → actor, the
 * password-change gate. Routes read `req.signedIn`, which is never null on a non-public route.
 */
export function authHook(ctx: Ctx) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    req.signedIn = null;
    // the web app's files and the API documentation are public
    if (!req.url.startsWith('/api/') || req.url === '/api/docs' || req.url.startsWith('/api/docs/')) return;
    checkOrigin(req);
    const token = req.cookies[SESSION_COOKIE];
    const isPublic = req.routeOptions.config?.public === true;
    if (token) {
      const r = await resolveSession(ctx, token, clientOf(req));
      if (r && 'expired' in r) {
        if (!isPublic) throw appError('SESSION_EXPIRED');
      } else if (r) {
        req.signedIn = r;
      }
    }
    if (isPublic) return;
    if (!req.signedIn) throw appError('UNAUTHENTICATED');
    const path = req.routeOptions.url ?? req.url;
    if ((req.signedIn.mustChangePassword || req.signedIn.passwordExpired) && !WHILE_MUST_CHANGE.has(path)) {
      throw appError('PASSWORD_CHANGE_REQUIRED');
    }
  };
}

/** The signed-in actor of a non-public route. */
export function actorOf(req: FastifyRequest) {
  if (!req.signedIn) throw appError('UNAUTHENTICATED');
  return req.signedIn.actor;
}
