import { z } from 'zod';

/** Shared request and response pieces used by every module. */
export const IdParams = z.object({ id: z.uuid({ error: '编号格式不正确' }) });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Every editable object carries its version; a write names the version it read (optimistic concurrency). */
export const Versioned = z.object({ version: z.number().int().min(1) });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const OkResponse = z.object({ ok: z.literal(true) });

/** Trimmed non-empty text with a Chinese message. */
export const text = (label: string, max = 200) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字符` });

/**
 * A yes/no query parameter: "true"/"1" and "false"/"0". (`z.coerce.boolean()` would read the text "false" as true.)
 */
export const queryFlag = z
  .enum(['true', 'false', '1', '0'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true' || v === '1');
