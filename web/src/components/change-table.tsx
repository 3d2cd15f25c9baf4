import { Table, Typography } from 'antd';
import { useT } from '../lib/i18n.ts';
import { useAuditLabels } from '../lib/labels.ts';

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

export function ValueText({ value }: { value: unknown }) {
  const t = useT();
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return <>{value.length ? value.join('、') : '—'}</>;
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
          render: (v: unknown) => (
            <span style={{ color: '#a8071a' }}>
              <ValueText value={v} />
            </span>
          ),
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          width: '38%',
          render: (v: unknown) => (
            <span style={{ color: '#135200' }}>
              <ValueText value={v} />
            </span>
          ),
        },
      ]}
    />
  );
}
