import { formatWan, parseWan } from '../../domain/common/money.ts';
import type { DemoProject } from './demo-projects.ts';

const DAY = 86_400_000;

/**
 * When each demo project entered the library, so the 策划包装 report has a history: projects still being planned
 * (pipeline, preparation) entered during this year, spread over the months up to today; projects already built
 * entered some months before they started. Deterministic (by index); never after `now`.
 */
export function demoEntryDates(list: readonly DemoProject[], now: Date): Date[] {
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const yearStart = Date.UTC(year, 0, 1) - 8 * 3_600_000;
  const daysSoFar = Math.max(1, Math.floor((now.getTime() - yearStart) / DAY));
  return list.map((p, i) => {
    if (p.stage === 'pipeline' || p.stage === 'preparation') {
      return new Date(Math.min(now.getTime(), yearStart + ((i * 53) % daysSoFar) * DAY + 9.5 * 3_600_000));
    }
    const start = p.actualStartDate ?? p.plannedStartDate;
    const at = start ? Date.parse(`${start}T09:30:00+08:00`) - (90 + (i % 5) * 30) * DAY : yearStart - 300 * DAY;
    return new Date(Math.min(now.getTime(), at));
  });
}

/**
 * Yearly quotas for the units that plan projects this year: a little above or below what they have planned so far,
 * so the demo report shows units done, on pace and behind.
 */
export function demoQuotas(
  list: readonly DemoProject[],
  entered: readonly Date[],
  year: number,
): { unitId: string; countQuota: number; investmentQuota: string }[] {
  const yearStart = Date.UTC(year, 0, 1) - 8 * 3_600_000;
  const byUnit = new Map<string, { count: number; investment: bigint }>();
  list.forEach((p, i) => {
    if (entered[i]!.getTime() < yearStart || p.stage === 'withdrawn') return;
    const u = byUnit.get(p.responsibleUnitId) ?? { count: 0, investment: 0n };
    u.count += 1;
    u.investment += parseWan(String(p.totalInvestment)) ?? 0n;
    byUnit.set(p.responsibleUnitId, u);
  });
  const factors = [0.9, 1.05, 1.25, 1.5] as const;
  return [...byUnit.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([unitId, u], i) => {
      const f = factors[i % factors.length]!;
      // quota investment rounded up to whole 1,000 万元
      const target = (u.investment * BigInt(Math.round(f * 100))) / 100n;
      const step = 100_000n; // 1,000 万元 in hundredths
      return {
        unitId,
        countQuota: Math.max(1, Math.ceil(u.count * f)),
        investmentQuota: formatWan(((target + step - 1n) / step) * step),
      };
    });
}
