import type { ErrorResponse } from '../../../domain/common/contracts.ts';
import { acceptLanguage, getLang } from '../lib/lang-store.ts';

export type FieldError = { path: string; message: string };

/** An error answered by the API (or the network), with the server's code and user-facing message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details: unknown;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Codes that mean "sign in again" or "change the password first"; the app reacts to them globally. */
export const SESSION_CODES = ['UNAUTHENTICATED', 'SESSION_EXPIRED'] as const;
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';
export const STALE_WRITE = 'STALE_WRITE';

export type AuthEvent = { kind: 'signed-out'; code: string; message: string } | { kind: 'password-change-required' };
const authListeners = new Set<(e: AuthEvent) => void>();

export function onAuthEvent(listener: (e: AuthEvent) => void): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

export const isSessionError = (e: unknown): boolean =>
  isApiError(e) && (e.status === 401 || (e.status === 403 && e.code === PASSWORD_CHANGE_REQUIRED));

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** The query string; a list repeats its key (`stage=a&stage=b`), which the server reads as an array. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      for (const item of v as readonly string[]) if (item !== '') params.append(k, item);
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** a multipart body (an uploaded file); the browser sets its Content-Type with the boundary */
  form?: FormData;
  signal?: AbortSignal;
  /** what the caller wants back: JSON (default) or the bytes of a file */
  accept?: 'json' | 'file';
};

const fallbackMessage = (status: number): string => {
  const zh = getLang() === 'zh-CN';
  if (status === 0) return zh ? '网络连接失败,请检查网络后重试' : 'Network error, please check your connection';
  if (status >= 500) return zh ? '服务暂时不可用,请稍后重试' : 'The service is unavailable, please try again later';
  if (status === 404) return zh ? '对象不存在或无权访问' : 'Not found';
  return zh ? `请求失败(${status})` : `Request failed (${status})`;
};

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy page, an empty body): fall back to a generic message below
  }
  const err = (body as Partial<ErrorResponse> | null)?.error;
  if (err && typeof err.code === 'string') {
    // 5xx details never reach the user; the server already sends a plain message
    const message = typeof err.message === 'string' && err.message ? err.message : fallbackMessage(res.status);
    return new ApiError(res.status, err.code, message, Array.isArray(err.fields) ? err.fields : [], err.details);
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`, fallbackMessage(res.status));
}

/** The answer of a request that returns a file: its bytes and the name the server gives it. */
export type FileResponse = { blob: Blob; filename: string | null };

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*` (Chinese names). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  return /filename="?([^";]+)"?/.exec(header)?.[1] ?? null;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: opts.accept === 'file' ? '*/*' : 'application/json',
    'Accept-Language': acceptLanguage(),
  };
  let body: string | FormData | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${path}${queryString(opts.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', fallbackMessage(0));
  }
  if (!res.ok) {
    const error = await toApiError(res);
    const isSignIn = path === '/api/auth/login';
    if (error.status === 401 && !isSignIn) {
      for (const l of authListeners) l({ kind: 'signed-out', code: error.code, message: error.message });
    } else if (error.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED) {
      for (const l of authListeners) l({ kind: 'password-change-required' });
    }
    throw error;
  }
  if (opts.accept === 'file') {
    const file: FileResponse = {
      blob: await res.blob(),
      filename: dispositionFilename(res.headers.get('content-disposition')),
    };
    return file as T;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** POST multipart/form-data (a file upload), answered with JSON */
  upload: <T>(path: string, form: FormData, query?: Query, signal?: AbortSignal) =>
    request<T>('POST', path, { form, query, signal }),
  /** GET a file (an .xlsx), errors answered as JSON like any other request */
  download: (path: string, query?: Query, signal?: AbortSignal) =>
    request<FileResponse>('GET', path, { query, signal, accept: 'file' }),
  /** POST multipart/form-data answered with a file (e.g. the uploaded sheet marked with its errors) */
  uploadForFile: (path: string, form: FormData, query?: Query, signal?: AbortSignal) =>
    request<FileResponse>('POST', path, { form, query, signal, accept: 'file' }),
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type Items<T> = { items: T[] };
