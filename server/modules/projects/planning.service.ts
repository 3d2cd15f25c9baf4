import { businessDate } from '../../../domain/common/business-date.ts';
import { displayWan, formatPercentTenths, formatWan, parseWan } from '../../../domain/common/money.ts';
import type { QuotaUpdate, PlanningReport as Report } from '../../../domain/projects/contracts.ts';
import { planningReport, planningSummary } from '../../../domain/projects/planning.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { findRegion } from '../org/index.ts';
import { planningRepo } from './planning.repository.ts';

const pct = (t: bigint | null) => (t === null ? null : formatPercentTenths(t));
const wanOrNull = (v: bigint | null) => (v === null ? null : formatWan(v));

/** The year and month a report is for: the current month by default, December for a past year. */
export function reportPeriod(now: Date, q: { year?: number; month?: number }): { year: number; month: number } {
  const today = businessDate(now);
  const thisYear = Number(today.slice(0, 4));
  const year = q.year ?? thisYear;
  const month = q.month ?? (year < thisYear ? 12 : year > thisYear ? 1 : Number(today.slice(5, 7)));
  return { year, month };
}

/** What the report's lead sentence calls the caller's area: 示范市, 城关区, or the unit itself. */
async function subjectOf(ctx: Ctx, actor: Actor): Promise<string> {
  if (actor.scope.kind === 'region') return (await findRegion(ctx.db, actor.scope.rootCode))?.name ?? '全市';
  if (actor.scope.kind === 'unit') return actor.unitName;
  return '全市';
}

/** 策划包装月报: each unit's planned projects against its yearly quota and the time schedule. */
export async function getPlanningReport(ctx: Ctx, actor: Actor, q: { year?: number; month?: number }): Promise<Report> {
  assertMay(actor, 'project.read');
  const { year, month } = reportPeriod(ctx.now(), q);
  const [quotas, planned] = await Promise.all([
    planningRepo.quotas(ctx.db, actor.scope, year),
    planningRepo.plannedByMonth(ctx.db, actor.scope, year),
  ]);
  const r = planningReport({
    year,
    month,
    quotas: quotas.map((x) => ({
      unitId: x.unitId,
      unitName: x.unitName,
      countQuota: x.countQuota,
      investmentQuota: parseWan(x.investmentQuota),
    })),
    planned: planned.map((p) => ({ ...p, investment: parseWan(p.investment) ?? 0n })),
    unitNames: new Map(planned.map((p) => [p.unitId, p.unitName])),
  });
  const version = new Map(quotas.map((x) => [x.unitId, x.version]));
  const figures = (f: (typeof r)['totals']) => ({
    countQuota: f.countQuota,
    investmentQuota: wanOrNull(f.investmentQuota),
    monthCount: f.monthCount,
    monthInvestment: formatWan(f.monthInvestment),
    count: f.count,
    investment: formatWan(f.investment),
    countRate: pct(f.countRate),
    investmentRate: pct(f.investmentRate),
  });
  return {
    year,
    month,
    schedule: formatPercentTenths(r.schedule),
    summary: planningSummary(r, displayWan, await subjectOf(ctx, actor)),
    rows: r.rows.map((x) => ({
      ...figures(x),
      unitId: x.unitId,
      unitName: x.unitName,
      status: x.status,
      rank: x.rank,
      quotaVersion: version.get(x.unitId) ?? 0,
    })),
    totals: figures(r.totals),
    can: { editQuotas: actorMay(actor, 'project.configure') },
  };
}

/** Sets a unit's quota for a year (a coordinator's 下达任务); versioned, audited. */
export async function setQuota(ctx: Ctx, actor: Actor, year: number, unitId: string, input: QuotaUpdate) {
  assertMay(actor, 'project.configure');
  const unit = await planningRepo.findUnitInScope(ctx.db, actor.scope, unitId);
  if (!unit) throw appError('NOT_FOUND');
  const value = { countQuota: input.countQuota, investmentQuota: input.investmentQuota };
  const now = ctx.now();
  const row = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await planningRepo.findQuotaForUpdate(tx, year, unitId);
    if ((before?.version ?? 0) !== input.version) throw appError('STALE_WRITE');
    const after = before
      ? await planningRepo.updateQuota(tx, before.id, before.version, value, now)
      : await planningRepo.insertQuota(tx, { year, unitId, ...value }, now);
    if (!after) throw appError('STALE_WRITE');
    await audit({
      action: 'planning.quota_set',
      entityType: 'planning_quota',
      entityId: `${year}:${unitId}`,
      before: before ? { countQuota: before.countQuota, investmentQuota: before.investmentQuota } : null,
      after: { year, unit: unit.name, ...value },
    });
    return after;
  });
  return {
    year,
    unitId,
    unitName: unit.name,
    countQuota: row.countQuota,
    investmentQuota: row.investmentQuota,
    version: row.version,
  };
}
