import ExcelJS from 'exceljs';
import { mayEditRegion } from '../../../domain/indicators/access.ts';
import { type ImportColumnReport, type ImportOutcome, IndicatorValue } from '../../../domain/indicators/contracts.ts';
import { formatFixed } from '../../../domain/indicators/decimal.ts';
import { periodLabel } from '../../../domain/indicators/indicator.ts';
import { agreesWith, periodInText } from '../../../domain/indicators/period-label.ts';
import { assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { type Audit, audited, type Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import {
  type ColumnSpec,
  type HeaderMatch,
  matchHeaders,
  normaliseHeader,
} from '../../platform/documents/header-match.ts';
import { importRows, RowReader } from '../../platform/documents/import-rows.ts';
import { readSheet, type SheetGrid, workbookBuffer } from '../../platform/documents/xlsx-read.ts';
import { withErrorColumn } from '../../platform/documents/xlsx-write.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { plain } from './indicators.presenter.ts';
import { catalogRepo, type IndicatorRow, peerGroupRepo, valueRepo } from './indicators.repository.ts';
import { auditBatch, editScopeOf, regionsOf, upsertValuesInTx } from './indicators.service.ts';

/**
 * The statistics bureau's table (各地区主要经济指标) in Excel: regions as rows and each indicator as a column pair
 * 累计值/增速 under a merged indicator header — or the transpose, indicators as rows and each region as a column
 * pair. The total row (全省/全市) is the reference region's figure, stored, never ranked. Blank cells ("—", "…")
 * are no figure, never zero. The export writes the same shape, so an exported file imports unchanged.
 */
type Region = { code: string; name: string; kind: string; parentCode: string | null };
type Figure = IndicatorValue & { row: number };

const VALUE_WORDS = ['累计值', '累计', '绝对值', '总量', '本年累计', '累计完成'];
const GROWTH_WORDS = ['增速', '增长', '同比增长', '同比增速', '增幅', '比上年增长', '同比'];
const REGION_SYNONYMS = ['地区名称', '区域', '市区', '市(区)', '地市', '县区', '区县', '城市', '市别', '地区'];
const INDICATOR_SYNONYMS = ['指标名称', '主要指标', '项目', '指标'];

const namesOf = (c: IndicatorRow) => [...new Set([c.name, ...(c.shortName ? [c.shortName] : [])])];

/** Column pairs per item ("地区生产总值" + 累计值 / 增速); a share or rate may also stand alone under its name. */
function pairSpecs(items: { key: string; names: string[]; alone: boolean }[]): ColumnSpec[] {
  return items.flatMap((it) => [
    {
      key: `${it.key}.value`,
      label: `${it.names[0]}累计值`,
      synonyms: [...it.names.flatMap((n) => VALUE_WORDS.map((w) => `${n}${w}`)), ...(it.alone ? it.names : [])],
      kind: 'decimal' as const,
      scale: 4,
    },
    {
      key: `${it.key}.growth`,
      label: `${it.names[0]}增速`,
      synonyms: it.names.flatMap((n) => GROWTH_WORDS.map((w) => `${n}${w}`)),
      kind: 'decimal' as const,
      scale: 4,
      suffixes: ['%'],
    },
  ]);
}

type Layout =
  | { kind: 'regionRows'; match: HeaderMatch<string>; report: ImportColumnReport }
  | { kind: 'indicatorRows'; match: HeaderMatch<string>; report: ImportColumnReport };

// ── column mapping (列识别) ─────────────────────────────────────────────────────────────────────────────
/** header (normalised) → column key (`region`, `indicator`, `gdp.value`, `990100.growth`…), or null to ignore it */
export type HeaderMapping = Record<string, string | null>;

/** Corrections users confirmed in earlier imports, remembered for the whole installation (an audited setting). */
export const HEADER_SETTING = 'indicators.import_headers';
/** What a column can be: the row label, or the 累计值/增速 of an indicator (by code) or of a region (by code). */
const KEY_RE = /^(?:region|indicator|[a-z][a-z0-9_]{1,39}\.(?:value|growth)|\d{6}\.(?:value|growth))$/;

const parseMapping = (raw: unknown): HeaderMapping => {
  const out: HeaderMapping = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [h, k] of Object.entries(raw as Record<string, unknown>)) {
      if (k === null || (typeof k === 'string' && KEY_RE.test(k))) out[normaliseHeader(h)] = k as string | null;
    }
  }
  return out;
};

