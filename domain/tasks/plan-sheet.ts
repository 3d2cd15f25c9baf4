/**
 * A 分工方案 sheet read into sections and task rows — the meaning of the rows, after the server has read the
 * workbook and found the header (server/platform/documents: readSheet → matchHeaders(PLAN_COLUMNS) → importRows,
 * which hands over each row's cell texts and the section rows in sheet order). Unit and leader names stay names
 * here; unit-match.ts resolves them against the organisation.
 *
 * Columns: 序号, 重点任务 (任务内容/工作任务), 责任领导 (牵头领导), 牵头单位, 配合单位, 责任单位, 完成时限, and the
 * optional 目标值, 计量单位, 标签. Sections are merged rows or headings ("一、…", "（一）…"), numbered 1, 2, … in
 * sheet order (nested headings are a flat list; a task belongs to the nearest heading above it).
 *
 * Task numbers (unique within a plan; what makes a re-import idempotent):
 * - a dotted number as written ("3.12", "3.12.1", a split row "3.1-1") is kept;
 * - plain numbers ("1", "（1）", "1.", "①") that run on across the sheet are kept as written ("12");
 * - plain numbers that restart in each section become `<section ordinal>.<n>` ("3.2");
 * - a blank 序号 becomes `<section ordinal>.<position in the section>` (or the running position without sections).
 * All of these depend only on the sheet, so importing the same sheet again gives the same numbers. A duplicate is a
 * row error on the later row.
 */
import { removeWhitespace, toHalfWidth } from '../common/text-normalize.ts';
import { chineseNumber, parseDeadline } from './deadline.ts';
import type { ParsedDeadline } from './model.ts';
import { type CarryState, carryCell, newCarry, readResponsibility, splitLeaderNames } from './unit-match.ts';

export const PLAN_COLUMN_KEYS = [
  'number',
  'content',
  'leaders',
  'lead',
  'partners',
  'responsible',
  'deadline',
  'target',
  'targetUnit',
  'tags',
] as const;
export type PlanColumnKey = (typeof PLAN_COLUMN_KEYS)[number];

/** The columns, in the shape of the platform's header matcher (`ColumnSpec`): label, synonyms, required. */
export const PLAN_COLUMNS: readonly {
  key: PlanColumnKey;
  label: string;
  synonyms: readonly string[];
  required?: boolean;
}[] = [
  { key: 'number', label: '序号', synonyms: ['编号', '任务编号', '序列号', '任务序号'] },
  {
    key: 'content',
    label: '重点任务',
    synonyms: [
      '任务内容',
      '工作任务',
      '主要任务',
      '重点工作',
      '工作内容',
      '具体任务',
      '工作事项',
      '重点任务内容',
      '任务事项',
      '目标任务',
      '重点工作任务',
      '任务',
    ],
    required: true,
  },
  {
    key: 'leaders',
    label: '责任领导',
    synonyms: ['牵头领导', '分管领导', '责任市领导', '牵头市领导', '包抓领导', '市级领导', '责任领导同志', '领导'],
  },
  { key: 'lead', label: '牵头单位', synonyms: ['牵头部门', '主责单位', '牵头责任单位', '主办单位'] },
  {
    key: 'partners',
    label: '配合单位',
    synonyms: ['配合部门', '协办单位', '参与单位', '协同单位', '配合责任单位', '协助单位'],
  },
  { key: 'responsible', label: '责任单位', synonyms: ['责任部门', '承办单位', '责任主体', '落实单位'] },
  {
    key: 'deadline',
    label: '完成时限',
    synonyms: ['完成时间', '时间节点', '时限要求', '完成期限', '办理时限', '时限', '完成时间节点', '时间要求'],
    required: true,
  },
  { key: 'target', label: '目标值', synonyms: ['量化目标', '量化指标', '指标值', '目标数值'] },
  { key: 'targetUnit', label: '计量单位', synonyms: ['单位', '目标单位', '指标单位'] },
  { key: 'tags', label: '标签', synonyms: ['分类', '任务标签', '任务类别'] },
];

export const PLAN_COLUMN_LABELS: Record<PlanColumnKey, string> = Object.fromEntries(
  PLAN_COLUMNS.map((c) => [c.key, c.label]),
) as Record<PlanColumnKey, string>;

/** What stops an import beyond the required columns: no column names a lead unit. */
export function planColumnProblems(present: readonly PlanColumnKey[]): string[] {
  const has = new Set(present);
  if (!has.has('lead') && !has.has('responsible')) return ['缺少必填列：牵头单位（或责任单位）'];
  return [];
}

export type PlanSheetItem =
  | { row: number; kind: 'section'; text: string }
  | { row: number; kind: 'data'; cells: Partial<Record<PlanColumnKey, string | null>> };

export type PlanSheetInput = {
  /** every section and data row, in sheet order */
  items: readonly PlanSheetItem[];
  /** the headers as they appeared, for the row errors (the spec label when a column is absent) */
  headers: Partial<Record<PlanColumnKey, string>>;
  /** which columns the sheet has (a blank cell and an absent column differ for the responsibility rules) */
  present: readonly PlanColumnKey[];
  /** the plan's year: "6月底前" is in it */
  year: number;
};

