import { formatWan, parseWan } from '../../../domain/common/money.ts';
import { ProjectCreate, type ProjectListQuery } from '../../../domain/projects/contracts.ts';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  LEVEL_LABELS,
  LEVELS,
  STAGE_LABELS,
  type Stage,
} from '../../../domain/projects/project.ts';
import { assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { ColumnSpec } from '../../platform/documents/header-match.ts';
import { type HeaderMatch, matchHeaders, normaliseHeader } from '../../platform/documents/header-match.ts';
import { importRows, type RowReader } from '../../platform/documents/import-rows.ts';
import { readSheet } from '../../platform/documents/xlsx-read.ts';
import {
  type LedgerColumn,
  ledgerWorkbook,
  templateWorkbook,
  withErrorColumn,
} from '../../platform/documents/xlsx-write.ts';
import { AppError, appError } from '../../platform/errors/app-error.ts';
import { projectRepo } from './projects.repository.ts';
import { checkRefs, createInTx, listProjects, updateInTx } from './projects.service.ts';

/**
 * The project ledger (台账) in Excel: one column list serves the import template, the import and the export, so
 * what a user downloads can be filled in and uploaded again.
 */
type Key =
  | 'name'
  | 'projectCode'
  | 'ownerName'
  | 'ownerUscc'
  | 'region'
  | 'unit'
  | 'level'
  | 'category'
  | 'fundingSource'
  | 'totalInvestment'
  | 'annualPlan'
  | 'plannedStartDate'
  | 'plannedCompletionDate'
  | 'landArea'
  | 'eia'
  | 'batch'
  | 'tags';

const COLUMNS: (ColumnSpec<Key> & { header: string; ledger: LedgerColumn['kind']; note: string })[] = [
  {
    key: 'name',
    label: '项目名称',
    header: '项目名称',
    synonyms: ['项目名', '名称'],
    required: true,
    ledger: 'text',
    note: '必填',
  },
  {
    key: 'projectCode',
    label: '项目代码',
    header: '项目代码',
    synonyms: ['投资项目统一代码', '统一代码', '项目编码'],
    ledger: 'text',
    note: '投资项目统一代码,如 2509-990102-89-01-544060;前期及以后阶段必填',
  },
  {
    key: 'ownerName',
    label: '建设单位',
    header: '建设单位',
    synonyms: ['业主单位', '项目业主', '建设主体'],
    required: true,
    ledger: 'text',
    note: '必填',
  },
  {
    key: 'ownerUscc',
    label: '统一社会信用代码',
    header: '统一社会信用代码',
    synonyms: ['信用代码', '社会信用代码'],
    ledger: 'text',
    note: '18位,校验位须正确',
  },
  {
    key: 'region',
    label: '所属区县',
    header: '所属区县',
    synonyms: ['区县', '所在区县', '县区', '所属区域'],
    required: true,
    ledger: 'text',
    note: '区县或园区名称,如 城关区',
  },
  {
    key: 'unit',
    label: '责任单位',
    header: '责任单位',
    synonyms: ['牵头单位', '责任部门'],
    required: true,
    ledger: 'text',
    note: '单位全称或简称',
  },
  {
    key: 'level',
    label: '项目级别',
    header: '项目级别',
    synonyms: ['级别'],
    ledger: 'text',
    note: LEVELS.map((l) => LEVEL_LABELS[l].zh).join('/'),
  },
  {
    key: 'category',
    label: '项目类别',
    header: '项目类别',
    synonyms: ['类别', '项目类型'],
    ledger: 'text',
    note: CATEGORIES.map((c) => CATEGORY_LABELS[c].zh).join('/'),
  },
  {
    key: 'fundingSource',
    label: '投资来源',
    header: '投资来源',
    synonyms: ['资金来源'],
    ledger: 'text',
    note: FUNDING_SOURCES.map((f) => FUNDING_SOURCE_LABELS[f].zh).join('/'),
  },
  {
    key: 'totalInvestment',
    label: '总投资',
    header: '总投资(万元)',
    synonyms: ['总投资额', '计划总投资', '项目总投资'],
    kind: 'amount',
    allowNegative: false,
    required: true,
    ledger: 'amount',
    note: '万元;也可写 1.2亿、3500万',
  },
  {
    key: 'annualPlan',
    label: '年度计划投资',
    header: '年度计划投资(万元)',
    synonyms: ['年度投资计划', '年计划投资', '本年计划', '年度计划'],
    kind: 'amount',
    allowNegative: false,
    ledger: 'amount',
    note: '万元;不超过总投资',
  },
  {
    key: 'plannedStartDate',
    label: '计划开工',
    header: '计划开工',
    synonyms: ['计划开工时间', '开工时间', '计划开工日期'],
    kind: 'date',
    ledger: 'date',
    note: '如 2026-03-01、2026年3月、2026.3',
  },
  {
    key: 'plannedCompletionDate',
    label: '计划竣工',
    header: '计划竣工',
    synonyms: ['计划竣工时间', '竣工时间', '计划竣工日期'],
    kind: 'date',
    ledger: 'date',
    note: '不早于计划开工',
  },
  {
    key: 'landArea',
    label: '用地面积',
    header: '用地面积(亩)',
    synonyms: ['用地', '占地面积'],
    kind: 'decimal',
    allowNegative: false,
    ledger: 'amount',
    note: '亩',
  },
  {
    key: 'eia',
    label: '环评批复',
    header: '环评批复',
    synonyms: ['环评', '已通过环评', '环评情况', '是否通过环评', '环评手续'],
    ledger: 'text',
    note: '是/否;空白视为否(准入要求环评)',
  },
  { key: 'batch', label: '集中开工批次', header: '集中开工批次', synonyms: ['开工批次'], ledger: 'text', note: '' },
  { key: 'tags', label: '标签', header: '标签', synonyms: ['备注标签'], ledger: 'text', note: '多个用、分隔' },
];

const byLabel = <T extends string>(values: readonly T[], labels: Record<T, { zh: string }>) =>
  new Map(values.map((v) => [labels[v].zh, v]));
const LEVEL_BY = byLabel(LEVELS, LEVEL_LABELS);
const CATEGORY_BY = byLabel(CATEGORIES, CATEGORY_LABELS);
const FUNDING_BY = byLabel(FUNDING_SOURCES, FUNDING_SOURCE_LABELS);

export async function importTemplate(): Promise<Buffer> {
  return templateWorkbook({
    columns: COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      kind: c.ledger,
      required: c.required ?? false,
      note: c.note,
    })),
    notes: [
      '第一行为列名,请勿修改;从第二行起每行一个项目。',
      '有项目代码的按项目代码更新已有项目,没有代码的按“项目名称+建设单位”匹配;同一文件重复导入不会重复登记。',
      '金额单位为万元,可写 1.2亿、3500万,千分位逗号或空格均可;空白不等于0。',
      '先“预检”查看新增、更新、未变和被拒绝的行,确认后再正式导入;被拒绝的行会列出行号、列名和原因。',
    ],
    validations: [
      { key: 'level', list: LEVELS.map((l) => LEVEL_LABELS[l].zh) },
      { key: 'category', list: CATEGORIES.map((c) => CATEGORY_LABELS[c].zh) },
      { key: 'fundingSource', list: FUNDING_SOURCES.map((f) => FUNDING_SOURCE_LABELS[f].zh) },
      { key: 'eia', list: ['是', '否'] },
    ],
  });
}

