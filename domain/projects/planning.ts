import { formatPercentTenths, percentTenths, sumWan, type Wan } from '../common/money.ts';

/**
 * 策划包装 — each unit has a yearly quota of projects to plan (a number and a total investment). A project counts
 * as planned by its responsible unit in the month it entered the library (withdrawn projects do not count). The
 * coordinator's monthly report ("每月通报") compares each unit's cumulative figures with its quota and with the time
 * schedule (month / 12), and ranks the units by how much of the investment quota they have planned.
 */
export type UnitQuota = {
  unitId: string;
  unitName: string;
  countQuota: number | null;
  investmentQuota: Wan | null;
};

/** Projects a unit entered in one month of the year. */
export type PlannedInMonth = { unitId: string; month: number; count: number; investment: Wan };

export const PLANNING_STATUSES = ['done', 'on_pace', 'behind', 'no_quota'] as const;
export type PlanningStatus = (typeof PLANNING_STATUSES)[number];

export const PLANNING_STATUS_LABELS: Record<PlanningStatus, { zh: string; en: string }> = {
  done: { zh: '已完成', en: 'Quota met' },
  on_pace: { zh: '序时推进', en: 'On pace' },
  behind: { zh: '滞后序时', en: 'Behind schedule' },
  no_quota: { zh: '未下达任务', en: 'No quota' },
};

export type PlanningRow = {
  unitId: string;
  unitName: string;
  countQuota: number | null;
  investmentQuota: Wan | null;
  monthCount: number;
  monthInvestment: Wan;
  count: number;
  investment: Wan;
  /** completion in tenths of a percent; null without a quota (or a zero quota) */
  countRate: bigint | null;
  investmentRate: bigint | null;
  status: PlanningStatus;
  /** 1 = most of its investment quota planned; ties share a rank; null without a quota */
  rank: number | null;
};

export type PlanningReport = {
  year: number;
  month: number;
  /** the time schedule: month / 12, in tenths of a percent */
  schedule: bigint;
  rows: PlanningRow[];
  totals: Omit<PlanningRow, 'unitId' | 'unitName' | 'status' | 'rank'>;
};

/** Rate of a count against its quota, in tenths of a percent. */
const countRate = (n: number, quota: number | null): bigint | null =>
  quota ? percentTenths(BigInt(n), BigInt(quota)) : null;
const investmentRate = (v: Wan, quota: Wan | null): bigint | null => (quota ? percentTenths(v, quota) : null);

function statusOf(cr: bigint | null, ir: bigint | null, schedule: bigint): PlanningStatus {
  const rates = [cr, ir].filter((r): r is bigint => r !== null);
  if (rates.length === 0) return 'no_quota';
  if (rates.every((r) => r >= 1000n)) return 'done';
  return rates.every((r) => r >= schedule) ? 'on_pace' : 'behind';
}

/**
 * The report for `month` (1–12) of a year: every unit with a quota, and every unit that planned a project without
 * one, ordered by rank (then by name). Entries after `month` are ignored.
 */
export function planningReport(input: {
  year: number;
  month: number;
  quotas: readonly UnitQuota[];
  planned: readonly PlannedInMonth[];
  /** names of units that planned projects but have no quota row */
  unitNames?: ReadonlyMap<string, string>;
}): PlanningReport {
  const { year, month } = input;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1–12: ${month}`);
  const schedule = percentTenths(BigInt(month), 12n)!;
  const byUnit = new Map<string, UnitQuota>(input.quotas.map((q) => [q.unitId, q]));
  for (const p of input.planned) {
    if (!byUnit.has(p.unitId)) {
      const name = input.unitNames?.get(p.unitId) ?? p.unitId;
      byUnit.set(p.unitId, { unitId: p.unitId, unitName: name, countQuota: null, investmentQuota: null });
    }
  }
  const rows: PlanningRow[] = [...byUnit.values()].map((q) => {
    const mine = input.planned.filter((p) => p.unitId === q.unitId && p.month <= month);
    const thisMonth = mine.filter((p) => p.month === month);
    const count = mine.reduce((s, p) => s + p.count, 0);
    const investment = sumWan(mine.map((p) => p.investment));
    const cr = countRate(count, q.countQuota);
    const ir = investmentRate(investment, q.investmentQuota);
    return {
      ...q,
      monthCount: thisMonth.reduce((s, p) => s + p.count, 0),
      monthInvestment: sumWan(thisMonth.map((p) => p.investment)),
      count,
      investment,
      countRate: cr,
      investmentRate: ir,
      status: statusOf(cr, ir, schedule),
      rank: null,
    };
  });
  // rank by investment rate, then count rate; equal pairs share a rank (1, 2, 2, 4)
  const key = (r: PlanningRow) => [r.investmentRate ?? -1n, r.countRate ?? -1n] as const;
  const ranked = rows
    .filter((r) => r.status !== 'no_quota')
    .sort((a, b) => {
      const [ai, ac] = key(a);
      const [bi, bc] = key(b);
      return ai === bi ? (ac === bc ? 0 : ac > bc ? -1 : 1) : ai > bi ? -1 : 1;
    });
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && key(prev)[0] === key(r)[0] && key(prev)[1] === key(r)[1] ? prev.rank : i + 1;
  });
  rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unitName.localeCompare(b.unitName, 'zh-CN'));

  const countQuota = rows.reduce((s, r) => s + (r.countQuota ?? 0), 0);
  const investmentQuota = sumWan(rows.map((r) => r.investmentQuota ?? 0n));
  const count = rows.reduce((s, r) => s + r.count, 0);
  const investment = sumWan(rows.map((r) => r.investment));
  return {
    year,
    month,
    schedule,
    rows,
    totals: {
      countQuota,
      investmentQuota,
      monthCount: rows.reduce((s, r) => s + r.monthCount, 0),
      monthInvestment: sumWan(rows.map((r) => r.monthInvestment)),
      count,
      investment,
      countRate: countRate(count, countQuota),
      investmentRate: investmentRate(investment, investmentQuota),
    },
  };
}

/** "83.3%" or "—" */
export const percentText = (t: bigint | null): string => (t === null ? '—' : `${formatPercentTenths(t)}%`);

/**
 * The lead sentence of the 每月通报: totals against quota and schedule, then who is behind. Built from the report
 * only, so it matches the table to the last digit.
 */
export function planningSummary(r: PlanningReport, fmtWan: (v: Wan) => string, subject = '全市'): string {
  const t = r.totals;
  const parts = [
    `截至${r.month}月底,${subject}共策划包装项目${t.count}个、总投资${fmtWan(t.investment)}万元`,
    t.countQuota ? `分别完成年度任务的${percentText(t.countRate)}和${percentText(t.investmentRate)}` : null,
    `时序进度${percentText(r.schedule)}`,
  ].filter(Boolean);
  const behind = r.rows.filter((x) => x.status === 'behind').map((x) => x.unitName);
  const done = r.rows.filter((x) => x.status === 'done').map((x) => x.unitName);
  let text = `${parts.join(',')}。`;
  if (t.monthCount > 0) {
    text += `${r.month}月新增${t.monthCount}个、总投资${fmtWan(t.monthInvestment)}万元。`;
  }
  if (done.length) text += `${done.join('、')}已完成全年任务。`;
  if (!r.rows.some((x) => x.status !== 'no_quota')) text += '尚未下达年度策划包装任务。';
  else if (behind.length) text += `${behind.join('、')}进度滞后于时序,请加快推进。`;
  else if (done.length < r.rows.length) text += '其余单位均达到序时进度。';
  return text;
}
