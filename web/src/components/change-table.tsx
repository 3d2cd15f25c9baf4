import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import type { Region } from '../../../domain/org/contracts.ts';
import { REGION_KIND_LABELS, type RegionKind } from '../../../domain/org/region.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/org/unit.ts';
import { GATE_LABELS } from '../../../domain/projects/admission.ts';
import {
  APPROVAL_ITEM_LABELS,
  APPROVAL_ITEMS,
  CATEGORY_LABELS,
  FUNDING_SOURCE_LABELS,
  LEVEL_LABELS,
  STAGE_LABELS,
} from '../../../domain/projects/project.ts';
import type { Items } from '../api/client.ts';
import { leadersApi, unitsApi, usersApi } from '../api/org.ts';
import { hasMessage, type LabelPair, type MessageKey, useLabel, useT } from '../lib/i18n.ts';
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
  for (const k of ['name', 'unitName', 'displayName', 'subject', 'label', 'message']) {
    if (typeof o[k] === 'string') return o[k] as string;
  }
  return null;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The name of a unit, user or leader an audit record refers to by id (cached; a short id when it cannot be read). */
function RefName({ kind, id }: { kind: 'unit' | 'user' | 'leader'; id: string }) {
  const q = useQuery({
    queryKey: ['ref', kind, id],
    queryFn: async () =>
      kind === 'unit'
        ? (await unitsApi.get(id)).name
        : kind === 'leader'
          ? (await leadersApi.get(id)).name
          : (await usersApi.get(id)).displayName,
    staleTime: 5 * 60_000,
    retry: false,
    meta: { silent: true },
  });
  return <span title={id}>{q.data ?? `${id.slice(0, 8)}…`}</span>;
}

const Dash = () => <Typography.Text type="secondary">—</Typography.Text>;

/** Fields whose codes have labels in domain/ (the project vocabularies). */
const CODE_LABELS: Record<string, Record<string, LabelPair>> = {
  stage: STAGE_LABELS,
  suspendedFrom: STAGE_LABELS,
  level: LEVEL_LABELS,
  category: CATEGORY_LABELS,
  fundingSource: FUNDING_SOURCE_LABELS,
  gate: GATE_LABELS,
};

const PERSON_KINDS: Record<string, MessageKey> = {
  lead_official: 'project.leadOfficial',
  team_member: 'project.team',
  site_commissioner: 'project.siteCommissioner',
};

/** A project's people as the audit keeps them ({ kind, holderType, holderId }): 包抓领导:张三、“1+3”团队:李四. */
function PeopleText({ people }: { people: unknown[] }) {
  const t = useT();
  const items = people.filter(isPlainObject);
  return (
    <>
      {items.map((p, i) => {
        const kind = String(p.kind);
        const holderType = p.holderType === 'leader' ? 'leader' : 'user';
        return (
          <span key={`${kind}-${String(p.holderId)}`}>
            {i > 0 && '、'}
            {hasMessage(PERSON_KINDS[kind] ?? '') ? t(PERSON_KINDS[kind]!) : kind}:
            {typeof p.holderId === 'string' ? <RefName kind={holderType} id={p.holderId} /> : '—'}
          </span>
        );
      })}
    </>
  );
}

/** A field's value in words: labels for codes, names for ids, 是/否 for booleans; JSON only as the last resort. */
export function ValueText({ value, field }: { value: unknown; field?: string }) {
  const t = useT();
  const label = useLabel();
  const labels = useEnumLabels();
  const qc = useQueryClient();
  if (value === null || value === undefined || value === '') return <Dash />;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  const codes = field ? CODE_LABELS[field] : undefined;
  if (codes && typeof value === 'string' && Object.hasOwn(codes, value)) return <>{label(codes[value])}</>;
  if (field === 'responsibleUnitId' && typeof value === 'string' && UUID_RE.test(value)) {
    return <RefName kind="unit" id={value} />;
  }
  if (field === 'people' && Array.isArray(value)) {
    return value.length ? <PeopleText people={value} /> : <Dash />;
  }
  if (field === 'approvals' && isPlainObject(value)) {
    // the 前期手续 done, with their 文号
    const done = APPROVAL_ITEMS.filter((i) => isPlainObject(value[i]) && (value[i] as { done?: unknown }).done);
    if (done.length === 0) return <Dash />;
    return (
      <>
        {done
          .map((i) => {
            const docNo = (value[i] as { docNo?: unknown }).docNo;
            return `${label(APPROVAL_ITEM_LABELS[i])}${typeof docNo === 'string' && docNo ? `(${docNo})` : ''}`;
          })
          .join('、')}
      </>
    );
  }
  if (field === 'admissionOverrides' && Array.isArray(value)) {
    const items = value.filter(isPlainObject);
    if (items.length === 0) return <Dash />;
    return (
      <>
        {items
          .map((o) => {
            const gate = String(o.gate);
            return `${Object.hasOwn(GATE_LABELS, gate) ? label(GATE_LABELS[gate as keyof typeof GATE_LABELS]) : gate}:${String(o.reason ?? '')}`;
          })
          .join(';')}
      </>
    );
  }
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
