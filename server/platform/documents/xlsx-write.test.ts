import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ColumnSpec, matchHeaders } from './header-match.ts';
import { importRows } from './import-rows.ts';
import { PROJECT_SPEC, projectLedgerUpload, validateProject } from './test-fixtures.ts';
import { readSheet } from './xlsx-read.ts';
import {
  errorText,
  type LedgerColumn,
  ledgerCell,
  ledgerWorkbook,
  safeSheetName,
  templateWorkbook,
  textWidth,
  withErrorColumn,
} from './xlsx-write.ts';

async function open(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const COLUMNS: LedgerColumn[] = [
  { header: '项目名称', key: 'name', kind: 'text' },
  { header: '项目代码', key: 'code', kind: 'text' },
  { header: '统一社会信用代码', key: 'uscc', kind: 'text' },
  { header: '总投资(万元)', key: 'total', kind: 'amount' },
  { header: '年度计划投资(万元)', key: 'plan', kind: 'amount' },
  { header: '年度计划完成率(%)', key: 'rate', kind: 'percent' },
  { header: '计划开工', key: 'start', kind: 'date' },
  { header: '照片数', key: 'photos', kind: 'int', width: 10 },
];

const ROWS = [
  {
    name: '西安高新区智能制造产业园',
    code: '0012345',
    uscc: '916101311234567890',
    total: 1_250_000n,
    plan: '19278.10',
    rate: 355n,
    start: '2025-03-01',
    photos: 3,
  },
  {
    name: '秦创原数据中心',
    code: null,
    uscc: '91610131MA6TX5678Y',
    total: 1234.5,
    plan: '—',
    rate: 12.5,
    start: new Date('2025-03-01T16:30:00Z'), // 2025-03-02 00:30 in Shanghai
    photos: 0n,
  },
];

async function ledger() {
  const buf = await ledgerWorkbook({
    title: '2025年重点项目台账',
    filterLine: '筛选条件：区县=高新区；阶段=在建　导出时间：2025-03-05 10:00　共2个项目',
    columns: COLUMNS,
    rows: ROWS,
    totals: { total: 1_373_450n, plan: '19278.10', photos: 3 },
  });
  return (await open(buf)).getWorksheet('台账')!;
}

describe('ledgerWorkbook', () => {
  it('writes the title merged across the table, the filter line and the frozen bold header with 序号 first', async () => {
    const ws = await ledger();
    expect(ws.getCell('A1').value).toBe('2025年重点项目台账');
    expect(ws.getCell('A1').font.bold).toBe(true);
    for (const addr of ['B1', 'I1']) expect(ws.getCell(addr).master.address).toBe('A1');
    expect(ws.getCell('J1').isMerged).toBe(false);
    expect(ws.getCell('A2').value).toBe('筛选条件：区县=高新区；阶段=在建　导出时间：2025-03-05 10:00　共2个项目');
    expect(ws.getCell('I2').master.address).toBe('A2');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '项目名称',
      '项目代码',
      '统一社会信用代码',
      '总投资(万元)',
      '年度计划投资(万元)',
      '年度计划完成率(%)',
      '计划开工',
      '照片数',
    ]);
    for (let c = 1; c <= 9; c++) expect(ws.getRow(3).getCell(c).font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('writes amounts as numbers, codes as text, dates as dates, percents as fractions', async () => {
    const ws = await ledger();
    const cells = (r: number) =>
      Array.from({ length: 9 }, (_, i) => {
        const cell = ws.getRow(r).getCell(i + 1);
        return [cell.value, cell.numFmt ?? null];
      });
    expect(cells(4)).toEqual([
      [1, null],
      ['西安高新区智能制造产业园', '@'],
      ['0012345', '@'],
      ['916101311234567890', '@'],
      [12500, '#,##0.00'],
      [19278.1, '#,##0.00'],
      [0.355, '0.0%'],
      [new Date(Date.UTC(2025, 2, 1)), 'yyyy-mm-dd'],
      [3, '0'],
    ]);
    expect(cells(5)).toEqual([
      [2, null],
      ['秦创原数据中心', '@'],
      [null, null],
      ['91610131MA6TX5678Y', '@'],
      [1234.5, '#,##0.00'],
      ['—', null],
      [0.125, '0.0%'],
      [new Date(Date.UTC(2025, 2, 2)), 'yyyy-mm-dd'],
      [0, '0'],
    ]);
    expect(ws.getColumn(9).width).toBe(10);
    expect(ws.getColumn(1).width).toBe(6);
  });

  it('ends with a bold 合计 row spanning the columns before the first total', async () => {
    const ws = await ledger();
    const row = ws.getRow(6);
    expect(row.getCell(1).value).toBe('合计');
    expect(row.getCell(1).font.bold).toBe(true);
    expect(['B6', 'C6', 'D6'].map((a) => ws.getCell(a).master.address)).toEqual(['A6', 'A6', 'A6']);
    expect(ws.getCell('E6').isMerged).toBe(false);
    expect([5, 6, 7, 8, 9].map((c) => row.getCell(c).value)).toEqual([13734.5, 19278.1, null, null, 3]);
    expect(row.getCell(5).numFmt).toBe('#,##0.00');
    expect(ws.getCell('A7').value).toBeNull();
  });

  it('prints on A4 landscape, one page wide, with the header row repeated', async () => {
    const ws = await ledger();
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  });

  it('writes no totals row when none is asked for, and an empty ledger still has its header', async () => {
    const buf = await ledgerWorkbook({ title: '台账', filterLine: '筛选条件：无', columns: COLUMNS, rows: [] });
    const ws = (await open(buf)).worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getCell('B3').value).toBe('项目名称');
  });

  it("writes section rows merged across the table and each row's own number in 序号", async () => {
    const buf = await ledgerWorkbook({
      title: '重点任务台账',
      filterLine: '',
      columns: [{ header: '任务', key: 'content', kind: 'text' }],
      rows: [
        { no: '1.1', content: '甲' },
        { no: '1.2', content: '乙' },
        { no: '2.1', content: '丙' },
      ],
      sections: [
        { before: 0, title: '一、稳增长' },
        { before: 2, title: '二、优环境' },
      ],
      seqKey: 'no',
    });
    const ws = (await open(buf)).worksheets[0]!;
    const col = (c: number) => [4, 5, 6, 7, 8].map((r) => ws.getCell(r, c).value);
    expect(col(1)).toEqual(['一、稳增长', '1.1', '1.2', '二、优环境', '2.1']);
    expect(col(2)).toEqual(['一、稳增长', '甲', '乙', '二、优环境', '丙']);
    expect(ws.getCell(4, 1).isMerged && ws.getCell(4, 2).master.address).toBe('A4');
  });

  it('reads back through the import pipeline to the same values', async () => {
    const buf = await ledgerWorkbook({
      title: '2025年重点项目台账',
      filterLine: '筛选条件：全部',
      columns: COLUMNS,
      rows: ROWS,
      totals: { total: 1_373_450n },
    });
    type K = 'name' | 'code' | 'total' | 'rate' | 'start';
    const spec: ColumnSpec<K>[] = [
      { key: 'name', label: '项目名称', synonyms: [], required: true },
      { key: 'code', label: '项目代码', synonyms: [] },
      { key: 'total', label: '总投资', synonyms: [], kind: 'amount' },
      { key: 'rate', label: '年度计划完成率', synonyms: [], kind: 'percent' },
      { key: 'start', label: '计划开工', synonyms: [], kind: 'date' },
    ];
    const g = await readSheet(buf);
    const m = matchHeaders(g, spec);
    expect(m.headerRows).toEqual({ first: 3, last: 3 });
    const result = importRows(g, m, (r) =>
      r.done(() => ({
        name: r.text('name'),
        code: r.text('code'),
        total: r.amount('total'),
        rate: r.percent('rate'),
        start: r.date('start')?.date,
      })),
    );
    expect(result.rows.map((x) => x.value)).toEqual([
      { name: '西安高新区智能制造产业园', code: '0012345', total: 1_250_000n, rate: 355n, start: '2025-03-01' },
      { name: '秦创原数据中心', code: null, total: 123_450n, rate: 125n, start: '2025-03-02' },
    ]);
    expect(result.totals.map((t) => t.row)).toEqual([6]);
  });
});

describe('ledger cells', () => {
  it.each([
    ['amount', '12345.6', 12345.6, '#,##0.00'],
    ['amount', '—', '—', undefined],
    ['amount', -1n, -0.01, '#,##0.00'],
    ['percent', '13.8', 0.138, '0.0%'],
    ['percent', 1000n, 1, '0.0%'],
    ['date', '2025-03', '2025-03', undefined],
    ['date', '年内', '年内', undefined],
    ['int', '12', 12, '0'],
    ['text', 123, '123', '@'],
  ] as const)('%s %s', (kind, input, value, numFmt) => {
    const cell = ledgerCell(kind, input);
    expect(cell.value).toEqual(value);
    expect(cell.numFmt).toBe(numFmt);
  });

  it('measures Chinese as two characters and makes a valid sheet name', () => {
    expect(textWidth('总投资(万元)')).toBe(12);
    expect(textWidth('ＧＤＰ增速')).toBe(10);
    expect(safeSheetName('2025/1-3月:台账[全市]')).toBe('2025_1-3月_台账_全市_');
    expect(safeSheetName('很'.repeat(40))).toHaveLength(31);
  });
});

const TEMPLATE_COLUMNS = [
  { header: '项目名称', key: 'name', required: true, note: '与立项批复一致' },
  { header: '项目代码', key: 'code', required: true, note: '投资项目统一代码，如2501-610100-04-01-123456' },
  { header: '总投资(万元)', key: 'total', kind: 'amount' as const, required: true },
  { header: '计划开工', key: 'start', kind: 'date' as const, note: '如2025-03-01或2025年3月' },
  { header: '建设性质', key: 'nature' },
  { header: '所属区县', key: 'region' },
];
const REGIONS = Array.from({ length: 40 }, (_, i) => `第${i + 1}示范区管理委员会`);

describe('templateWorkbook', () => {
  async function template() {
    const buf = await templateWorkbook({
      columns: TEMPLATE_COLUMNS,
      notes: ['请勿修改表头', '金额可填写“1.2亿”“3500万”，默认单位为万元'],
      validations: [
        { key: 'nature', list: ['新建', '续建'] },
        { key: 'region', list: REGIONS },
      ],
    });
    return open(buf);
  }

  it('puts the Chinese headers in row 1 of the first sheet, required ones in red, frozen', async () => {
    const wb = await template();
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['导入数据', 'visible'],
      ['填写说明', 'visible'],
      ['下拉选项', 'hidden'],
    ]);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '项目名称',
      '项目代码',
      '总投资(万元)',
      '计划开工',
      '建设性质',
      '所属区县',
    ]);
    expect(ws.getCell('A1').font.color).toEqual({ argb: 'FFC00000' });
    expect(ws.getCell('D1').font.color).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(2).values).toEqual([]);
  });

  it('formats text columns as text and date columns as dates for what users will type', async () => {
    const ws = (await template()).worksheets[0]!;
    expect([1, 2, 3, 4, 5].map((c) => ws.getColumn(c).numFmt ?? null)).toEqual(['@', '@', null, 'yyyy-mm-dd', '@']);
  });

  it('adds drop-down lists, inline when short and on the hidden sheet when long', async () => {
    const wb = await template();
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('E2').dataValidation).toMatchObject({
      type: 'list',
      allowBlank: true,
      formulae: ['"新建,续建"'],
      showErrorMessage: true,
      errorStyle: 'stop',
      error: '请从下拉列表中选择建设性质',
    });
    expect(ws.getCell('E5001').dataValidation).toMatchObject({ formulae: ['"新建,续建"'] });
    expect(ws.getCell('E5002').dataValidation).toBeUndefined();
    expect(ws.getCell('E1').dataValidation).toBeUndefined();
    expect(ws.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ["'下拉选项'!$A$2:$A$41"] });
    const lists = wb.getWorksheet('下拉选项')!;
    expect(lists.getCell('A1').value).toBe('所属区县');
    expect(lists.getCell('A2').value).toBe('第1示范区管理委员会');
    expect(lists.getCell('A41').value).toBe('第40示范区管理委员会');
  });

  it('writes the notes and one line per column on 填写说明', async () => {
    const notes = (await template()).getWorksheet('填写说明')!;
    const text = (r: number) => [1, 2, 3].map((c) => notes.getRow(r).getCell(c).value ?? null);
    expect(notes.getCell('A1').value).toBe('填写说明');
    expect(notes.getCell('A2').value).toBe('1. 请勿修改表头');
    expect(notes.getCell('A3').value).toBe('2. 金额可填写“1.2亿”“3500万”，默认单位为万元');
    expect(text(5)).toEqual(['列名', '是否必填', '填写要求']);
    expect(text(6)).toEqual(['项目名称', '必填', '与立项批复一致']);
    expect(text(7)).toEqual(['项目代码', '必填', '投资项目统一代码，如2501-610100-04-01-123456']);
    expect(text(8)).toEqual(['总投资(万元)', '必填', '']);
    expect(text(10)).toEqual(['建设性质', '选填', '可选值：新建、续建']);
    expect(String(text(11)[2])).toMatch(/^可选值：第1示范区管理委员会、第2示范区管理委员会、/);
  });

  it('is itself a valid upload: its header matches and it imports nothing', async () => {
    const buf = await templateWorkbook({ columns: TEMPLATE_COLUMNS, notes: [], validations: [] });
    const g = await readSheet(buf);
    const m = matchHeaders(g, [
      { key: 'name', label: '项目名称', synonyms: [], required: true },
      { key: 'total', label: '总投资', synonyms: [], kind: 'amount', required: true },
    ]);
    expect(m.problems).toEqual([]);
    expect(m.byKey.total?.amountUnit).toBe('万元');
    expect(importRows(g, m, (r) => r.done(() => r.row)).rows).toEqual([]);
  });

  it('refuses a validation for a column it does not have (a programming error)', async () => {
    await expect(
      templateWorkbook({ columns: TEMPLATE_COLUMNS, notes: [], validations: [{ key: 'stage', list: ['在建'] }] }),
    ).rejects.toThrow('template validation for unknown column "stage"');
  });
});

