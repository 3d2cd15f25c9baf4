import { businessDate } from '../../../domain/common/business-date.ts';
import { cycleLabel } from '../../../domain/tasks/cycles.ts';
import { combinedText } from '../../../domain/tasks/feedback.ts';
import { CLAIM_STATUS_LABELS, TASK_STATUS_LABELS } from '../../../domain/tasks/model.ts';
import type { TaskLedgerQuery } from '../../../domain/tasks/tasks-contracts.ts';
import { assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { type LedgerColumn, ledgerWorkbook } from '../../platform/documents/xlsx-write.ts';
import { type FeedbackRow, feedbackRepo, type PartRow } from './feedback.repository.ts';
import { taskRepo } from './tasks.repository.ts';
import { tasksOfFilter } from './tasks.service.ts';

/**
 * 重点任务推进情况台账: the table units send upward every month, produced from the data — one row per task of the
 * list's filters and the caller's reach, in plan order with the plan's sections as merged rows (一、…), 序号 the
 * task's own number. 进展情况 / 存在问题 / 下步打算 come from the latest submitted or accepted feedback of each task,
 * the partners' parts after the lead's words ("【配合单位】…"); the title names the cycle most rows report, and a row
 * whose latest feedback is of another cycle says which. 状态 uses the list page's words.
 */
const COLUMNS: LedgerColumn[] = [
  { header: '任务', key: 'content', kind: 'text', width: 44 },
  { header: '责任领导', key: 'leaders', kind: 'text', width: 10 },
  { header: '牵头单位', key: 'lead', kind: 'text', width: 18 },
  { header: '配合单位', key: 'partners', kind: 'text', width: 20 },
  { header: '完成时限', key: 'deadline', kind: 'text', width: 12 },
  { header: '进展情况', key: 'progress', kind: 'text', width: 44 },
  { header: '存在问题', key: 'problems', kind: 'text', width: 30 },
  { header: '下步打算', key: 'nextSteps', kind: 'text', width: 30 },
  { header: '状态', key: 'status', kind: 'text', width: 8 },
];

/** 一、稳增长 / （一）稳增长: a bracketed label takes no 、. */
export const sectionHeading = (label: string | null, title: string): string =>
  !label ? title : /[)）]$/.test(label) ? `${label}${title}` : `${label}、${title}`;

export type TaskLedger = { filename: string; fallback: string; xlsx: Buffer; cycle: string | null };

export async function taskLedger(ctx: Ctx, actor: Actor, q: TaskLedgerQuery): Promise<TaskLedger> {
  assertMay(actor, 'task.read');
  const now = ctx.now();
  const today = businessDate(now);
  const { shown } = await tasksOfFilter(ctx, actor, q, today);
  const ids = shown.map((v) => v.id);
  const latest = new Map<string, FeedbackRow>((await feedbackRepo.latestSent(ctx.db, ids)).map((f) => [f.taskId, f]));
  const cycles = [...new Set([...latest.values()].map((f) => f.cycle))];
  const parts = await feedbackRepo.partsOf(ctx.db, ids, cycles);
  const partsOf = new Map<string, PartRow[]>();
  for (const p of parts) {
    const k = `${p.taskId}|${p.cycle}`;
    partsOf.set(k, [...(partsOf.get(k) ?? []), p]);
  }
  // the ledger's cycle: the one most rows report (the later on a tie); a row of another cycle names its own
  const counts = new Map<string, number>();
  for (const f of latest.values()) counts.set(f.cycle, (counts.get(f.cycle) ?? 0) + 1);
  const cycle = [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? 1 : a > b ? -1 : 0))[0]?.[0] ?? null;

  const rows = shown.map((v) => {
    const f = latest.get(v.id) ?? null;
    const ps = f ? (partsOf.get(`${v.id}|${f.cycle}`) ?? []) : [];
    const text = (lead: string, pick: (p: PartRow) => string) =>
      combinedText(
        lead,
        ps.map((p) => ({ unitName: p.unitName, text: pick(p) })),
      );
    const other = f && cycle && f.cycle !== cycle ? `(${cycleLabel(f.cycle, 'zh')})` : '';
    return {
      number: v.number,
      content: v.content,
      leaders: v.leaderNames.join('、'),
      lead: v.leadUnitName,
      partners: v.partnerNames.join('、'),
      deadline: v.deadlineText,
      progress: f ? `${other}${text(f.progress, (p) => p.progress)}` : '未报送',
      problems: f ? text(f.problems, (p) => p.problems) : '',
      nextSteps: f ? text(f.nextSteps, (p) => p.nextSteps) : '',
      status: TASK_STATUS_LABELS[v.status].zh,
    };
  });

  // section rows where the plan or the section changes; the plan's title too when the ledger spans plans
  const plans = new Set(shown.map((v) => v.planId));
  const sections: { before: number; title: string }[] = [];
  let lastPlan: string | null = null;
  let lastSection: string | null = null;
  shown.forEach((v, i) => {
    if (plans.size > 1 && v.planId !== lastPlan) sections.push({ before: i, title: v.row.planTitle });
    const sec = v.row.sectionId;
    if ((sec !== lastSection || v.planId !== lastPlan) && sec && v.row.sectionTitle) {
      sections.push({ before: i, title: sectionHeading(v.row.sectionLabel, v.row.sectionTitle) });
    }
    lastPlan = v.planId;
    lastSection = sec;
  });

  const plan = q.planId ? await taskRepo.plan(ctx.db, q.planId) : null;
  const head = plan?.title ?? (plans.size === 1 && shown[0] ? shown[0].row.planTitle : '重点任务');
  const title = `${head}推进情况台账${cycle ? `（${cycleLabel(cycle, 'zh')}）` : ''}`;
  const filters: string[] = [];
  if (q.status) filters.push(`状态=${TASK_STATUS_LABELS[q.status].zh}`);
  if (q.claim) filters.push(`认领=${CLAIM_STATUS_LABELS[q.claim].zh}`);
  if (q.unitId && shown[0]) filters.push(`牵头单位=${shown[0].leadUnitName}`);
  if (q.sectionId && shown[0]?.sectionTitle) filters.push(`章节=${shown[0].sectionTitle}`);
  if (q.leaderId) {
    const name = shown[0]?.leaders.find((l) => l.id === q.leaderId)?.name;
    if (name) filters.push(`责任领导=${name}`);
  }
  if (q.q) filters.push(`关键字=${q.q}`);
  const stamp = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const xlsx = await ledgerWorkbook({
    title,
    filterLine: `筛选条件：${filters.length ? filters.join('；') : '全部'}；共${shown.length}项；导出时间：${stamp}`,
    columns: COLUMNS,
    rows,
    sections,
    seqKey: 'number',
    sheetName: '任务台账',
  });
  return {
    filename: `${title}.xlsx`,
    fallback: `task-ledger-${today}.xlsx`,
    xlsx,
    cycle,
  };
}