type Candidate = { row: number; input: ProjectCreate };

/** 环评 as offices write it: 是/已批复/√ or 否/未批复/×; blank is 否. */
const YES = new Set([
  '是',
  '有',
  '已批复',
  '已通过',
  '已完成',
  '已办结',
  '已办理',
  '通过',
  '√',
  '✓',
  'y',
  'yes',
  'true',
]);
const NO = new Set(['否', '无', '未批复', '未通过', '未完成', '未办理', '未办', '×', '✗', 'n', 'no', 'false']);
function yesNo(text: string | null): boolean | null | undefined {
  if (!text) return false;
  const t = text.trim().toLowerCase();
  return YES.has(t) ? true : NO.has(t) ? false : undefined;
}

/** What a row asks for, validated by the same contract as the form; every problem becomes a row error. */
function validateRow(
  r: RowReader<Key>,
  lookups: { region: Map<string, string>; unit: Map<string, string> },
): { ok: true; value: Candidate } | { ok: false; errors: { column: string; message: string }[] } {
  const text = (k: Key) => r.text(k) ?? null;
  const errors: { column: string; message: string }[] = [];
  const pick = <T>(k: Key, map: Map<string, T>, what: string, fallback: T): T => {
    const t = text(k);
    if (!t) return fallback;
    const v = map.get(t);
    if (v === undefined) errors.push({ column: r.column(k), message: `${what}“${t}”不存在` });
    return v ?? fallback;
  };
  const regionCode = pick('region', lookups.region, '区县', '');
  const responsibleUnitId = pick('unit', lookups.unit, '责任单位', '');
  const amount = (k: Key) => {
    const v = r.amount(k);
    return v === null ? null : formatWan(v);
  };
  const area = r.decimal('landArea');
  const eia = yesNo(text('eia'));
  if (eia === undefined)
    errors.push({ column: r.column('eia'), message: `环评批复应填“是”或“否”,不能为“${text('eia')}”` });
  const raw = {
    name: text('name') ?? '',
    projectCode: text('projectCode'),
    ownerName: text('ownerName') ?? '',
    ownerUscc: text('ownerUscc'),
    regionCode,
    responsibleUnitId,
    level: pick('level', LEVEL_BY, '项目级别', 'municipal'),
    category: pick('category', CATEGORY_BY, '项目类别', 'other'),
    fundingSource: pick('fundingSource', FUNDING_BY, '投资来源', 'social'),
    totalInvestment: amount('totalInvestment') ?? '',
    annualPlan: amount('annualPlan'),
    plannedStartDate: r.date('plannedStartDate')?.date ?? null,
    plannedCompletionDate: r.date('plannedCompletionDate')?.date ?? null,
    landArea: area === null ? null : formatWan(area),
    environmentalAssessment: eia ?? false,
    groundbreakingBatch: text('batch'),
    tags: (text('tags') ?? '').split(/[、,，;；\s]+/).filter(Boolean),
  };
  if (r.errors.length || errors.length) return { ok: false, errors: [...r.errors, ...errors] };
  const parsed = ProjectCreate.safeParse(raw);
  if (!parsed.success) {
    const columnOf: Record<string, Key> = {
      regionCode: 'region',
      responsibleUnitId: 'unit',
      groundbreakingBatch: 'batch',
    };
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? '');
        const key = (columnOf[field] ?? field) as Key;
        return { column: COLUMNS.some((c) => c.key === key) ? r.column(key) : field, message: i.message };
      }),
    };
  }
  return { ok: true, value: { row: r.row, input: parsed.data } };
}

