import {
  amountPace,
  completionPercent,
  gapsFor,
  indicatorLight,
  type PeerValue,
  peerAverage,
  rankChange,
  rankPeers,
  timeProgress,
} from '../../../domain/indicators/analysis.ts';
import type { Dashboard, DashboardRow, IndicatorValue, Target } from '../../../domain/indicators/contracts.ts';
import { type Fixed, formatFixed, parseOptional, scaleBy } from '../../../domain/indicators/decimal.ts';
import {
  formatPeriod,
  type IndicatorDefinition,
  parsePeriod,
  periodLabel,
  previousPeriod,
  rankFieldOf,
} from '../../../domain/indicators/indicator.ts';
import { buildScorecard, printedFigure } from '../../../domain/indicators/scorecard.ts';
import { type LightSettings, lightThresholdsOf } from '../../../domain/indicators/settings.ts';
import { assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { readAnalysisSettings } from './analysis-settings.service.ts';
import { definitionOf, plain, presentIndicator } from './indicators.presenter.ts';
import {
  catalogRepo,
  type FigureRow,
  type IndicatorRow,
  type PeerGroupRow,
  peerGroupRepo,
  regionRows,
  type TargetRow,
  targetRepo,
  valueRepo,
} from './indicators.repository.ts';

/**
 * 月分析 read models: the dashboard, a trend, a ranking and the scorecard, all computed by the pure rules of
 * domain/indicators on the figures as printed (so the dashboard's ranks equal the scorecard's).
 */
const out = (v: Fixed | null, precision = 4): string | null => (v === null ? null : plain(formatFixed(v, precision)));

function mustPeriod(period: string) {
  const p = parsePeriod(period);
  if (!p) throw appError('VALIDATION_FAILED', { fields: [{ path: 'period', message: '统计期格式应为 yyyy-MM' }] });
  return p;
}

/** The group to rank in: the one asked for, else the region's default group (null when it is in none). */
async function groupFor(conn: Conn, regionCode: string | null, groupId?: string): Promise<PeerGroupRow | null> {
  if (groupId) {
    const g = await peerGroupRepo.find(conn, groupId);
    if (!g) throw appError('NOT_FOUND');
    return g;
  }
  if (regionCode) return (await peerGroupRepo.ofRegion(conn, regionCode))[0] ?? null;
  return (await peerGroupRepo.list(conn))[0] ?? null;
}

const groupRef = (g: PeerGroupRow | null) => {
  if (!g) return null;
  const level = g.level as 'province' | 'city';
  const label =
    g.label ??
    `${level === 'province' ? '全省' : '全市'}${g.members.length}个${g.memberNoun ?? (level === 'province' ? '市' : '县区')}`;
  return { id: g.id, label, size: g.members.length };
};

const figureIndex = (rows: readonly FigureRow[]) =>
  new Map(rows.map((r) => [`${r.regionCode}|${r.indicatorCode}|${r.period}`, r]));

const toValue = (r: FigureRow): IndicatorValue => ({
  regionCode: r.regionCode,
  indicatorCode: r.indicatorCode,
  period: r.period,
  value: plain(r.value),
  growth: plain(r.growth),
});

const toTarget = (t: TargetRow): Target => ({
  regionCode: t.regionCode,
  indicatorCode: t.indicatorCode,
  year: t.year,
  growth: plain(t.growth),
  amount: plain(t.amount),
  ...(t.schedule?.length ? { schedule: t.schedule } : {}),
});

function peersOf(
  def: IndicatorDefinition,
  members: readonly string[],
  index: Map<string, FigureRow>,
  period: string,
): PeerValue[] {
  const field = rankFieldOf(def);
  return members.map((code) => ({
    regionCode: code,
    value: printedFigure(def, field, index.get(`${code}|${def.code}|${period}`)?.[field]),
  }));
}

const schedulePoints = (t: TargetRow | undefined) =>
  (t?.schedule ?? []).map((p) => ({ month: p.month, percent: parseOptional(p.percent) ?? 0n }));

// ── dashboard ────────────────────────────────────────────────────────────────────────────────────────────
export async function dashboard(
  ctx: Ctx,
  actor: Actor,
  q: { regionCode: string; period: string; peerGroupId?: string },
): Promise<Dashboard> {
  assertMay(actor, 'indicator.read');
  const { year, month } = mustPeriod(q.period);
  const names = new Map((await regionRows(ctx.db)).map((r) => [r.code, r.name]));
  if (!names.has(q.regionCode)) throw appError('NOT_FOUND');
  const group = await groupFor(ctx.db, q.regionCode, q.peerGroupId);
  const members = group?.members.includes(q.regionCode) ? group.members : [q.regionCode];
  const reference = group?.referenceRegionCode ?? null;
  const catalog = (await catalogRepo.list(ctx.db)).filter((c) => c.active);
  const prev = new Set([previousPeriod(q.period, 'monthly'), previousPeriod(q.period, 'quarterly')]);
  const yearPeriods = Array.from({ length: month }, (_, i) => formatPeriod({ year, month: i + 1 }));
  const [peerRows, ownRows, targets, settings] = await Promise.all([
    valueRepo.figures(ctx.db, {
      regionCodes: [...new Set([...members, ...(reference ? [reference] : [])])],
      periods: [q.period, ...prev],
    }),
    valueRepo.figures(ctx.db, { regionCodes: [q.regionCode], periods: yearPeriods }),
    targetRepo.list(ctx.db, { years: [year], regionCodes: [q.regionCode] }),
    readAnalysisSettings(ctx),
  ]);
  const index = figureIndex([...peerRows, ...ownRows]);
  const rows = catalog.map((c) =>
    dashboardRow(
      c,
      q.regionCode,
      q.period,
      month,
      members,
      reference,
      index,
      targets.map((t) => t.t).find((t) => t.indicatorCode === c.code),
      settings.value.lights,
    ),
  );
  return {
    regionCode: q.regionCode,
    regionName: names.get(q.regionCode)!,
    period: q.period,
    periodLabel: periodLabel(q.period, { withYear: true }),
    group: groupRef(group),
    rows,
  };
}

function dashboardRow(
  c: IndicatorRow,
  regionCode: string,
  period: string,
  month: number,
  members: readonly string[],
  reference: string | null,
  index: Map<string, FigureRow>,
  target: TargetRow | undefined,
  lights: LightSettings,
): DashboardRow {
  const def = definitionOf(c);
  const field = rankFieldOf(def);
  const own = index.get(`${regionCode}|${c.code}|${period}`);
  const peers = peersOf(def, members, index, period);
  const ranked = rankPeers(peers, def.direction);
  const self = ranked.find((r) => r.regionCode === regionCode);
  const before = rankPeers(peersOf(def, members, index, previousPeriod(period, def.frequency)), def.direction).find(
    (r) => r.regionCode === regionCode,
  );
  const change = rankChange(self?.rank ?? null, before?.rank ?? null);
  const provincial = reference
    ? printedFigure(def, field, index.get(`${reference}|${c.code}|${period}`)?.[field])
    : null;
  const gaps = gapsFor(peers, regionCode, def.direction, provincial);
  const value = parseOptional(own?.value ?? null);
  const growth = parseOptional(own?.growth ?? null);
  const targetGrowth = parseOptional(target?.growth ?? null);
  const targetAmount = parseOptional(target?.amount ?? null);
  const schedule = schedulePoints(target);
  const { light } = indicatorLight(
    { direction: def.direction, month, value, growth, targetGrowth, targetAmount, schedule },
    lightThresholdsOf({ lights }),
  );
  let pace: DashboardRow['pace'] = null;
  if (targetAmount !== null && c.kind === 'amount') {
    const year = period.slice(0, 4);
    const cumulative: Partial<Record<number, Fixed>> = {};
    for (let m = 1; m <= month; m++) {
      const v = parseOptional(
        index.get(`${regionCode}|${c.code}|${year}-${String(m).padStart(2, '0')}`)?.value ?? null,
      );
      if (v !== null) cumulative[m] = v;
    }
    const p = amountPace(targetAmount, month, cumulative);
    if (p) {
      pace = {
        remaining: out(p.remaining)!,
        monthsLeft: p.monthsLeft,
        neededPerMonth: out(p.neededPerMonth, c.precision),
        trailingAverage: out(p.trailingAverage, c.precision),
        onTrack: p.onTrack,
      };
    }
  }
  const ind = presentIndicator(c);
  return {
    indicator: {
      code: ind.code,
      name: ind.name,
      shortName: ind.shortName,
      unit: ind.unit,
      kind: ind.kind,
      direction: ind.direction,
      precision: ind.precision,
      rankField: ind.rankField,
    },
    value: plain(own?.value ?? null),
    growth: plain(own?.growth ?? null),
    target: target ? { growth: plain(target.growth), amount: plain(target.amount) } : null,
    timeProgress: targetAmount !== null ? out(timeProgress(month, schedule), 1) : null,
    completion: targetAmount !== null && value !== null ? out(completionPercent(value, targetAmount), 1) : null,
    rank: self?.rank ?? null,
    rankedCount: ranked.filter((r) => r.rank !== null).length,
    tied: (self?.tiedWith.length ?? 0) > 0,
    previousRank: before?.rank ?? null,
    rankChange: change.kind === 'unknown' ? { kind: 'unknown', places: null } : change,
    gaps: {
      toProvince: out(gaps?.toProvince ?? null),
      toAverage: out(gaps?.toAverage ?? null),
      toLeader: out(gaps?.leader?.diff ?? null),
      toAbove: out(gaps?.above?.diff ?? null),
      toBelow: out(gaps?.below?.diff ?? null),
    },
    light,
    pace,
  };
}

// ── trend ────────────────────────────────────────────────────────────────────────────────────────────────
export async function trend(
  ctx: Ctx,
  actor: Actor,
  code: string,
  q: { regionCode: string; months: number; period?: string },
) {
  assertMay(actor, 'indicator.read');
  const c = await catalogRepo.find(ctx.db, code);
  if (!c) throw appError('NOT_FOUND');
  const end = q.period ?? (await valueRepo.latestPeriod(ctx.db, q.regionCode, code));
  if (!end) return { indicatorCode: code, regionCode: q.regionCode, referenceRegionCode: null, points: [] };
  const last = mustPeriod(end);
  const periods: string[] = [];
  for (let i = q.months - 1; i >= 0; i--) {
    const n = last.year * 12 + last.month - 1 - i;
    periods.push(formatPeriod({ year: Math.floor(n / 12), month: (n % 12) + 1 }));
  }
  const group = await groupFor(ctx.db, q.regionCode);
  const reference = group?.referenceRegionCode ?? null;
  const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))];
  const [rows, targets] = await Promise.all([
    valueRepo.figures(ctx.db, {
      regionCodes: [q.regionCode, ...(reference ? [reference] : [])],
      periods,
      indicatorCode: code,
    }),
    targetRepo.list(ctx.db, { years, regionCodes: [q.regionCode], indicatorCode: code }),
  ]);
  const index = figureIndex(rows);
  return {
    indicatorCode: code,
    regionCode: q.regionCode,
    referenceRegionCode: reference,
    points: periods.map((p) => {
      const own = index.get(`${q.regionCode}|${code}|${p}`);
      const ref = reference ? index.get(`${reference}|${code}|${p}`) : undefined;
      const { year, month } = parsePeriod(p)!;
      const t = targets.find((x) => x.t.year === year)?.t;
      const amount = parseOptional(t?.amount ?? null);
      const due = amount === null ? null : scaleBy(amount, timeProgress(month, schedulePoints(t)), 100n * 10_000n);
      return {
        period: p,
        value: plain(own?.value ?? null),
        growth: plain(own?.growth ?? null),
        referenceValue: plain(ref?.value ?? null),
        referenceGrowth: plain(ref?.growth ?? null),
        targetGrowth: plain(t?.growth ?? null),
        targetAmountDue: out(due, c.precision),
      };
    }),
  };
}

