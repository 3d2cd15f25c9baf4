import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import { type ApiError, isApiError, isSessionError, STALE_WRITE } from '../api/client.ts';
import { showError, toast } from './feedback.ts';

type NamePath = (string | number)[];

const toNamePath = (path: readonly PropertyKey[]): NamePath =>
  path.map((p) => (typeof p === 'number' ? p : /^\d+$/.test(String(p)) ? Number(p) : String(p)));

/** `roles.0` (the server's dot path) → ['roles', 0]. */
export const dotPath = (path: string): NamePath => toNamePath(path.split('.').filter(Boolean));

/** Puts messages on the fields they name; returns the messages whose field is not on the form. */
function setFieldMessages(form: FormInstance, items: { path: NamePath; message: string }[]): string[] {
  const registered = new Set(
    form
      .getFieldsError()
      .map((f) => JSON.stringify(f.name))
      .filter(Boolean),
  );
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const orphans: string[] = [];
  for (const { path, message } of items) {
    // an error on roles.0 shows on the roles field
    let name = path;
    while (name.length > 1 && !registered.has(JSON.stringify(name))) name = name.slice(0, -1);
    if (name.length === 0 || !registered.has(JSON.stringify(name))) {
      orphans.push(message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return orphans;
}

/** Shows the server's field errors (400 `fields[]`) on the form; returns the messages no field took. */
export function showFieldErrors(form: FormInstance, fields: { path: string; message: string }[]): string[] {
  return setFieldMessages(
    form,
    fields.map((f) => ({ path: dotPath(f.path), message: f.message })),
  );
}

/**
 * Validates form values with the same zod schema the server uses. On failure the messages go onto the fields
 * and null is returned; on success the parsed (trimmed, defaulted) value.
 */
export function validateWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.output<S> | null {
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  const orphans = setFieldMessages(
    form,
    r.error.issues.map((i) => ({ path: toNamePath(i.path), message: i.message })),
  );
  if (orphans.length) toast.error(orphans.join(';'));
  return null;
}

/** An antd rule that checks one field with a zod schema (for feedback while typing). */
export function zodRule(schema: z.ZodType, normalize?: (v: unknown) => unknown): FormRule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(normalize ? normalize(value) : value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '');
    },
  };
}

export const emptyToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);
export const emptyToUndefined = (v: unknown) =>
  v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;

/**
 * What a failed save shows: the server's field errors on the fields (400), "changed by someone else" and a reload
 * for a stale version (409 STALE_WRITE), otherwise the server's message.
 */
export function handleSaveError(form: FormInstance, err: unknown, onStale?: () => void): void {
  if (isSessionError(err)) return;
  if (!isApiError(err)) {
    showError(err);
    return;
  }
  if (err.code === STALE_WRITE) {
    toast.warning(err.message);
    onStale?.();
    return;
  }
  if (err.fields.length) {
    const orphans = showFieldErrors(form, err.fields);
    if (orphans.length) toast.error(orphans.join(';'));
    else if (!hasFieldErrors(form)) toast.error(err.message);
    return;
  }
  showError(err as ApiError);
}

const hasFieldErrors = (form: FormInstance) => form.getFieldsError().some((f) => f.errors.length > 0);
