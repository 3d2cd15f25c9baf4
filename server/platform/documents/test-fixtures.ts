/**
 * Test fixtures only (imported by the *.test.ts beside it): a project ledger as officials bring it, built as a real
 * .xlsx with exceljs — a merged title, a "单位：万元" line, a two-row merged header with 总投资（亿元） and
 * 年度计划 over 投资（万元）/完成率（%）, merged section rows, full-width digits, "1.2亿", "—" blanks, a date as an
 * Excel date and as text "2025年3月", a 合计 row with a formula and a note under the table.
 */
import ExcelJS from 'exceljs';
import type { ColumnSpec } from './header-match.ts';
import type { RowReader } from './import-rows.ts';
import { workbookBuffer } from './xlsx-read.ts';

/** An 18-digit code typed into a General cell: Excel stores a double, and the last digits are gone. */
export const LONG_NUMBER_USCC = Number('916101311234567890');

export async function projectLedgerUpload(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目进度表');
  ws.getCell('A1').value = '2025年全市重点项目建设进度表';
  ws.mergeCells('A1:J1');
  ws.getCell('A2').value = '填报单位：高新区发改局';
  ws.getCell('J2').value = '单位：万元';

  const single: [string, string][] = [
    ['A', '序号'],
    ['B', '项 目\n名 称'],
    ['C', '项目代码'],
    ['D', '建设单位统一社会信用代码'],
    ['E', '总投资（亿元）'],
    ['H', '计划开工'],
    ['I', '建设性质'],
    ['J', '备注'],
  ];
  for (const [col, text] of single) {
    ws.getCell(`${col}3`).value = text;
    ws.mergeCells(`${col}3:${col}4`);
  }
  ws.getCell('F3').value = '年度计划';
  ws.mergeCells('F3:G3');
  ws.getCell('F4').value = '投资（万元）';
  ws.getCell('G4').value = '完成率（%）';

  ws.getCell('A5').value = '一、续建项目';
  ws.mergeCells('A5:J5');

  ws.getRow(6).values = [
    1,
    { richText: [{ text: '西安高新区' }, { text: '智能制造产业园', font: { bold: true } }] },
    '2501-610100-04-01-123456',
    '91610131MA6TX1234X',
    '１２．５',
    '19 278.1',
    0.35,
    new Date(Date.UTC(2025, 2, 1)),
    '续建',
    { text: '项目详情', hyperlink: 'https://example.cn/projects/1' },
  ];
  ws.getCell('G6').numFmt = '0.0%';
  ws.getCell('H6').numFmt = 'yyyy-mm-dd';

  ws.getRow(7).values = [
    2,
    '秦创原数据中心',
    '2501-610100-04-01-654321',
    '91610131MA6TX5678Y',
    '1.2亿',
    '—',
    '—',
    '2025年3月',
    '新建',
  ];

  ws.getCell('A8').value = '二';
  ws.getCell('B8').value = '新开工项目';
  ws.mergeCells('B8:J8');

  ws.getRow(9).values = [
    3,
    '光伏组件项目',
    '2501-610100-04-01-000003',
    LONG_NUMBER_USCC,
    'abc',
    '3500万',
    0.5,
    '2025-13-01',
    '扩建',
  ];
  // row 10 blank
  ws.getCell('A11').value = '合计';
  ws.mergeCells('A11:B11');
  ws.getCell('E11').value = { formula: 'SUM(E6:E9)', result: 13.7 };
  ws.getCell('F11').value = 23278.1;
  ws.getCell('A12').value = '注：本表数据截至2025年3月底';
  ws.mergeCells('A12:J12');
  return workbookBuffer(wb);
}

export type ProjectKey = 'name' | 'code' | 'uscc' | 'total' | 'annualPlan' | 'rate' | 'start' | 'nature';

export const PROJECT_SPEC: readonly ColumnSpec<ProjectKey>[] = [
  { key: 'name', label: '项目名称', synonyms: ['项目', '名称'], required: true },
  { key: 'code', label: '项目代码', synonyms: ['投资项目统一代码', '项目编码'], required: true },
  { key: 'uscc', label: '统一社会信用代码', synonyms: ['建设单位统一社会信用代码', '信用代码'] },
  {
    key: 'total',
    label: '总投资',
    synonyms: ['项目总投资', '计划总投资'],
    kind: 'amount',
    required: true,
    allowNegative: false,
  },
  { key: 'annualPlan', label: '年度计划投资', synonyms: ['年度投资计划', '年计划投资', '本年计划'], kind: 'amount' },
  { key: 'rate', label: '年度计划完成率', synonyms: ['完成率'], kind: 'percent' },
  { key: 'start', label: '计划开工', synonyms: ['计划开工时间', '计划开工日期'], kind: 'date' },
  { key: 'nature', label: '建设性质', synonyms: [] },
];

export const NATURES = ['新建', '续建'];

export function validateProject(r: RowReader<ProjectKey>) {
  const name = r.text('name', { required: true, maxLength: 100 });
  const code = r.text('code', { required: true });
  const uscc = r.text('uscc');
  const total = r.amount('total', { required: true });
  const annualPlan = r.amount('annualPlan');
  const rate = r.percent('rate');
  const start = r.date('start');
  const nature = r.text('nature');
  if (nature !== null && !NATURES.includes(nature)) {
    r.error('nature', `建设性质“${nature}”不在可选值（${NATURES.join('、')}）中`);
  }
  if (total !== null && annualPlan !== null && annualPlan > total) {
    r.error('annualPlan', '年度计划投资不能大于总投资');
  }
  return r.done(() => ({
    name,
    code,
    uscc,
    total,
    annualPlan,
    annualPlanBlank: r.blank('annualPlan'),
    rate,
    start,
    nature,
  }));
}
