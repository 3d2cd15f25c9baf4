import { describe, expect, it } from 'vitest';
import { type ColumnSpec, matchHeaders } from './header-match.ts';
import { importRows, parseText, type RowReader } from './import-rows.ts';
import { PROJECT_SPEC, projectLedgerUpload, validateProject } from './test-fixtures.ts';
import { type CellValue, readSheet, type SheetGrid } from './xlsx-read.ts';

function grid(
  rows: CellValue[][],
  merges: SheetGrid['merges'] = [],
  numFmts: Record<number, Record<number, string>> = {},
) {
  return {
    name: 'S',
    rows: rows.map((cells, i) =>
      numFmts[i + 1] ? { row: i + 1, cells, numFmts: numFmts[i + 1] } : { row: i + 1, cells },
    ),
    merges,
    columnCount: Math.max(...rows.map((r) => r.length)),
  } satisfies SheetGrid;
}

describe('importRows: the project ledger upload end to end', () => {
  it('imports the valid rows with exact values and the section they are in', async () => {
    const g = await readSheet(await projectLedgerUpload());
    const result = importRows(g, matchHeaders(g, PROJECT_SPEC), validateProject);
    expect(result.headerRows).toEqual({ first: 3, last: 4 });
    expect(result.rows).toEqual([
      {
        row: 6,
        section: ['一、续建项目'],
        value: {
          name: '西安高新区智能制造产业园',
          code: '2501-610100-04-01-123456',
          uscc: '91610131MA6TX1234X',
          total: 12_500_000n, // "１２．５" in a 亿元 column = 125000.00 万元
          annualPlan: 1_927_810n, // "19 278.1" 万元
          annualPlanBlank: null,
          rate: 350n, // 0.35 formatted 0.0% = 35.0 %
          start: { date: '2025-03-01', precision: 'day', original: '2025-03-01' },
          nature: '续建',
        },
      },
      {
        row: 7,
        section: ['一、续建项目'],
        value: {
          name: '秦创原数据中心',
          code: '2501-610100-04-01-654321',
          uscc: '91610131MA6TX5678Y',
          total: 1_200_000n, // "1.2亿" = 12000.00 万元, the cell's own unit
          annualPlan: null,
          annualPlanBlank: 'dash', // "—" is not zero
          rate: null,
          start: { date: '2025-03-01', precision: 'month', original: '2025年3月' },
          nature: '新建',
        },
      },
    ]);
  });

  it('rejects every bad cell with its row, column as it appeared, original text and reason', async () => {
    const g = await readSheet(await projectLedgerUpload());
    const result = importRows(g, matchHeaders(g, PROJECT_SPEC), validateProject);
    expect(result.rejected).toEqual([
      {
        row: 9,
        column: '建设单位统一社会信用代码',
        original: '916101311234568000',
        message: '数字“916101311234568000”过长，Excel已按数值保存并丢失了末尾数字，请把该列设为文本格式后重新填写',
      },
      { row: 9, column: '总投资（亿元）', original: 'abc', message: '无法识别的金额“abc”' },
      { row: 9, column: '计划开工', original: '2025-13-01', message: '日期“2025-13-01”的月份不存在' },
      { row: 9, column: '建设性质', original: '扩建', message: '建设性质“扩建”不在可选值（新建、续建）中' },
    ]);
    expect(result.rejectedRows).toEqual([9]);
  });

  it('flags the total row, lists sections and notes, counts blank rows, imports none of them', async () => {
    const g = await readSheet(await projectLedgerUpload());
    const result = importRows(g, matchHeaders(g, PROJECT_SPEC), validateProject);
    expect(result.totals).toEqual([
      {
        row: 11,
        text: '合计',
        values: {
          name: '合计',
          code: null,
          uscc: null,
          total: 13.7,
          annualPlan: 23278.1,
          rate: null,
          start: null,
          nature: null,
        },
      },
    ]);
    expect(result.sections.map((s) => [s.row, s.text])).toEqual([
      [5, '一、续建项目'],
      [8, '二、新开工项目'],
    ]);
    expect(result.notes.map((s) => [s.row, s.text])).toEqual([[12, '注：本表数据截至2025年3月底']]);
    expect(result.blankRows).toBe(1);
  });
});

