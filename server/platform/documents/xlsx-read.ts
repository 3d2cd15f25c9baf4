/**
 * Reading an uploaded .xlsx into a plain grid that the pure header and row functions work on. Cell values are
 * normalised to `string | number | Date | null`: rich text and hyperlinks become their text, formulas their
 * cached result, errors their code ("#N/A"), booleans TRUE/FALSE; every cell of a merged range reads the master's
 * value, so merged section rows and multi-row headers read like the user sees them. Excel row numbers are kept.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors/index.ts';

/** A cell as the import functions see it. Dates are what exceljs gives for date-formatted cells (UTC midnight). */
export type CellValue = string | number | Date | null;

/** One worksheet row; `cells[0]` is column A. `numFmts` holds the number format of numeric cells that have one. */
export type SheetRow = { row: number; cells: CellValue[]; numFmts?: Record<number, string> };

/** A merged range in Excel numbers (1-based rows and columns, inclusive). */
export type MergeRange = { top: number; left: number; bottom: number; right: number };

/**
 * A worksheet as data. `rows` are ascending by Excel row number and may skip rows (a missing row is blank);
 * `readSheet` returns every row from 1 to the last row that holds a value.
 */
export type SheetGrid = { name: string; rows: SheetRow[]; merges: MergeRange[]; columnCount: number };

export type ReadSheetOptions = {
  /** The worksheet to read; default the first visible one. */
  sheetName?: string;
  /** Largest accepted file in bytes; default 10 MiB. */
  maxBytes?: number;
  /** Largest accepted last row number; default 50 000. */
  maxRows?: number;
  /** Largest accepted column count; default 200. */
  maxColumns?: number;
};

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 50_000;
export const DEFAULT_MAX_COLUMNS = 200;

