import { businessDate } from '../../../domain/common/business-date.ts';
import { daysInMonth } from '../../../domain/common/date-parse.ts';
import { boardRows, onTimePct } from '../../../domain/supervision/board.ts';
import type { NoticeDocxQuery } from '../../../domain/supervision/ladder-contracts.ts';
import { TASK_STATUS_LABELS } from '../../../domain/tasks/model.ts';
import { assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { type DocBlock, officialDate, officialDocx } from '../../platform/documents/docx-official.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { loadTaskViews, seesAllTasks, type TaskView } from '../tasks/index.ts';
import { startOfBusinessDay } from './board.service.ts';
import { ladderRepo, type StepView } from './ladder.repository.ts';

/**
 * 督查通报 of a month (.docx, GB/T 9704): the overall counts of the key tasks as of the month's end (or today for the
 * current month), every unit's figures, the named lists of overdue and red tasks by unit, the ladder steps of the
 * month, commendations (通报表扬 issued in the month and the units with every feedback on time and nothing red or
 * overdue), and an annex of lagging (慢序时) tasks. Built from the same task facts as the board.
 */

export const MAX_LIST_ROWS = 60;

export type NoticeMonth = {
  month: string;
  asOf: string;
  tasks: TaskView[];
  steps: StepView[];
};

export type NoticeDoc = { filename: string; fallback: string; docx: Buffer; blocks: DocBlock[] };

const pct = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
const nextMonthStart = (month: string) => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

function listTable<T>(list: readonly T[], empty: string, table: (rows: readonly T[]) => DocBlock): DocBlock[] {
  if (list.length === 0) return [{ kind: 'paragraph', text: empty }];
  if (list.length <= MAX_LIST_ROWS) return [table(list)];
  return [
    table(list.slice(0, MAX_LIST_ROWS)),
    { kind: 'note', text: `注：共${list.length}项，本表列出前${MAX_LIST_ROWS}项，完整名单见督查看板和任务台账。` },
  ];
}

const byUnitThenNumber = (a: TaskView, b: TaskView) =>
  a.leadUnitName.localeCompare(b.leadUnitName, 'zh') || a.number.localeCompare(b.number, 'zh', { numeric: true });

const taskRows = (list: readonly TaskView[], reason: (t: TaskView) => string) => ({
  kind: 'table' as const,
  compact: true,
  columns: [
    { header: '序号', weight: 2, align: 'center' as const },
    { header: '牵头单位', weight: 6, align: 'left' as const },
    { header: '编号', weight: 2.4, align: 'center' as const },
    { header: '任务内容', weight: 12, align: 'left' as const },
    { header: '完成时限', weight: 4.4, align: 'center' as const },
    { header: '情况', weight: 7, align: 'left' as const },
  ],
  rows: list.map((t, i) => [String(i + 1), t.leadUnitName, t.number, t.content, t.deadlineText, reason(t)]),
});

export function noticeBlocks(m: NoticeMonth): DocBlock[] {
  const b: DocBlock[] = [];
  const tasks = m.tasks;
  const count = (s: TaskView['status']) => tasks.filter((t) => t.status === s).length;
  const due = tasks.reduce((n, t) => n + t.cyclesDue, 0);
  const onTime = tasks.reduce((n, t) => n + t.cyclesOnTime, 0);
  const { rows } = boardRows({
    by: 'unit',
    tasks,
    steps: [],
    openRectifications: {},
    overdueInstructions: { byUnit: {}, byLeader: {} },
    names: {},
    includeIdle: false,
  });
  const escalating = m.steps.filter((s) => !(s.step === 'notice' && s.polarity === 'commending'));
  const n = (step: string) => escalating.filter((s) => s.step === step).length;
  const autoReminders = escalating.filter((s) => s.step === 'reminder' && s.origin !== 'manual').length;

  // 一、总体情况
  b.push({ kind: 'heading1', text: '总体情况' });
  b.push({
    kind: 'paragraph',
    text: `截至${officialDate(m.asOf)}，纳入督查的重点任务共${tasks.length}项，其中已完成销号${count('done')}项，按计划推进（绿灯）${count('green')}项，进度滞后（黄灯）${count('yellow')}项，红灯${count('red')}项，逾期未完成${count('overdue')}项。今年以来各单位应报送进展情况${due}次，按时报送${onTime}次，按时反馈率${pct(onTimePct(due, onTime))}%。`,
  });
  b.push({
    kind: 'paragraph',
    text: `${monthLabel(m.month)}，共发出催办${n('reminder')}件（其中系统自动催办${autoReminders}件）、督办单${n('order')}件、通报批评${n('notice')}次、约谈${n('admonition')}次、问责${n('accountability')}件。`,
  });
  if (rows.length) {
    b.push({
      kind: 'table',
      caption: '表1 各单位重点任务推进情况',
      compact: true,
      columns: [
        { header: '序号', weight: 2, align: 'center' },
        { header: '牵头单位', weight: 8, align: 'left' },
        { header: '任务数', weight: 2.6 },
        { header: '已销号', weight: 2.6 },
        { header: '绿灯', weight: 2.4 },
        { header: '黄灯', weight: 2.4 },
        { header: '红灯', weight: 2.4 },
        { header: '逾期', weight: 2.4 },
        { header: '按时反馈率（%）', weight: 4 },
      ],
      rows: rows.map((r, i) => [
        String(i + 1),
        r.name,
        String(r.total),
        String(r.done),
        String(r.green),
        String(r.yellow),
        String(r.red),
        String(r.overdue),
        pct(r.onTimePct),
      ]),
    });
    b.push({
      kind: 'note',
      text: '注：状态由系统按完成时限、节点和进展反馈自动计算：逾期指超过完成时限仍未销号；红灯指节点逾期或上一期进展情况未报送；黄灯指完成进度落后时间进度超过规定百分点。',
    });
  }

  // 二、逾期和红灯任务
  const overdue = tasks.filter((t) => t.status === 'overdue').sort(byUnitThenNumber);
  const red = tasks.filter((t) => t.status === 'red').sort(byUnitThenNumber);
  b.push({ kind: 'heading1', text: '逾期和红灯任务' });
  const worst = rows.filter((r) => r.overdue + r.red > 0).slice(0, 5);
  b.push({
    kind: 'paragraph',
    text: worst.length
      ? `逾期和红灯任务较多的单位是：${worst.map((r) => `${r.name}（逾期${r.overdue}项、红灯${r.red}项）`).join('、')}。请相关单位认真分析原因，明确整改措施和完成时限。`
      : '本月无逾期和红灯任务。',
  });
  b.push({ kind: 'heading2', text: `逾期未完成任务（${overdue.length}项）` });
  b.push(
    ...listTable(overdue, '无逾期未完成任务。', (list) =>
      taskRows(list, (t) => `已逾期${t.overdueWorkingDays ?? 0}个工作日`),
    ),
  );
  b.push({ kind: 'heading2', text: `红灯任务（${red.length}项）` });
  b.push(
    ...listTable(red, '无红灯任务。', (list) =>
      taskRows(list, (t) => t.reasons.map((r) => r.zh).join(';') || TASK_STATUS_LABELS.red.zh),
    ),
  );

  // 三、表扬
  b.push({ kind: 'heading1', text: '表扬' });
  const praised = m.steps.filter((s) => s.step === 'notice' && s.polarity === 'commending');
  if (praised.length) {
    for (const p of praised) {
      b.push({ kind: 'paragraph', text: `${p.number ? `${p.number}：` : ''}对${p.unitName}予以通报表扬。${p.reason}` });
    }
  }
  const exemplary = rows.filter(
    (r) => r.cyclesDue > 0 && r.cyclesOnTime === r.cyclesDue && r.red === 0 && r.overdue === 0,
  );
  b.push({
    kind: 'paragraph',
    text: exemplary.length
      ? `${exemplary.map((r) => r.name).join('、')}今年以来进展情况全部按时报送，且无红灯、逾期任务，予以表扬。`
      : praised.length
        ? '本月暂无全部按时报送且无红灯、逾期任务的单位。'
        : '本月暂无通报表扬事项。',
  });

  // 四、下步要求
  b.push({ kind: 'heading1', text: '下步要求' });
  b.push({
    kind: 'paragraph',
    text: '各牵头单位要对照分工方案，逐项倒排工期、压实责任；对逾期和红灯任务，要在下一期进展情况中说明原因和整改措施；配合单位要主动对接、形成合力。市政府督查室将持续跟踪督办，对整改不力的按程序予以通报、约谈。',
  });

  // 附件
  const lagging = tasks.filter((t) => t.status === 'yellow').sort(byUnitThenNumber);
  b.push({ kind: 'paragraph', text: `附件：进度滞后（慢序时）任务清单（${lagging.length}项）` });
  b.push(
    ...listTable(lagging, '无进度滞后任务。', (list) => ({
      kind: 'table',
      compact: true,
      columns: [
        { header: '序号', weight: 2, align: 'center' },
        { header: '牵头单位', weight: 6, align: 'left' },
        { header: '编号', weight: 2.4, align: 'center' },
        { header: '任务内容', weight: 12, align: 'left' },
        { header: '完成时限', weight: 4.4, align: 'center' },
        { header: '完成进度（%）', weight: 3.4 },
        { header: '时间进度（%）', weight: 3.4 },
      ],
      rows: list.map((t, i) => [
        String(i + 1),
        t.leadUnitName,
        t.number,
        t.content,
        t.deadlineText,
        t.completionPct === null ? null : String(t.completionPct),
        t.expectedPct === null ? null : String(Math.round(t.expectedPct)),
      ]),
    })),
  );
  return b;
}

/** The month's facts: tasks as of the month's end (today for the current month), the steps issued in the month. */
export async function noticeMonth(ctx: Ctx, actor: Actor, q: NoticeDocxQuery): Promise<NoticeMonth> {
  assertMay(actor, 'task.read');
  if (!seesAllTasks(actor)) throw appError('FORBIDDEN');
  const today = businessDate(ctx.now());
  const month = q.month ?? today.slice(0, 7);
  if (month > today.slice(0, 7)) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'month', message: '不能选择以后的月份' }] });
  }
  const y = Number(month.slice(0, 4));
  const mo = Number(month.slice(5, 7));
  const monthEnd = `${month}-${String(daysInMonth(y, mo)).padStart(2, '0')}`;
  const asOf = monthEnd < today ? monthEnd : today;
  const tasks = await loadTaskViews(ctx, ctx.db, actor, q.planId ? { planId: q.planId } : {}, asOf);
  const steps = await ladderRepo.issuedBetween(
    ctx.db,
    startOfBusinessDay(`${month}-01`),
    startOfBusinessDay(nextMonthStart(month)),
  );
  const taskIds = new Set(tasks.map((t) => t.id));
  // with a plan chosen, only the steps on its tasks
  return {
    month,
    asOf,
    tasks,
    steps: q.planId ? steps.filter((s) => s.objectType === 'task' && taskIds.has(s.objectId)) : steps,
  };
}

export async function noticeDocx(ctx: Ctx, actor: Actor, q: NoticeDocxQuery): Promise<NoticeDoc> {
  const m = await noticeMonth(ctx, actor, q);
  const blocks = noticeBlocks(m);
  const docx = await officialDocx({
    title: '重点任务落实情况督查通报',
    subtitle: `（${monthLabel(m.month)}）`,
    office: actor.unitName,
    date: m.asOf,
    blocks,
  });
  return {
    filename: `重点任务落实情况督查通报（${monthLabel(m.month)}）.docx`,
    fallback: `supervision-notice-${m.month}.docx`,
    docx,
    blocks,
  };
}
