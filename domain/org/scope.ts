import { CITY_WIDE_ROLES, type Role } from '../auth/roles.ts';
import type { RegionKind } from './region.ts';
import { TERRITORIAL_UNIT_KINDS, type UnitKind } from './unit.ts';

/**
 * Data scope (数据权限) of a caller. Every repository query puts it in its WHERE clause, so rows outside it are
 * simply not found. The labels are the words officials recognise from the back offices they know.
 */
export type Scope =
  | { kind: 'all' }
  /** a region and everything below it (本部门及以下 for a district, 全市 for city-wide roles); own unit included */
  | { kind: 'region'; rootCode: string; regionCodes: string[]; unitId: string }
  /** own unit only (本部门) */
  | { kind: 'unit'; unitId: string };

export const SCOPE_LABELS = {
  all: { zh: '全部数据', en: 'All data' },
  region: { zh: '本部门及以下', en: 'Own region and below' },
  unit: { zh: '本部门', en: 'Own unit' },
} as const;

const REGION_SCOPE_LABELS: Partial<Record<RegionKind, { zh: string; en: string }>> = {
  province: { zh: '全省数据', en: 'Whole province' },
  city: { zh: '全市数据', en: 'Whole city' },
  district: { zh: '本区县及以下', en: 'Own district and below' },
  county: { zh: '本区县及以下', en: 'Own county and below' },
  park: { zh: '本园区', en: 'Own park' },
};

/** The words a user reads for a scope: a city-wide scope says 全市数据, a district's says 本区县及以下. */
export function scopeLabel(scope: Scope, rootKind: RegionKind | null, lang: 'zh' | 'en'): string {
  if (scope.kind === 'region' && rootKind) return (REGION_SCOPE_LABELS[rootKind] ?? SCOPE_LABELS.region)[lang];
  return SCOPE_LABELS[scope.kind][lang];
}

export type ScopeFacts = {
  roles: readonly Role[];
  unitId: string;
  unitKind: UnitKind;
  unitRegionCode: string;
  /** the city that contains the unit's region (null for a province-level unit) */
  cityCode: string | null;
  /** given a root, the codes of it and everything below */
  subtree: (rootCode: string) => string[];
};

/** The widest scope any of the caller's roles gives. */
export function resolveScope(f: ScopeFacts): Scope {
  if (f.roles.includes('admin')) return { kind: 'all' };
  if (f.roles.some((r) => CITY_WIDE_ROLES.includes(r))) {
    const root = f.cityCode ?? f.unitRegionCode;
    return { kind: 'region', rootCode: root, regionCodes: f.subtree(root), unitId: f.unitId };
  }
  if (TERRITORIAL_UNIT_KINDS.includes(f.unitKind)) {
    return { kind: 'region', rootCode: f.unitRegionCode, regionCodes: f.subtree(f.unitRegionCode), unitId: f.unitId };
  }
  return { kind: 'unit', unitId: f.unitId };
}

/** The same test the database does, for objects already in memory (can-flags, presenters). */
export function inScope(scope: Scope, obj: { regionCode: string | null; unitId: string | null }): boolean {
  if (scope.kind === 'all') return true;
  if (obj.unitId !== null && obj.unitId === scope.unitId) return true;
  if (scope.kind === 'region') return obj.regionCode !== null && scope.regionCodes.includes(obj.regionCode);
  return false;
}

/**
 * Directory scope: whose names (units, leaders) a caller may look up — everything in the caller's city (or the
 * unit's own region when it lies above any city), so a district can address a city department. People (users,
 * with phones) and business data use the data scope above.
 */
export function resolveDirectoryScope(f: ScopeFacts): Scope {
  if (f.roles.includes('admin')) return { kind: 'all' };
  const root = f.cityCode ?? f.unitRegionCode;
  return { kind: 'region', rootCode: root, regionCodes: f.subtree(root), unitId: f.unitId };
}
