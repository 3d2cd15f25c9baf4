import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Region } from '../../../../domain/org/contracts.ts';
import { leadersApi, regionsApi } from '../../api/org.ts';

export type RegionNode = Region & { children?: RegionNode[] };

const byOrder = (a: Region, b: Region) => a.sort - b.sort || a.code.localeCompare(b.code);

/** The flat list as a tree by parentCode; a region whose parent is not visible becomes a root. */
export function buildRegionTree(items: readonly Region[]): RegionNode[] {
  const codes = new Set(items.map((r) => r.code));
  const children = new Map<string, Region[]>();
  const roots: Region[] = [];
  for (const r of items) {
    if (r.parentCode && codes.has(r.parentCode)) {
      const list = children.get(r.parentCode) ?? [];
      list.push(r);
      children.set(r.parentCode, list);
    } else roots.push(r);
  }
  const build = (r: Region): RegionNode => {
    const kids = (children.get(r.code) ?? []).sort(byOrder).map(build);
    return kids.length ? { ...r, children: kids } : { ...r };
  };
  return roots.sort(byOrder).map(build);
}

/** All regions the caller may see, with a lookup by code and the tree. Changes rarely: cached for minutes. */
export function useRegions() {
  const q = useQuery({ queryKey: ['regions'], queryFn: regionsApi.list, staleTime: 5 * 60_000 });
  const items = q.data?.items;
  return useMemo(() => {
    const list = items ?? [];
    return {
      query: q,
      items: list,
      byCode: new Map(list.map((r) => [r.code, r])),
      tree: buildRegionTree(list),
    };
  }, [items, q]);
}

export function useLeaders() {
  return useQuery({ queryKey: ['leaders'], queryFn: leadersApi.list, staleTime: 60_000 });
}

/** After a write: every list and detail of that kind of object, and its history, are fetched again. */
export function useInvalidate() {
  const qc = useQueryClient();
  return (...prefixes: string[]) => {
    for (const p of prefixes) void qc.invalidateQueries({ queryKey: [p] });
    void qc.invalidateQueries({ queryKey: ['history'] });
  };
}
