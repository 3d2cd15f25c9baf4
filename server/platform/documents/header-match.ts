/**
 * Finding the header of an uploaded table and mapping its columns to a caller's column spec. Real files put a
 * title, a "单位：万元" line and notes above the header, merge the header over two or three rows (年度计划 over
 * 投资 and 完成率), write the same column under several names, in full-width characters, with line breaks, and
 * put the unit in brackets. Pure functions over the grid: unit-testable without a file.
 */
import { type AmountUnit, amountUnitOf } from '../../../domain/common/amount-parse.ts';
import { collapseWhitespace, headerKey, removeWhitespace, toHalfWidth } from '../../../domain/common/text-normalize.ts';
import { AppError } from '../errors/index.ts';
import type { CellValue, SheetGrid, SheetRow } from './xlsx-read.ts';

export const COLUMN_KINDS = ['text', 'amount', 'percent', 'date', 'decimal'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** One column the caller expects. `label` is the canonical Chinese header; `synonyms` the other names seen. */
export type ColumnSpec<K extends string = string> = {
  key: K;
  label: string;
  synonyms: readonly string[];
  /** How cells are parsed: default 'text'. */
  kind?: ColumnKind;
  required?: boolean;
  /** Amounts: false rejects negative values. Percents and decimals too. Default: allowed. */
  allowNegative?: boolean;
  /** Decimals: the scale of the stored integer (default 2) and the unit words a cell may end with. */
  scale?: number;
  suffixes?: readonly string[];
};

/** A sheet column mapped to a spec column. `col` is 0-based (0 = A). */
export type MatchedColumn<K extends string = string> = {
  key: K;
  label: string;
  kind: ColumnKind;
  col: number;
  /** Excel column letters, for messages and the 错误原因 sheet. */
  letter: string;
  /** The header as it appeared, levels joined and whitespace removed: "年度计划投资（万元）". */
  header: string;
  /** The unit from the header's bracket, else from a "单位：万元" line above the header, else null. */
  unit: string | null;
  unitSource: 'header' | 'sheet' | null;
  /** Amount columns: the unit cells are converted from; 万元 when the header names none. */
  amountUnit: AmountUnit | null;
  spec: ColumnSpec<K>;
};

export type UnknownColumn = { col: number; letter: string; header: string };
export type DuplicateColumn<K extends string = string> = { key: K; label: string; used: string; ignored: string[] };

export type HeaderMatch<K extends string = string> = {
  /** Excel rows of the header block, null when no header was found. */
  headerRows: { first: number; last: number } | null;
  /** Excel row of the first data row (after the header and an optional column-number row). */
  dataStartRow: number;
  /** Matched columns in sheet order. */
  columns: MatchedColumn<K>[];
  byKey: Partial<Record<K, MatchedColumn<K>>>;
  missingRequired: ColumnSpec<K>[];
  missingOptional: ColumnSpec<K>[];
  /** Columns with a header that matches nothing in the spec (shown in the dry run, never imported). */
  unknown: UnknownColumn[];
  /** Spec columns found more than once: the best-matching (then leftmost) column is used. */
  duplicates: DuplicateColumn<K>[];
  /** A "单位：万元" line found above the header (applies to amount columns without their own unit). */
  sheetUnit: string | null;
  /** Problems that stop an import (Chinese): missing required columns, an amount unit that cannot be converted. */
  problems: string[];
  /** Things the user should see in the dry run (Chinese): duplicates, units assumed. */
  warnings: string[];
};

export type MatchOptions = {
  /** How many rows from the top to search for the header; default 15. */
  scanRows?: number;
  /** Deepest header block considered; default 3. */
  maxDepth?: number;
  /**
   * Mappings the user confirmed or corrected in an earlier dry run: normalised header (see `normaliseHeader`) →
   * spec key, or null to ignore that column. Checked before the synonyms.
   */
  overrides?: Readonly<Record<string, string | null>>;
  /**
   * Headers silently ignored (not reported unknown); default 序号 (never imported) and 错误原因 (the column we add
   * when we give a sheet back).
   */
  ignoreHeaders?: readonly string[];
};

export const ERROR_COLUMN_HEADER = '错误原因';
export const DEFAULT_IGNORED_HEADERS: readonly string[] = ['序号', ERROR_COLUMN_HEADER];

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const MARK_RE = /[(（](?:必填|必填项|选填|可选|非必填)[)）]/g;

/**
 * The key headers are compared by: `headerKey` (full-width → half-width, whitespace removed, a unit bracket taken
 * off, a leading "*" and trailing colon dropped), then a leading "其中:" and "(必填)" marks removed, lower case.
 */
export function normaliseHeader(text: string): string {
  return headerKey(text.replace(MARK_RE, ''))
    .key.replace(/^其中[:：]?/, '')
    .toLowerCase();
}

/** The header text for messages: whitespace collapsed, and removed entirely around Chinese text. */
export function displayHeader(text: string): string {
  const t = collapseWhitespace(text);
  return /[\u3400-\u9fff]/.test(t) ? removeWhitespace(t) : t;
}

function textOf(v: CellValue | undefined): string | null {
  if (v === null || v === undefined || v instanceof Date) return null;
  const t = typeof v === 'number' ? String(v) : v;
  return removeWhitespace(toHalfWidth(t)) === '' ? null : t;
}

type Level = { text: string; key: string; unit: string | null };
type ColumnHeader = { col: number; levels: Level[] };
type Candidate = { col: number; header: string; unit: string | null; keys: string[] };

/** The header levels of one column in a block of rows: blank and repeated (vertically merged) levels dropped. */
function columnHeaders(block: (SheetRow | undefined)[], width: number): ColumnHeader[] {
  const out: ColumnHeader[] = [];
  for (let col = 0; col < width; col++) {
    const levels: Level[] = [];
    for (const row of block) {
      const text = textOf(row?.cells[col]);
      if (text === null) continue;
      if (levels.length > 0 && levels[levels.length - 1]!.text === text) continue;
      const hk = headerKey(text.replace(MARK_RE, ''));
      levels.push({ text, key: normaliseHeader(text), unit: hk.unit });
    }
    if (levels.length > 0) out.push({ col, levels });
  }
  return out;
}

/** Keys to try, best first: all levels joined, the last two joined, the leaf alone. */
function candidateOf(h: ColumnHeader): Candidate {
  const keys = h.levels.map((l) => l.key);
  const tries = [keys.join('')];
  if (keys.length > 2) tries.push(keys.slice(-2).join(''));
  if (keys.length > 1) tries.push(keys[keys.length - 1]!);
  let unit: string | null = null;
  for (let i = h.levels.length - 1; i >= 0 && unit === null; i--) unit = h.levels[i]!.unit;
  return {
    col: h.col,
    header: displayHeader(h.levels.map((l) => l.text).join('')),
    unit,
    keys: [...new Set(tries.filter((k) => k !== ''))],
  };
}

type Assignment<K extends string> = { candidate: Candidate; key: K | null; via: number; ignored: boolean };

function buildLookup<K extends string>(spec: readonly ColumnSpec<K>[]): Map<string, K> {
  const lookup = new Map<string, K>();
  for (const s of spec) {
    for (const name of [s.label, ...s.synonyms]) {
      const k = normaliseHeader(name);
      const existing = lookup.get(k);
      if (existing !== undefined && existing !== s.key) {
        throw new Error(`column spec: "${name}" is a name of both ${existing} and ${s.key}`);
      }
      lookup.set(k, s.key);
    }
  }
  return lookup;
}

function assign<K extends string>(
  c: Candidate,
  lookup: Map<string, K>,
  specKeys: Set<string>,
  overrides: Readonly<Record<string, string | null>>,
  ignore: Set<string>,
): Assignment<K> {
  for (const [via, k] of c.keys.entries()) {
    if (Object.hasOwn(overrides, k)) {
      const target = overrides[k];
      if (target === null || target === undefined) return { candidate: c, key: null, via, ignored: true };
      if (specKeys.has(target)) return { candidate: c, key: target as K, via, ignored: false };
    }
  }
  for (const [via, k] of c.keys.entries()) {
    const key = lookup.get(k);
    if (key !== undefined) return { candidate: c, key, via, ignored: false };
  }
  const ignored = c.keys.some((k) => ignore.has(k));
  return { candidate: c, key: null, via: c.keys.length, ignored };
}

type BlockScore = { required: number; matched: number; via: number; depth: number; first: number };

function better(a: BlockScore, b: BlockScore | null): boolean {
  if (b === null) return true;
  if (a.required !== b.required) return a.required > b.required;
  if (a.matched !== b.matched) return a.matched > b.matched;
  if (a.via !== b.via) return a.via < b.via;
  if (a.depth !== b.depth) return a.depth < b.depth;
  return a.first < b.first;
}

const SHEET_UNIT_RE = /(?:^|[^\u3400-\u9fff])(?:金额|计量)?单位[:：]\s*(亿元|万元|元)/;

function sheetUnitAbove(rows: SheetRow[], before: number): string | null {
  for (const row of rows) {
    if (row.row >= before) break;
    for (const cell of row.cells) {
      const t = textOf(cell);
      if (t === null) continue;
      const m = SHEET_UNIT_RE.exec(removeWhitespace(toHalfWidth(t)));
      if (m) return m[1]!;
    }
  }
  return null;
}

/** A row of column numbers under the header ("1 2 3 …", or "甲 乙 1 2 …"), which some statistics tables have. */
function isNumberingRow(row: SheetRow | undefined): boolean {
  if (!row) return false;
  const values = row.cells.map(textOf).filter((t): t is string => t !== null);
  if (values.length < 3) return false;
  const norm = values.map((v) => removeWhitespace(toHalfWidth(v)));
  let i = 0;
  while (i < norm.length && /^[甲乙丙丁戊己庚辛]$/.test(norm[i]!)) i++;
  const nums = norm.slice(i);
  return nums.length >= 2 && nums.every((v, j) => v === String(j + 1));
}

/** True when a merged range spans the boundary between row `row - 1` and row `row`. */
function crossesInto(grid: SheetGrid, row: number): boolean {
  return grid.merges.some((m) => m.top <= row - 1 && m.bottom >= row);
}

/**
 * Finds the header block in the first rows and maps its columns to `spec`. The block (one to three rows) that
 * matches the most required, then the most columns wins; ties go to the block whose headers matched by their full
 * joined text, then to the shallower block. A spec column is matched by its label or a synonym, compared after
 * `normaliseHeader`, trying each column's joined levels first, then its last two levels, then its leaf. A group
 * row just above the winning block that a merged cell connects to it is counted as part of the header.
 */
export function matchHeaders<K extends string>(
  grid: SheetGrid,
  spec: readonly ColumnSpec<K>[],
  options: MatchOptions = {},
): HeaderMatch<K> {
  const scanRows = options.scanRows ?? 15;
  const maxDepth = options.maxDepth ?? 3;
  const overrides = options.overrides ?? {};
  const ignore = new Set((options.ignoreHeaders ?? DEFAULT_IGNORED_HEADERS).map(normaliseHeader));
  const lookup = buildLookup(spec);
  const specKeys = new Set<string>(spec.map((s) => s.key));
  const rowByNumber = new Map(grid.rows.map((r) => [r.row, r]));
  const width = grid.rows.reduce((w, r) => Math.max(w, r.cells.length), grid.columnCount);
  const requiredKeys = new Set<string>(spec.filter((s) => s.required).map((s) => s.key));

  let best: { score: BlockScore; assignments: Assignment<K>[]; first: number; last: number } | null = null;
  const firstRows = grid.rows.filter((r) => r.row <= scanRows).map((r) => r.row);
  for (const first of firstRows) {
    for (let depth = 1; depth <= maxDepth; depth++) {
      const block = Array.from({ length: depth }, (_, i) => rowByNumber.get(first + i));
      if (!block[0] || block.every((r) => r === undefined)) continue;
      const assignments = columnHeaders(block, width).map((h) =>
        assign(candidateOf(h), lookup, specKeys, overrides, ignore),
      );
      const bestVia = new Map<string, number>();
      for (const a of assignments) {
        if (a.key === null) continue;
        bestVia.set(a.key, Math.min(bestVia.get(a.key) ?? Number.POSITIVE_INFINITY, a.via));
      }
      const score: BlockScore = {
        required: [...bestVia.keys()].filter((k) => requiredKeys.has(k)).length,
        matched: bestVia.size,
        via: [...bestVia.values()].reduce((s, v) => s + v, 0),
        depth,
        first,
      };
      if (score.matched > 0 && better(score, best?.score ?? null)) {
        best = { score, assignments, first, last: first + depth - 1 };
      }
    }
  }

  const specByKey = new Map<string, ColumnSpec<K>>(spec.map((s) => [s.key, s]));
  const problems: string[] = [];
  const warnings: string[] = [];
  if (best === null) {
    const missingRequired = spec.filter((s) => s.required);
    problems.push(
      `未找到表头：前${scanRows}行中没有与模板列名（${spec.map((s) => s.label).join('、')}）相符的行，请使用导入模板`,
    );
    return {
      headerRows: null,
      dataStartRow: 1,
      columns: [],
      byKey: {},
      missingRequired,
      missingOptional: spec.filter((s) => !s.required),
      unknown: [],
      duplicates: [],
      sheetUnit: null,
      problems,
      warnings,
    };
  }

  // a group row above the chosen block (a merge crosses into it) belongs to the header: its text makes the
  // headers unambiguous ("项目申报本月完成" / "统计入库本月完成") and the 错误原因 header spans it
  let first = best.first;
  while (first > 1 && best.last - first + 1 < maxDepth && crossesInto(grid, first)) first--;
  if (first < best.first) {
    const extended = Array.from({ length: best.last - first + 1 }, (_, i) => rowByNumber.get(first + i));
    const display = new Map(columnHeaders(extended, width).map((h) => [h.col, candidateOf(h).header]));
    for (const a of best.assignments) a.candidate.header = display.get(a.candidate.col) ?? a.candidate.header;
  }

  const sheetUnit = sheetUnitAbove(grid.rows, first);
  const chosen = new Map<K, Assignment<K>>();
  const dupes = new Map<K, Assignment<K>[]>();
  const unknown: UnknownColumn[] = [];
  for (const a of best.assignments) {
    if (a.key === null) {
      if (!a.ignored)
        unknown.push({ col: a.candidate.col, letter: columnLetter(a.candidate.col), header: a.candidate.header });
      continue;
    }
    const prev = chosen.get(a.key);
    if (prev === undefined) {
      chosen.set(a.key, a);
      continue;
    }
    const list = dupes.get(a.key) ?? [];
    if (a.via < prev.via) {
      chosen.set(a.key, a);
      list.push(prev);
    } else {
      list.push(a);
    }
    dupes.set(a.key, list);
  }

  const columns: MatchedColumn<K>[] = [];
  for (const [key, a] of chosen) {
    const s = specByKey.get(key)!;
    const kind = s.kind ?? 'text';
    const unitSource = a.candidate.unit !== null ? 'header' : kind === 'amount' && sheetUnit !== null ? 'sheet' : null;
    const unit = unitSource === 'header' ? a.candidate.unit : unitSource === 'sheet' ? sheetUnit : null;
    let amountUnit: AmountUnit | null = null;
    if (kind === 'amount') {
      amountUnit = unit === null ? '万元' : amountUnitOf(unit);
      if (unit === null) warnings.push(`“${a.candidate.header}”未注明单位，按万元读取`);
      if (amountUnit === null) problems.push(`“${a.candidate.header}”的单位“${unit}”无法换算为万元`);
    }
    columns.push({
      key,
      label: s.label,
      kind,
      col: a.candidate.col,
      letter: columnLetter(a.candidate.col),
      header: a.candidate.header,
      unit,
      unitSource,
      amountUnit,
      spec: s,
    });
  }
  columns.sort((x, y) => x.col - y.col);

  const duplicates: DuplicateColumn<K>[] = [];
  for (const [key, list] of dupes) {
    const used = chosen.get(key)!.candidate;
    const ignored = list.map((a) => a.candidate.header);
    duplicates.push({ key, label: specByKey.get(key)!.label, used: used.header, ignored });
    warnings.push(
      `“${specByKey.get(key)!.label}”对应多列（${[used.header, ...ignored].join('、')}），已使用第${used.col + 1}列“${used.header}”`,
    );
  }

  const byKey: Partial<Record<K, MatchedColumn<K>>> = {};
  for (const c of columns) byKey[c.key] = c;
  const missingRequired = spec.filter((s) => s.required && !chosen.has(s.key));
  const missingOptional = spec.filter((s) => !s.required && !chosen.has(s.key));
  if (missingRequired.length > 0) {
    problems.unshift(`缺少必填列：${missingRequired.map((s) => s.label).join('、')}`);
  }
  const afterHeader = best.last + 1;
  const dataStartRow = isNumberingRow(rowByNumber.get(afterHeader)) ? afterHeader + 1 : afterHeader;

  return {
    headerRows: { first, last: best.last },
    dataStartRow,
    columns,
    byKey,
    missingRequired,
    missingOptional,
    unknown,
    duplicates,
    sheetUnit,
    problems,
    warnings,
  };
}

/** Throws the header problems (missing required columns, unconvertible units) as a field error on `file`. */
export function assertHeaders<K extends string>(match: HeaderMatch<K>): void {
  if (match.problems.length === 0) return;
  throw new AppError('VALIDATION_FAILED', {
    fields: match.problems.map((message) => ({ path: 'file', message })),
    details: { missingColumns: match.missingRequired.map((s) => s.label) },
  });
}
