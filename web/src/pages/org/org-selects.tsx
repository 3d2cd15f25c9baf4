import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Select, Spin, TreeSelect } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import type { HolderType } from '../../../../domain/org/contracts.ts';
import { leadersApi, unitsApi, usersApi } from '../../api/org.ts';
import { useT } from '../../lib/i18n.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { type RegionNode, useLeaders, useRegions } from './org-queries.ts';

type Option = { value: string; label: string };

type SelectValue = string | string[] | null | undefined;

type EntitySelectProps = {
  id?: string;
  value?: SelectValue;
  onChange?: (value: SelectValue) => void;
  multiple?: boolean;
  /** with `multiple`: at most this many (e.g. the three members of a "1+3" team) */
  maxCount?: number;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** labels already known for the current value (e.g. a leader's oversees list) */
  knownOptions?: Option[];
  /** ids never offered (e.g. the other side of a handover) */
  exclude?: string[];
  style?: CSSProperties;
  'aria-label'?: string;
};

type Source = {
  key: string;
  search: (q: string) => Promise<Option[]>;
  get: (id: string) => Promise<Option>;
  /** the search happens in the browser (small lists) */
  local?: boolean;
};

function useSource(kind: HolderType): Source {
  const t = useT();
  const leaders = useLeaders();
  const leaderItems = leaders.data?.items;
  return useMemo<Source>(() => {
    if (kind === 'unit') {
      return {
        key: 'unit',
        search: async (q) =>
          (await unitsApi.list({ q: q || undefined, pageSize: 50 })).items.map((u) => ({
            value: u.id,
            label: `${u.name}${u.active ? '' : t('common.inactiveSuffix')}`,
          })),
        get: async (id) => {
          const u = await unitsApi.get(id);
          return { value: u.id, label: u.name };
        },
      };
    }
    if (kind === 'user') {
      return {
        key: 'user',
        search: async (q) =>
          (await usersApi.list({ q: q || undefined, pageSize: 50 })).items.map((u) => ({
            value: u.id,
            label: `${u.displayName}(${u.username})· ${u.unitName}`,
          })),
        get: async (id) => {
          const u = await usersApi.get(id);
          return { value: u.id, label: `${u.displayName}(${u.username})` };
        },
      };
    }
    const all = (leaderItems ?? []).map((l) => ({ value: l.id, label: `${l.name} · ${l.title}` }));
    return {
      key: `leader:${all.length}`,
      local: true,
      search: async (q) => all.filter((o) => !q || o.label.toLowerCase().includes(q.toLowerCase())),
      get: async (id) => {
        const hit = all.find((o) => o.value === id);
        if (hit) return hit;
        const l = await leadersApi.get(id);
        return { value: l.id, label: `${l.name} · ${l.title}` };
      },
    };
  }, [kind, leaderItems, t]);
}

/** The display label of one unit, user or leader (cached with the selects' labels). */
export function useEntityLabel(kind: HolderType, id: string | null | undefined): string | undefined {
  const source = useSource(kind);
  const q = useQuery({
    queryKey: ['options', 'label', kind, id],
    queryFn: () => source.get(id!),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  return q.data?.label;
}

/** A select that searches units, users or leaders on the server as the user types. */
export function EntitySelect({
  kind,
  value,
  onChange,
  multiple,
  knownOptions,
  exclude,
  placeholder,
  allowClear = true,
  ...rest
}: EntitySelectProps & { kind: HolderType }) {
  const t = useT();
  const source = useSource(kind);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), source.local ? 0 : 300);
  const found = useQuery({
    queryKey: ['options', source.key, q],
    queryFn: () => source.search(q),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

  const ids = value == null ? [] : Array.isArray(value) ? value : [value];
  const known = new Map<string, string>();
  for (const o of knownOptions ?? []) known.set(o.value, o.label);
  for (const o of found.data ?? []) known.set(o.value, o.label);
  const missing = ids.filter((id) => !known.has(id));
  const labels = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['options', 'label', kind, id],
      queryFn: () => source.get(id),
      staleTime: 5 * 60_000,
      meta: { silent: true },
    })),
  });
  for (const l of labels) if (l.data) known.set(l.data.value, l.data.label);

  const excluded = new Set(exclude ?? []);
  const options: Option[] = [
    // the current value first, so its label shows even when the search does not find it
    ...ids
      .filter((id) => !(found.data ?? []).some((o) => o.value === id))
      .map((id) => ({ value: id, label: known.get(id) ?? id })),
    ...(found.data ?? []).filter((o) => !excluded.has(o.value) || ids.includes(o.value)),
  ];

  return (
    <Select<SelectValue, Option>
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? ids : (ids[0] ?? undefined)}
      onChange={(v) => onChange?.(v ?? (multiple ? [] : null))}
      options={options}
      placeholder={placeholder ?? t('common.searchPlaceholder')}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => !open && setSearch('')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      loading={found.isFetching}
      style={{ width: '100%', ...rest.style }}
      popupMatchSelectWidth={false}
      maxTagCount="responsive"
    />
  );
}

type TreeOption = { value: string; title: string; children?: TreeOption[] };
const toTree = (nodes: RegionNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.code, title: n.name, children: n.children ? toTree(n.children) : undefined }));

/** Picks a region from the tree (province → city → district/park); searchable by name or code. */
export function RegionTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear = true,
  disabled,
  id,
  style,
  ...rest
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}) {
  const t = useT();
  const regions = useRegions();
  const treeData = useMemo(() => toTree(regions.tree), [regions.tree]);
  const firstLevel = useMemo(() => regions.tree.map((r) => r.code), [regions.tree]);
  return (
    <TreeSelect
      {...rest}
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? null)}
      treeData={treeData}
      placeholder={placeholder ?? t('common.select')}
      allowClear={allowClear}
      disabled={disabled}
      loading={regions.query.isLoading}
      treeDefaultExpandedKeys={firstLevel}
      showSearch={{
        filterTreeNode: (input, node) => {
          const s = input.trim().toLowerCase();
          return (
            String(node.title ?? '')
              .toLowerCase()
              .includes(s) || String(node.value ?? '').startsWith(s)
          );
        },
      }}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
