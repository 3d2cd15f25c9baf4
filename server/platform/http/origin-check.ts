import type { FastifyRequest } from 'fastify';
import { appError } from '../errors/app-error.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests must come from our own origin. Browsers always send Origin on cross-site POSTs; a
 * request without Origin and Referer is not a browser's (CLI, monitoring) and carries no ambient cookie risk
 * beyond SameSite=Strict, so it passes.
 */
export function checkOrigin(req: FastifyRequest): void {
  if (SAFE.has(req.method)) return;
  const source = req.headers.origin ?? req.headers.referer;
  if (!source) return;
  let from: string;
  let own: string;
  try {
    from = new URL(source).host;
    // request.host honours X-Forwarded-Host only when TRUST_PROXY is set; URL drops default ports on both sides
    own = new URL(`${req.protocol}://${req.host}`).host;
  } catch {
    throw appError('CROSS_ORIGIN');
  }
  if (from !== own) throw appError('CROSS_ORIGIN');
}