type K = 'region' | 'value' | 'growth';
const STATS: readonly ColumnSpec<K>[] = [
  { key: 'region', label: '地区', synonyms: ['区县', '单位'], required: true },
  { key: 'value', label: '绝对值', synonyms: ['总量'], kind: 'amount' },
  { key: 'growth', label: '增速', synonyms: ['同比增长', '增长'], kind: 'percent' },
];

const statsRow = (r: RowReader<K>) => {
  const region = r.text('region', { required: true });
  const value = r.amount('value');
  const growth = r.percent('growth', { required: true });
  return r.done(() => ({ region, value, growth }));
};

describe('importRows: rows of a statistics table', () => {
  it('flags 全市 first and 其中 breakdowns as totals and never ranks them', () => {
    const g = grid([
      ['地区', '总量（亿元）', '增速（%）'],
      ['全市', 1000, 5.1],
      ['其中：城区', 600, 4.0],
      ['新城区', 300, '６．２'],
      ['高新区', '', '-1.5%'],
      ['经开区', '…', '—'],
    ]);
    const result = importRows(g, matchHeaders(g, STATS), statsRow);
    expect(result.totals.map((t) => [t.row, t.text])).toEqual([
      [2, '全市'],
      [3, '其中：城区'],
    ]);
    expect(result.rows).toEqual([
      { row: 4, section: [], value: { region: '新城区', value: 300_000_000n, growth: 62n } },
      { row: 5, section: [], value: { region: '高新区', value: null, growth: -15n } },
    ]);
    expect(result.rejected).toEqual([
      { row: 6, column: '增速（%）', original: '—', message: '增速（%）不能为空（填写的是“—”）' },
    ]);
  });

  it('reads percentages Excel stores as fractions by the cell format', () => {
    const g = grid(
      [
        ['地区', '增速'],
        ['新城区', 0.062],
        ['高新区', 6.2],
      ],
      [],
      { 2: { 1: '0.0%' } },
    );
    const result = importRows(g, matchHeaders(g, STATS), statsRow);
    expect(result.rows.map((r) => r.value.growth)).toEqual([62n, 62n]);
  });

  it('keeps nested sections as a path and recognises "（一）" headings without merges', () => {
    const g = grid(
      [
        ['序号', '地区', '增速'],
        ['一、城区', '一、城区', '一、城区'],
        ['（一）', '老城区', null],
        [1, '新城区', 6.2],
        ['（二）开发区', null, null],
        [2, '高新区', 7.1],
        ['二', '县域', null],
        [3, '甲县', 3.3],
      ],
      [{ top: 2, left: 1, bottom: 2, right: 3 }],
    );
    const result = importRows(g, matchHeaders(g, STATS), statsRow);
    expect(result.sections.map((s) => s.text)).toEqual(['一、城区', '（一）老城区', '（二）开发区', '二、县域']);
    expect(result.rows.map((r) => [r.row, r.section])).toEqual([
      [4, ['一、城区', '（一）老城区']],
      [6, ['一、城区', '（二）开发区']],
      [8, ['二、县域']],
    ]);
  });

  it('can leave section detection off', () => {
    const g = grid([
      ['地区', '增速'],
      ['一、城区', null],
      ['新城区', 6.2],
    ]);
    const result = importRows(g, matchHeaders(g, STATS), statsRow, { sections: false });
    expect(result.sections).toEqual([]);
    expect(result.rejected).toEqual([{ row: 2, column: '增速', original: '', message: '增速不能为空' }]);
  });

  it('lists rows with text only in unknown columns as notes, not data', () => {
    const g = grid([
      ['地区', '增速', '备注'],
      ['新城区', 6.2, null],
      [null, null, '以上为快报数'],
      ['填表人：张三', null, null],
    ]);
    const result = importRows(g, matchHeaders(g, STATS), statsRow);
    expect(result.rows).toHaveLength(1);
    expect(result.notes.map((n) => [n.row, n.text])).toEqual([
      [3, '以上为快报数'],
      [4, '填表人：张三'],
    ]);
  });

  it('imports nothing when no header was found', () => {
    const g = grid([['姓名'], ['张三']]);
    const result = importRows(g, matchHeaders(g, STATS), statsRow);
    expect(result).toMatchObject({ rows: [], rejected: [], headerRows: null });
  });
});

