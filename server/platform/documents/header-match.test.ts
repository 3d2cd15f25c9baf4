import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import {
  assertHeaders,
  type ColumnSpec,
  columnLetter,
  displayHeader,
  matchHeaders,
  normaliseHeader,
} from './header-match.ts';
import { PROJECT_SPEC, projectLedgerUpload } from './test-fixtures.ts';
import { type CellValue, readSheet, type SheetGrid } from './xlsx-read.ts';

/** A grid from rows of cells, row numbers from 1. */
function grid(rows: CellValue[][], merges: SheetGrid['merges'] = []): SheetGrid {
  return {
    name: 'S',
    rows: rows.map((cells, i) => ({ row: i + 1, cells })),
    merges,
    columnCount: Math.max(...rows.map((r) => r.length)),
  };
}

type K = 'name' | 'total' | 'plan' | 'rate' | 'month';
const SPEC: readonly ColumnSpec<K>[] = [
  { key: 'name', label: '项目名称', synonyms: ['项目'], required: true },
  { key: 'total', label: '总投资', synonyms: ['项目总投资'], kind: 'amount', required: true },
  { key: 'plan', label: '年度计划投资', synonyms: ['年度投资计划', '年计划投资', '本年计划'], kind: 'amount' },
  { key: 'rate', label: '年度计划完成率', synonyms: [], kind: 'percent' },
  { key: 'month', label: '本月完成', synonyms: ['本月(本周)完成'], kind: 'amount' },
];

const brief = <T extends string>(m: ReturnType<typeof matchHeaders<T>>) =>
  m.columns.map((c) => [c.key, c.letter, c.header, c.unit, c.unitSource, c.amountUnit]);