/** The fields an import sets, to tell "unchanged" from "updated". */
const IMPORTED = [
  'name',
  'projectCode',
  'ownerName',
  'ownerUscc',
  'regionCode',
  'responsibleUnitId',
  'level',
  'category',
  'fundingSource',
  'totalInvestment',
  'annualPlan',
  'plannedStartDate',
  'plannedCompletionDate',
  'landArea',
  'environmentalAssessment',
  'groundbreakingBatch',
] as const;

/** How the sheet's columns were read, so the user can confirm or correct it in the dry run. */
export type ColumnReport = {
  columns: { letter: string; header: string; key: string; label: string; unit: string | null }[];
  unknown: { letter: string; header: string }[];
  warnings: string[];
  /** every column the import knows, for the user's choice */
  fields: { key: string; label: string; required: boolean }[];
};

export type ImportOutcome = ColumnReport & {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; column: string; message: string }[];
};

/** header (normalised) → column key, or null to ignore that column */
export type HeaderMapping = Record<string, string | null>;

/** Mappings users confirmed in earlier imports, remembered for the whole installation. */
const HEADER_SETTING = 'projects.import_headers';
const KEYS = new Set<string>(COLUMNS.map((c) => c.key));

const parseMapping = (raw: unknown): HeaderMapping => {
  const out: HeaderMapping = {};
  if (raw && typeof raw === 'object') {
    for (const [h, k] of Object.entries(raw as Record<string, unknown>)) {
      if (k === null || (typeof k === 'string' && KEYS.has(k))) out[normaliseHeader(h)] = k as string | null;
    }
  }
  return out;
};