describe('the row reader', () => {
  type P = 'name' | 'total' | 'plan' | 'start';
  const SPEC: readonly ColumnSpec<P>[] = [
    { key: 'name', label: '项目名称', synonyms: [], required: true },
    { key: 'total', label: '总投资', synonyms: [], kind: 'amount', allowNegative: false },
    { key: 'plan', label: '年度计划投资', synonyms: [], kind: 'amount' },
    { key: 'start', label: '计划开工', synonyms: [], kind: 'date' },
  ];

  it('turns cross-field rules, negative amounts, long text and row errors into rejections', () => {
    const g = grid([
      ['项目名称', '总投资（万元）', '年度计划投资（万元）'],
      ['甲项目', '-5', '3'],
      ['乙项目', '100', '3500万元'],
      ['丙'.repeat(11), '100', '50'],
      ['丁项目', '100', '50'],
    ]);
    const result = importRows(g, matchHeaders(g, SPEC), (r) => {
      const name = r.text('name', { required: true, maxLength: 10 });
      const total = r.amount('total');
      const plan = r.amount('plan');
      const start = r.date('start', { required: true });
      if (total !== null && plan !== null && plan > total) r.error('plan', '年度计划投资不能大于总投资');
      if (name === '丁项目') r.error(null, '与第2行重复');
      return r.done(() => ({ name, total, plan, start, has: r.has('start') }));
    });
    expect(result.rejected).toEqual([
      { row: 2, column: '总投资（万元）', original: '-5', message: '金额不能为负数（“-5”）' },
      { row: 2, column: '计划开工', original: '', message: '计划开工不能为空' },
      { row: 3, column: '计划开工', original: '', message: '计划开工不能为空' },
      { row: 3, column: '年度计划投资（万元）', original: '3500万元', message: '年度计划投资不能大于总投资' },
      { row: 4, column: '项目名称', original: '丙丙丙丙丙丙丙丙丙丙丙', message: '项目名称不能超过10个字' },
      { row: 4, column: '计划开工', original: '', message: '计划开工不能为空' },
      { row: 5, column: '计划开工', original: '', message: '计划开工不能为空' },
      { row: 5, column: '', original: '', message: '与第2行重复' },
    ]);
    expect(result.rejectedRows).toEqual([2, 3, 4, 5]);
  });

  it('parses a cell by another kind on request, and gives a row-level reason when the validator gives none', () => {
    const g = grid([
      ['项目名称', '计划开工'],
      ['甲项目', 45717],
      ['乙项目', '2025.3'],
    ]);
    const seen: unknown[] = [];
    const result = importRows(g, matchHeaders(g, SPEC), (r) => {
      seen.push([r.text('start'), r.date('start'), r.original('start'), r.column('plan'), r.has('plan')]);
      return r.row === 3 ? { ok: false, errors: [] } : r.done(() => r.row);
    });
    expect(seen).toEqual([
      ['45717', { date: '2025-03-01', precision: 'day', original: '45717' }, '45717', '年度计划投资', false],
      ['2025.3', { date: '2025-03-01', precision: 'month', original: '2025.3' }, '2025.3', '年度计划投资', false],
    ]);
    expect(result.rows.map((r) => r.value)).toEqual([2]);
    expect(result.rejected).toEqual([{ row: 3, column: '', original: '', message: '该行数据未通过校验' }]);
  });
});

describe('parseText', () => {
  it.each([
    [null, { ok: true, blank: 'empty', original: '' }],
    ['  西安  高新区 ', { ok: true, value: '西安 高新区', original: '  西安  高新区 ' }],
    ['无', { ok: true, blank: 'na', original: '无' }],
    ['——', { ok: true, blank: 'dash', original: '——' }],
    [12345, { ok: true, value: '12345', original: '12345' }],
    [new Date(Date.UTC(2025, 2, 1)), { ok: true, value: '2025-03-01', original: '2025-03-01' }],
  ] as const)('%s', (raw, expected) => {
    expect(parseText(raw)).toEqual(expected);
  });

  it('refuses a long number Excel already rounded', () => {
    expect(parseText(9.161013112345679e17)).toMatchObject({ ok: false, original: '916101311234568000' });
  });
});
