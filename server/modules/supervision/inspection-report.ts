import { businessDate } from '../../../domain/common/business-date.ts';
import { dateLabel } from '../../../domain/common/calendar.ts';
import { inspectionCounts, rectificationOverdue } from '../../../domain/supervision/inspections.ts';
import {
  INSPECTION_STATUS_LABELS,
  type InspectionReport,
  type InspectionStatus,
} from '../../../domain/supervision/inspections-contracts.ts';
import {
  INSPECTION_KIND_LABELS,
  type InspectionKind,
  PROBLEM_KIND_LABELS,
  PROBLEM_KINDS,
  type ProblemKind,
  RECTIFICATION_STATUS_LABELS,
  type RectificationStatus,
  SUPERVISABLE_TYPE_LABELS,
} from '../../../domain/supervision/model.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { renderChartPng } from '../../platform/documents/chart-render.ts';
import { type DocBlock, officialDocx } from '../../platform/documents/docx-official.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { inspectionRepo } from './inspections.repository.ts';
import { assertMayReadInspections, inspectionReachOf } from './inspections.service.ts';
import { rectificationRepo } from './rectifications.repository.ts';

/**
 * The campaign report (督查情况通报): counts by type — inspected, problems by kind, rectified, overdue — and the named
 * lists, as JSON for the page and as an official document (.docx, GB/T 9704) with a bar chart. Both are built from
 * the same function, so the document says what the page says.
 */
const UNASSIGNED = '未分组';

export async function inspectionReport(ctx: Ctx, actor: Actor, id: string): Promise<InspectionReport> {
  assertMayReadInspections(actor);
  const c = await inspectionRepo.find(ctx.db, inspectionReachOf(actor), id);
  if (!c) throw appError('NOT_FOUND');
  const today = businessDate(ctx.now());
  const [targets, rects, teams] = await Promise.all([
    inspectionRepo.targets(ctx.db, id),
    rectificationRepo.list(ctx.db, { all: true }, { inspectionId: id }),
    inspectionRepo.teams(ctx.db, id),
  ]);
  const findings = targets.flatMap((t) => (t.finding ? [t.finding] : []));
  const facts = rects.map((r) => ({
    status: r.status as RectificationStatus,
    dueOn: r.dueOn,
    submittedOn: r.submittedAt ? businessDate(r.submittedAt) : null,
  }));
  const counts = inspectionCounts(targets.length, findings, facts, today);
  // every team, then the targets not yet assigned to one
  const teamNames = [...teams.map((t) => t.name), ...(targets.some((t) => !t.teamName) ? [UNASSIGNED] : [])];
  const targetOf = new Map(targets.map((t) => [t.id, t]));
  return {
    inspection: {
      id: c.id,
      title: c.title,
      kind: c.kind as InspectionKind,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      status: c.status as InspectionStatus,
    },
    counts,
    byTeam: teamNames.map((name) => {
      const mine = targets.filter((t) => (t.teamName ?? UNASSIGNED) === name);
      return {
        teamName: name,
        targets: mine.length,
        inspected: mine.filter((t) => t.finding).length,
        withProblems: mine.filter((t) => (t.finding?.problemKinds.length ?? 0) > 0).length,
      };
    }),
    lists: {
      problems: targets
        .filter((t) => (t.finding?.problemKinds.length ?? 0) > 0)
        .map((t) => ({
          objectLabel: t.objectLabel,
          unitName: t.unitName,
          teamName: t.teamName,
          problemKinds: t.finding!.problemKinds as ProblemKind[],
          note: t.finding!.note,
          inspectedOn: t.finding!.inspectedOn,
        })),
      notInspected: targets
        .filter((t) => !t.finding)
        .map((t) => ({ objectLabel: t.objectLabel, unitName: t.unitName, teamName: t.teamName })),
      rectified: rects
        .filter((r) => r.status === 'closed')
        .map((r) => ({
          objectLabel: r.objectLabel,
          unitName: r.unitName,
          teamName: targetOf.get(r.targetId)?.teamName ?? null,
          requirement: r.requirement,
          verifiedAt: r.verifiedAt?.toISOString() ?? null,
        })),
      overdue: rects
        .filter((_r, i) => rectificationOverdue(facts[i]!, today))
        .map((r) => ({
          objectLabel: r.objectLabel,
          unitName: r.unitName,
          teamName: targetOf.get(r.targetId)?.teamName ?? null,
          requirement: r.requirement,
          dueOn: r.dueOn,
          status: r.status as RectificationStatus,
        })),
    },
  };
}

const kindsText = (kinds: readonly ProblemKind[]) => kinds.map((k) => PROBLEM_KIND_LABELS[k].zh).join('、');

const n = (v: number) => String(v);

