/**
 * Writing .xlsx files users open in Excel or WPS: the ledger (台账) export of a filtered list, the import template
 * with its notes and drop-down lists, and an upload given back with a 错误原因 column. Conventions from the
 * back-office systems officials know: title, the filters stated, 序号 first, units in the headers, amounts as
 * numbers shown '#,##0.00', codes and USCCs as text, dates yyyy-mm-dd, a 合计 row, A4 landscape with the header
 * repeated on every printed page.
 */
import ExcelJS from 'exceljs';
import { formatWan, type Wan } from '../../../domain/common/money.ts';
import { removeWhitespace, toHalfWidth } from '../../../domain/common/text-normalize.ts';
import { ERROR_COLUMN_HEADER, normaliseHeader } from './header-match.ts';
import type { ImportRejection } from './import-rows.ts';
import { DEFAULT_MAX_BYTES, loadWorkbook, normaliseCellValue, pickWorksheet, workbookBuffer } from './xlsx-read.ts';

export const LEDGER_KINDS = ['text', 'amount', 'percent', 'date', 'int'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** A ledger column. `header` carries the unit: "总投资(万元)". `width` in Excel character units. */
export type LedgerColumn = { header: string; key: string; kind: LedgerKind; width?: number };

/**
 * A value in a ledger row, by the column's kind:
 * - text: a string (a number is written as its digits, as text);
 * - amount: a `Wan` bigint (hundredths of 万元), a decimal string ("12345.60", as the database returns numeric) or
 *   a number, all in 万元;
 * - percent: a bigint in tenths of a percent (`percentTenths`), or a number/decimal string in percent (12.5 = 12.5%);
 * - date: 'YYYY-MM-DD' or a Date (its Asia/Shanghai calendar day);
 * - int: a number or bigint.
 * A string that is not a number or date (a blank mark "—", "年内") is written as text.
 */
export type LedgerValue = string | number | bigint | Date | null | undefined;

export type LedgerInput = {
  title: string;
  /** The filters of the export, stated under the title: "筛选条件：区县=高新区；阶段=在建；导出时间：…". */
  filterLine: string;
  columns: readonly LedgerColumn[];
  rows: readonly Readonly<Record<string, LedgerValue>>[];
  /** The 合计 row: a value per column key (columns without one stay empty). Omitted: no totals row. */
  totals?: Readonly<Record<string, LedgerValue>>;
  sheetName?: string;
  /** Section heading rows (一、稳增长…) written before the data row of index `before`, merged across the table. */
  sections?: readonly { before: number; title: string }[];
  /** The row key whose value 序号 shows instead of the running number (a task's own number, 3.12), as text. */
  seqKey?: string;
};

export const NUM_FMT = {
  amount: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  int: '0',
  text: '@',
} as const;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE7E7' } };
const RED = { argb: 'FFC00000' };

const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Display width of text in Excel character units: CJK and full-width characters count two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

/** A percentage (bigint tenths, or a number/decimal string in percent) → the fraction Excel stores. */
function percentFraction(v: number | string | bigint): number | null {
  if (typeof v === 'bigint') return Number(v) / 1000;
  const n = typeof v === 'number' ? v : DECIMAL_RE.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n)) return null;
  return Number((n / 100).toPrecision(15)); // 13.8 → 0.138, not 0.13799999999999998
}

/** A date value → the UTC-midnight Date exceljs turns into an exact Excel serial, or null when not a full date. */
function excelDate(v: string | Date): Date | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const local = new Date(v.getTime() + SHANGHAI_OFFSET_MS);
    return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  }
  const m = ISO_DATE_RE.exec(v.trim());
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** The cell value and number format of a ledger value of a kind. */
export function ledgerCell(kind: LedgerKind, v: LedgerValue): { value: ExcelJS.CellValue; numFmt?: string } {
  if (v === null || v === undefined) return { value: null };
  switch (kind) {
    case 'text': {
      const text = typeof v === 'string' ? v : v instanceof Date ? (excelDateText(v) ?? '') : String(v);
      return { value: text, numFmt: NUM_FMT.text };
    }
    case 'amount': {
      if (typeof v === 'bigint') return { value: Number(formatWan(v as Wan)), numFmt: NUM_FMT.amount };
      if (typeof v === 'number') return { value: v, numFmt: NUM_FMT.amount };
      if (typeof v === 'string' && DECIMAL_RE.test(v.trim()))
        return { value: Number(v.trim()), numFmt: NUM_FMT.amount };
      return { value: typeof v === 'string' ? v : String(v) };
    }
    case 'percent': {
      if (v instanceof Date) return { value: excelDateText(v) ?? '' };
      const f = percentFraction(v);
      return f === null ? { value: String(v) } : { value: f, numFmt: NUM_FMT.percent };
    }
    case 'date': {
      if (typeof v === 'string' || v instanceof Date) {
        const d = excelDate(v);
        return d === null ? { value: String(v) } : { value: d, numFmt: NUM_FMT.date };
      }
      return { value: String(v) };
    }
    case 'int': {
      if (typeof v === 'bigint') return { value: Number(v), numFmt: NUM_FMT.int };
      if (typeof v === 'number') return { value: v, numFmt: Number.isInteger(v) ? NUM_FMT.int : '0.##' };
      if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return { value: Number(v.trim()), numFmt: NUM_FMT.int };
      return { value: v instanceof Date ? (excelDateText(v) ?? '') : String(v) };
    }
  }
}

