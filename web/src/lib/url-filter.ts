import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';

/** A list (a multi-select) repeats its key in the URL: `stage=a&stage=b`. */
export type FilterValue = string | number | boolean | readonly string[] | null | undefined;

const PAGE_DEFAULTS: Partial<Record<string, FilterValue>> = { page: 1, pageSize: 20 };

/**
 * Filters live in the URL query string: shareable, and the back button works. The schema (from domain/) parses
 * and defaults them; a value that does not parse is dropped rather than breaking the page.
 */
export function useUrlFilter<S extends z.ZodObject>(
  schema: S,
  defaults: Partial<Record<string, FilterValue>> = PAGE_DEFAULTS,
): [z.output<S>, (next: Record<string, FilterValue>) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the identity of the filter
  const filter = useMemo(() => {
    const raw: Record<string, string | string[]> = {};
    for (const k of Object.keys(schema.shape)) {
      const all = params.getAll(k).filter((v) => v !== '');
      if (all.length > 1) raw[k] = all;
      else if (all.length === 1) raw[k] = all[0]!;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = schema.safeParse(raw);
      if (r.success) return r.data;
      for (const issue of r.error.issues) {
        const k = issue.path[0];
        if (typeof k === 'string') delete raw[k];
      }
    }
    return schema.parse({});
  }, [key, schema]);

  const setFilter = useCallback(
    (next: Record<string, FilterValue>) => {
      const out = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) {
        if (v === undefined || v === null || v === '') continue;
        if (defaults[k] !== undefined && defaults[k] === v) continue;
        if (Array.isArray(v)) for (const item of v as readonly string[]) out.append(k, item);
        else out.set(k, String(v));
      }
      setParams(out);
    },
    [setParams, defaults],
  );

  return [filter, setFilter];
}

/** Drops empty strings and undefined from form values so they do not land in the URL or the request. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    (out as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}
