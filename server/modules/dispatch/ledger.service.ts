import { weekLabel } from '../../../domain/common/iso-week.ts';
import { REPORT_STATUS_LABELS } from '../../../domain/dispatch/contracts.ts';
import { aggregatePacing, defaultMeetingWeek, pctText } from '../../../domain/dispatch/meeting.ts';
import type { LedgerQuery } from '../../../domain/dispatch/meeting-contracts.ts';
import { REPORT_TIMING_LABELS } from '../../../domain/dispatch/schedule.ts';
import { LIGHT_LABELS } from '../../../domain/dispatch/warnings.ts';
import { assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { type LedgerColumn, ledgerWorkbook } from '../../platform/documents/xlsx-write.ts';
import { dispatchRules } from './dispatch.settings.ts';
import { assertWeek, factsOf, scopeWordOf } from './meeting.service.ts';
import { COUNTED } from './reports.repository.ts';
import { weekRows } from './reports.service.ts';

/**
 * 周报台账: the week's reports as an Excel ledger, one row per reporting project in the caller's scope (the board's
 * rows), with a 合计 row whose sums and rates are the meeting view's totals. 本周完成投资 shows only reports that
 * count (submitted or accepted), as the totals do; a draft's figure is not yet a fact.
 */
const COLUMNS: LedgerColumn[] = [
  { header: '项目名称', key: 'name', kind: 'text', width: 36 },
  { header: '项目代码', key: 'code', kind: 'text', width: 26 },
  { header: '属地', key: 'region', kind: 'text', width: 14 },
  { header: '责任单位', key: 'unit', kind: 'text', width: 24 },
  { header: '本周完成投资(万元)', key: 'thisWeek', kind: 'amount' },
  { header: '年度累计(万元)', key: 'ytd', kind: 'amount' },
  { header: '年度计划(万元)', key: 'plan', kind: 'amount' },
  { header: '完成率', key: 'completion', kind: 'percent' },
  { header: '序时进度', key: 'schedule', kind: 'percent' },
  { header: '预警', key: 'light', kind: 'text', width: 10 },
  { header: '状态', key: 'status', kind: 'text', width: 8 },
  { header: '时效', key: 'timing', kind: 'text', width: 8 },
  { header: '形象进度', key: 'progress', kind: 'text', width: 40 },
  { header: '在岗人数', key: 'workers', kind: 'int' },
  { header: '报送人', key: 'by', kind: 'text', width: 10 },
  { header: '报送时间', key: 'at', kind: 'text', width: 17 },
];

/** "2026-11-27 16:30", Beijing time. */
const beijingMinute = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export type WeekLedger = { filename: string; fallback: string; xlsx: Buffer };

export async function weekLedger(ctx: Ctx, actor: Actor, q: LedgerQuery): Promise<WeekLedger> {
  assertMay(actor, 'dispatch.read');
  const rules = await dispatchRules(ctx, ctx.db);
  const now = ctx.now();
  const week = q.week ?? defaultMeetingWeek(now, rules.schedule, rules.cal);
  assertWeek(ctx, week);
  const rows = await weekRows(ctx, actor, rules, week, {});
  const word = await scopeWordOf(ctx, actor);
  const totals = aggregatePacing(
    rows.map((r) => factsOf(r, week)),
    rules.thresholds,
  );
  const counted = (s: string) => (COUNTED as readonly string[]).includes(s);
  const label = weekLabel(week, 'zh');
  const xlsx = await ledgerWorkbook({
    title: `${word}重点项目周报台账（${label.replace('(', '（').replace(')', '）')}）`,
    filterLine: `周次：${label}；应报项目${rows.length}个，已报送${totals.reported}个；本周完成投资只计已报送、已审核的周报；导出时间：${beijingMinute(now)}`,
    sheetName: `${week}周报台账`,
    columns: COLUMNS,
    rows: rows.map((r) => ({
      name: r.projectName,
      code: r.projectCode,
      region: r.regionName,
      unit: r.responsibleUnitName,
      thisWeek: counted(r.status) ? r.investedThisWeek : null,
      ytd: r.investedYtd,
      plan: r.annualPlan,
      completion: r.completionPct,
      schedule: r.schedulePct,
      light: r.light === 'none' ? null : LIGHT_LABELS[r.light].zh,
      status: r.status === 'none' ? '未填报' : REPORT_STATUS_LABELS[r.status].zh,
      timing: REPORT_TIMING_LABELS[r.timing].zh,
      progress: r.report?.visibleProgress || null,
      workers: r.report?.workersOnSite ?? null,
      by: r.report?.submittedByName ?? null,
      at: r.report?.submittedAt ? beijingMinute(r.report.submittedAt) : null,
    })),
    totals: {
      thisWeek: totals.thisWeek,
      ytd: totals.ytd,
      plan: totals.annualPlan,
      completion: pctText(totals.completionTenths),
      schedule: pctText(totals.scheduleTenths),
      light: totals.light === 'none' ? null : LIGHT_LABELS[totals.light].zh,
    },
  });
  return {
    filename: `${word}重点项目周报台账（${Number(week.slice(0, 4))}年第${Number(week.slice(6))}周）.xlsx`,
    fallback: `weekly-reports-${week}.xlsx`,
    xlsx,
  };
}
