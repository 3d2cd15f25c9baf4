import type { MeetingGroupRow, MeetingView } from '../../../domain/dispatch/meeting-contracts.ts';
import { STAGE_LABELS } from '../../../domain/projects/project.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { renderChartPng } from '../../platform/documents/chart-render.ts';
import { type DocBlock, officialDate, officialDocx } from '../../platform/documents/docx-official.ts';
import { meetingView } from './meeting.service.ts';

/**
 * 周调度通报: the meeting view of a week as an official document (.docx, GB/T 9704 via docx-official). It is built
 * from the one `MeetingView` the page shows — no query of its own — so every figure, rank and count in it is the
 * page's.
 */

const LIGHT_TEXT = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '—' } as const;
const STATUS_TEXT = {
  none: '未填报',
  draft: '草稿未报',
  returned: '退回未改',
  submitted: '已报送',
  accepted: '已审核',
};

/** "2026年第48周(11月23日—11月29日)" with the document's full-width brackets. */
const fullWidth = (label: string) => label.replace('(', '（').replace(')', '）');

const weekShort = (week: string) => `${Number(week.slice(0, 4))}年第${Number(week.slice(6))}周`;

/** The ranking table of districts (or units, categories): figures exactly as the view has them. */
function groupTable(rows: MeetingGroupRow[], caption: string, first: string): DocBlock {
  return {
    kind: 'table',
    caption,
    compact: true,
    columns: [
      { header: '排名', weight: 2.4, align: 'center' },
      { header: first, weight: 7, align: 'left' },
      { header: '项目数', weight: 2.6 },
      { header: '本周完成(万元)', weight: 5 },
      { header: '年度累计(万元)', weight: 5.6 },
      { header: '年度计划(万元)', weight: 5.6 },
      { header: '完成率(%)', weight: 3.6 },
      { header: '序时进度(%)', weight: 3.6 },
      { header: '红/黄灯', weight: 3, align: 'center' },
    ],
    rows: rows.map((r) => [
      r.rank === null ? null : String(r.rank),
      r.name,
      String(r.projects),
      r.investedThisWeek,
      r.investedYtd,
      r.annualPlan,
      r.completionPct,
      r.schedulePct,
      `${r.lights.red}/${r.lights.yellow}`,
    ]),
  };
}

const count = (n: number, unit = '个') => `${n}${unit}`;

function districtChart(rows: MeetingGroupRow[]) {
  const ranked = rows.filter((r) => r.completionPct !== null);
  return renderChartPng(
    {
      color: ['#1f5fbf', '#c0c4cc'],
      legend: { top: 6, textStyle: { fontSize: 13 } },
      grid: { left: 48, right: 16, top: 44, bottom: 72 },
      xAxis: {
        type: 'category',
        data: ranked.map((r) => r.name),
        axisLabel: { fontSize: 12, interval: 0, rotate: ranked.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', name: '%', nameTextStyle: { fontSize: 12 } },
      series: [
        {
          name: '年度计划完成率',
          type: 'bar',
          data: ranked.map((r) => Number(r.completionPct)),
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: number }) => p.value.toFixed(1) },
        },
        {
          name: '序时进度',
          type: 'bar',
          data: ranked.map((r) => Number(r.schedulePct)),
        },
      ],
    },
    { width: 640, height: 320 },
  );
}