/** A mapping sent with an upload: each value must be a known column or null; a clear message otherwise. */
export function readMapping(text: string | undefined): HeaderMapping {
  if (!text) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const bad =
    !raw ||
    typeof raw !== 'object' ||
    Array.isArray(raw) ||
    Object.values(raw as object).some((k) => k !== null && !(typeof k === 'string' && KEYS.has(k)));
  if (bad) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'mapping', message: '列对应关系格式不正确,请重新预检' }] });
  }
  return parseMapping(raw);
}

function columnReport(match: HeaderMatch<Key>): ColumnReport {
  return {
    columns: match.columns.map((c) => ({
      letter: c.letter,
      header: c.header,
      key: c.key,
      label: c.label,
      unit: c.unit,
    })),
    unknown: match.unknown.map((u) => ({ letter: u.letter, header: u.header })),
    warnings: match.warnings,
    fields: COLUMNS.map((c) => ({ key: c.key, label: c.label, required: c.required ?? false })),
  };
}

/** The sheet's header, read with the remembered mappings and the user's corrections; 400 with the report if unusable. */
async function readHeader(ctx: Ctx, file: Uint8Array, mapping: HeaderMapping) {
  const grid = await readSheet(file);
  const saved = (await ctx.settings.get(ctx.db, HEADER_SETTING, parseMapping)).value;
  const match = matchHeaders(grid, COLUMNS, { overrides: { ...saved, ...mapping } });
  if (match.problems.length) {
    throw appError('VALIDATION_FAILED', {
      fields: match.problems.map((message) => ({ path: 'file', message })),
      details: { missingColumns: match.missingRequired.map((s) => s.label), ...columnReport(match) },
    });
  }
  return { grid, match };
}

/**
 * Imports an .xlsx in the ledger's shape. A dry run answers what would happen and writes nothing; a real run writes
 * every valid row in one transaction (with an audit record each) and upserts by project code, else by name + owner.
 * The same file imported twice changes nothing the second time.
 */
export async function importProjects(
  ctx: Ctx,
  actor: Actor,
  file: Uint8Array,
  dryRun: boolean,
  mapping: HeaderMapping = {},
): Promise<ImportOutcome> {
  assertMay(actor, 'project.edit');
  const { grid, match } = await readHeader(ctx, file, mapping);
  const lookups = await nameLookups(ctx, actor);
  const result = importRows(grid, match, (r) => validateRow(r, lookups));
  const rejected: ImportOutcome['rejected'] = result.rejected.map((x) => ({
    row: x.row,
    column: x.column,
    message: x.message,
  }));
  const outcome: ImportOutcome = { dryRun, created: 0, updated: 0, unchanged: 0, rejected, ...columnReport(match) };
  const run = async (
    tx: Parameters<Parameters<typeof audited>[2]>[0],
    audit: Parameters<Parameters<typeof audited>[2]>[1] | null,
  ) => {
    for (const { value: c } of result.rows) {
      const existing = await projectRepo.findForImport(tx, actor.scope, c.input);
      // references (region in scope, unit, code's region and uniqueness) checked before anything of the row is written
      try {
        await checkRefs(tx, actor, c.input, existing?.id ?? null);
      } catch (e) {
        if (!(e instanceof AppError) || !e.fields) throw e;
        for (const f of e.fields)
          rejected.push({ row: c.row, column: FIELD_COLUMN[f.path] ?? f.path, message: f.message });
        continue;
      }
      if (!existing) {
        outcome.created++;
        if (audit) await createInTx(ctx, actor, tx, audit, c.input);
        continue;
      }
      const same = IMPORTED.every((k) => normal(existing[k]) === normal((c.input as Record<string, unknown>)[k]));
      if (same) {
        outcome.unchanged++;
        continue;
      }
      outcome.updated++;
      if (audit) {
        await updateInTx(
          ctx,
          actor,
          tx,
          audit,
          existing.id,
          { ...c.input, version: existing.version, tags: c.input.tags.length ? c.input.tags : existing.tags },
          { keepPeople: true, action: 'project.import_update' },
        );
      }
    }
  };
  const sorted = () => {
    outcome.rejected.sort((a, b) => a.row - b.row);
    return outcome;
  };
  if (dryRun) {
    await run(ctx.db as never, null);
    return sorted();
  }
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    await run(tx, audit);
    if (Object.keys(mapping).length) await rememberMapping(ctx, tx, audit, mapping);
    await audit({
      action: 'project.import',
      entityType: 'project',
      entityId: null,
      after: {
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        rejected: rejected.length,
      },
    });
  });
  return sorted();
}

