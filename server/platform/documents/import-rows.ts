/**
 * The generic row pipeline of every Excel import: after the header is matched, each row below it is blank (skipped),
 * a note ("注：…", "填表人：…"), a total (合计/总计/小计/全市/全省/其中…: flagged, never imported), a section heading
 * (a merged row or "一、"/"（一）"), or data. Data rows are parsed by column kind and handed to the caller's validator,
 * which returns a value or cell errors; every rejected cell keeps its row, its column as it appeared and its
 * original text. Pure: works on the grid, no file.
 */
import {
  type AmountResult,
  type DecimalResult,
  type PercentResult,
  parseAmount,
  parseDecimal,
  parsePercent,
} from '../../../domain/common/amount-parse.ts';
import { type DatePrecision, type DateResult, isoDate, parseDateCell } from '../../../domain/common/date-parse.ts';
import type { Wan } from '../../../domain/common/money.ts';
import {
  type BlankCell,
  type BlankKind,
  blankKind,
  collapseWhitespace,
  type RejectedCell,
  removeWhitespace,
  toHalfWidth,
} from '../../../domain/common/text-normalize.ts';
import type { ColumnKind, HeaderMatch, MatchedColumn } from './header-match.ts';
import type { CellValue, MergeRange, SheetGrid, SheetRow } from './xlsx-read.ts';

export type TextResult = { ok: true; value: string; original: string } | BlankCell | RejectedCell;

type ParsedBase = { key: string; column: string; col: number; raw: CellValue; original: string };
/** A cell of a mapped column, parsed by the column's kind; `result.original` is the text the user wrote. */
export type ParsedCell =
  | (ParsedBase & { kind: 'text'; result: TextResult })
  | (ParsedBase & { kind: 'amount'; result: AmountResult })
  | (ParsedBase & { kind: 'percent'; result: PercentResult })
  | (ParsedBase & { kind: 'date'; result: DateResult })
  | (ParsedBase & { kind: 'decimal'; result: DecimalResult });

/** What a validator reports: the column as it appeared in the sheet (or a label), and why, in Chinese. */
export type CellError = { column: string; message: string; original?: string };
export type RowVerdict<V> = { ok: true; value: V } | { ok: false; errors: CellError[] };

/** One rejected cell (or row, with an empty column) of the upload. */
export type ImportRejection = { row: number; column: string; original: string; message: string };

/** A row that was read but is not data: a total, a section heading or a note. `values` by spec key. */
export type SkippedRow<K extends string = string> = {
  row: number;
  text: string;
  values: Partial<Record<K, CellValue>>;
};

export type ImportedRow<V> = { row: number; value: V; section: string[] };

export type ImportResult<K extends string, V> = {
  rows: ImportedRow<V>[];
  rejected: ImportRejection[];
  /** Excel rows with at least one rejection, ascending. */
  rejectedRows: number[];
  totals: SkippedRow<K>[];
  sections: SkippedRow<K>[];
  /** Notes under or beside the table, and rows with text only in columns the spec does not know. */
  notes: SkippedRow<K>[];
  blankRows: number;
  headerRows: { first: number; last: number } | null;
};

export type ImportOptions = {
  /** Recognise section rows (merged heading rows, "一、", "（一）"); default true. */
  sections?: boolean;
};

// ——— parsing one cell by kind ———

const originalOf = (raw: CellValue): string => {
  if (raw === null) return '';
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime())
      ? ''
      : isoDate({ y: raw.getUTCFullYear(), m: raw.getUTCMonth() + 1, d: raw.getUTCDate() });
  }
  return String(raw);
};

/** A text cell: whitespace collapsed; blank marks are a status; a long number Excel already rounded is refused. */
export function parseText(raw: CellValue): TextResult {
  const original = originalOf(raw);
  if (raw === null) return { ok: true, blank: 'empty', original };
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
      return {
        ok: false,
        reason: `数字“${original}”过长，Excel已按数值保存并丢失了末尾数字，请把该列设为文本格式后重新填写`,
        original,
      };
    }
    return { ok: true, value: original, original };
  }
  if (raw instanceof Date) return { ok: true, value: original, original };
  const blank = blankKind(raw);
  if (blank) return { ok: true, blank, original };
  return { ok: true, value: collapseWhitespace(raw), original };
}

function notADate(raw: Date, what: string): RejectedCell {
  const original = originalOf(raw);
  return { ok: false, reason: `“${original}”是日期，不是${what}`, original };
}