/** The campaign report as an official document, with the problems chart. */
export async function inspectionReportDocx(ctx: Ctx, actor: Actor, id: string) {
  const r = await inspectionReport(ctx, actor, id);
  const c = r.counts;
  const kinds = PROBLEM_KINDS.filter((k) => c.problemsByKind[k] > 0);
  const chart = await renderChartPng(
    {
      grid: { left: 140, right: 48, top: 24, bottom: 32 },
      xAxis: { type: 'value', minInterval: 1, name: '个' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: PROBLEM_KINDS.map((k) => PROBLEM_KIND_LABELS[k].zh),
        axisLabel: { fontSize: 13 },
      },
      series: [
        {
          type: 'bar',
          barWidth: '55%',
          itemStyle: { color: '#c0392b' },
          data: PROBLEM_KINDS.map((k) => c.problemsByKind[k]),
          label: { show: true, position: 'right', fontSize: 12 },
        },
      ],
    },
    { width: 600, height: 260 },
  );
  const kindLabel = INSPECTION_KIND_LABELS[r.inspection.kind].zh;
  const period = `${dateLabel(r.inspection.startsOn, 'zh')}至${dateLabel(r.inspection.endsOn, 'zh')}`;
  const problemsText = kinds.length
    ? kinds.map((k) => `${PROBLEM_KIND_LABELS[k].zh}${c.problemsByKind[k]}个`).join(',')
    : '未发现问题';
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `${period},开展${r.inspection.title}(${kindLabel}),共安排检查对象${c.targets}个,已检查${c.inspected}个,未检查${c.notInspected}个;发现存在问题的对象${c.withProblems}个,其中${problemsText};${c.mismatches}个项目的现场情况与周报上报不符,已在相关周报上标注。`,
    },
    { kind: 'heading1', text: '总体情况' },
    {
      kind: 'table',
      caption: '督查情况统计',
      columns: [{ header: '项目', weight: 3 }, { header: '数量' }],
      rows: [
        ['检查对象', n(c.targets)],
        ['已检查', n(c.inspected)],
        ['未检查', n(c.notInspected)],
        ['存在问题的对象', n(c.withProblems)],
        ...PROBLEM_KINDS.map((k) => [`其中:${PROBLEM_KIND_LABELS[k].zh}`, n(c.problemsByKind[k])]),
        ['整改事项', n(c.rectifications.total)],
        ['已整改销号', n(c.rectifications.closed)],
        ['待验收', n(c.rectifications.submitted)],
        ['整改中', n(c.rectifications.open)],
        ['逾期未整改', n(c.rectifications.overdue)],
      ],
    },
    {
      kind: 'image',
      png: chart.png,
      width: chart.width,
      height: chart.height,
      caption: '发现问题分类',
      altText: '发现问题分类',
    },
    { kind: 'heading1', text: '各督查组检查情况' },
    {
      kind: 'table',
      columns: [{ header: '督查组', weight: 2 }, { header: '检查对象' }, { header: '已检查' }, { header: '存在问题' }],
      rows: r.byTeam.map((t) => [t.teamName, n(t.targets), n(t.inspected), n(t.withProblems)]),
    },
    { kind: 'heading1', text: '发现的问题' },
    r.lists.problems.length
      ? {
          kind: 'table',
          compact: true,
          columns: [
            { header: '序号', align: 'center', weight: 0.6 },
            { header: '检查对象', align: 'left', weight: 2.6 },
            { header: '责任单位', align: 'left', weight: 1.8 },
            { header: '问题类型', align: 'left', weight: 2 },
            { header: '情况说明', align: 'left', weight: 3 },
            { header: '检查日期', align: 'center', weight: 1.4 },
          ],
          rows: r.lists.problems.map((p, i) => [
            n(i + 1),
            p.objectLabel,
            p.unitName,
            kindsText(p.problemKinds),
            p.note || null,
            p.inspectedOn,
          ]),
        }
      : { kind: 'paragraph', text: '本次督查未发现问题。' },
    { kind: 'heading1', text: '整改情况' },
    {
      kind: 'paragraph',
      text: `共交办整改事项${c.rectifications.total}件,已验收销号${c.rectifications.closed}件,待验收${c.rectifications.submitted}件,正在整改${c.rectifications.open}件,逾期未完成${c.rectifications.overdue}件。`,
    },
    ...(r.lists.overdue.length
      ? [
          { kind: 'heading2', text: '逾期未完成整改的事项' } as DocBlock,
          {
            kind: 'table',
            compact: true,
            columns: [
              { header: '序号', align: 'center', weight: 0.6 },
              { header: '检查对象', align: 'left', weight: 2.6 },
              { header: '责任单位', align: 'left', weight: 2 },
              { header: '整改要求', align: 'left', weight: 3 },
              { header: '整改期限', align: 'center', weight: 1.4 },
              { header: '状态', align: 'center', weight: 1 },
            ],
            rows: r.lists.overdue.map((o, i) => [
              n(i + 1),
              o.objectLabel,
              o.unitName,
              o.requirement,
              o.dueOn,
              RECTIFICATION_STATUS_LABELS[o.status].zh,
            ]),
          } as DocBlock,
        ]
      : []),
    ...(r.lists.notInspected.length
      ? [
          { kind: 'heading2', text: '尚未检查的对象' } as DocBlock,
          {
            kind: 'table',
            compact: true,
            columns: [
              { header: '序号', align: 'center', weight: 0.6 },
              { header: '检查对象', align: 'left', weight: 3 },
              { header: '责任单位', align: 'left', weight: 2 },
              { header: '督查组', align: 'left', weight: 1.6 },
            ],
            rows: r.lists.notInspected.map((o, i) => [n(i + 1), o.objectLabel, o.unitName, o.teamName]),
          } as DocBlock,
        ]
      : []),
    {
      kind: 'note',
      text: `注:数据截至${dateLabel(businessDate(ctx.now()), 'zh')},督查状态“${INSPECTION_STATUS_LABELS[r.inspection.status].zh}”;检查对象为${SUPERVISABLE_TYPE_LABELS.project.zh}或${SUPERVISABLE_TYPE_LABELS.task.zh}。`,
    },
  ];
  const title = `关于${r.inspection.title}情况的通报`;
  const docx = await officialDocx({ title, date: businessDate(ctx.now()), blocks });
  return { filename: `${title}.docx`, fallback: `inspection-report-${id.slice(0, 8)}.docx`, docx };
}
