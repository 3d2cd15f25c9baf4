import dayjs from 'dayjs';
import { displayWan, parseWan } from '../../../domain/common/money.ts';

/** The business calendar is Asia/Shanghai whatever the browser's zone. */
export const BUSINESS_TZ = 'Asia/Shanghai';

const inZone = (iso: string | Date) => dayjs(iso).tz(BUSINESS_TZ);

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = inZone(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : String(iso);
}

export function formatMinute(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = inZone(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : String(iso);
}

export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = inZone(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : String(iso);
}

export const today = (): string => dayjs().tz(BUSINESS_TZ).format('YYYY-MM-DD');

/** A value of an audit record or a form, as one line of text. */
export function formatValue(v: unknown, yes = '是', no = '否'): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    return v.map((x) => (typeof x === 'object' && x !== null ? displayName(x) : String(x))).join('、');
  }
  if (typeof v === 'object') return displayName(v);
  return String(v);
}

function displayName(o: object): string {
  const r = o as Record<string, unknown>;
  for (const k of ['name', 'unitName', 'displayName', 'label', 'title']) {
    if (typeof r[k] === 'string') return r[k] as string;
  }
  return JSON.stringify(o);
}

/**
 * An amount from the API with two decimals ("12345.60": 万元, 亩, 吨标煤) with thousands separators ("12,345.60"),
 * computed on the text (no float); — when unknown.
 */
export function formatAmount(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const parsed = parseWan(v);
  return parsed === null ? v : displayWan(parsed);
}

/** Thousands separators in the integer part of a decimal text as typed ("1234567.5" → "1,234,567.5"). */
export function groupThousands(text: string): string {
  const [int = '', ...rest] = text.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rest.length ? `${grouped}.${rest.join('.')}` : grouped;
}