/** Parses a cell as `kind` for a column (its unit, its options); percent cells formatted as % hold fractions. */
export function parseCellAs<K extends string>(
  kind: ColumnKind,
  column: MatchedColumn<K>,
  raw: CellValue,
  numFmt?: string,
): ParsedCell {
  const base: ParsedBase = { key: column.key, column: column.header, col: column.col, raw, original: originalOf(raw) };
  const allowNegative = column.spec.allowNegative;
  switch (kind) {
    case 'text':
      return { ...base, kind, result: parseText(raw) };
    case 'amount': {
      const unit = column.amountUnit ?? '万元';
      const result = raw instanceof Date ? notADate(raw, '金额') : parseAmount(raw, unit, { allowNegative });
      return { ...base, kind, result };
    }
    case 'percent': {
      const numberIsFraction = numFmt?.includes('%') ?? false;
      const result =
        raw instanceof Date ? notADate(raw, '百分数') : parsePercent(raw, { numberIsFraction, allowNegative });
      return { ...base, kind, result };
    }
    case 'decimal': {
      const result =
        raw instanceof Date
          ? notADate(raw, column.label)
          : parseDecimal(raw, column.spec.scale ?? 2, {
              suffixes: column.spec.suffixes,
              allowNegative,
              label: column.label,
            });
      return { ...base, kind, result };
    }
    case 'date':
      return { ...base, kind, result: parseDateCell(raw) };
  }
}

// ——— the reader a validator gets ———

type Required = { required?: boolean };
type ResultOf = {
  text: TextResult;
  amount: AmountResult;
  percent: PercentResult;
  date: DateResult;
  decimal: DecimalResult;
};
type ValueOf = { text: string; amount: Wan; percent: bigint; decimal: bigint };

/**
 * One data row as the validator sees it: the parsed cells by spec key, typed accessors that record a Chinese
 * error for a rejected or missing required cell and return the value (null when blank or rejected), `error` for
 * the caller's own checks, and `done` to produce the verdict.
 */
export class RowReader<K extends string> {
  readonly row: number;
  /** Section headings above this row, outermost first. */
  readonly section: string[];
  readonly cells: Partial<Record<K, ParsedCell>>;
  readonly errors: CellError[] = [];
  readonly #match: HeaderMatch<K>;
  readonly #source: SheetRow;

  constructor(match: HeaderMatch<K>, source: SheetRow, section: string[]) {
    this.#match = match;
    this.#source = source;
    this.row = source.row;
    this.section = section;
    const cells: Partial<Record<K, ParsedCell>> = {};
    for (const c of match.columns) {
      cells[c.key] = parseCellAs(c.kind, c, source.cells[c.col] ?? null, source.numFmts?.[c.col]);
    }
    this.cells = cells;
  }

  /** True when the sheet has this column. */
  has(key: K): boolean {
    return this.#match.byKey[key] !== undefined;
  }

  /** The column's header as it appeared, or the spec label when the sheet lacks the column. */
  column(key: K): string {
    return this.#match.byKey[key]?.header ?? this.#label(key);
  }

  /** The text the user wrote in the cell ('' when blank or the column is absent). */
  original(key: K): string {
    return this.cells[key]?.original ?? '';
  }

  /** Why the cell is blank (empty, dash, ellipsis, not applicable), or null when it holds something. */
  blank(key: K): BlankKind | null {
    const cell = this.cells[key];
    if (!cell) return 'empty';
    const r = cell.result;
    return r.ok && 'blank' in r ? r.blank : null;
  }

  text(key: K, options: Required & { maxLength?: number } = {}): string | null {
    const value = this.#take('text', key, options);
    if (value !== null && options.maxLength !== undefined && [...value].length > options.maxLength) {
      this.error(key, `${this.column(key)}不能超过${options.maxLength}个字`);
      return null;
    }
    return value;
  }

  /** An amount in 万元 hundredths, converted by the column's unit (or the cell's own: "1.2亿", "3500万"). */
  amount(key: K, options: Required = {}): Wan | null {
    return this.#take('amount', key, options);
  }

  /** A percentage in tenths of a percent. */
  percent(key: K, options: Required = {}): bigint | null {
    return this.#take('percent', key, options);
  }

  /** A quantity as an integer of 10^-scale units (the spec's scale). */
  decimal(key: K, options: Required = {}): bigint | null {
    return this.#take('decimal', key, options);
  }

  /** A date 'YYYY-MM-DD' with its precision (a month-only date is the 1st) and the original text. */
  date(key: K, options: Required = {}): { date: string; precision: DatePrecision; original: string } | null {
    const r = this.#result('date', key);
    if (r === null || (r.ok && 'blank' in r)) return this.#blank(key, r, options);
    if (!r.ok) return this.#reject(key, r);
    return { date: r.date, precision: r.precision, original: r.original };
  }

