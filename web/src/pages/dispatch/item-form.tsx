import type { FormInstance } from 'antd';
import dayjs from 'dayjs';

type NamePath = (string | number)[];

/**
 * For a form checked on submit (the schema of domain/, then the server): a field's message goes away as soon as the
 * field is changed, rather than staying until the next submit. Pass it the form's `onValuesChange` changed values.
 */
export function clearChangedErrors(form: FormInstance, changed: unknown): void {
  const touched = new Set<string>();
  const walk = (v: unknown, path: NamePath) => {
    if (path.length) touched.add(JSON.stringify(path));
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (x !== undefined) walk(x, [...path, i]);
      });
    } else if (v && typeof v === 'object' && !dayjs.isDayjs(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    }
  };
  walk(changed, []);
  const stale = form.getFieldsError().filter((f) => f.errors.length > 0 && touched.has(JSON.stringify(f.name)));
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