/** Keeps the user's corrections for the next import (a later correction of the same header wins). */
async function rememberMapping(
  ctx: Ctx,
  tx: Parameters<Parameters<typeof audited>[2]>[0],
  audit: Parameters<Parameters<typeof audited>[2]>[1],
  mapping: HeaderMapping,
) {
  ctx.settings.invalidate(); // read the stored version, not a cached one
  const before = await ctx.settings.get(tx, HEADER_SETTING, parseMapping);
  const after = { ...before.value, ...mapping };
  if (JSON.stringify(after) === JSON.stringify(before.value)) return;
  if ((await ctx.settings.put(tx, HEADER_SETTING, after, before.version)) === null) throw appError('STALE_WRITE');
  await audit({
    action: 'settings.update',
    entityType: 'setting',
    entityId: HEADER_SETTING,
    before: before.value,
    after,
  });
}

const FIELD_COLUMN: Record<string, string> = {
  regionCode: '所属区县',
  responsibleUnitId: '责任单位',
  projectCode: '项目代码',
};

const normal = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string' && /^-?\d+\.\d+$/.test(v)) return formatWan(parseWan(v)!);
  return String(v);
};

/** 区县 and 责任单位 by the names people write: full name, short name and aliases, in the caller's directory. */
async function nameLookups(ctx: Ctx, actor: Actor) {
  const [regions, units] = await Promise.all([
    projectRepo.regionNames(ctx.db),
    projectRepo.unitNames(ctx.db, actor.directory),
  ]);
  const region = new Map<string, string>();
  for (const r of regions) region.set(r.name, r.code);
  const unit = new Map<string, string>();
  for (const u of units) for (const n of [u.name, u.shortName, ...u.aliases]) if (n) unit.set(n, u.id);
  return { region, unit };
}

// ── export ───────────────────────────────────────────────────────────────────────────────────────────────
const LEDGER: LedgerColumn[] = [
  { header: '项目名称', key: 'name', kind: 'text', width: 36 },
  { header: '项目代码', key: 'projectCode', kind: 'text', width: 26 },
  { header: '建设单位', key: 'ownerName', kind: 'text', width: 28 },
  { header: '统一社会信用代码', key: 'ownerUscc', kind: 'text', width: 22 },
  { header: '所属区县', key: 'region', kind: 'text' },
  { header: '责任单位', key: 'unit', kind: 'text', width: 24 },
  { header: '项目级别', key: 'level', kind: 'text' },
  { header: '项目类别', key: 'category', kind: 'text' },
  { header: '投资来源', key: 'fundingSource', kind: 'text' },
  { header: '总投资(万元)', key: 'totalInvestment', kind: 'amount', width: 16 },
  { header: '年度计划投资(万元)', key: 'annualPlan', kind: 'amount', width: 18 },
  { header: '计划开工', key: 'plannedStartDate', kind: 'date' },
  { header: '计划竣工', key: 'plannedCompletionDate', kind: 'date' },
  { header: '阶段', key: 'stage', kind: 'text' },
  { header: '建设性质', key: 'nature', kind: 'text' },
  { header: '包抓领导', key: 'leadOfficial', kind: 'text' },
  { header: '用地面积(亩)', key: 'landArea', kind: 'amount' },
  { header: '环评批复', key: 'eia', kind: 'text' },
  { header: '集中开工批次', key: 'batch', kind: 'text' },
  { header: '标签', key: 'tags', kind: 'text' },
];

export const EXPORT_MAX_ROWS = 20_000;