/** A mapping sent with an upload: each value a column key or null; a clear message otherwise. */
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
    Object.values(raw as object).some((k) => k !== null && !(typeof k === 'string' && KEY_RE.test(k)));
  if (bad) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'mapping', message: '列对应关系格式不正确,请重新预检' }] });
  }
  return parseMapping(raw);
}

/** How the columns were read, and every field the user may choose for a column (the row label first). */
function columnReport(match: HeaderMatch<string>, spec: readonly ColumnSpec[]): ImportColumnReport {
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
    fields: spec.map((c) => ({ key: c.key, label: c.label, required: c.required ?? false })),
  };
}

/**
 * Which way round the sheet is, read with the remembered corrections and the user's. Regions as rows is tried
 * first; a sheet that is neither is refused with the column report of that reading, so the user can point out the
 * 地区 column (or leave a column out) and check again.
 */
function detectLayout(
  grid: SheetGrid,
  catalog: IndicatorRow[],
  regions: Region[],
  overrides: HeaderMapping,
  choosable: ReadonlySet<string>,
): Layout {
  const regionSpec: ColumnSpec[] = [
    { key: 'region', label: '地区', synonyms: REGION_SYNONYMS.filter((s) => s !== '地区'), required: true },
    ...pairSpecs(catalog.map((c) => ({ key: c.code, names: namesOf(c), alone: c.kind !== 'amount' }))),
  ];
  const byRegion = matchHeaders<string>(grid, regionSpec, { overrides });
  if (byRegion.byKey.region && byRegion.columns.length > 1) {
    return { kind: 'regionRows', match: byRegion, report: columnReport(byRegion, regionSpec) };
  }
  const provinces = regions.filter((r) => r.kind === 'province');
  const indicatorSpec: ColumnSpec[] = [
    { key: 'indicator', label: '指标', synonyms: INDICATOR_SYNONYMS.filter((s) => s !== '指标'), required: true },
    ...pairSpecs(
      regions.map((r) => ({
        key: r.code,
        names: [r.name, ...(provinces.length === 1 && r.kind === 'province' ? ['全省'] : [])],
        alone: true,
      })),
    ),
  ];
  const byIndicator = matchHeaders<string>(grid, indicatorSpec, { overrides });
  if (byIndicator.byKey.indicator && byIndicator.columns.length > 1) {
    // the regions a user may pick for a column: those of the peer groups, and those the sheet names
    const matched = new Set(byIndicator.columns.map((c) => c.key.split('.')[0]));
    const offered = indicatorSpec.filter((c) => {
      const code = c.key.split('.')[0]!;
      return c.key === 'indicator' || matched.has(code) || choosable.has(code);
    });
    return { kind: 'indicatorRows', match: byIndicator, report: columnReport(byIndicator, offered) };
  }
  const report = columnReport(byRegion, regionSpec);
  const problems = byRegion.problems.length
    ? byRegion.problems
    : ['未找到指标列:请使用“地区 + 各指标累计值/增速”的表格或下载的模板,或在列识别中为各列选择对应的指标'];
  throw appError('VALIDATION_FAILED', {
    fields: problems.map((message) => ({ path: 'file', message })),
    details: { missingColumns: byRegion.missingRequired.map((c) => c.label), ...report },
  });
}

/**
 * A sheet titled "2026年1-8月…" imported as September is the classic slip of a busy month: the title and header
 * lines (the rows above the first number) are read for a period, and one that disagrees stops the import.
 */
