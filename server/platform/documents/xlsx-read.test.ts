import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import { LONG_NUMBER_USCC, projectLedgerUpload } from './test-fixtures.ts';
import { normaliseCellValue, readSheet, workbookBuffer } from './xlsx-read.ts';

async function fileErrorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.fields).toHaveLength(1);
    expect(err.fields![0]!.path).toBe('file');
    return { code: err.code, message: err.fields![0]!.message };
  }
  throw new Error('expected the upload to be refused');
}

describe('readSheet: the project ledger as officials bring it', () => {
  it('reads every row with its Excel row number, merged cells reading their master', async () => {
    const grid = await readSheet(await projectLedgerUpload());
    expect(grid.name).toBe('项目进度表');
    expect(grid.columnCount).toBe(10);
    expect(grid.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const title = '2025年全市重点项目建设进度表';
    expect(grid.rows[0]!.cells).toEqual(Array(10).fill(title));
    expect(grid.rows[1]!.cells).toEqual([
      '填报单位：高新区发改局',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      '单位：万元',
    ]);
    expect(grid.rows[2]!.cells).toEqual([
      '序号',
      '项 目\n名 称',
      '项目代码',
      '建设单位统一社会信用代码',
      '总投资（亿元）',
      '年度计划',
      '年度计划',
      '计划开工',
      '建设性质',
      '备注',
    ]);
    expect(grid.rows[3]!.cells).toEqual([
      '序号',
      '项 目\n名 称',
      '项目代码',
      '建设单位统一社会信用代码',
      '总投资（亿元）',
      '投资（万元）',
      '完成率（%）',
      '计划开工',
      '建设性质',
      '备注',
    ]);
    expect(grid.rows[4]!.cells).toEqual(Array(10).fill('一、续建项目'));
    expect(grid.rows[9]!.cells).toEqual(Array(10).fill(null));
  });

  it('flattens rich text, hyperlinks and formulas, keeps dates and number formats', async () => {
    const grid = await readSheet(await projectLedgerUpload());
    const row6 = grid.rows[5]!;
    expect(row6.row).toBe(6);
    expect(row6.cells).toEqual([
      1,
      '西安高新区智能制造产业园',
      '2501-610100-04-01-123456',
      '91610131MA6TX1234X',
      '１２．５',
      '19 278.1',
      0.35,
      new Date(Date.UTC(2025, 2, 1)),
      '续建',
      '项目详情',
    ]);
    expect(row6.numFmts).toEqual({ 6: '0.0%' });
    expect(grid.rows[6]!.cells.slice(4, 8)).toEqual(['1.2亿', '—', '—', '2025年3月']);
    expect(grid.rows[8]!.cells[3]).toBe(LONG_NUMBER_USCC);
    expect(grid.rows[7]!.cells).toEqual(['二', ...Array(9).fill('新开工项目')]);
    expect(grid.rows[10]!.cells).toEqual(['合计', '合计', null, null, 13.7, 23278.1, null, null, null, null]);
  });

  it('lists the merged ranges in Excel numbers', async () => {
    const grid = await readSheet(await projectLedgerUpload());
    const key = (m: { top: number; left: number; bottom: number; right: number }) =>
      `${m.top},${m.left}-${m.bottom},${m.right}`;
    expect(grid.merges.map(key).sort()).toEqual(
      [
        '1,1-1,10',
        '3,1-4,1',
        '3,2-4,2',
        '3,3-4,3',
        '3,4-4,4',
        '3,5-4,5',
        '3,6-3,7',
        '3,8-4,8',
        '3,9-4,9',
        '3,10-4,10',
        '5,1-5,10',
        '8,2-8,10',
        '11,1-11,2',
        '12,1-12,10',
      ].sort(),
    );
  });

  it('reads the first visible sheet by default and a named one on request', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('字典', { state: 'hidden' });
    hidden.getCell('A1').value = '隐藏';
    wb.addWorksheet('数据').getCell('A1').value = '可见';
    wb.addWorksheet('第二张').getCell('B2').value = 7;
    const buf = await workbookBuffer(wb);
    expect((await readSheet(buf)).rows[0]!.cells).toEqual(['可见']);
    const named = await readSheet(buf, { sheetName: '第二张' });
    expect(named.rows).toEqual([
      { row: 1, cells: [null, null] },
      { row: 2, cells: [null, 7] },
    ]);
    const missing = await fileErrorOf(readSheet(buf, { sheetName: '汇总' }));
    expect(missing.message).toBe('找不到名为“汇总”的工作表（文件中有：字典、数据、第二张）');
  });

  it('reads booleans, formula errors, uncalculated formulas and empty text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getRow(1).values = [
      true,
      { formula: '1/0', result: { error: '#DIV/0!' } },
      { formula: 'A1' },
      '',
      ' ',
      { formula: 'TODAY()', result: new Date(Date.UTC(2025, 0, 2)) },
      // files from Excel can hold a hyperlink whose text is rich text; exceljs's types say string
      { text: { richText: [{ text: '链接' }] } as unknown as string, hyperlink: 'https://example.cn' },
    ];
    ws.getCell('F1').numFmt = 'yyyy-mm-dd';
    const grid = await readSheet(await workbookBuffer(wb));
    expect(grid.rows[0]!.cells).toEqual(['TRUE', '#DIV/0!', null, null, ' ', new Date(Date.UTC(2025, 0, 2)), '链接']);
  });

  it('normalises exceljs values without a file', () => {
    expect(normaliseCellValue({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(normaliseCellValue({ text: '', hyperlink: 'mailto:x@example.cn' })).toBe('mailto:x@example.cn');
    expect(normaliseCellValue({ sharedFormula: 'A1', result: 5 })).toBe(5);
    expect(normaliseCellValue(false)).toBe('FALSE');
    expect(normaliseCellValue(undefined)).toBeNull();
  });
});

describe('readSheet: refusing what is not an .xlsx', () => {
  it('refuses an empty file', async () => {
    expect(await fileErrorOf(readSheet(Buffer.alloc(0)))).toEqual({
      code: 'VALIDATION_FAILED',
      message: '上传的文件是空的',
    });
  });

  it('refuses a CSV or any file that is not a zip', async () => {
    const { message } = await fileErrorOf(readSheet(Buffer.from('项目名称,总投资\n甲,1\n')));
    expect(message).toBe('文件不是Excel工作簿（.xlsx），请使用下载的模板或在Excel中另存为.xlsx后重新上传');
  });

  it('refuses an old .xls (OLE2) or encrypted file with advice', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const { message } = await fileErrorOf(readSheet(ole));
    expect(message).toBe('这是旧版Excel文件（.xls）或已加密的文件，请在Excel中另存为.xlsx格式（并取消密码）后重新上传');
  });

  it('refuses a file above the size limit before reading it', async () => {
    const buf = await projectLedgerUpload();
    const { message } = await fileErrorOf(readSheet(buf, { maxBytes: 1024 }));
    expect(message).toMatch(/^文件过大（\d+(\.\d)? KB），上限为1 KB，请分批导入$/);
  });

  it('refuses a damaged zip', async () => {
    const buf = await projectLedgerUpload();
    const { message } = await fileErrorOf(readSheet(buf.subarray(0, 300)));
    expect(message).toBe('无法读取该文件，请确认它是有效的Excel工作簿（.xlsx）且未损坏');
  });

  it('refuses a sheet with more rows or columns than the limits', async () => {
    const buf = await projectLedgerUpload();
    expect((await fileErrorOf(readSheet(buf, { maxRows: 10 }))).message).toBe('表格行数超过上限10行，请分批导入');
    expect((await fileErrorOf(readSheet(buf, { maxColumns: 8 }))).message).toBe(
      '表格列数超过上限8列，请删除多余的列后重新上传',
    );
  });

  it('takes a Uint8Array as well as a Buffer', async () => {
    const buf = await projectLedgerUpload();
    const copy = new Uint8Array(buf.byteLength);
    copy.set(buf);
    expect((await readSheet(copy)).rows).toHaveLength(12);
  });
});