describe('normaliseHeader', () => {
  it.each([
    ['总投资（亿元）', '总投资'],
    ['总 投 资\n（亿元）', '总投资'],
    ['*项目名称', '项目名称'],
    ['项目名称（必填）', '项目名称'],
    ['其中：中央预算内投资', '中央预算内投资'],
    ['本月（本周）完成', '本月(本周)完成'],
    ['ＵＳＣＣ', 'uscc'],
  ])('%s → %s', (text, key) => {
    expect(normaliseHeader(text)).toBe(key);
  });

  it('shows Chinese headers without whitespace and others collapsed', () => {
    expect(displayHeader('总 投 资\n（亿元）')).toBe('总投资（亿元）');
    expect(displayHeader('  Project   code ')).toBe('Project code');
  });

  it('spells column letters', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('matchHeaders', () => {
  it('finds a two-row merged header under a title and joins the levels', async () => {
    const g = await readSheet(await projectLedgerUpload());
    const m = matchHeaders(g, PROJECT_SPEC);
    expect(m.headerRows).toEqual({ first: 3, last: 4 });
    expect(m.dataStartRow).toBe(5);
    expect(brief(m)).toEqual([
      ['name', 'B', '项目名称', null, null, null],
      ['code', 'C', '项目代码', null, null, null],
      ['uscc', 'D', '建设单位统一社会信用代码', null, null, null],
      ['total', 'E', '总投资（亿元）', '亿元', 'header', '亿元'],
      ['annualPlan', 'F', '年度计划投资（万元）', '万元', 'header', '万元'],
      ['rate', 'G', '年度计划完成率（%）', '%', 'header', null],
      ['start', 'H', '计划开工', null, null, null],
      ['nature', 'I', '建设性质', null, null, null],
    ]);
    expect(m.unknown).toEqual([{ col: 9, letter: 'J', header: '备注' }]);
    expect(m.sheetUnit).toBe('万元');
    expect(m.missingRequired).toEqual([]);
    expect(m.problems).toEqual([]);
    expect(m.warnings).toEqual([]);
  });

  it('matches synonyms written with full-width characters, spaces and line breaks', () => {
    const m = matchHeaders(
      grid([
        ['序号', '项　目', '项目总投资\n(万元)', '年 度 投 资 计 划（万元）', '本月（本周）完成'],
        [1, '甲', 100, 20, 3],
      ]),
      SPEC,
    );
    expect(m.headerRows).toEqual({ first: 1, last: 1 });
    expect(brief(m)).toEqual([
      ['name', 'B', '项目', null, null, null],
      ['total', 'C', '项目总投资(万元)', '万元', 'header', '万元'],
      ['plan', 'D', '年度投资计划（万元）', '万元', 'header', '万元'],
      ['month', 'E', '本月（本周）完成', null, null, '万元'],
    ]);
    expect(m.unknown).toEqual([]);
    expect(m.missingOptional.map((s) => s.key)).toEqual(['rate']);
    expect(m.warnings).toEqual(['“本月（本周）完成”未注明单位，按万元读取']);
  });

  it('takes the unit of a "单位：万元" line above the header, not of a 填报单位 line', () => {
    const m = matchHeaders(
      grid([
        ['填报单位：高新区', null, '（单位：亿元）'],
        ['项目名称', '总投资', '年度计划投资'],
        ['智能制造产业园', 1, 2],
      ]),
      SPEC,
    );
    expect(m.sheetUnit).toBe('亿元');
    expect(brief(m)).toEqual([
      ['name', 'A', '项目名称', null, null, null],
      ['total', 'B', '总投资', '亿元', 'sheet', '亿元'],
      ['plan', 'C', '年度计划投资', '亿元', 'sheet', '亿元'],
    ]);
    expect(m.headerRows).toEqual({ first: 2, last: 2 });
    expect(m.dataStartRow).toBe(3);
  });

  it('joins three header levels when all three make the name', () => {
    const m = matchHeaders(
      grid([
        ['项目名称', '年度', '年度'],
        ['项目名称', '计划', '计划'],
        ['项目名称', '投资（万元）', '完成率（%）'],
        ['智能制造产业园', 50, 0.5],
      ]),
      SPEC,
    );
    expect(m.headerRows).toEqual({ first: 1, last: 3 });
    expect(brief(m)).toEqual([
      ['name', 'A', '项目名称', null, null, null],
      ['plan', 'B', '年度计划投资（万元）', '万元', 'header', '万元'],
      ['rate', 'C', '年度计划完成率（%）', '%', 'header', null],
    ]);
    expect(m.dataStartRow).toBe(4);
  });

  it('counts a merged group row above the matched levels as part of the header', () => {
    const rows = [
      ['项目名称', '投资情况', '投资情况', '投资情况'],
      ['项目名称', '总投资（万元）', '年度计划', '年度计划'],
      ['项目名称', '总投资（万元）', '投资（万元）', '完成率（%）'],
      ['智能制造产业园', 100, 50, 0.5],
    ];
    const merges = [
      { top: 1, left: 1, bottom: 3, right: 1 },
      { top: 1, left: 2, bottom: 1, right: 4 },
      { top: 2, left: 2, bottom: 3, right: 2 },
      { top: 2, left: 3, bottom: 2, right: 4 },
    ];
    const m = matchHeaders(grid(rows, merges), SPEC);
    expect(m.headerRows).toEqual({ first: 1, last: 3 });
    expect(brief(m).map((c) => [c[0], c[2], c[3]])).toEqual([
      ['name', '项目名称', null],
      ['total', '投资情况总投资（万元）', '万元'],
      ['plan', '投资情况年度计划投资（万元）', '万元'],
      ['rate', '投资情况年度计划完成率（%）', '%'],
    ]);
    // without the merges nothing connects row 1: the header is rows 2–3
    expect(matchHeaders(grid(rows), SPEC).headerRows).toEqual({ first: 2, last: 3 });
  });

  it('skips a column-number row under the header', () => {
    const header = ['项目名称', '总投资', '年度计划投资', '本月完成'];
    const data = ['智能制造产业园', 100, 50, 5];
    expect(matchHeaders(grid([header, data]), SPEC).dataStartRow).toBe(2);
    expect(matchHeaders(grid([header, [1, 2, 3, 4], data]), SPEC).dataStartRow).toBe(3);
    expect(matchHeaders(grid([header, ['甲', 1, 2, 3], data]), SPEC).dataStartRow).toBe(3);
    expect(matchHeaders(grid([header, ['甲', 1, 3, 4], data]), SPEC).dataStartRow).toBe(2);
  });

  it('reports missing required columns as a problem and throws it as a file error', () => {
    const m = matchHeaders(
      grid([
        ['项目名称', '年度计划投资'],
        ['甲', 2],
      ]),
      SPEC,
    );
    expect(m.missingRequired.map((s) => s.key)).toEqual(['total']);
    expect(m.problems).toEqual(['缺少必填列：总投资']);
    try {
      assertHeaders(m);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields).toEqual([{ path: 'file', message: '缺少必填列：总投资' }]);
      expect((e as AppError).details).toEqual({ missingColumns: ['总投资'] });
    }
  });

  it('refuses an amount column whose unit cannot be converted', () => {
    const m = matchHeaders(
      grid([
        ['项目名称', '总投资（亩）'],
        ['甲', 2],
      ]),
      SPEC,
    );
    expect(m.problems).toEqual(['“总投资（亩）”的单位“亩”无法换算为万元']);
    expect(() => assertHeaders(m)).toThrow(AppError);
  });

  it('reports a sheet without a recognisable header', () => {
    const m = matchHeaders(
      grid([
        ['姓名', '电话'],
        ['张三', '138'],
      ]),
      SPEC,
    );
    expect(m.headerRows).toBeNull();
    expect(m.columns).toEqual([]);
    expect(m.missingRequired.map((s) => s.key)).toEqual(['name', 'total']);
    expect(m.problems).toEqual([
      '未找到表头：前15行中没有与模板列名（项目名称、总投资、年度计划投资、年度计划完成率、本月完成）相符的行，请使用导入模板',
    ]);
  });

  it('uses the best (then leftmost) of two columns with the same meaning and warns', () => {
    const m = matchHeaders(
      grid(
        [
          ['项目名称', '总投资', '项目申报', '统计入库'],
          ['项目名称', '总投资', '本月完成', '本月完成'],
          ['智能制造产业园', 1, 2, 3],
        ],
        [
          { top: 1, left: 1, bottom: 2, right: 1 },
          { top: 1, left: 2, bottom: 2, right: 2 },
        ],
      ),
      SPEC,
    );
    expect(m.headerRows).toEqual({ first: 1, last: 2 });
    expect(m.byKey.month?.letter).toBe('C');
    expect(m.duplicates).toEqual([
      { key: 'month', label: '本月完成', used: '项目申报本月完成', ignored: ['统计入库本月完成'] },
    ]);
    expect(m.warnings).toContain(
      '“本月完成”对应多列（项目申报本月完成、统计入库本月完成），已使用第3列“项目申报本月完成”',
    );
  });

  it('applies the mappings a user confirmed before the synonyms', () => {
    const rows = [
      ['项目名称', '总投资', '投资额', '年度计划投资'],
      ['甲', 1, 2, 3],
    ];
    const plain = matchHeaders(grid(rows), SPEC);
    expect(plain.unknown.map((u) => u.header)).toEqual(['投资额']);
    const m = matchHeaders(grid(rows), SPEC, { overrides: { 投资额: 'month', 年度计划投资: null } });
    expect(m.byKey.month?.letter).toBe('C');
    expect(m.byKey.plan).toBeUndefined();
    expect(m.unknown).toEqual([]);
  });

  it('does not report 序号 or a 错误原因 column from an earlier round as unknown', () => {
    const m = matchHeaders(
      grid([
        ['序号', '项目名称', '总投资', '错误原因'],
        [1, '甲', 1, '总投资：…'],
      ]),
      SPEC,
    );
    expect(m.unknown).toEqual([]);
  });

  it('refuses a spec that gives one name to two columns (a programming error)', () => {
    const bad: ColumnSpec[] = [
      { key: 'a', label: '总投资', synonyms: [] },
      { key: 'b', label: '投资', synonyms: ['总 投 资'] },
    ];
    expect(() => matchHeaders(grid([['总投资']]), bad)).toThrow(/both a and b/);
  });
});