export function assertPeriodMatches(grid: SheetGrid, period: string): void {
  for (const row of grid.rows.slice(0, 8)) {
    if (row.cells.some((c) => typeof c === 'number')) break;
    for (const cell of row.cells) {
      if (typeof cell !== 'string') continue;
      const named = periodInText(cell);
      if (!named) continue;
      if (agreesWith(named, period)) return;
      const [y, m] = period.split('-').map(Number);
      throw appError('VALIDATION_FAILED', {
        fields: [
          {
            path: 'period',
            message: `表格标明的期间“${cell.trim()}”与所选的${y}年1-${m}月不一致,请核对表格或所选月份后再导入`,
          },
        ],
      });
    }
  }
}

/** Reads the figures of one period from the sheet; every problem becomes a row error in Chinese. */
export function readFigures(
  grid: SheetGrid,
  period: string,
  catalog: IndicatorRow[],
  regions: Region[],
  mayEdit: (regionCode: string) => boolean,
  overrides: HeaderMapping = {},
  choosable: ReadonlySet<string> = new Set(),
): { figures: Figure[]; rejected: ImportOutcome['rejected']; layout: Layout } {
  const layout = detectLayout(grid, catalog, regions, overrides, choosable);
  const { match } = layout;
  const regionByName = new Map(regions.map((r) => [r.name, r]));
  const indicatorByName = new Map(catalog.flatMap((c) => namesOf(c).map((n) => [n, c] as const)));
  const rejected: ImportOutcome['rejected'] = [];
  const figures: Figure[] = [];
  const seen = new Map<string, number>();
  const [rowKey, rowNoun] = layout.kind === 'regionRows' ? ['region', '地区'] : ['indicator', '指标'];
  const pairKeys = [...new Set(match.columns.map((c) => c.key.split('.')[0]!).filter((k) => k !== rowKey))];

  const readRow = (r: RowReader<string>, rowCode: string) => {
    const out: Figure[] = [];
    for (const key of pairKeys) {
      const value = r.has(`${key}.value`) ? r.decimal(`${key}.value`) : null;
      const growth = r.has(`${key}.growth`) ? r.decimal(`${key}.growth`) : null;
      if (value === null && growth === null) continue; // no figure published: not zero
      const [regionCode, indicatorCode] = layout.kind === 'regionRows' ? [rowCode, key] : [key, rowCode];
      if (layout.kind === 'indicatorRows' && !mayEdit(regionCode)) {
        r.error(
          `${key}.value` in r.cells ? `${key}.value` : `${key}.growth`,
          `无权填报${regions.find((x) => x.code === regionCode)?.name ?? regionCode}的数据`,
        );
        continue;
      }
      // a blank cell (or a column the sheet does not have) says "not published here", not "delete": the stored
      // figure stays — a sheet that publishes only 增速 must not wipe the 累计值 entered before
      const text = (k: string, v: bigint | null) => (!r.has(k) || v === null ? undefined : plain(formatFixed(v, 4)));
      const parsed = IndicatorValue.safeParse({
        regionCode,
        indicatorCode,
        period,
        value: text(`${key}.value`, value),
        growth: text(`${key}.growth`, growth),
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          r.error(`${key}.${String(i.path[0]) === 'growth' ? 'growth' : 'value'}`, i.message);
        continue;
      }
      out.push({ ...parsed.data, row: r.row });
    }
    return out;
  };

  const lookupRow = (r: RowReader<string>, text: string | null): string | null => {
    if (!text) {
      r.error(rowKey, `${rowNoun}不能为空`);
      return null;
    }
    const code = layout.kind === 'regionRows' ? regionByName.get(text)?.code : indicatorByName.get(text)?.code;
    if (!code) {
      r.error(rowKey, `${rowNoun}“${text}”不存在`);
      return null;
    }
    if (layout.kind === 'regionRows' && !mayEdit(code)) {
      r.error(rowKey, `无权填报“${text}”的数据`);
      return null;
    }
    const again = seen.get(code);
    if (again !== undefined) {
      r.error(rowKey, `${rowNoun}“${text}”与第${again}行重复`);
      return null;
    }
    seen.set(code, r.row);
    return code;
  };

  const result = importRows(grid, match, (r) => {
    const code = lookupRow(r, r.text(rowKey));
    const out = code ? readRow(r, code) : [];
    return r.done(() => out);
  });
  for (const x of result.rejected) rejected.push({ row: x.row, column: x.column, message: x.message });
  for (const row of result.rows) figures.push(...row.value);

  // 全省 / 全市: the reference figure, the parent of the regions in the table
  if (layout.kind === 'regionRows') {
    const parents = new Set(
      figures.map((f) => regions.find((x) => x.code === f.regionCode)?.parentCode).filter((p) => p != null),
    );
    for (const total of result.totals) {
      const parent = parents.size === 1 ? regions.find((x) => x.code === [...parents][0]) : undefined;
      const scopeWord = total.text.replace(/\s/g, '').slice(0, 2);
      const source = grid.rows.find((x) => x.row === total.row);
      if (!parent || !source || !['全省', '全市'].includes(scopeWord)) continue;
      const r = new RowReader(match, source, []);
      if (seen.has(parent.code)) continue;
      if (!mayEdit(parent.code)) {
        rejected.push({ row: total.row, column: r.column(rowKey), message: `无权填报“${total.text}”的数据` });
        continue;
      }
      seen.set(parent.code, total.row);
      const out = readRow(r, parent.code);
      if (r.failed) for (const e of r.errors) rejected.push({ row: total.row, column: e.column, message: e.message });
      else figures.push(...out);
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { figures, rejected, layout };
}

/**
 * Imports one period's table. A dry run writes nothing and says what would happen; a real run writes every valid
 * figure in one transaction (old figures kept as revisions) with one audit record. Counts are of figures (one
 * region's one indicator); the same file imported twice is all unchanged the second time.
 */
export async function importFigures(
  ctx: Ctx,
  actor: Actor,
  file: Uint8Array,
  period: string,
  dryRun: boolean,
  mapping: HeaderMapping = {},
): Promise<ImportOutcome> {
  assertMay(actor, 'indicator.edit');
  const { figures, rejected, layout } = await readUpload(ctx, actor, file, period, mapping);
  const scope = await editScopeOf(ctx.db, actor);
  const now = ctx.now();
  if (dryRun) {
    const r = await upsertValuesInTx(ctx.db as unknown as Tx, actor, scope, period, figures, 'import', now, false);
    return { dryRun, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected, ...layout.report };
  }
  return audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const r = await upsertValuesInTx(tx, actor, scope, period, figures, 'import', now);
    if (Object.keys(mapping).length) await rememberMapping(ctx, tx, audit, mapping);
    await auditBatch(audit, 'indicator.import', period, r, { rejected: rejected.length });
    return { dryRun, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected, ...layout.report };
  });
}

/** The sheet read for one period, with the remembered column corrections under the user's. */
async function readUpload(ctx: Ctx, actor: Actor, file: Uint8Array, period: string, mapping: HeaderMapping) {
  const grid = await readSheet(file);
  assertPeriodMatches(grid, period);
  const [catalog, regions, scope, groups, saved] = await Promise.all([
    catalogRepo.list(ctx.db),
    regionsOf(ctx.db),
    editScopeOf(ctx.db, actor),
    peerGroupRepo.list(ctx.db),
    ctx.settings.get(ctx.db, HEADER_SETTING, parseMapping),
  ]);
  const choosable = new Set(
    groups.flatMap((g) => [...g.members, ...(g.referenceRegionCode ? [g.referenceRegionCode] : [])]),
  );
  const read = readFigures(
    grid,
    period,
    catalog.filter((c) => c.active),
    regions,
    (code) => mayEditRegion(scope, code),
    { ...saved.value, ...mapping },
    choosable,
  );
  return { grid, ...read };
}

/** Keeps the user's corrections for the next import (a later correction of the same header wins). */
async function rememberMapping(ctx: Ctx, tx: Tx, audit: Audit, mapping: HeaderMapping) {
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

/**
 * The uploaded file given back with a 错误原因 column filled for every rejected row (a dry run: nothing is
 * written), so the bureau's own sheet can be corrected and uploaded again.
 */
export async function importErrorsFile(
  ctx: Ctx,
  actor: Actor,
  file: Uint8Array,
  period: string,
  mapping: HeaderMapping = {},
): Promise<Buffer> {
  const outcome = await importFigures(ctx, actor, file, period, true, mapping);
  const { layout } = await readUpload(ctx, actor, file, period, mapping);
  return withErrorColumn(
    file,
    outcome.rejected.map((r) => ({ ...r, original: '' })),
    { headerRows: layout.match.headerRows },
  );
}

// ── export and template ──────────────────────────────────────────────────────────────────────────────────
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * The table of one period in the statistics bureau's shape: title, 地区 + a merged header per indicator over
 * 累计值(unit)/增速(%), the total row (全省/全市) first, then the member regions in administrative order. With
 * `withFigures` false it is the import template (names filled, figures blank).
 */
export async function figuresWorkbook(
  ctx: Ctx,
  actor: Actor,
  period: string,
  groupId: string | undefined,
  withFigures: boolean,
) {
  assertMay(actor, 'indicator.read');
  const [catalog, regions, groups] = await Promise.all([
    catalogRepo.list(ctx.db),
    regionsOf(ctx.db),
    peerGroupRepo.list(ctx.db),
  ]);
  const group = groupId ? groups.find((g) => g.id === groupId) : groups[0];
  if (groupId && !group) throw appError('NOT_FOUND');
  const active = catalog.filter((c) => c.active);
  const members = group?.members ?? [];
  const reference = group?.referenceRegionCode ?? null;
  const rowCodes = [...(reference ? [reference] : []), ...members];
  const figures = withFigures ? await valueRepo.figures(ctx.db, { regionCodes: rowCodes, periods: [period] }) : [];
  const index = new Map(figures.map((f) => [`${f.regionCode}|${f.indicatorCode}`, f]));
  const names = new Map(regions.map((r) => [r.code, r.name]));

  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const ws = wb.addWorksheet('主要经济指标', { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
  const width = 1 + active.length * 2;
  ws.getCell(1, 1).value =
    `${periodLabel(period, { withYear: true })}${group ? (reference ? `${names.get(reference)}各地区` : group.name) : '各地区'}主要经济指标`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  if (width > 1) ws.mergeCells(1, 1, 1, width);
  const head = (r: number, c: number, v: string) => {
    const cell = ws.getCell(r, c);
    cell.value = v;
    cell.font = { bold: true };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  head(2, 1, '地区');
  ws.mergeCells(2, 1, 3, 1);
  ws.getColumn(1).width = 16;
  active.forEach((c, i) => {
    const col = 2 + i * 2;
    head(2, col, c.name);
    ws.mergeCells(2, col, 2, col + 1);
    head(3, col, `累计值(${c.unit})`);
    head(3, col + 1, '增速(%)');
    ws.getColumn(col).width = 14;
    ws.getColumn(col + 1).width = 10;
  });
  rowCodes.forEach((code, i) => {
    const row = ws.getRow(4 + i);
    const label = code === reference ? (group?.level === 'city' ? '全市' : '全省') : (names.get(code) ?? code);
    row.getCell(1).value = label;
    row.getCell(1).border = THIN;
    active.forEach((c, j) => {
      const f = index.get(`${code}|${c.code}`);
      const v = plain(f?.value ?? null);
      const g = plain(f?.growth ?? null);
      const vc = row.getCell(2 + j * 2);
      const gc = row.getCell(3 + j * 2);
      // numbers as numbers; a figure not published is a dash, never 0
      vc.value = v === null ? (withFigures ? '—' : null) : Number(v);
      gc.value = g === null ? (withFigures ? '—' : null) : Number(g);
      vc.numFmt = c.precision > 0 ? `#,##0.${'0'.repeat(c.precision)}` : '#,##0';
      gc.numFmt = '0.0';
      vc.border = THIN;
      gc.border = THIN;
    });
  });
  return workbookBuffer(wb);
}