export type SheetSection = { ordinal: number; label: string; title: string; row: number };
export type SheetTask = {
  row: number;
  number: string;
  /** the number of the task this one is a sub-task of ("3.12" for "3.12.1"), when that task is in the sheet */
  parentNumber: string | null;
  sort: number;
  sectionOrdinal: number | null;
  content: string;
  leaderNames: string[];
  leadUnitName: string;
  partnerUnitNames: string[];
  deadlineText: string;
  deadline: ParsedDeadline;
  /** a decimal string ("1.2"), as numeric columns hold it */
  targetValue: string | null;
  targetUnit: string | null;
  tags: string[];
};
export type SheetRejection = { row: number; column: string; original: string; message: string };
export type SheetNote = { row: number; message: string };
export type PlanSheet = {
  sections: SheetSection[];
  tasks: SheetTask[];
  rejected: SheetRejection[];
  notes: SheetNote[];
};

// ── sections ───────────────────────────────────────────────────────────────────────────────────────────────
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二, 20 → 二十 (section labels up to 99). */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CN_NUMERALS[n - 1] ?? String(n);
  if (n < 20) return `十${CN_NUMERALS[n - 11]}`;
  if (n < 100) return `${CN_NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 === 0 ? '' : CN_NUMERALS[(n % 10) - 1]}`;
  return String(n);
}

/** "一、稳增长" → { label: 一, title: 稳增长 }; "（二）扩大有效投资" → { label: (二), … }; a bare title has no label. */
export function parseSectionHeading(text: string): { label: string; title: string } {
  const t = text.trim();
  const m =
    /^([一二三四五六七八九十百]+)[、.．]\s*(.*)$/s.exec(t) ??
    /^([(（][一二三四五六七八九十百]+[)）])[、.．]?\s*(.*)$/s.exec(t) ??
    /^(第[一二三四五六七八九十百]+(?:部分|章|节|篇|类|项))[、.．:：\s]*(.*)$/s.exec(t);
  if (m) return { label: toHalfWidth(m[1]!), title: m[2]!.trim() || toHalfWidth(m[1]!) };
  return { label: '', title: t };
}

// ── numbers ────────────────────────────────────────────────────────────────────────────────────────────────
type NumberToken = { kind: 'dotted'; value: string } | { kind: 'plain'; n: number } | { kind: 'blank' } | null;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function numberToken(text: string | null | undefined): NumberToken {
  const t = removeWhitespace(toHalfWidth(text ?? ''));
  if (t === '') return { kind: 'blank' };
  const circled = CIRCLED.indexOf(t);
  if (circled !== -1 && [...t].length === 1) return { kind: 'plain', n: circled + 1 };
  const bare = t
    .replace(/^第/, '')
    .replace(/^\((.+)\)$/, '$1')
    .replace(/[、.。:：项]$/, '');
  if (/^\d+$/.test(bare)) return { kind: 'plain', n: Number(bare) };
  if (/^\d+(?:\.\d+)+(?:-\d+)*$|^\d+(?:-\d+)+$/.test(bare)) return { kind: 'dotted', value: bare };
  const cn = chineseNumber(bare);
  if (cn !== null && cn > 0) return { kind: 'plain', n: cn };
  return null;
}

// ── other cells ────────────────────────────────────────────────────────────────────────────────────────────
/** 目标值: "1.2", "1,200", "1.2万人" (the unit split off when there is no 计量单位 column). */
function readTarget(
  value: string,
  unit: string,
): { ok: true; value: string | null; unit: string | null } | { ok: false; reason: string } {
  const v = removeWhitespace(toHalfWidth(value)).replace(/,/g, '');
  const u = removeWhitespace(toHalfWidth(unit));
  if (v === '' || /^[-—/\\]+$/.test(v)) return { ok: true, value: null, unit: u || null };
  const m = /^(-?\d+(?:\.\d+)?)(.*)$/.exec(v);
  if (!m) return { ok: false, reason: `目标值“${value.trim()}”不是数字（可写 1.2 或 1.2万人）` };
  const [, num, rest] = m;
  if (num!.replace(/^-/, '').split('.')[0]!.length > 16) return { ok: false, reason: `目标值“${value.trim()}”过大` };
  const normalised = num!.includes('.') ? num!.replace(/0+$/, '').replace(/\.$/, '') : num!;
  return { ok: true, value: normalised, unit: u || rest || null };
}