function excelDateText(v: Date): string | null {
  const d = excelDate(v);
  return d === null ? null : d.toISOString().slice(0, 10);
}

const DEFAULT_WIDTH: Record<LedgerKind, number> = { text: 14, amount: 14, percent: 10, date: 12, int: 8 };
const MAX_WIDTH = 48;

function columnWidth(column: LedgerColumn, rows: readonly Readonly<Record<string, LedgerValue>>[]): number {
  if (column.width !== undefined) return column.width;
  let w = Math.max(DEFAULT_WIDTH[column.kind], textWidth(column.header) + 2);
  if (column.kind === 'text') {
    for (const row of rows.slice(0, 200)) {
      const v = row[column.key];
      if (typeof v === 'string') w = Math.max(w, Math.min(MAX_WIDTH, textWidth(v) + 2));
    }
  }
  return Math.min(w, MAX_WIDTH);
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  return cleaned === '' ? 'Sheet1' : cleaned;
}

/**
 * A ledger (台账): row 1 the title merged across the table, row 2 the filters, row 3 the header (bold, frozen,
 * repeated on every printed page), 序号 first, then the rows and a 合计 row. A4 landscape, fitted to the page
 * width, page numbers in the footer.
 */
export async function ledgerWorkbook(input: LedgerInput): Promise<Buffer> {
  const { columns, rows } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '落实';
  const ws = workbook.addWorksheet(safeSheetName(input.sheetName ?? '台账'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '3:3',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  const width = columns.length + 1;

  ws.getColumn(1).width = 6;
  columns.forEach((c, i) => {
    ws.getColumn(i + 2).width = columnWidth(c, rows);
  });

  const title = ws.getCell(1, 1);
  title.value = input.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const filter = ws.getCell(2, 1);
  filter.value = input.filterLine;
  filter.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  if (width > 1) {
    ws.mergeCells(1, 1, 1, width);
    ws.mergeCells(2, 1, 2, width);
  }

  const header = ws.getRow(3);
  ['序号', ...columns.map((c) => c.header)].forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  const wrap: Partial<ExcelJS.Alignment> = { vertical: 'middle', wrapText: true };
  const middle: Partial<ExcelJS.Alignment> = { vertical: 'middle' };
  let r0 = 4;
  const sectionsAt = new Map<number, string[]>();
  for (const sec of input.sections ?? [])
    sectionsAt.set(sec.before, [...(sectionsAt.get(sec.before) ?? []), sec.title]);
  const sectionRow = (title: string) => {
    const row = ws.getRow(r0);
    for (let col = 1; col <= width; col++) row.getCell(col).border = THIN;
    const cell = row.getCell(1);
    cell.value = title;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'left', vertical: 'middle' };
    if (width > 1) ws.mergeCells(r0, 1, r0, width);
    r0++;
  };
  rows.forEach((data, i) => {
    for (const title of sectionsAt.get(i) ?? []) sectionRow(title);
    const row = ws.getRow(r0++);
    const seq = row.getCell(1);
    const own = input.seqKey ? data[input.seqKey] : undefined;
    seq.value = own === undefined || own === null ? i + 1 : String(own);
    seq.border = THIN;
    seq.alignment = { horizontal: 'center', vertical: 'middle' };
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 2);
      const { value, numFmt } = ledgerCell(c.kind, data[c.key]);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      cell.border = THIN;
      cell.alignment = c.kind === 'text' ? wrap : middle;
    });
  });

  if (input.totals) {
    const totals = input.totals;
    const r = r0;
    const row = ws.getRow(r);
    const firstWithTotal = columns.findIndex((c) => totals[c.key] !== null && totals[c.key] !== undefined);
    // 合计 spans 序号 and the leading columns that have no total (usually 项目名称 …)
    const labelEnd = firstWithTotal === -1 ? 1 : Math.max(1, firstWithTotal + 1);
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      cell.border = THIN;
      cell.font = { bold: true };
      if (col > 1 && col > labelEnd) {
        const c = columns[col - 2]!;
        const { value, numFmt } = ledgerCell(c.kind, totals[c.key]);
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
      }
    }
    const label = row.getCell(1);
    label.value = '合计';
    label.alignment = { horizontal: 'center', vertical: 'middle' };
    if (labelEnd > 1) ws.mergeCells(r, 1, r, labelEnd);
  }

  if (rows.length > 0) ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: r0 - 1, column: width } };
  return workbookBuffer(workbook);
}

