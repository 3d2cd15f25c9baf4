import { describe, expect, it } from 'vitest';
import {
  chineseOrdinal,
  type PlanColumnKey,
  type PlanSheetItem,
  parseSectionHeading,
  planColumnProblems,
  readPlanSheet,
} from './plan-sheet.ts';

const ALL: PlanColumnKey[] = ['number', 'content', 'leaders', 'lead', 'partners', 'deadline'];
const section = (row: number, text: string): PlanSheetItem => ({ row, kind: 'section', text });
const task = (row: number, cells: Partial<Record<PlanColumnKey, string>>): PlanSheetItem => ({
  row,
  kind: 'data',
  cells,
});
const read = (items: PlanSheetItem[], present: PlanColumnKey[] = ALL, headers = {}) =>
  readPlanSheet({ items, present, headers, year: 2026 });

describe('a 政府工作报告 分工方案 with sections and numbering running on', () => {
  const sheet = read([
    section(3, '一、着力稳增长，推动经济运行持续向好'),
    task(4, {
      number: '1',
      content: '全年地区生产总值增长6%左右，一般公共预算收入增长5%。',
      leaders: '李明远',
      lead: '市发改委',
      partners: '市财政局、市统计局',
      deadline: '年底前',
    }),
    task(5, {
      number: '2',
      content: '实施重点项目320个，完成投资560亿元以上。',
      leaders: '李明远、刘志刚',
      lead: '市项目办（下同）',
      partners: '各区县政府，市直有关部门',
      deadline: '4月底前出台相关政策，年内持续推进',
    }),
    section(6, '二、着力强产业，加快构建现代化产业体系'),
    task(7, { number: '3', content: '新增规上工业企业50户。', leaders: '张慧敏', lead: '', deadline: '每季度' }),
    task(8, {
      number: '４',
      content: '推动“专精特新”企业梯度培育。',
      leaders: '同上',
      lead: '市工信局',
      partners: '市科技局；市市场监管局',
      deadline: '２０２６年６月底前',
    }),
  ]);

  it('reads the sections as a flat list with their labels', () => {
    expect(sheet.sections).toEqual([
      { ordinal: 1, label: '一', title: '着力稳增长，推动经济运行持续向好', row: 3 },
      { ordinal: 2, label: '二', title: '着力强产业，加快构建现代化产业体系', row: 6 },
    ]);
  });

  it('keeps running numbers as written, units as names, 下同 and 同上 applied', () => {
    expect(sheet.rejected).toEqual([]);
    expect(
      sheet.tasks.map((t) => [t.number, t.sectionOrdinal, t.leadUnitName, t.partnerUnitNames, t.leaderNames]),
    ).toEqual([
      ['1', 1, '市发改委', ['市财政局', '市统计局'], ['李明远']],
      ['2', 1, '市项目办', ['各区县政府', '市直有关部门'], ['李明远', '刘志刚']],
      ['3', 2, '市项目办', [], ['张慧敏']],
      ['4', 2, '市工信局', ['市科技局', '市市场监管局'], ['张慧敏']],
    ]);
    expect(sheet.tasks.map((t) => t.sort)).toEqual([1, 2, 3, 4]);
  });

  it('parses each deadline, keeping the text', () => {
    expect(sheet.tasks.map((t) => [t.deadlineText, t.deadline.kind, t.deadline.on])).toEqual([
      ['年底前', 'date', '2026-12-31'],
      ['4月底前出台相关政策，年内持续推进', 'continuous', null],
      ['每季度', 'recurring', null],
      ['２０２６年６月底前', 'date', '2026-06-30'],
    ]);
    expect(sheet.tasks[1]!.deadline.milestones).toEqual([{ title: '出台相关政策', on: '2026-04-30' }]);
  });
});

describe('task numbers', () => {
  it('numbers restarting in each section get the section ordinal', () => {
    const s = read([
      section(2, '一、稳增长'),
      task(3, { number: '1', content: '甲', lead: '市发改委', deadline: '年底前' }),
      task(4, { number: '2', content: '乙', lead: '市发改委', deadline: '年底前' }),
      section(5, '（一）扩大有效投资'),
      task(6, { number: '1', content: '丙', lead: '市发改委', deadline: '年底前' }),
      section(7, '二、强产业'),
      task(8, { number: '(1)', content: '丁', lead: '市发改委', deadline: '年底前' }),
    ]);
    expect(s.rejected).toEqual([]);
    expect(s.sections.map((x) => [x.ordinal, x.label])).toEqual([
      [1, '一'],
      [2, '(一)'],
      [3, '二'],
    ]);
    expect(s.tasks.map((t) => t.number)).toEqual(['1.1', '1.2', '2.1', '3.1']);
  });

  it('dotted numbers are kept; a sub-task knows its parent; blank numbers take their position', () => {
    const s = read([
      section(2, '三、惠民生'),
      task(3, { number: '3.12', content: '甲', lead: '市发改委', deadline: '年底前' }),
      task(4, { number: '3.12.1', content: '乙', lead: '市发改委', deadline: '年底前' }),
      task(5, { number: '3.1-1', content: '丙', lead: '市发改委', deadline: '年底前' }),
      task(6, { number: '', content: '丁', lead: '市发改委', deadline: '年底前' }),
      task(7, { number: '①', content: '戊', lead: '市发改委', deadline: '年底前' }),
    ]);
    expect(s.rejected).toEqual([]);
    expect(s.tasks.map((t) => [t.number, t.parentNumber])).toEqual([
      ['3.12', null],
      ['3.12.1', '3.12'],
      ['3.1-1', null],
      ['1.4', null],
      ['1', null],
    ]);
  });

  it('the same sheet read twice gives the same numbers', () => {
    const items = [
      section(2, '一、稳增长'),
      task(3, { content: '甲', lead: '市发改委', deadline: '年底前' }),
      task(4, { content: '乙', lead: '市发改委', deadline: '年底前' }),
    ];
    expect(read(items).tasks.map((t) => t.number)).toEqual(read(items).tasks.map((t) => t.number));
    expect(read(items).tasks.map((t) => t.number)).toEqual(['1.1', '1.2']);
  });

  it('a duplicate or unreadable number is a row error', () => {
    const s = read([
      task(3, { number: '3.1', content: '甲', lead: '市发改委', deadline: '年底前' }),
      task(4, { number: '3.1', content: '乙', lead: '市发改委', deadline: '年底前' }),
      task(5, { number: '甲-1', content: '丙', lead: '市发改委', deadline: '年底前' }),
    ]);
    expect(s.tasks.map((t) => t.number)).toEqual(['3.1']);
    expect(s.rejected).toEqual([
      { row: 4, column: '序号', original: '3.1', message: '序号“3.1”与第3行重复，同一方案内序号不能重复' },
      { row: 5, column: '序号', original: '甲-1', message: '序号“甲-1”无法识别，应为 1、3.12 这样的编号' },
    ]);
  });
});

