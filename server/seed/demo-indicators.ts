import { SEED_INDICATORS } from '../../domain/indicators/indicator.ts';
import { indicators, indicatorTargets, indicatorValues, peerGroupMembers, peerGroups } from '../db/schema/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { DEMO_CITY, DEMO_PROVINCE, DEMO_REGIONS } from './demo-data.ts';

/**
 * 月分析 demo data: the seeded catalog, 24 months of figures for the demo province's 11 cities and the province
 * itself, the default peer group (全省各市) and 示范市's targets for this year and last; and a district view inside
 * 示范市: its six districts and counties with figures of the main indicators (their shares of the city's amounts,
 * growth around the city's), the group 全市6个县区 with 示范市 as 全市, and their growth targets. Deterministic: a
 * seeded PRNG and the business date decide every figure, so the same day gives the same rows on every machine.
 * Floating point is used only to make up the figures; they are stored as decimal text with the catalog's precision.
 */

/** The catalog every install starts with (issue #5's list), in reading order. */
export const indicatorCatalogRows = (now: Date) =>
  SEED_INDICATORS.map((d, i) => ({
    code: d.code,
    name: d.name,
    shortName: d.shortName ?? null,
    unit: d.unit,
    kind: d.kind,
    direction: d.direction,
    frequency: d.frequency,
    precision: d.precision,
    rankBy: d.rankBy ?? null,
    sort: (i + 1) * 10,
    createdAt: now,
    updatedAt: now,
  }));

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Profile = {
  /** annual amount of a mid-sized city in the year before the first month */
  base: number;
  /** typical growth in % and its spread between cities and months */
  growth: number;
  spread: number;
  /** the statistics bureau publishes only the growth for other cities */
  growthOnly?: boolean;
};

const PROFILES: Record<string, Profile> = {
  gdp: { base: 2400, growth: 5.6, spread: 1.6 },
  industrial_value_added: { base: 700, growth: 6.5, spread: 3, growthOnly: true },
  fixed_asset_investment: { base: 1500, growth: 4.5, spread: 6, growthOnly: true },
  industrial_investment: { base: 500, growth: 8, spread: 9, growthOnly: true },
  retail_sales: { base: 1000, growth: 5.8, spread: 2 },
  general_budget_revenue: { base: 150, growth: 5, spread: 4 },
  electricity_consumption: { base: 1_500_000, growth: 6, spread: 3 },
  industrial_electricity: { base: 950_000, growth: 6.5, spread: 4 },
  foreign_investment_utilized: { base: 3, growth: 8, spread: 15 },
  urban_disposable_income: { base: 44_000, growth: 5.2, spread: 0.8 },
  rural_disposable_income: { base: 17_500, growth: 6.8, spread: 1 },
};

/** City size against a mid-sized city: 示范市 is the largest, 丰原示范区 the smallest. */
const SIZE: Record<string, number> = {
  '990100': 2.2,
  '990200': 1.15,
  '990300': 0.95,
  '990400': 1.05,
  '990500': 0.8,
  '990600': 0.9,
  '990700': 0.7,
  '990800': 0.85,
  '990900': 0.75,
  '991000': 0.65,
  '991100': 0.25,
};