/** The error every unreadable upload becomes: a field error on `file`, in Chinese. */
export function fileError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', message }] });
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** Compound File Binary (OLE2): old .xls, WPS .et, and password-protected .xlsx. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (buf: Uint8Array, sig: readonly number[]) => sig.every((b, i) => buf[i] === b);

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} 字节`;
}

function toBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/** What `writeBuffer` resolves to, as a Node Buffer (exceljs types it as its own ArrayBuffer-like `Buffer`). */
export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const out: unknown = await workbook.xlsx.writeBuffer();
  if (Buffer.isBuffer(out)) return out;
  if (out instanceof ArrayBuffer) return Buffer.from(out);
  return Buffer.from(out as Uint8Array);
}

/**
 * Checks the bytes before any parsing: not empty, not above the limit, a zip (every .xlsx is one). Throws the
 * Chinese reason as a `VALIDATION_FAILED` field error on `file`.
 */
export function assertXlsxBytes(input: Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): void {
  if (input.byteLength === 0) throw fileError('上传的文件是空的');
  if (input.byteLength > maxBytes) {
    throw fileError(`文件过大（${formatSize(input.byteLength)}），上限为${formatSize(maxBytes)}，请分批导入`);
  }
  if (startsWith(input, OLE_SIGNATURE)) {
    throw fileError('这是旧版Excel文件（.xls）或已加密的文件，请在Excel中另存为.xlsx格式（并取消密码）后重新上传');
  }
  if (!startsWith(input, ZIP_SIGNATURE)) {
    throw fileError('文件不是Excel工作簿（.xlsx），请使用下载的模板或在Excel中另存为.xlsx后重新上传');
  }
}

/** Loads the bytes into an exceljs workbook, turning every failure into the Chinese file error. */
export async function loadWorkbook(input: Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): Promise<ExcelJS.Workbook> {
  assertXlsxBytes(input, maxBytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); at run time it takes Node's Buffer
    await workbook.xlsx.load(toBuffer(input) as unknown as ArrayBuffer);
  } catch {
    throw fileError('无法读取该文件，请确认它是有效的Excel工作簿（.xlsx）且未损坏');
  }
  if (workbook.worksheets.length === 0) throw fileError('工作簿中没有工作表，请确认上传的是Excel工作簿（.xlsx）');
  return workbook;
}

/** The named worksheet, else the first visible one (a hidden list sheet may come first), else the first. */
export function pickWorksheet(workbook: ExcelJS.Workbook, sheetName?: string): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  if (sheetName !== undefined) {
    const named = sheets.find((s) => s.name === sheetName);
    if (!named) {
      throw fileError(`找不到名为“${sheetName}”的工作表（文件中有：${sheets.map((s) => s.name).join('、')}）`);
    }
    return named;
  }
  return sheets.find((s) => s.state === 'visible') ?? sheets[0]!;
}

type ExcelValue = ExcelJS.CellValue;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function richTextOf(v: unknown): string | null {
  if (isObject(v) && Array.isArray(v.richText)) {
    return v.richText.map((r: unknown) => (isObject(r) && typeof r.text === 'string' ? r.text : '')).join('');
  }
  return null;
}

/** An exceljs cell value → the grid's value. Empty text is null; whitespace-only text is kept (a blank mark). */
export function normaliseCellValue(value: ExcelValue | unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (!isObject(value)) return null;
  const rich = richTextOf(value);
  if (rich !== null) return rich === '' ? null : rich;
  if ('hyperlink' in value) {
    // the text of a hyperlink may itself be rich text; a link with no text shows its address
    const text = typeof value.text === 'string' ? value.text : richTextOf(value.text);
    if (text) return text;
    return typeof value.hyperlink === 'string' && value.hyperlink !== '' ? value.hyperlink : null;
  }
  if ('formula' in value || 'sharedFormula' in value) {
    // a formula never calculated (saved by a tool that does not calculate) has no result: blank
    return 'result' in value ? normaliseCellValue(value.result) : null;
  }
  if ('error' in value && typeof value.error === 'string') return value.error;
  return null;
}

function hasContent(v: CellValue): boolean {
  return v !== null;
}

/**
 * Reads one worksheet of an .xlsx upload into a grid. Refuses, with a Chinese `VALIDATION_FAILED` error on `file`:
 * an empty or too large file, an old .xls or encrypted file, anything that is not a zip, a zip that is not a
 * workbook, a missing named sheet, and a sheet with more rows or columns than the limits.
 */
export async function readSheet(input: Uint8Array, options: ReadSheetOptions = {}): Promise<SheetGrid> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const workbook = await loadWorkbook(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const ws = pickWorksheet(workbook, options.sheetName);
  return gridOf(ws, maxRows, maxColumns);
}

/** The grid of an already loaded worksheet (also used when a sheet is given back with its errors). */
export function gridOf(
  ws: ExcelJS.Worksheet,
  maxRows: number = DEFAULT_MAX_ROWS,
  maxColumns: number = DEFAULT_MAX_COLUMNS,
): SheetGrid {
  const byRow = new Map<number, SheetRow>();
  const merges = new Map<string, MergeRange>();
  let lastRow = 0;
  let lastCol = 0;

  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    let numFmts: Record<number, string> | undefined;
    let rowHasValue = false;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const source = cell.isMerged ? cell.master : cell;
      if (cell.isMerged && source !== cell) {
        const key = source.address;
        // exceljs types row/col as strings; they are numbers at run time
        const top = Number(source.row);
        const left = Number(source.col);
        const m = merges.get(key) ?? { top, left, bottom: top, right: left };
        m.top = Math.min(m.top, rowNumber);
        m.bottom = Math.max(m.bottom, rowNumber);
        m.left = Math.min(m.left, colNumber);
        m.right = Math.max(m.right, colNumber);
        merges.set(key, m);
      }
      const value = normaliseCellValue(source.value);
      if (!hasContent(value)) return;
      if (colNumber > maxColumns) {
        throw fileError(`表格列数超过上限${maxColumns}列，请删除多余的列后重新上传`);
      }
      cells[colNumber - 1] = value;
      rowHasValue = true;
      lastCol = Math.max(lastCol, colNumber);
      const fmt = source.numFmt;
      if (typeof value === 'number' && fmt && fmt !== 'General') {
        numFmts ??= {};
        numFmts[colNumber - 1] = fmt;
      }
    });
    if (!rowHasValue) return;
    if (rowNumber > maxRows) {
      throw fileError(`表格行数超过上限${maxRows}行，请分批导入`);
    }
    lastRow = Math.max(lastRow, rowNumber);
    byRow.set(rowNumber, numFmts ? { row: rowNumber, cells, numFmts } : { row: rowNumber, cells });
  });

  const rows: SheetRow[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const found = byRow.get(r);
    const cells: CellValue[] = [];
    for (let c = 0; c < lastCol; c++) cells.push(found?.cells[c] ?? null);
    rows.push(found?.numFmts ? { row: r, cells, numFmts: found.numFmts } : { row: r, cells });
  }
  return { name: ws.name, rows, merges: [...merges.values()], columnCount: lastCol };
}