// ── ranking ──────────────────────────────────────────────────────────────────────────────────────────────
export async function ranking(ctx: Ctx, actor: Actor, code: string, q: { period: string; groupId?: string }) {
  assertMay(actor, 'indicator.read');
  mustPeriod(q.period);
  const c = await catalogRepo.find(ctx.db, code);
  if (!c) throw appError('NOT_FOUND');
  const def = definitionOf(c);
  const field = rankFieldOf(def);
  const group = await groupFor(ctx.db, null, q.groupId);
  if (!group) throw appError('NOT_FOUND');
  const previous = previousPeriod(q.period, def.frequency);
  const reference = group.referenceRegionCode;
  const [rows, regions] = await Promise.all([
    valueRepo.figures(ctx.db, {
      regionCodes: [...group.members, ...(reference ? [reference] : [])],
      periods: [q.period, previous],
      indicatorCode: code,
    }),
    regionRows(ctx.db),
  ]);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const index = figureIndex(rows);
  const peers = peersOf(def, group.members, index, q.period);
  const before = new Map(
    rankPeers(peersOf(def, group.members, index, previous), def.direction).map((r) => [r.regionCode, r.rank]),
  );
  const ref = reference ? index.get(`${reference}|${code}|${q.period}`) : undefined;
  return {
    indicatorCode: code,
    period: q.period,
    field,
    group: groupRef(group),
    reference: reference
      ? { regionCode: reference, value: plain(ref?.value ?? null), growth: plain(ref?.growth ?? null) }
      : null,
    average: out(peerAverage(peers)),
    rows: rankPeers(peers, def.direction).map((r) => {
      const f = index.get(`${r.regionCode}|${code}|${q.period}`);
      return {
        regionCode: r.regionCode,
        regionName: names.get(r.regionCode) ?? r.regionCode,
        value: plain(f?.value ?? null),
        growth: plain(f?.growth ?? null),
        rank: r.rank,
        tiedWith: r.tiedWith,
        previousRank: before.get(r.regionCode) ?? null,
      };
    }),
  };
}

