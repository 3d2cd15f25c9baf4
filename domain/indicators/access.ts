/**
 * Who may enter which figures (数据权限 of 月分析). Statistics are published by a region's statistics bureau, and a
 * city bureau also keeps the province's table of all cities (the peer benchmarking data), so the regions a
 * statistician edits follow the region of the caller's unit, not the general data scope:
 * - admin: every region; may also edit the catalog, peer groups and targets;
 * - a statistician of a province or city unit: that region and everything below it, plus — for a city — the
 *   province and its other cities (the table the province publishes); may edit the catalog, peer groups and
 *   targets (目标 for those regions);
 * - a statistician of a district, county or park unit: that region and below only; figures only.
 * Reading figures is not scoped: published statistics are public reference data for every reader.
 */
import type { Role } from '../auth/roles.ts';
import { type RegionKind, type RegionNode, subtreeCodes } from '../org/region.ts';

export type IndicatorEditScope =
  | { kind: 'all'; configure: true }
  | { kind: 'regions'; regionCodes: string[]; configure: boolean }
  | { kind: 'none'; configure: false };

export type IndicatorEditFacts = {
  roles: readonly Role[];
  unitRegionCode: string;
  regions: readonly (RegionNode & { kind: RegionKind })[];
};

export function indicatorEditScope(f: IndicatorEditFacts): IndicatorEditScope {
  if (f.roles.includes('admin')) return { kind: 'all', configure: true };
  if (!f.roles.includes('statistician')) return { kind: 'none', configure: false };
  const own = f.regions.find((r) => r.code === f.unitRegionCode);
  if (!own) return { kind: 'none', configure: false };
  const codes = new Set(subtreeCodes(own.code, f.regions));
  if (own.kind === 'city' && own.parentCode) {
    codes.add(own.parentCode);
    for (const r of f.regions) if (r.parentCode === own.parentCode) codes.add(r.code);
  }
  const cityWide = own.kind === 'city' || own.kind === 'province' || own.kind === 'country';
  return { kind: 'regions', regionCodes: [...codes], configure: cityWide };
}

/** The same test the database does, for one region. */
export const mayEditRegion = (s: IndicatorEditScope, regionCode: string): boolean =>
  s.kind === 'all' || (s.kind === 'regions' && s.regionCodes.includes(regionCode));
