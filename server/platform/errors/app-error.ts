import { ERRORS, type ErrorCode } from './catalogue.ts';

export type FieldError = { path: string; message: string };

/**
 * The one error type services throw. `params` fill the {placeholders} of the catalogue message; `fields` list
 * bad fields; `details` is safe, structured data for the client (never a stack or SQL).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[] | undefined;
  readonly details: unknown;
  constructor(
    code: ErrorCode,
    opts: { params?: Record<string, string | number>; fields?: FieldError[]; details?: unknown } = {},
  ) {
    super(code);
    this.code = code;
    this.status = ERRORS[code].status;
    this.params = opts.params ?? {};
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

export const appError = (code: ErrorCode, opts?: ConstructorParameters<typeof AppError>[1]) => new AppError(code, opts);

export type Lang = 'zh' | 'en';

export function errorMessage(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  const template: string = ERRORS[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