/** The filtered list as a 台账: same columns as the template plus stage and people, a 合计 row, the filters stated. */
export async function exportLedger(ctx: Ctx, actor: Actor, q: ProjectListQuery, filterLine: string): Promise<Buffer> {
  const page = await listProjects(ctx, actor, { ...q, page: 1, pageSize: EXPORT_MAX_ROWS } as ProjectListQuery);
  const lead = new Map(
    page.people.filter((p) => p.a.kind === 'lead_official').map((p) => [p.a.subjectId, p.holderName]),
  );
  const rows = page.items.map((p) => ({
    name: p.name,
    projectCode: p.projectCode,
    ownerName: p.ownerName,
    ownerUscc: p.ownerUscc,
    region: p.regionName,
    unit: p.unitName,
    level: LEVEL_LABELS[p.level as (typeof LEVELS)[number]]?.zh ?? p.level,
    category: CATEGORY_LABELS[p.category as (typeof CATEGORIES)[number]]?.zh ?? p.category,
    fundingSource: FUNDING_SOURCE_LABELS[p.fundingSource as (typeof FUNDING_SOURCES)[number]]?.zh ?? p.fundingSource,
    totalInvestment: p.totalInvestment,
    annualPlan: p.annualPlan,
    plannedStartDate: p.plannedStartDate,
    plannedCompletionDate: p.plannedCompletionDate,
    stage: STAGE_LABELS[p.stage as Stage].zh,
    nature: p.newStart === null ? '' : p.newStart ? '新开工' : '续建',
    leadOfficial: lead.get(p.id) ?? '',
    landArea: p.landArea,
    eia: p.environmentalAssessment ? '是' : '否',
    batch: p.groundbreakingBatch,
    tags: p.tags.join('、'),
  }));
  const sumAnnual = page.items.reduce((s, p) => s + (p.annualPlan ? parseWan(p.annualPlan)! : 0n), 0n);
  return ledgerWorkbook({
    title: '重点项目台账',
    filterLine,
    columns: LEDGER,
    rows,
    totals: { name: `合计(${page.total}个项目)`, totalInvestment: page.sumTotalInvestment, annualPlan: sumAnnual },
  });
}

/** The filters of an export in words, for the line under the ledger's title. */
export function describeFilter(q: ProjectListQuery, regionName: string | null, at: Date): string {
  const parts: string[] = [];
  if (q.q) parts.push(`关键字=${q.q}`);
  if (regionName) parts.push(`区县=${regionName}`);
  if (q.stage?.length) parts.push(`阶段=${q.stage.map((s) => STAGE_LABELS[s].zh).join('、')}`);
  if (q.level?.length) parts.push(`级别=${q.level.map((l) => LEVEL_LABELS[l].zh).join('、')}`);
  if (q.category?.length) parts.push(`类别=${q.category.map((c) => CATEGORY_LABELS[c].zh).join('、')}`);
  if (q.fundingSource?.length)
    parts.push(`投资来源=${q.fundingSource.map((f) => FUNDING_SOURCE_LABELS[f].zh).join('、')}`);
  if (q.batch) parts.push(`集中开工批次=${q.batch}`);
  if (q.tag) parts.push(`标签=${q.tag}`);
  if (q.minInvestment || q.maxInvestment)
    parts.push(`总投资=${q.minInvestment ?? '0'}~${q.maxInvestment ?? '不限'}万元`);
  const when = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return `筛选条件:${parts.length ? parts.join(';') : '全部'};导出时间:${when}`;
}

/**
 * The uploaded file given back with a 错误原因 column filled for every rejected row (a dry run: nothing is
 * written), so the office corrects those rows in its own sheet and uploads it again.
 */
export async function importErrorsFile(
  ctx: Ctx,
  actor: Actor,
  file: Uint8Array,
  mapping: HeaderMapping = {},
): Promise<Buffer> {
  const outcome = await importProjects(ctx, actor, file, true, mapping);
  const { match } = await readHeader(ctx, file, mapping);
  return withErrorColumn(
    file,
    outcome.rejected.map((r) => ({ ...r, original: '' })),
    { headerRows: match.headerRows },
  );
}
