import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorMessage, type FieldError, type Lang } from '../errors/app-error.ts';
import type { ErrorCode } from '../errors/catalogue.ts';
import { pickLang } from '../i18n/lang.ts';

const EN = z.locales.en();

function fieldMessage(v: { keyword: string; message?: string; params: Record<string, unknown> }, lang: Lang): string {
  if (lang === 'zh' || v.keyword === 'custom') return v.message ?? '';
  const r = EN.localeError({ code: v.keyword, ...v.params } as never);
  return (typeof r === 'string' ? r : r?.message) ?? v.message ?? '';
}

export function send(reply: FastifyReply, lang: Lang, err: AppError): FastifyReply {
  return reply.status(err.status).send({
    error: {
      code: err.code,
      message: errorMessage(err.code, lang, err.params),
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  });
}

/**
 * Every error leaves the server in one shape: `{ error: { code, message, fields? } }`, the message in the caller's
 * language. 400 lists every bad field; 5xx details are logged, never sent.
 */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLang(req.headers['accept-language']);
  if (err instanceof AppError) return send(reply, lang, err);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext;
    const fields: FieldError[] = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return {
        path: path || (where === 'body' ? '' : String(where ?? '')),
        message: fieldMessage(v as never, lang),
      };
    });
    return send(reply, lang, new AppError('VALIDATION_FAILED', { fields }));
  }
  const status = err.statusCode ?? 500;
  if (status === 429) return send(reply, lang, new AppError('TOO_MANY_REQUESTS'));
  if (status === 413) return send(reply, lang, new AppError('PAYLOAD_TOO_LARGE'));
  if (status >= 400 && status < 500) {
    // malformed JSON, wrong content type and the like: say so without echoing internals
    const code: ErrorCode = status === 404 ? 'ROUTE_NOT_FOUND' : 'BAD_REQUEST';
    return reply.status(status).send({ error: { code, message: errorMessage(code, lang) } });
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, lang, new AppError('INTERNAL'));
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, pickLang(req.headers['accept-language']), new AppError('ROUTE_NOT_FOUND'));
}
