import { type IndicatorEditScope, mayEditRegion } from '../../../domain/indicators/access.ts';
import {
  type Indicator,
  type PeerGroupItem,
  peerGroupLabel,
  type ValueItem,
} from '../../../domain/indicators/contracts.ts';
import {
  type Direction,
  type Frequency,
  type IndicatorKind,
  type RankField,
  rankFieldOf,
} from '../../../domain/indicators/indicator.ts';
import type { IndicatorRow, PeerGroupRow, TargetRow, ValueRow } from './indicators.repository.ts';

/** numeric(20,4) text ("6.1000") → the plain decimal ("6.1"); null stays null. */
export function plain(s: string | null): string | null {
  if (s === null) return null;
  if (!s.includes('.')) return s;
  const t = s.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

export function presentIndicator(r: IndicatorRow): Indicator {
  const def = { kind: r.kind as IndicatorKind, rankBy: (r.rankBy as RankField | null) ?? undefined };
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.shortName,
    unit: r.unit,
    kind: r.kind as IndicatorKind,
    direction: r.direction as Direction,
    frequency: r.frequency as Frequency,
    precision: r.precision,
    rankBy: (r.rankBy as RankField | null) ?? null,
    rankField: rankFieldOf(def),
    sort: r.sort,
    active: r.active,
    version: r.version,
  };
}

/** The catalog row as the pure rules read it. */
export const definitionOf = (r: IndicatorRow) => ({
  code: r.code,
  name: r.name,
  ...(r.shortName ? { shortName: r.shortName } : {}),
  unit: r.unit,
  kind: r.kind as IndicatorKind,
  direction: r.direction as Direction,
  frequency: r.frequency as Frequency,
  precision: r.precision,
  ...(r.rankBy ? { rankBy: r.rankBy as RankField } : {}),
});

export const presentValue = (v: ValueRow, regionName: string, scope: IndicatorEditScope): ValueItem => ({
  regionCode: v.regionCode,
  regionName,
  indicatorCode: v.indicatorCode,
  period: v.period,
  value: plain(v.value),
  growth: plain(v.growth),
  source: v.source,
  version: v.version,
  updatedAt: v.updatedAt.toISOString(),
  updatedByName: v.updatedByName,
  can: { edit: mayEditRegion(scope, v.regionCode) },
});

export const presentTarget = (t: TargetRow, regionName: string, scope: IndicatorEditScope) => ({
  regionCode: t.regionCode,
  regionName,
  indicatorCode: t.indicatorCode,
  year: t.year,
  growth: plain(t.growth),
  amount: plain(t.amount),
  schedule: t.schedule ?? null,
  version: t.version,
  updatedAt: t.updatedAt.toISOString(),
  updatedByName: t.updatedByName,
  can: { edit: scope.configure && mayEditRegion(scope, t.regionCode) },
});

export function presentPeerGroup(
  g: PeerGroupRow,
  names: ReadonlyMap<string, string>,
  scope: IndicatorEditScope,
): PeerGroupItem {
  const level = g.level as 'province' | 'city';
  return {
    id: g.id,
    name: g.name,
    level,
    label: g.label,
    memberNoun: g.memberNoun,
    displayLabel: peerGroupLabel({
      level,
      label: g.label ?? undefined,
      memberNoun: g.memberNoun ?? undefined,
      memberRegionCodes: g.members,
    }),
    members: g.members.map((c) => ({ regionCode: c, regionName: names.get(c) ?? c })),
    referenceRegionCode: g.referenceRegionCode,
    referenceRegionName: g.referenceRegionCode ? (names.get(g.referenceRegionCode) ?? null) : null,
    isDefault: g.isDefault,
    version: g.version,
    can: { edit: scope.configure },
  };
}