// ——— import template ———

export type TemplateColumn = {
  /** The Chinese header written in row 1, with its unit: "总投资(万元)". */
  header: string;
  key: string;
  kind?: LedgerKind | 'decimal';
  width?: number;
  required?: boolean;
  /** How to fill it, for the 填写说明 sheet: "填写投资项目统一代码，如2501-610100-04-01-123456". */
  note?: string;
};

export type TemplateInput = {
  columns: readonly TemplateColumn[];
  /** General notes, numbered on the 填写说明 sheet. */
  notes: readonly string[];
  /** Drop-down lists per column key (建设性质: 新建/续建, 所属区县 …). */
  validations: readonly { key: string; list: readonly string[] }[];
  /** Name of the data sheet; default 导入数据. */
  sheetName?: string;
  /** Rows covered by the drop-downs and column formats; default 5000. */
  rows?: number;
};

export const NOTES_SHEET = '填写说明';
export const LISTS_SHEET = '下拉选项';

/** Excel's limit for a list written into the validation itself. */
const INLINE_LIST_MAX = 255;

function inlineList(list: readonly string[]): string | null {
  if (list.some((v) => /[,"]/.test(v))) return null;
  const joined = list.join(',');
  return joined.length + 2 > INLINE_LIST_MAX ? null : `"${joined}"`;
}

/**
 * The import template: the data sheet with the Chinese headers in row 1 (required ones in red), frozen; text
 * columns formatted as text (so codes keep their leading zeros and long digits are not turned into 1.2E+17), date
 * columns as yyyy-mm-dd; drop-down lists (written inline when short, else on a hidden 下拉选项 sheet); and a
 * 填写说明 sheet with the notes and one line per column.
 */
export async function templateWorkbook(input: TemplateInput): Promise<Buffer> {
  const rowCount = input.rows ?? 5000;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '落实';
  const ws = workbook.addWorksheet(safeSheetName(input.sheetName ?? '导入数据'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  const notesSheet = workbook.addWorksheet(NOTES_SHEET);
  const colOf = new Map(input.columns.map((c, i) => [c.key, i + 1]));

  input.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width ?? Math.max(12, Math.min(MAX_WIDTH, textWidth(c.header) + 4));
    if (c.kind === undefined || c.kind === 'text') column.numFmt = NUM_FMT.text;
    else if (c.kind === 'date') column.numFmt = NUM_FMT.date;
    const cell = ws.getCell(1, i + 1);
    cell.value = c.header;
    cell.font = c.required ? { bold: true, color: RED } : { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.numFmt = 'General';
  });
  ws.getRow(1).height = 24;

  let listsSheet: ExcelJS.Worksheet | null = null;
  const listText = new Map<string, string>();
  for (const v of input.validations) {
    const col = colOf.get(v.key);
    if (col === undefined) throw new Error(`template validation for unknown column "${v.key}"`);
    if (v.list.length === 0) continue;
    listText.set(v.key, v.list.join('、'));
    let formula = inlineList(v.list);
    if (formula === null) {
      listsSheet ??= workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
      const listCol = listsSheet.columnCount + 1;
      listsSheet.getCell(1, listCol).value = input.columns[col - 1]!.header;
      v.list.forEach((item, i) => {
        listsSheet!.getCell(i + 2, listCol).value = item;
      });
      const letter = listsSheet.getColumn(listCol).letter;
      formula = `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${v.list.length + 1}`;
    }
    const letter = ws.getColumn(col).letter;
    dataValidationsOf(ws).add(`${letter}2:${letter}${rowCount + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: `请从下拉列表中选择${input.columns[col - 1]!.header}`,
    });
  }

  notesSheet.getColumn(1).width = 28;
  notesSheet.getColumn(2).width = 10;
  notesSheet.getColumn(3).width = 80;
  const head = notesSheet.getCell(1, 1);
  head.value = NOTES_SHEET;
  head.font = { bold: true, size: 14 };
  let r = 2;
  input.notes.forEach((note, i) => {
    const cell = notesSheet.getCell(r, 1);
    cell.value = `${i + 1}. ${note}`;
    cell.alignment = { wrapText: false };
    r++;
  });
  r++;
  const tableHead = notesSheet.getRow(r);
  ['列名', '是否必填', '填写要求'].forEach((h, i) => {
    const cell = tableHead.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  for (const c of input.columns) {
    r++;
    const row = notesSheet.getRow(r);
    const list = listText.get(c.key);
    const note = [c.note, list ? `可选值：${list}` : undefined].filter(Boolean).join('；');
    [c.header, c.required ? '必填' : '选填', note].forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  }
  return workbookBuffer(workbook);
}

/** exceljs keeps sheet-level validations (one range, any size) on `dataValidations`, which its types omit. */
function dataValidationsOf(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

// ——— the upload given back with its errors ———

export type ErrorColumnOptions = {
  /** The sheet that was imported; default the first visible one, as `readSheet`. */
  sheetName?: string;
  /** The header rows found on import (`HeaderMatch.headerRows`); default row 1. */
  headerRows?: { first: number; last: number } | null;
  maxBytes?: number;
};

/** The 错误原因 text of one row: each message once, prefixed with its column unless it already names it. */
export function errorText(rejections: readonly ImportRejection[]): string {
  const parts: string[] = [];
  for (const r of rejections) {
    const column = r.column.trim();
    const text = column === '' || r.message.includes(column) ? r.message : `${column}：${r.message}`;
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.join('；');
}

const plain = (v: unknown): string | null => {
  const n = normaliseCellValue(v);
  return typeof n === 'string' ? removeWhitespace(toHalfWidth(n)) : null;
};

/**
 * The uploaded workbook given back with a 错误原因 column after the table (or the existing one, when a returned
 * file is uploaded again: refilled, stale reasons cleared), one reason text per rejected row, in red. Formulas
 * are replaced by their cached values first: exceljs cannot write back some shared formulas of real files, and
 * the user only needs the values to correct the rows.
 */
export async function withErrorColumn(
  original: Uint8Array,
  rejected: readonly ImportRejection[],
  options: ErrorColumnOptions = {},
): Promise<Buffer> {
  const workbook = await loadWorkbook(original, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const ws = pickWorksheet(workbook, options.sheetName);
  const first = options.headerRows?.first ?? 1;
  const last = options.headerRows?.last ?? first;

  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        if (typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v)) {
          cell.value = v.result === undefined ? null : v.result;
        }
      });
    });
  }

  let lastCol = 0;
  let errorCol: number | null = null;
  ws.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      if (normaliseCellValue(cell.value) === null) return;
      lastCol = Math.max(lastCol, colNumber);
      if (rowNumber >= first && rowNumber <= last && errorCol === null) {
        const t = plain(cell.value);
        if (t !== null && normaliseHeader(t) === ERROR_COLUMN_HEADER) errorCol = colNumber;
      }
    });
  });
  const reuse = errorCol !== null;
  const col: number = errorCol ?? lastCol + 1;

  if (reuse) {
    ws.eachRow((row, rowNumber) => {
      if (rowNumber > last) row.getCell(col).value = null;
    });
  } else {
    const headerCell = ws.getCell(first, col);
    const left = col > 1 ? ws.getCell(last, col - 1) : null;
    headerCell.value = ERROR_COLUMN_HEADER;
    headerCell.style = left ? { ...left.style } : {};
    headerCell.font = { ...(left?.font ?? {}), bold: true, color: RED };
    headerCell.fill = ERROR_FILL;
    headerCell.border = THIN;
    headerCell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (last > first) ws.mergeCells(first, col, last, col);
    ws.getColumn(col).width = 50;
  }

  const byRow = new Map<number, ImportRejection[]>();
  for (const r of rejected) {
    if (!Number.isInteger(r.row) || r.row <= last) continue;
    const list = byRow.get(r.row) ?? [];
    list.push(r);
    byRow.set(r.row, list);
  }
  for (const [rowNumber, list] of byRow) {
    const cell = ws.getCell(rowNumber, col);
    cell.value = errorText(list);
    cell.numFmt = 'General';
    cell.font = { color: RED };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = THIN;
  }
  return workbookBuffer(workbook);
}