/** The 24 periods ending with the last month whose figures are out (the month before today's). */
export function demoPeriods(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const last = y * 12 + (m - 1) - 1;
  return Array.from({ length: 24 }, (_, i) => {
    const n = last - 23 + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

type Row = typeof indicatorValues.$inferInsert;

export function demoIndicatorValues(today: string, now: Date): Row[] {
  const rand = mulberry32(20260501);
  const noise = (spread: number) => (rand() - 0.5) * 2 * spread;
  const cities = DEMO_REGIONS.filter((r) => r.kind === 'city').map((r) => r.code);
  const periods = demoPeriods(today);
  const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))];
  const firstYear = years[0]! - 1;
  const rows: Row[] = [];
  const by = { source: 'seed', updatedByName: '系统', updatedAt: now };
  const row = (
    regionCode: string,
    indicatorCode: string,
    period: string,
    value: string | null,
    growth: string | null,
  ) => rows.push({ regionCode, indicatorCode, period, value, growth, ...by });

  for (const def of SEED_INDICATORS) {
    const profile = PROFILES[def.code];
    const months = (p: string) => Number(p.slice(5, 7));
    const published = periods.filter((p) => def.frequency === 'monthly' || months(p) % 3 === 0);
    if (profile) {
      // annual amounts per city and year: each year grows by the city's rate for that year
      const cityRate = new Map(cities.map((c) => [c, profile.growth + noise(profile.spread / 2)]));
      const annual = new Map<string, number>();
      const yearRate = new Map<string, number>();
      for (const c of cities) {
        let a = profile.base * SIZE[c]! * (1 + noise(0.1));
        annual.set(`${c}|${firstYear}`, a);
        for (const y of years) {
          const g = cityRate.get(c)! + noise(profile.spread / 2);
          yearRate.set(`${c}|${y}`, g);
          a *= 1 + g / 100;
          annual.set(`${c}|${y}`, a);
        }
      }
      // the cumulative amount of 1-m月 of a year: a share of the year with a little seasonal wobble
      const share = (m: number) => (m / 12) * (m === 12 ? 1 : 0.97 + 0.02 * Math.sin(m));
      const cumulative = (c: string, y: number, m: number, g: number) =>
        annual.get(`${c}|${y - 1}`)! * share(m) * (1 + g / 100);
      for (const p of published) {
        const y = Number(p.slice(0, 4));
        const m = months(p);
        let sum = 0;
        let sumBefore = 0;
        for (const c of cities) {
          const g = yearRate.get(`${c}|${y}`)! + noise(profile.spread / 3);
          const v = cumulative(c, y, m, g);
          const before = annual.get(`${c}|${y - 1}`)! * share(m);
          sum += v;
          sumBefore += before;
          const own = c === DEMO_CITY || !profile.growthOnly;
          row(c, def.code, p, own ? v.toFixed(def.precision) : null, g.toFixed(1));
        }
        row(DEMO_PROVINCE, def.code, p, sum.toFixed(def.precision), ((sum / sumBefore - 1) * 100).toFixed(1));
      }
      continue;
    }
    // levels, not sums: 税收收入占比, 优良天数 (cumulative days), PM2.5
    for (const p of published) {
      const m = months(p);
      const days = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].slice(1, m + 1).reduce((s, d) => s + d, 0);
      let sum = 0;
      for (const c of cities) {
        let v: number;
        if (def.code === 'tax_revenue_share') v = 72 + noise(8) + (SIZE[c]! - 1) * 5;
        else if (def.code === 'good_air_days') v = Math.round(days * (0.8 + noise(0.1)));
        else v = 38 + noise(12) + (m >= 11 || m <= 2 ? 12 : 0);
        sum += v;
        row(c, def.code, p, v.toFixed(def.precision), null);
      }
      row(DEMO_PROVINCE, def.code, p, (sum / cities.length).toFixed(def.precision), null);
    }
  }
  return rows;
}

// ── the district view: 示范市's districts and counties ────────────────────────────────────────────────────
/** The county-level regions of 示范市 ranked among themselves (the two parks are not: they publish no GDP). */
export const demoDistricts = () =>
  DEMO_REGIONS.filter((r) => r.parentCode === DEMO_CITY && (r.kind === 'district' || r.kind === 'county'));

/** Indicators the district bureaus publish (others, like 用电量 and 外资, only the city publishes). */
export const DISTRICT_INDICATORS = [
  'gdp',
  'industrial_value_added',
  'fixed_asset_investment',
  'industrial_investment',
  'retail_sales',
  'general_budget_revenue',
  'urban_disposable_income',
  'rural_disposable_income',
] as const;

/** Each district's share of the city's amount (the parks and the city's own units hold the rest). */
const DISTRICT_SHARE: Record<string, number> = {
  '990102': 0.25,
  '990103': 0.2,
  '990104': 0.16,
  '990105': 0.14,
  '990121': 0.1,
  '990122': 0.08,
};

/**
 * The districts' figures of every period the city has: an amount is the city's amount of that period times the
 * district's share (a steady share per indicator, so 1-m月 grows month by month as the city's does); growth is the
 * city's growth plus the district's own lead or lag and a little monthly noise. Incomes are levels: the city's
 * level shifted a little per district. Its own PRNG, so the city figures stay as they were.
 */
export function demoDistrictValues(cityValues: readonly Row[], now: Date): Row[] {
  const rand = mulberry32(20260502);
  const noise = (spread: number) => (rand() - 0.5) * 2 * spread;
  const districts = demoDistricts().map((r) => r.code);
  const defs = new Map(SEED_INDICATORS.map((d) => [d.code, d]));
  const rows: Row[] = [];
  for (const code of DISTRICT_INDICATORS) {
    const def = defs.get(code)!;
    const spread = PROFILES[code]?.spread ?? 2;
    const level = code.endsWith('_income');
    const leads = districts.map(() => noise(spread * 0.6));
    // leads and lags balance out, so the city's growth sits among its districts' as it does in real tables
    const meanLead = leads.reduce((a, b) => a + b, 0) / leads.length;
    const own = new Map(
      districts.map((d, i) => [
        d,
        {
          factor: level ? 1 + noise(0.12) : DISTRICT_SHARE[d]! * (1 + noise(0.15)),
          lead: leads[i]! - meanLead,
        },
      ]),
    );
    const city = cityValues.filter((v) => v.regionCode === DEMO_CITY && v.indicatorCode === code);
    for (const c of city) {
      if (c.value == null || c.growth == null) continue;
      for (const d of districts) {
        const o = own.get(d)!;
        const growth = Number(c.growth) + o.lead + noise(spread / 5);
        rows.push({
          regionCode: d,
          indicatorCode: code,
          period: c.period,
          value: (Number(c.value) * o.factor).toFixed(def.precision),
          growth: growth.toFixed(1),
          source: 'seed',
          updatedByName: '系统',
          updatedAt: now,
        });
      }
    }
  }
  return rows;
}