describe('withErrorColumn', () => {
  async function firstRound() {
    const upload = await projectLedgerUpload();
    const g = await readSheet(upload);
    const m = matchHeaders(g, PROJECT_SPEC);
    const result = importRows(g, m, validateProject);
    return { upload, result };
  }

  it('gives the upload back with a 错误原因 column filled on the rejected rows', async () => {
    const { upload, result } = await firstRound();
    const back = await withErrorColumn(upload, result.rejected, { headerRows: result.headerRows });
    const ws = (await open(back)).worksheets[0]!;
    expect(ws.name).toBe('项目进度表');
    expect(ws.getCell('K3').value).toBe('错误原因');
    expect(ws.getCell('K4').master.address).toBe('K3');
    expect(ws.getCell('K3').font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
    expect(ws.getCell('K9').value).toBe(
      [
        '建设单位统一社会信用代码：数字“916101311234568000”过长，Excel已按数值保存并丢失了末尾数字，请把该列设为文本格式后重新填写',
        '总投资（亿元）：无法识别的金额“abc”',
        '计划开工：日期“2025-13-01”的月份不存在',
        '建设性质“扩建”不在可选值（新建、续建）中',
      ].join('；'),
    );
    expect(ws.getCell('K9').font.color).toEqual({ argb: 'FFC00000' });
    for (const addr of ['K5', 'K6', 'K7', 'K8', 'K11']) expect(ws.getCell(addr).value).toBeNull();
    // everything else as uploaded; the formula of the 合计 row is replaced by its value
    expect(ws.getCell('E9').value).toBe('abc');
    expect(ws.getCell('B6').value).toEqual({
      richText: [{ text: '西安高新区' }, { text: '智能制造产业园', font: { bold: true } }],
    });
    expect(ws.getCell('E11').value).toBe(13.7);
    expect(ws.getCell('A5').master.address).toBe('A5');
    expect(ws.getCell('J5').master.address).toBe('A5');
  });

  it('reuses the 错误原因 column when the returned file is uploaded again', async () => {
    const { upload, result } = await firstRound();
    const back = await withErrorColumn(upload, result.rejected, { headerRows: result.headerRows });
    // the user fixed row 9 but broke row 7
    const g = await readSheet(back);
    const m = matchHeaders(g, PROJECT_SPEC);
    expect(m.unknown.map((u) => u.header)).toEqual(['备注']);
    const second = [{ row: 7, column: '项目代码', original: '', message: '项目代码不能为空' }];
    const again = await withErrorColumn(back, second, { headerRows: m.headerRows });
    const ws = (await open(again)).worksheets[0]!;
    expect(ws.getCell('K3').value).toBe('错误原因');
    expect(ws.getCell('L3').value).toBeNull();
    expect(ws.getCell('K7').value).toBe('项目代码不能为空');
    expect(ws.getCell('K9').value).toBeNull();
  });

  it('puts the header in row 1 by default and ignores rejections inside the header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws0 = wb.addWorksheet('数据');
    ws0.addRows([
      ['项目名称', '总投资'],
      ['甲', 'x'],
    ]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const back = await withErrorColumn(buf, [
      { row: 2, column: '总投资', original: 'x', message: '无法识别的金额“x”' },
      { row: 2, column: '总投资', original: 'x', message: '无法识别的金额“x”' },
      { row: 1, column: '', original: '', message: '不应出现' },
    ]);
    const ws = (await open(back)).worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '项目名称', '总投资', '错误原因']);
    expect(ws.getCell('C2').value).toBe('总投资：无法识别的金额“x”');
  });

  it('refuses to give back something that is not an .xlsx', async () => {
    await expect(withErrorColumn(Buffer.from('not a workbook'), [])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { path: 'file', message: '文件不是Excel工作簿（.xlsx），请使用下载的模板或在Excel中另存为.xlsx后重新上传' },
      ],
    });
  });

  it('joins one row’s reasons once each', () => {
    expect(
      errorText([
        { row: 3, column: '项目名称', original: '', message: '项目名称不能为空' },
        { row: 3, column: '', original: '', message: '与第2行重复' },
        { row: 3, column: '总投资', original: 'x', message: '无法识别的金额“x”' },
        { row: 3, column: '总投资', original: 'x', message: '无法识别的金额“x”' },
      ]),
    ).toBe('项目名称不能为空；与第2行重复；总投资：无法识别的金额“x”');
  });
});