describe('rejected rows say row, column, original text and why', () => {
  const s = read(
    [
      task(5, { number: '1', content: '推进老旧小区改造', lead: '市住建局', deadline: '尽快' }),
      task(6, { number: '2', content: '', lead: '市住建局', deadline: '年底前' }),
      task(7, { number: '3', content: '建设口袋公园10个', lead: '', partners: '市城管局', deadline: '年底前' }),
      task(8, { number: '4', content: '推进河长制', lead: '市水利局、市生态环境局分别牵头', deadline: '年底前' }),
      task(9, { number: '5', content: '新增城镇就业', lead: '市人社局', deadline: '2026年2月30日' }),
      task(10, { number: '6', content: '新增城镇就业', lead: '市人社局', deadline: '年底前', target: '约一万' }),
    ],
    [...ALL, 'target'],
    { deadline: '完成时限', content: '工作任务' },
  );
  it('lists each problem with the sheet’s own header', () => {
    expect(s.tasks).toEqual([]);
    expect(s.rejected).toEqual([
      {
        row: 5,
        column: '完成时限',
        original: '尽快',
        message: '“尽快”不是具体时限，请写明完成日期（如“6月底前”“2026年12月31日前”）或“长期坚持”',
      },
      { row: 6, column: '工作任务', original: '', message: '工作任务不能为空' },
      {
        row: 7,
        column: '牵头单位',
        original: '',
        message: '缺少牵头单位：请填写牵头单位（没有牵头单位列时，责任单位中排在第一位的单位牵头）',
      },
      {
        row: 8,
        column: '牵头单位',
        original: '市水利局、市生态环境局分别牵头',
        message:
          '“市水利局、市生态环境局分别牵头”为多个单位分别牵头，一项任务只能有一个牵头单位，请按牵头单位拆分为多行（如 3.1-1、3.1-2）后再导入',
      },
      {
        row: 9,
        column: '完成时限',
        original: '2026年2月30日',
        message: '“2026年2月30日”不是有效日期：2026年2月只有28天',
      },
      { row: 10, column: '目标值', original: '约一万', message: '目标值“约一万”不是数字（可写 1.2 或 1.2万人）' },
    ]);
  });
});

describe('columns and cells', () => {
  it('without 牵头单位 the first 责任单位 leads; targets, units and tags are read', () => {
    const s = read(
      [
        task(3, {
          number: '1',
          content: '新增城镇就业1.2万人',
          responsible: '市人社局、各区县政府',
          deadline: '年底前',
          target: '1.2',
          targetUnit: '万人',
          tags: '民生实事、就业',
        }),
        task(4, { number: '2', content: '引进项目', responsible: '市投促局', deadline: '年底前', target: '1,200个' }),
      ],
      ['number', 'content', 'responsible', 'deadline', 'target', 'tags'],
    );
    expect(s.rejected).toEqual([]);
    expect(s.tasks.map((t) => [t.leadUnitName, t.partnerUnitNames, t.targetValue, t.targetUnit, t.tags])).toEqual([
      ['市人社局', ['各区县政府'], '1.2', '万人', ['民生实事', '就业']],
      ['市投促局', [], '1200', '个', []],
    ]);
  });

  it('a note says when several 牵头单位 were reduced to the first', () => {
    const s = read([task(3, { number: '1', content: '甲', lead: '市发改委、市工信局', deadline: '年底前' })]);
    expect(s.tasks[0]!.partnerUnitNames).toEqual(['市工信局']);
    expect(s.notes).toEqual([{ row: 3, message: expect.stringContaining('按排在第一位的“市发改委”牵头') }]);
  });

  it('a sheet with no column naming a lead unit is refused', () => {
    expect(planColumnProblems(['content', 'deadline'])).toEqual(['缺少必填列：牵头单位（或责任单位）']);
    expect(planColumnProblems(['content', 'deadline', 'responsible'])).toEqual([]);
  });

  it('headings and ordinals', () => {
    expect(parseSectionHeading('一、着力稳增长')).toEqual({ label: '一', title: '着力稳增长' });
    expect(parseSectionHeading('（三）扩大有效投资')).toEqual({ label: '(三)', title: '扩大有效投资' });
    expect(parseSectionHeading('第二部分 重点改革')).toEqual({ label: '第二部分', title: '重点改革' });
    expect(parseSectionHeading('重点民生实事')).toEqual({ label: '', title: '重点民生实事' });
    expect([1, 9, 10, 11, 20, 23].map(chineseOrdinal)).toEqual(['一', '九', '十', '十一', '二十', '二十三']);
  });
});