/** The districts' growth targets: the city's target, a little higher for the fast-growing ones. */
export function demoDistrictTargets(
  cityTargets: readonly (typeof indicatorTargets.$inferInsert)[],
  now: Date,
): (typeof indicatorTargets.$inferInsert)[] {
  const lift: Record<string, string> = {
    '990102': '0',
    '990103': '0.5',
    '990104': '0',
    '990105': '-0.5',
    '990121': '1',
    '990122': '0.5',
  };
  return cityTargets
    .filter((t) => t.growth != null && (DISTRICT_INDICATORS as readonly string[]).includes(t.indicatorCode))
    .flatMap((t) =>
      demoDistricts().map((d) => ({
        regionCode: d.code,
        indicatorCode: t.indicatorCode,
        year: t.year,
        growth: (Number(t.growth) + Number(lift[d.code] ?? '0')).toFixed(1).replace(/\.0$/, ''),
        amount: null,
        schedule: null,
        updatedAt: now,
        updatedByName: '系统',
      })),
    );
}

/** 示范市's targets for the years its figures cover: growth targets, and amounts with a schedule for investment. */
export function demoTargets(
  values: readonly Row[],
  today: string,
  now: Date,
): (typeof indicatorTargets.$inferInsert)[] {
  const year = Number(today.slice(0, 4));
  const growth: Record<string, string> = {
    gdp: '6.5',
    industrial_value_added: '7.5',
    fixed_asset_investment: '8',
    industrial_investment: '10',
    retail_sales: '7',
    general_budget_revenue: '6',
    electricity_consumption: '5',
    industrial_electricity: '5.5',
    foreign_investment_utilized: '10',
    urban_disposable_income: '6',
    rural_disposable_income: '7.5',
  };
  const withAmount = ['gdp', 'fixed_asset_investment', 'retail_sales', 'general_budget_revenue'];
  const out: (typeof indicatorTargets.$inferInsert)[] = [];
  for (const y of [year - 1, year]) {
    for (const [code, g] of Object.entries(growth)) {
      // the amount: last year's full-year figure grown by the target rate (else none)
      const base = values.find(
        (v) => v.regionCode === DEMO_CITY && v.indicatorCode === code && v.period === `${y - 1}-12`,
      );
      const amount =
        withAmount.includes(code) && base?.value ? (Number(base.value) * (1 + Number(g) / 100)).toFixed(2) : null;
      out.push({
        regionCode: DEMO_CITY,
        indicatorCode: code,
        year: y,
        growth: g,
        amount,
        schedule:
          amount && code === 'fixed_asset_investment'
            ? [
                { month: 3, percent: '20' },
                { month: 6, percent: '50' },
                { month: 9, percent: '75' },
              ]
            : null,
        updatedAt: now,
        updatedByName: '系统',
      });
    }
    out.push({
      regionCode: DEMO_CITY,
      indicatorCode: 'good_air_days',
      year: y,
      growth: null,
      amount: '300',
      schedule: null,
      updatedAt: now,
      updatedByName: '系统',
    });
  }
  return out;
}

/** Inserts the catalog and the demo figures, groups and targets: one multi-row insert per table. */
export async function seedDemoIndicators(tx: Tx, today: string, now: Date): Promise<{ values: number }> {
  await tx.insert(indicators).values(indicatorCatalogRows(now)).onConflictDoNothing();
  const cityValues = demoIndicatorValues(today, now);
  const values = [...cityValues, ...demoDistrictValues(cityValues, now)];
  await tx.insert(indicatorValues).values(values);
  const cities = DEMO_REGIONS.filter((r) => r.kind === 'city');
  const [group] = await tx
    .insert(peerGroups)
    .values({
      name: '全省各市(区)',
      level: 'province',
      label: `全省${cities.length}个市(区)`,
      memberNoun: '市(区)',
      referenceRegionCode: DEMO_PROVINCE,
      isDefault: true,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: peerGroups.id });
  await tx.insert(peerGroupMembers).values(cities.map((c, i) => ({ groupId: group!.id, regionCode: c.code, sort: i })));
  // the district view: 示范市's districts and counties, compared with 全市 (示范市's own figure)
  const districts = demoDistricts();
  const [districtGroup] = await tx
    .insert(peerGroups)
    .values({
      name: '示范市各县区',
      level: 'city',
      label: `全市${districts.length}个县区`,
      memberNoun: '县区',
      referenceRegionCode: DEMO_CITY,
      isDefault: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: peerGroups.id });
  await tx
    .insert(peerGroupMembers)
    .values(districts.map((d, i) => ({ groupId: districtGroup!.id, regionCode: d.code, sort: i })));
  const cityTargets = demoTargets(values, today, now);
  await tx.insert(indicatorTargets).values([...cityTargets, ...demoDistrictTargets(cityTargets, now)]);
  return { values: values.length };
}
