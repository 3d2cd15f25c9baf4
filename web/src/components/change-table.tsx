import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import type { Region } from '../../../domain/org/contracts.ts';
import { REGION_KIND_LABELS, type RegionKind } from '../../../domain/org/region.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/org/unit.ts';
import type { Items } from '../api/client.ts';
import { unitsApi, usersApi } from '../api/org.ts';
import { hasMessage, useT } from '../lib/i18n.ts';
import { useAuditLabels, useEnumLabels } from '../lib/labels.ts';

export type Change = { field: string; before: unknown; after: unknown };

const IGNORED = new Set(['version', 'updatedAt', 'updated_at', 'createdAt', 'created_at', 'can']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ between two snapshots of an object (top level; nested values compared whole). */
export function diffSnapshots(before: unknown, after: unknown, { all = false } = {}): Change[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  if (!isPlainObject(before) && !isPlainObject(after)) {
    return same(before, after) ? [] : [{ field: '', before, after }];
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => all || (!IGNORED.has(k) && !same(b[k], a[k])))
    .map((k) => ({ field: k, before: b[k], after: a[k] }));
}

const objectName = (o: Record<string, unknown>): string | null => {
  for (const k of ['name', 'unitName', 'displayName', 'subject', 'label']) {
    if (typeof o[k] === 'string') return o[k] as string;
  }
  return null;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The name of a unit or user an audit record refers to by id (cached; a short id when it cannot be read). */
function RefName({ kind, id }: { kind: 'unit' | 'user'; id: string }) {
  const q = useQuery({
    queryKey: ['ref', kind, id],
    queryFn: async () => (kind === 'unit' ? (await unitsApi.get(id)).name : (await usersApi.get(id)).displayName),
    staleTime: 5 * 60_000,
    retry: false,
    meta: { silent: true },
  });
  return <span title={id}>{q.data ?? `${id.slice(0, 8)}…`}</span>;
}

const Dash = () => <Typography.Text type="secondary">—</Typography.Text>;

/** A field's value in words: labels for codes, names for ids, 是/否 for booleans; JSON only as the last resort. */
export function ValueText({ value, field }: { value: unknown; field?: string }) {
  const t = useT();
  const labels = useEnumLabels();
  const qc = useQueryClient();
  if (value === null || value === undefined || value === '') return <Dash />;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string') {
    const holderKey = `handover.holder.${value}`;
    if (field === 'holderType' && hasMessage(holderKey)) return <>{t(holderKey)}</>;
    if (field === 'kind' && value in UNIT_KIND_LABELS) return <>{labels.unitKind(value as UnitKind)}</>;
    if (field === 'kind' && value in REGION_KIND_LABELS) return <>{labels.regionKind(value as RegionKind)}</>;
    if (field === 'regionCode' || field === 'parentCode') {
      const r = qc.getQueryData<Items<Region>>(['regions'])?.items.find((x) => x.code === value);
      return <>{r ? `${r.name}(${value})` : value}</>;
    }
    if ((field === 'unitId' || field === 'parentUnitId') && UUID_RE.test(value))
      return <RefName kind="unit" id={value} />;
    if (field === 'userId' && UUID_RE.test(value)) return <RefName kind="user" id={value} />;
    return <span style={{ wordBreak: 'break-all' }}>{value}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <Dash />;
    if (field === 'roles') return <>{value.map((r) => labels.role(String(r))).join('、')}</>;
    if (value.every((v) => typeof v !== 'object' || v === null)) return <>{value.join('、')}</>;
    const names = value.map((v) => (isPlainObject(v) ? objectName(v) : null));
    if (names.every((n) => n !== null)) return <>{names.join('、')}</>;
  } else if (isPlainObject(value)) {
    const name = objectName(value);
    if (name) return <>{name}</>;
  }
  if (typeof value === 'object') {
    return (
      <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {JSON.stringify(value, null, 2)}
      </pre>
    );
  }
  return <span style={{ wordBreak: 'break-all' }}>{String(value)}</span>;
}

/** Field, before → after, one row per changed field. */
export function ChangeTable({ changes, size = 'small' }: { changes: Change[]; size?: 'small' | 'middle' }) {
  const t = useT();
  const labels = useAuditLabels();
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<Change>
      size={size}
      rowKey="field"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'field',
          width: '24%',
          render: (f: string) => (f ? labels.field(f) : '—'),
        },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          width: '38%',
          render: (v: unknown, c) => (
            <span style={{ color: '#a8071a' }}>
              <ValueText value={v} field={c.field} />
            </span>
          ),
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          width: '38%',
          render: (v: unknown, c) => (
            <span style={{ color: '#135200' }}>
              <ValueText value={v} field={c.field} />
            </span>
          ),
        },
      ]}
    />
  );
}