const splitTags = (text: string) => [
  ...new Set(
    toHalfWidth(text)
      .split(/[、,，;；\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

const CONTENT_MAX = 2000;

/** Reads the sheet's rows. Never throws for a bad row: every problem is a rejection with row, column and reason. */
export function readPlanSheet(input: PlanSheetInput): PlanSheet {
  const present = new Set(input.present);
  const header = (k: PlanColumnKey) => input.headers[k] ?? PLAN_COLUMN_LABELS[k];
  const sections: SheetSection[] = [];
  const rejected: SheetRejection[] = [];
  const notes: SheetNote[] = [];
  const reject = (row: number, key: PlanColumnKey | null, original: string, message: string) =>
    rejected.push({ row, column: key ? header(key) : '', original, message });

  type Pending = Omit<SheetTask, 'number' | 'parentNumber'> & { token: NumberToken; position: number };
  const pending: Pending[] = [];
  const carry: Record<'leaders' | 'lead' | 'partners' | 'responsible', CarryState> = {
    leaders: newCarry(),
    lead: newCarry(),
    partners: newCarry(),
    responsible: newCarry(),
  };
  let section: SheetSection | null = null;
  let positionInSection = 0;
  let sort = 0;

  for (const item of input.items) {
    if (item.kind === 'section') {
      const { label, title } = parseSectionHeading(item.text);
      section = { ordinal: sections.length + 1, label, title, row: item.row };
      sections.push(section);
      positionInSection = 0;
      continue;
    }
    const { row, cells } = item;
    const text = (k: PlanColumnKey) => cells[k] ?? '';
    positionInSection++;
    sort++;
    const before = rejected.length;

    const token = numberToken(cells.number);
    if (token === null)
      reject(row, 'number', text('number'), `序号“${text('number').trim()}”无法识别，应为 1、3.12 这样的编号`);

    const content = text('content').replace(/\r\n?/g, '\n').trim();
    if (content === '') reject(row, 'content', '', `${header('content')}不能为空`);
    else if ([...content].length > CONTENT_MAX)
      reject(row, 'content', '', `${header('content')}不能超过${CONTENT_MAX}个字`);

    // 下同 / 同上 in the responsibility and leader columns
    const effective: Partial<Record<keyof typeof carry, string>> = {};
    for (const k of ['leaders', 'lead', 'partners', 'responsible'] as const) {
      if (!present.has(k)) continue;
      const r = carryCell(cells[k], carry[k]);
      if (r.ok) effective[k] = r.text;
      else reject(row, k, text(k), r.reason);
    }
    const resp = readResponsibility({
      ...(present.has('lead') ? { lead: effective.lead ?? '' } : {}),
      ...(present.has('partners') ? { partners: effective.partners ?? '' } : {}),
      ...(present.has('responsible') ? { responsible: effective.responsible ?? '' } : {}),
    });
    if (!resp.ok) reject(row, resp.column, text(resp.column), resp.reason);
    else for (const n of resp.notes) notes.push({ row, message: n });

    const deadlineText = text('deadline').trim();
    const parsed = parseDeadline(deadlineText, { year: input.year });
    if (!parsed.ok) reject(row, 'deadline', deadlineText, parsed.reason);

    const target = readTarget(text('target'), text('targetUnit'));
    if (!target.ok) reject(row, 'target', text('target'), target.reason);

    if (rejected.length > before || !resp.ok || !parsed.ok || !target.ok) continue;
    pending.push({
      row,
      token,
      position: positionInSection,
      sort,
      sectionOrdinal: section?.ordinal ?? null,
      content,
      leaderNames: splitLeaderNames(effective.leaders),
      leadUnitName: resp.lead,
      partnerUnitNames: resp.partners,
      deadlineText,
      deadline: parsed.value,
      targetValue: target.value,
      targetUnit: target.unit,
      tags: splitTags(text('tags')),
    });
  }

  // plain numbers running on across the sheet are kept; restarting ones get their section's ordinal
  const plain = pending.flatMap((p) => (p.token?.kind === 'plain' ? [p.token.n] : []));
  const running = new Set(plain).size === plain.length;
  const tasks: SheetTask[] = [];
  const byNumber = new Map<string, number>();
  for (const p of pending) {
    const { token, position, ...rest } = p;
    const prefix = p.sectionOrdinal === null ? '' : `${p.sectionOrdinal}.`;
    const number =
      token?.kind === 'dotted'
        ? token.value
        : token?.kind === 'plain'
          ? running || prefix === ''
            ? String(token.n)
            : `${prefix}${token.n}`
          : `${prefix}${position}`;
    if (number.length > 32) {
      reject(p.row, 'number', number, `序号“${number}”过长（不超过32个字符）`);
      continue;
    }
    const first = byNumber.get(number);
    if (first !== undefined) {
      reject(
        p.row,
        'number',
        cellOf(input, p.row, 'number'),
        `序号“${number}”与第${first}行重复，同一方案内序号不能重复`,
      );
      continue;
    }
    byNumber.set(number, p.row);
    tasks.push({ ...rest, number, parentNumber: null });
  }
  for (const t of tasks) {
    const parts = t.number.split('.');
    for (let n = parts.length - 1; n >= 2 && t.parentNumber === null; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (byNumber.has(candidate)) t.parentNumber = candidate;
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { sections, tasks, rejected, notes };
}

function cellOf(input: PlanSheetInput, row: number, key: PlanColumnKey): string {
  const item = input.items.find((i) => i.row === row);
  return item?.kind === 'data' ? (item.cells[key] ?? '') : '';
}