  /** Records an error of the caller's own (a cross-field rule); `key` null for a row-level error. */
  error(key: K | null, message: string): void {
    if (key === null) this.errors.push({ column: '', message });
    else this.errors.push({ column: this.column(key), message, original: this.original(key) });
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** The verdict: the errors recorded so far, or the value `build` makes. */
  done<V>(build: () => V): RowVerdict<V> {
    if (this.failed) return { ok: false, errors: [...this.errors] };
    return { ok: true, value: build() };
  }

  #label(key: K): string {
    const m = this.#match;
    const spec = m.byKey[key]?.spec ?? [...m.missingRequired, ...m.missingOptional].find((s) => s.key === key);
    return spec?.label ?? key;
  }

  #result<T extends ColumnKind>(kind: T, key: K): ResultOf[T] | null {
    const cell = this.cells[key];
    if (!cell) return null;
    if (cell.kind === kind) return cell.result as ResultOf[T];
    const column = this.#match.byKey[key]!;
    return parseCellAs(kind, column, cell.raw, this.#source.numFmts?.[column.col]).result as ResultOf[T];
  }

  #take<T extends keyof ValueOf>(kind: T, key: K, options: Required): ValueOf[T] | null {
    const r = this.#result(kind, key);
    if (r === null || (r.ok && 'blank' in r)) return this.#blank(key, r, options);
    if (!r.ok) return this.#reject(key, r);
    return r.value as ValueOf[T];
  }

  #blank(key: K, r: { original: string } | null, options: Required): null {
    if (options.required) {
      const original = r?.original ?? '';
      const shown = original.trim() === '' ? '' : `（填写的是“${original}”）`;
      this.errors.push({ column: this.column(key), message: `${this.column(key)}不能为空${shown}`, original });
    }
    return null;
  }

  #reject(key: K, r: RejectedCell): null {
    this.errors.push({ column: this.column(key), message: r.reason, original: r.original });
    return null;
  }
}

// ——— classifying rows ———

const norm = (t: string) => removeWhitespace(toHalfWidth(t));

const TOTAL_RE = [
  /^(?:总计|合计|小计|总合计|累计合计)(?:\(.*\))?$/,
  /^全(?:市|省|区|县|州|盟|国)(?:合计|总计)?(?:\(.*\))?$/,
  /^(?:全(?:市|省|区|县))?(?:合计|总计)[:：].*$/,
  /^其中[:：]/,
];
const ORDINAL_RE = /^(?:[(]?[\d一二三四五六七八九十百]+[)]?[、.]?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[、.]?)$/;
const CHINESE_ORDINAL_RE = /^(?:[(]?[一二三四五六七八九十百]+[)]?[、.]?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[、.]?)$/;
const HEADING_RE =
  /^(?:[一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十百]+\)|第[一二三四五六七八九十百]+[部分章节类批项篇])/;
const STRICT_HEADING_RE = /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))/;
const NOTE_RE =
  /^(?:注|备注|说明|填表说明|填表人|填报人|制表人|制表|审核人|审核|联系人|联系电话|单位负责人|负责人|统计负责人|填报单位|填报日期|填表日期|报送日期|数据来源|资料来源)\d*[:：、.]/;

type Piece = { text: string; col: number; merged: boolean; numeric: boolean };

function isBlankValue(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && norm(v) === '');
}