function lightsChart(rows: MeetingGroupRow[]) {
  const names = rows.map((r) => r.name);
  const series = (['red', 'yellow', 'green'] as const).map((light) => ({
    name: LIGHT_TEXT[light],
    type: 'bar',
    stack: 'lights',
    data: rows.map((r) => r.lights[light]),
    label: { show: true, fontSize: 11, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
  }));
  return renderChartPng(
    {
      color: ['#d62728', '#f0b400', '#2ca02c'],
      legend: { top: 6, textStyle: { fontSize: 13 } },
      grid: { left: 40, right: 16, top: 44, bottom: 72 },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { fontSize: 12, interval: 0, rotate: names.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', name: '项目数(个)', minInterval: 1, nameTextStyle: { fontSize: 12 } },
      series,
    },
    { width: 640, height: 300 },
  );
}

function laggingTable(list: readonly MeetingView['lists']['red'][number][]): DocBlock {
  return {
    kind: 'table',
    compact: true,
    columns: [
      { header: '序号', weight: 2, align: 'center' },
      { header: '项目名称', weight: 10, align: 'left' },
      { header: '属地', weight: 4.5, align: 'left' },
      { header: '年度累计(万元)', weight: 5 },
      { header: '年度计划(万元)', weight: 5 },
      { header: '完成率(%)', weight: 3.4 },
      { header: '序时进度(%)', weight: 3.4 },
      { header: '差距(百分点)', weight: 3.4 },
    ],
    rows: list.map((p, i) => [
      String(i + 1),
      p.projectName,
      p.regionName,
      p.investedYtd,
      p.annualPlan,
      p.completionPct,
      p.schedulePct,
      p.gapPoints,
    ]),
  };
}

/**
 * The most lines a list's table prints. A bulletin names the projects a meeting acts on; a longer list (a city
 * whose reports have not come in yet) is printed to this length with a note, and stays whole on the meeting page
 * and in the week's ledger. (The .docx builder also takes ~6 ms a row.)
 */
export const MAX_LIST_ROWS = 50;

/** A list's table (at most MAX_LIST_ROWS lines, with a note when longer), or one sentence when it is empty. */
function listTable<T>(list: readonly T[], empty: string, table: (rows: readonly T[]) => DocBlock): DocBlock[] {
  if (list.length === 0) return [{ kind: 'paragraph', text: empty }];
  if (list.length <= MAX_LIST_ROWS) return [table(list)];
  return [
    table(list.slice(0, MAX_LIST_ROWS)),
    {
      kind: 'note',
      text: `注：共${list.length}个，本表列出前${MAX_LIST_ROWS}个，完整名单见周调度会页面和周报台账。`,
    },
  ];
}

export async function bulletinBlocks(v: MeetingView): Promise<DocBlock[]> {
  const b: DocBlock[] = [];
  const t = v.totals;

  // 一、总体进展
  b.push({ kind: 'heading1', text: '总体进展' }, { kind: 'paragraph', text: v.lead });
  b.push({
    kind: 'paragraph',
    text: `报送方面，本周应报送项目${count(t.projects)}，按时报送${count(t.timing.onTime)}，迟报${count(t.timing.late)}，未报送${count(t.timing.missing)}，尚未到补报截止时间${count(t.timing.pending)}。`,
  });
  if (v.byCategory.length) b.push(groupTable(v.byCategory, '表1 分类别完成情况', '项目类别'));

  // 二、各县区完成情况
  b.push({ kind: 'heading1', text: '各县区完成情况' });
  if (v.byRegion.length === 0) {
    b.push({ kind: 'paragraph', text: '本周无纳入周调度的项目。' });
  } else {
    const ranked = v.byRegion.filter((r) => r.rank !== null);
    const top = ranked.filter((r) => r.rank === 1).map((r) => r.name);
    const bottomRank = ranked.length ? ranked[ranked.length - 1]!.rank : null;
    const bottom = ranked.filter((r) => r.rank === bottomRank && bottomRank !== 1).map((r) => r.name);
    const sentence = ranked.length
      ? `按年度计划完成率排名，${top.join('、')}位列第一${bottom.length ? `，${bottom.join('、')}排名靠后` : ''}。`
      : '各县区暂无年度计划，不作排名。';
    b.push({ kind: 'paragraph', text: sentence });
    b.push(groupTable(v.byRegion, `表2 各县区重点项目投资完成情况排名`, '县区'));
    b.push({
      kind: 'note',
      text: `注：完成率=年度累计完成投资÷年度计划投资；序时进度=截至本月计划累计投资÷年度计划投资；完成率相同的并列同一名次；红/黄灯为该县区红灯、黄灯项目个数（落后序时进度超过${v.thresholds.redBelowPoints}个百分点为红灯，超过${v.thresholds.yellowBelowPoints}个百分点为黄灯）。`,
    });
    let figure = 0;
    if (ranked.length) {
      const c = await districtChart(v.byRegion);
      b.push({
        kind: 'image',
        png: c.png,
        width: c.width,
        height: c.height,
        caption: `图${++figure} 各县区年度计划完成率与序时进度`,
      });
    }
    const l = await lightsChart(v.byRegion);
    b.push({
      kind: 'image',
      png: l.png,
      width: l.width,
      height: l.height,
      caption: `图${++figure} 各县区红黄绿灯项目分布`,
    });
  }

  // 三、进度滞后项目
  b.push({ kind: 'heading1', text: '进度滞后项目' });
  b.push({
    kind: 'paragraph',
    text: `本周投资进度红灯项目${count(v.lists.red.length)}、黄灯项目${count(v.lists.yellow.length)}，请相关县区和责任单位逐一分析原因，倒排工期、加快推进。`,
  });
  b.push({ kind: 'heading2', text: `红灯项目（${count(v.lists.red.length)}）` });
  b.push(...listTable(v.lists.red, '本周无红灯项目。', laggingTable));
  b.push({ kind: 'heading2', text: `黄灯项目（${count(v.lists.yellow.length)}）` });
  b.push(...listTable(v.lists.yellow, '本周无黄灯项目。', laggingTable));

  // 四、应开未开和开而未建项目
  b.push({ kind: 'heading1', text: '应开未开和开而未建项目' });
  b.push({ kind: 'heading2', text: `应开未开项目（${count(v.lists.overdueStart.length)}）` });
  b.push(
    ...listTable(v.lists.overdueStart, '无应开未开项目。', (list) => ({
      kind: 'table',
      compact: true,
      columns: [
        { header: '序号', weight: 2, align: 'center' },
        { header: '项目名称', weight: 11, align: 'left' },
        { header: '属地', weight: 4.5, align: 'left' },
        { header: '责任单位', weight: 7, align: 'left' },
        { header: '所处阶段', weight: 3, align: 'center' },
        { header: '计划开工', weight: 4.6, align: 'center' },
        { header: '逾期(天)', weight: 3 },
      ],
      rows: list.map((p, i) => [
        String(i + 1),
        p.projectName,
        p.regionName,
        p.responsibleUnitName,
        STAGE_LABELS[p.stage].zh,
        p.plannedStartDate,
        String(p.daysOverdue),
      ]),
    })),
  );
  b.push({ kind: 'heading2', text: `开而未建项目（${count(v.lists.idle.length)}）` });
  b.push(
    ...listTable(v.lists.idle, '无开而未建项目。', (list) => ({
      kind: 'table',
      compact: true,
      columns: [
        { header: '序号', weight: 2, align: 'center' },
        { header: '项目名称', weight: 11, align: 'left' },
        { header: '属地', weight: 4.5, align: 'left' },
        { header: '责任单位', weight: 7, align: 'left' },
        { header: '连续零投资(周)', weight: 3.6 },
        { header: '最近有投资周', weight: 4.6, align: 'center' },
      ],
      rows: list.map((p, i) => [
        String(i + 1),
        p.projectName,
        p.regionName,
        p.responsibleUnitName,
        String(p.zeroWeeks),
        p.lastInvestedWeek ? weekShort(p.lastInvestedWeek) : null,
      ]),
    })),
  );
  b.push({
    kind: 'note',
    text: `注：应开未开指计划开工日期已过、截至${officialDate(v.asOf)}仍未开工的项目；开而未建指在建项目最近${v.thresholds.idleWeeks}次报送均无投资完成的项目。`,
  });

  // 五、未按时报送情况
  b.push({ kind: 'heading1', text: '未按时报送情况' });
  b.push({
    kind: 'paragraph',
    text: `本周未报送周报项目${count(v.lists.missing.length)}，连续${v.thresholds.missingStreak}周及以上未报送项目${count(v.lists.missingStreak.length)}；迟报项目${count(t.timing.late)}。`,
  });
  b.push({ kind: 'heading2', text: `本周未报送项目（${count(v.lists.missing.length)}）` });
  b.push(
    ...listTable(v.lists.missing, '本周无未报送项目。', (list) => ({
      kind: 'table',
      compact: true,
      columns: [
        { header: '序号', weight: 2, align: 'center' },
        { header: '项目名称', weight: 12, align: 'left' },
        { header: '属地', weight: 4.5, align: 'left' },
        { header: '责任单位', weight: 7, align: 'left' },
        { header: '填报状态', weight: 3.6, align: 'center' },
        { header: '连续未报(周)', weight: 3.4 },
      ],
      rows: list.map((p, i) => [
        String(i + 1),
        p.projectName,
        p.regionName,
        p.responsibleUnitName,
        STATUS_TEXT[p.status],
        String(p.streak),
      ]),
    })),
  );
  b.push({
    kind: 'heading2',
    text: `连续${v.thresholds.missingStreak}周及以上未报送项目（${count(v.lists.missingStreak.length)}）`,
  });
  b.push(
    ...listTable(v.lists.missingStreak, '无连续未报送项目。', (list) => ({
      kind: 'table',
      compact: true,
      columns: [
        { header: '序号', weight: 2, align: 'center' },
        { header: '项目名称', weight: 12, align: 'left' },
        { header: '属地', weight: 4.5, align: 'left' },
        { header: '责任单位', weight: 7, align: 'left' },
        { header: '连续未报(周)', weight: 3.4 },
        { header: '最近报送周', weight: 4.6, align: 'center' },
      ],
      rows: list.map((p, i) => [
        String(i + 1),
        p.projectName,
        p.regionName,
        p.responsibleUnitName,
        String(p.weeks),
        p.lastReportedWeek ? weekShort(p.lastReportedWeek) : null,
      ]),
    })),
  );

  // 六、逾期未办结协调事项
  b.push({ kind: 'heading1', text: '逾期未办结协调事项' });
  b.push({
    kind: 'paragraph',
    text: `截至${officialDate(v.asOf)}，逾期未办结协调事项${count(v.lists.overdueItems.length, '件')}${
      v.lists.overdueItems.length
        ? `，其中提交领导调度${count(v.lists.overdueItems.filter((i) => i.escalationLevel >= 2).length, '件')}、市项目办督办${count(v.lists.overdueItems.filter((i) => i.escalationLevel === 1).length, '件')}`
        : ''
    }。请承办单位限期办结，逾期事项按程序提级督办。`,
  });
  if (v.lists.overdueItems.length) {
    b.push(
      ...listTable(v.lists.overdueItems, '', (list) => ({
        kind: 'table',
        compact: true,
        columns: [
          { header: '序号', weight: 2, align: 'center' },
          { header: '项目名称', weight: 8, align: 'left' },
          { header: '类别', weight: 3.4, align: 'center' },
          { header: '事项内容', weight: 10, align: 'left' },
          { header: '承办单位', weight: 6, align: 'left' },
          { header: '办结时限', weight: 4.6, align: 'center' },
          { header: '逾期(工作日)', weight: 3.6 },
          { header: '督办层级', weight: 4.4, align: 'center' },
        ],
        rows: list.map((i, n) => [
          String(n + 1),
          i.projectName,
          i.categoryLabel,
          i.description,
          i.assignedUnitName,
          i.dueDate,
          String(i.daysOverdue),
          i.escalationLabel,
        ]),
      })),
    );
  }
  return b;
}

export type Bulletin = { filename: string; fallback: string; docx: Buffer; view: MeetingView };

/** The bulletin of a week for the caller's scope, with the view it was made from. */
export async function meetingBulletin(ctx: Ctx, actor: Actor, q: { week?: string }): Promise<Bulletin> {
  const v = await meetingView(ctx, actor, q);
  const blocks = await bulletinBlocks(v);
  const docx = await officialDocx({
    title: v.title,
    subtitle: fullWidth(v.weekLabel),
    office: actor.unitName,
    date: v.asOf,
    blocks,
  });
  return {
    filename: `${v.title}（${weekShort(v.week)}）.docx`,
    fallback: `dispatch-bulletin-${v.week}.docx`,
    docx,
    view: v,
  };
}