// ── scorecard ────────────────────────────────────────────────────────────────────────────────────────────
export async function scorecard(
  ctx: Ctx,
  actor: Actor,
  q: { regionCode: string; period: string; peerGroupId?: string },
) {
  assertMay(actor, 'indicator.read');
  const { year } = mustPeriod(q.period);
  const group = await groupFor(ctx.db, q.regionCode, q.peerGroupId);
  if (!group?.members.includes(q.regionCode)) throw appError('NOT_FOUND');
  const catalog = (await catalogRepo.list(ctx.db)).filter((c) => c.active);
  const reference = group.referenceRegionCode;
  const periods = [q.period, previousPeriod(q.period, 'monthly'), previousPeriod(q.period, 'quarterly')];
  const [rows, targets, regions, settings] = await Promise.all([
    valueRepo.figures(ctx.db, { regionCodes: [...group.members, ...(reference ? [reference] : [])], periods }),
    targetRepo.list(ctx.db, { years: [year], regionCodes: [q.regionCode] }),
    regionRows(ctx.db),
    readAnalysisSettings(ctx),
  ]);
  const active = new Set(catalog.map((c) => c.code));
  return buildScorecard({
    regionCode: q.regionCode,
    period: q.period,
    group: {
      level: group.level as 'province' | 'city',
      label: group.label ?? undefined,
      memberNoun: group.memberNoun ?? undefined,
      memberRegionCodes: group.members,
      referenceRegionCode: reference,
    },
    regionNames: Object.fromEntries(regions.map((r) => [r.code, r.name])),
    indicators: catalog.map(definitionOf),
    values: rows.map(toValue),
    targets: targets.map((t) => toTarget(t.t)),
    // 对比门槛 of the settings (an indicator without one: the region's growth target), and when a lead is "仅"
    thresholds: Object.fromEntries(
      Object.entries(settings.value.scorecard.countThresholds).filter(([code]) => active.has(code)),
    ),
    options: { narrowGap: settings.value.scorecard.narrowGap },
  });
}