/** Merged ranges wider than one column, by each row they cover (vertical merges need no de-duplication). */
function horizontalMergesByRow(merges: readonly MergeRange[]): Map<number, MergeRange[]> {
  const byRow = new Map<number, MergeRange[]>();
  for (const m of merges) {
    if (m.right <= m.left) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  return byRow;
}

/** The row's distinct contents left to right, a horizontally merged range counted once. */
function piecesOf(row: SheetRow, inRow: readonly MergeRange[]): Piece[] {
  const seen = new Set<MergeRange>();
  const pieces: Piece[] = [];
  row.cells.forEach((v, i) => {
    if (isBlankValue(v)) return;
    const col = i + 1;
    const m = inRow.find((r) => r.left <= col && col <= r.right);
    if (m) {
      if (seen.has(m)) return;
      seen.add(m);
    }
    const text = v instanceof Date ? originalOf(v) : String(v);
    pieces.push({ text, col: i, merged: m !== undefined, numeric: typeof v === 'number' });
  });
  return pieces;
}

function headingLevel(text: string): number {
  return /^\([一二三四五六七八九十百]+\)/.test(norm(text)) ? 2 : 1;
}

type RowKind =
  | { kind: 'blank' }
  | { kind: 'note'; text: string }
  | { kind: 'total'; text: string }
  | { kind: 'section'; text: string; level: number }
  | { kind: 'data' };

function classify(row: SheetRow, inRow: readonly MergeRange[], mappedCols: number[], sections: boolean): RowKind {
  const pieces = piecesOf(row, inRow);
  if (pieces.length === 0) return { kind: 'blank' };
  const texts = pieces.filter((p) => !p.numeric);
  if (pieces.length === 1 && NOTE_RE.test(norm(pieces[0]!.text))) return { kind: 'note', text: pieces[0]!.text };

  // the first text that is not an ordinal (序号 may be text, or merged with the name)
  const first = texts.find((p) => !ORDINAL_RE.test(norm(p.text)));
  if (first && TOTAL_RE.some((re) => re.test(norm(first.text)))) {
    return { kind: 'total', text: collapseWhitespace(first.text) };
  }

  if (sections && first) {
    const t = norm(first.text);
    const only =
      pieces.length === 1 ||
      (pieces.length === 2 && pieces[0] !== first && CHINESE_ORDINAL_RE.test(norm(pieces[0]!.text)));
    const numbered = pieces[0] !== first; // a Chinese ordinal in its own cell: "二" | "（一）"
    if ((only && (first.merged || numbered || HEADING_RE.test(t))) || STRICT_HEADING_RE.test(t)) {
      const ordinal = pieces[0] !== first ? collapseWhitespace(pieces[0]!.text) : '';
      const sep = ordinal === '' || /[、.．)）]$/.test(ordinal) ? '' : '、';
      const text = `${ordinal}${sep}${collapseWhitespace(first.text)}`;
      return { kind: 'section', text, level: headingLevel(ordinal === '' ? first.text : `${ordinal}`) };
    }
  }

  if (mappedCols.every((c) => isBlankValue(row.cells[c] ?? null))) {
    return { kind: 'note', text: pieces.map((p) => collapseWhitespace(p.text)).join(' ') };
  }
  return { kind: 'data' };
}

function valuesOf<K extends string>(match: HeaderMatch<K>, row: SheetRow): Partial<Record<K, CellValue>> {
  const values: Partial<Record<K, CellValue>> = {};
  for (const c of match.columns) values[c.key] = row.cells[c.col] ?? null;
  return values;
}

/**
 * Runs every row under the header through `validate`. Blank rows are counted, notes, totals and sections are
 * listed (never imported), data rows become `rows` or `rejected` entries. A validator error naming a column
 * takes the original text of that column's cell unless it gives its own.
 */
export function importRows<K extends string, V>(
  grid: SheetGrid,
  match: HeaderMatch<K>,
  validate: (row: RowReader<K>) => RowVerdict<V>,
  options: ImportOptions = {},
): ImportResult<K, V> {
  const result: ImportResult<K, V> = {
    rows: [],
    rejected: [],
    rejectedRows: [],
    totals: [],
    sections: [],
    notes: [],
    blankRows: 0,
    headerRows: match.headerRows,
  };
  if (match.headerRows === null) return result;
  const mappedCols = match.columns.map((c) => c.col);
  const originalByHeader = new Map<string, number>(match.columns.map((c) => [c.header, c.col]));
  const merges = horizontalMergesByRow(grid.merges);
  let path: string[] = [];

  for (const row of grid.rows) {
    if (row.row < match.dataStartRow) continue;
    const k = classify(row, merges.get(row.row) ?? [], mappedCols, options.sections ?? true);
    switch (k.kind) {
      case 'blank':
        result.blankRows++;
        continue;
      case 'note':
        result.notes.push({ row: row.row, text: k.text, values: valuesOf(match, row) });
        continue;
      case 'total':
        result.totals.push({ row: row.row, text: k.text, values: valuesOf(match, row) });
        continue;
      case 'section':
        path = k.level === 1 || path.length === 0 ? [k.text] : [path[0]!, k.text];
        result.sections.push({ row: row.row, text: k.text, values: valuesOf(match, row) });
        continue;
      case 'data':
        break;
    }
    const reader = new RowReader(match, row, path);
    const verdict = validate(reader);
    if (verdict.ok) {
      result.rows.push({ row: row.row, value: verdict.value, section: path });
      continue;
    }
    const errors = verdict.errors.length > 0 ? verdict.errors : [{ column: '', message: '该行数据未通过校验' }];
    for (const e of errors) {
      const col = originalByHeader.get(e.column);
      const original = e.original ?? (col === undefined ? '' : originalOf(row.cells[col] ?? null));
      result.rejected.push({ row: row.row, column: e.column, original, message: e.message });
    }
    result.rejectedRows.push(row.row);
  }
  return result;
}
