import ExcelJS from 'exceljs';
import { describeDeadline } from '../../../domain/tasks/deadline.ts';
import type { ParsedDeadline } from '../../../domain/tasks/model.ts';
import {
  PLAN_COLUMN_LABELS,
  PLAN_COLUMNS,
  type PlanColumnKey,
  type PlanSheetItem,
  planColumnProblems,
  readPlanSheet,
  type SheetTask,
} from '../../../domain/tasks/plan-sheet.ts';
import type { PlanImportFields, PlanImportOutcome } from '../../../domain/tasks/plans-contracts.ts';
import {
  createLeaderMatcher,
  createUnitMatcher,
  normaliseUnitName,
  type UnitRef,
} from '../../../domain/tasks/unit-match.ts';
import { assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { type Audit, audited, type Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { analyze } from '../../platform/db/maintenance.ts';
import { type ColumnSpec, matchHeaders } from '../../platform/documents/header-match.ts';
import { importRows } from '../../platform/documents/import-rows.ts';
import { readSheet, workbookBuffer } from '../../platform/documents/xlsx-read.ts';
import { safeSheetName, textWidth } from '../../platform/documents/xlsx-write.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import { notifyUnit } from '../notifications/index.ts';
import { trimDecimal } from './plans.presenter.ts';
import { type PlanRow, planRepo, type SectionRow, type TaskRow } from './plans.repository.ts';
import {
  claimDueOnOf,
  claimsLink,
  deadlineColumns,
  startsOnOf,
  TASK_HANDLER_ROLES,
  tellNewLead,
  todayOf,
} from './plans.service.ts';
import { seesAllTasks } from './task-scope.ts';
import { taskReach } from './tasks.repository.ts';

/**
 * The 分工方案 in Excel, in the shape the 政府办 publishes: a title, the header (序号, 重点任务, 责任领导, 牵头单位,
 * 配合单位, 完成时限, 目标值, 计量单位, 标签), section rows merged across the table, one row per task. The template,
 * the import and the export share it, so an exported plan imports again unchanged.
 *
 * The import: readSheet → matchHeaders → importRows (cells and section rows) → domain/tasks/plan-sheet.ts (sections,
 * numbers, responsibility rules, deadlines) → the names matched to units and leaders (unit-match.ts, the user's
 * mapping first) → compared with the plan's tasks by number. A dry run writes nothing; a real run needs every
 * unknown name mapped, remembers each mapped unit name as an alias of the unit, and writes sections, tasks,
 * partners, leaders and milestones in one transaction with one audit record. The same file again changes nothing.
 */

const PLAN_SPEC = PLAN_COLUMNS as unknown as readonly ColumnSpec<PlanColumnKey>[];
const PREVIEW_MAX = 2000;
const CHUNK = 200;

type Resolved = SheetTask & {
  leadUnitId: string | null;
  partnerUnitIds: string[];
  leaderIds: string[];
  /** a name of the row is not matched yet */
  pending: boolean;
};
type Action = 'create' | 'update' | 'unchanged' | 'skip';
type Existing = {
  t: TaskRow;
  partners: string[];
  leaders: string[];
};

// ── reading the sheet ──────────────────────────────────────────────────────────────────────────────────────
async function readPlanFile(file: Uint8Array, year: number) {
  const grid = await readSheet(file);
  const match = matchHeaders(grid, PLAN_SPEC);
  const present = match.columns.map((c) => c.key);
  const problems = [...match.problems, ...(match.headerRows ? planColumnProblems(present) : [])];
  const columns = match.columns.map((c) => ({ letter: c.letter, header: c.header, key: c.key, label: c.label }));
  const unknown = match.unknown.map((u) => ({ letter: u.letter, header: u.header }));
  if (problems.length) {
    throw appError('VALIDATION_FAILED', {
      fields: problems.map((message) => ({ path: 'file', message })),
      details: { missingColumns: match.missingRequired.map((s) => s.label), columns, unknown },
    });
  }
  const result = importRows(grid, match, (r) => {
    const cells: Partial<Record<PlanColumnKey, string>> = {};
    for (const c of match.columns) cells[c.key] = r.original(c.key);
    return { ok: true, value: cells };
  });
  const items: PlanSheetItem[] = [
    ...result.sections.map((s) => ({ row: s.row, kind: 'section' as const, text: s.text })),
    ...result.rows.map((r) => ({ row: r.row, kind: 'data' as const, cells: r.value })),
  ].sort((a, b) => a.row - b.row);
  const headers: Partial<Record<PlanColumnKey, string>> = {};
  for (const c of match.columns) headers[c.key] = c.header;
  const sheet = readPlanSheet({ items, headers, present, year });
  const warnings = [...match.warnings];
  if (result.totals.length) warnings.push(`已跳过合计行：第${result.totals.map((t) => t.row).join('、')}行`);
  return { sheet, headers, columns, unknown, warnings };
}

// ── matching names ─────────────────────────────────────────────────────────────────────────────────────────
type Unmatched = PlanImportOutcome['unmatchedUnits'][number];

function resolveNames(
  sheet: ReturnType<typeof readPlanSheet>,
  headers: Partial<Record<PlanColumnKey, string>>,
  units: readonly UnitRef[],
  leaders: readonly { id: string; name: string; title: string }[],
  fields: PlanImportFields,
) {
  const matcher = createUnitMatcher(units);
  const leaderMatcher = createLeaderMatcher(leaders);
  const unitMapping = new Map(Object.entries(fields.unitMapping).map(([k, v]) => [normaliseUnitName(k), v]));
  const leaderMapping = new Map(Object.entries(fields.leaderMapping).map(([k, v]) => [k.trim(), v]));
  const unmatchedUnits = new Map<string, Unmatched>();
  const unmatchedLeaders = new Map<string, Unmatched>();
  const usedMappings = new Map<string, string>(); // name → unit id, the mappings the sheet needed
  const rejected: PlanImportOutcome['rejected'] = [];
  const notes: PlanImportOutcome['notes'] = [];
  const header = (k: PlanColumnKey) => headers[k] ?? PLAN_COLUMN_LABELS[k];
  const leadKey: PlanColumnKey = headers.lead ? 'lead' : 'responsible';

  const note = (
    map: Map<string, Unmatched>,
    name: string,
    row: number,
    suggestions: { id: string; name: string }[],
  ) => {
    const u = map.get(name) ?? { name, rows: [], suggestions };
    if (!u.rows.includes(row)) u.rows.push(row);
    map.set(name, u);
  };
  /** unit ids for a name: the user's mapping, else the matcher; null when not matched (listed) */
  const unitIds = (name: string, row: number): { ids: string[]; vague: boolean; group: boolean } | null => {
    const key = normaliseUnitName(name);
    const mapped = unitMapping.get(key);
    if (mapped) {
      const m = matcher.match(name);
      if (!m.ok) usedMappings.set(key, mapped);
      return { ids: [mapped], vague: false, group: false };
    }
    const m = matcher.match(name);
    if (m.ok) return { ids: m.units.map((u) => u.id), vague: m.via === 'vague', group: m.via === 'group' };
    note(
      unmatchedUnits,
      key,
      row,
      m.suggestions.map((s) => ({ id: s.id, name: s.name })),
    );
    return null;
  };

  const resolved: Resolved[] = [];
  for (const t of sheet.tasks) {
    let pending = false;
    let bad = false;
    let leadUnitId: string | null = null;
    const lead = unitIds(t.leadUnitName, t.row);
    if (lead === null) pending = true;
    else if (lead.vague || lead.group || lead.ids.length !== 1) {
      bad = true;
      rejected.push({
        row: t.row,
        column: header(leadKey),
        original: t.leadUnitName,
        message: lead.vague
          ? `牵头单位“${t.leadUnitName}”不是具体单位，请写明牵头单位`
          : `牵头单位“${t.leadUnitName}”包含${lead.ids.length}个单位，一项任务只能有一个牵头单位，请按单位拆分为多行后再导入`,
      });
    } else leadUnitId = lead.ids[0]!;
    const partnerUnitIds: string[] = [];
    for (const p of t.partnerUnitNames) {
      const r = unitIds(p, t.row);
      if (r === null) {
        pending = true;
        continue;
      }
      if (r.vague) notes.push({ row: t.row, message: `配合单位“${p}”不是具体单位，未计入配合单位` });
      for (const id of r.ids) if (id !== leadUnitId && !partnerUnitIds.includes(id)) partnerUnitIds.push(id);
    }
    const leaderIds: string[] = [];
    for (const name of t.leaderNames) {
      const mapped = leaderMapping.get(name);
      if (mapped) {
        if (!leaderIds.includes(mapped)) leaderIds.push(mapped);
        continue;
      }
      const m = leaderMatcher.match(name);
      if (m.ok) {
        if (!leaderIds.includes(m.leader.id)) leaderIds.push(m.leader.id);
      } else {
        pending = true;
        note(
          unmatchedLeaders,
          name,
          t.row,
          m.suggestions.map((s) => ({ id: s.id, name: s.name })),
        );
      }
    }
    if (!bad) resolved.push({ ...t, leadUnitId, partnerUnitIds, leaderIds, pending });
  }
  return {
    resolved,
    rejected,
    notes,
    unmatchedUnits: [...unmatchedUnits.values()],
    unmatchedLeaders: [...unmatchedLeaders.values()],
    usedMappings,
  };
}

// ── comparing with the plan ────────────────────────────────────────────────────────────────────────────────
const sameSet = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

async function existingTasks(conn: Conn, actor: Actor, planId: string): Promise<Map<string, Existing>> {
  const rows = await planRepo.planTaskRows(conn, taskReach(actor), planId);
  const ids = rows.map((r) => r.id);
  const partners = await planRepo.partnersOf(conn, ids);
  const leaders = await planRepo.leadersOf(conn, ids);
  const out = new Map<string, Existing>();
  const byId = new Map<string, Existing>();
  for (const t of rows) {
    const e = { t, partners: [], leaders: [] } as Existing;
    out.set(t.number, e);
    byId.set(t.id, e);
  }
  for (const p of partners) byId.get(p.taskId)?.partners.push(p.id);
  for (const l of leaders) byId.get(l.taskId)?.leaders.push(l.id);
  return out;
}

/** Which fields of a task the sheet would change (the section by ordinal, the parent by number). */
function differences(
  r: Resolved,
  e: Existing,
  sectionIdOf: (ordinal: number | null) => string | null | undefined,
  parentIdOf: (number: string | null) => string | null | undefined,
): string[] {
  const t = e.t;
  const out: string[] = [];
  if (sectionIdOf(r.sectionOrdinal) !== t.sectionId) out.push('章节');
  if (parentIdOf(r.parentNumber) !== t.parentId) out.push('上级任务');
  if (r.content !== t.content) out.push('任务内容');
  if (r.leadUnitId !== null && r.leadUnitId !== t.leadUnitId) out.push('牵头单位');
  if (r.deadlineText !== t.deadlineText) out.push('完成时限');
  if ((r.targetValue ?? null) !== (t.targetValue === null ? null : trimDecimal(t.targetValue))) out.push('目标值');
  if ((r.targetUnit ?? null) !== t.targetUnit) out.push('计量单位');
  if (r.tags.join('、') !== t.tags.join('、')) out.push('标签');
  if (!r.pending && !sameSet(r.partnerUnitIds, e.partners)) out.push('配合单位');
  if (!r.pending && !sameSet(r.leaderIds, e.leaders)) out.push('责任领导');
  if (r.pending && out.length === 0) out.push('待对应的名称');
  return out;
}

// ── the use case ───────────────────────────────────────────────────────────────────────────────────────────
/**
 * Imports a 分工方案 sheet into a plan (task.manage). `dryRun`: counts, row errors, unknown names with the closest
 * units — nothing written. A real run refuses while a name is not mapped (VALIDATION_FAILED naming them).
 */
export async function importPlan(
  ctx: Ctx,
  actor: Actor,
  planId: string,
  file: Uint8Array,
  fields: PlanImportFields,
): Promise<PlanImportOutcome> {
  assertMay(actor, 'task.manage');
  const today = todayOf(ctx);
  const found = await planRepo.find(ctx.db, taskReach(actor), seesAllTasks(actor), planId, today);
  if (!found) throw appError('NOT_FOUND');
  if (found.plan.status !== 'active') {
    throw appError('RULE_VIOLATED', { params: { what: '方案已归档，不能导入任务' } });
  }
  const { sheet, headers, columns, unknown, warnings } = await readPlanFile(file, found.plan.year);

  const units = await planRepo.directoryUnits(ctx.db, actor.directory);
  const leaders = await planRepo.directoryLeaders(ctx.db, actor.directory);
  const unitIds = new Set(units.map((u) => u.id));
  const leaderIds = new Set(leaders.map((l) => l.id));
  const badMapping = [
    ...Object.entries(fields.unitMapping)
      .filter(([, id]) => !unitIds.has(id))
      .map(([name]) => ({ path: 'unitMapping', message: `“${name}”对应的单位不存在或不在本市` })),
    ...Object.entries(fields.leaderMapping)
      .filter(([, id]) => !leaderIds.has(id))
      .map(([name]) => ({ path: 'leaderMapping', message: `“${name}”对应的领导不存在` })),
  ];
  if (badMapping.length) throw appError('VALIDATION_FAILED', { fields: badMapping });

  const names = resolveNames(sheet, headers, units, leaders, fields);
  if (!fields.dryRun && (names.unmatchedUnits.length || names.unmatchedLeaders.length)) {
    const rows = (u: Unmatched) => `第${u.rows.join('、')}行`;
    throw appError('VALIDATION_FAILED', {
      fields: [
        ...(names.unmatchedUnits.length
          ? [
              {
                path: 'unitMapping',
                message: `以下单位名称未对应到系统中的单位，请逐一选择后再导入：${names.unmatchedUnits.map((u) => `${u.name}（${rows(u)}）`).join('；')}`,
              },
            ]
          : []),
        ...(names.unmatchedLeaders.length
          ? [
              {
                path: 'leaderMapping',
                message: `以下责任领导未对应到系统中的领导，请逐一选择后再导入：${names.unmatchedLeaders.map((u) => `${u.name}（${rows(u)}）`).join('；')}`,
              },
            ]
          : []),
      ],
      details: { unmatchedUnits: names.unmatchedUnits, unmatchedLeaders: names.unmatchedLeaders },
    });
  }

  const outcome: PlanImportOutcome = {
    dryRun: fields.dryRun,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    rejected: [...sheet.rejected, ...names.rejected].sort((a, b) => a.row - b.row),
    notes: [...sheet.notes, ...names.notes].sort((a, b) => a.row - b.row),
    sections: { created: 0, updated: 0, unchanged: 0 },
    unmatchedUnits: names.unmatchedUnits,
    unmatchedLeaders: names.unmatchedLeaders,
    columns,
    unknown,
    warnings,
    preview: [],
  };

  /** decides every row against the plan as `conn` sees it; `write` (inside the transaction) applies it */
  const decide = async (conn: Conn) => {
    const sections = await planRepo.sectionRows(conn, planId);
    const byOrdinal = new Map(sections.map((s) => [s.ordinal, s]));
    const sectionPlan = sheet.sections.map((s) => {
      const e = byOrdinal.get(s.ordinal);
      const action: 'create' | 'update' | 'unchanged' = !e
        ? 'create'
        : e.title !== s.title || e.label !== s.label
          ? 'update'
          : 'unchanged';
      return { s, e: e ?? null, action };
    });
    const existing = await existingTasks(conn, actor, planId);
    const sectionIdOf = (o: number | null) => (o === null ? null : byOrdinal.get(o)?.id);
    const parentIdOf = (n: string | null) => (n === null ? null : existing.get(n)?.t.id);
    const rows = names.resolved.map((r) => {
      const e = existing.get(r.number) ?? null;
      if (!e) return { r, e, action: 'create' as Action, changes: [] as string[] };
      const changes = differences(r, e, sectionIdOf, parentIdOf);
      const action: Action = changes.length === 0 ? 'unchanged' : fields.onExisting === 'skip' ? 'skip' : 'update';
      return { r, e, action, changes };
    });
    return { sectionPlan, rows, existing };
  };

  const fill = (d: Awaited<ReturnType<typeof decide>>) => {
    for (const s of d.sectionPlan)
      outcome.sections[s.action === 'create' ? 'created' : s.action === 'update' ? 'updated' : 'unchanged']++;
    const sectionTitle = new Map(
      sheet.sections.map((s) => [
        s.ordinal,
        s.label ? `${s.label}${/[)）]$/.test(s.label) ? '' : '、'}${s.title}` : s.title,
      ]),
    );
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    for (const { r, action } of d.rows) {
      if (action === 'create') outcome.created++;
      else if (action === 'update') outcome.updated++;
      else if (action === 'skip') outcome.skipped++;
      else outcome.unchanged++;
      if (outcome.preview.length < PREVIEW_MAX) {
        outcome.preview.push({
          row: r.row,
          number: r.number,
          section: r.sectionOrdinal === null ? null : (sectionTitle.get(r.sectionOrdinal) ?? null),
          content: r.content,
          leadUnit: (r.leadUnitId && unitName.get(r.leadUnitId)) || r.leadUnitName,
          deadlineText: r.deadlineText,
          deadline: describeDeadline(r.deadline),
          action,
        });
      }
    }
  };

  if (fields.dryRun) {
    fill(await decide(ctx.db));
    return outcome;
  }

  const cal = await officialCalendar(ctx, ctx.db);
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const plan = await planRepo.findForUpdate(tx, planId); // one import of a plan at a time
    if (!plan) throw appError('NOT_FOUND');
    const d = await decide(tx);
    fill(d);
    const writes =
      d.sectionPlan.some((s) => s.action !== 'unchanged') ||
      d.rows.some((x) => x.action === 'create' || x.action === 'update') ||
      names.usedMappings.size > 0;
    if (!writes) return; // the same file again: nothing to write, nothing to record
    await rememberAliases(tx, audit, names.usedMappings, units);
    const sectionIds = await writeSections(tx, planId, d.sectionPlan);
    const claimDueOn = claimDueOnOf(todayOf(ctx), plan, cal);
    const created = await createTasks(
      tx,
      actor,
      plan,
      d.rows.filter((x) => x.action === 'create').map((x) => x.r),
      {
        sectionIds,
        claimDueOn,
        now,
      },
    );
    const numberToId = new Map<string, string>([...d.existing.values()].map((e) => [e.t.number, e.t.id]));
    for (const [n, id] of created) numberToId.set(n, id);
    await setParents(
      tx,
      d.rows.filter((x) => x.action === 'create').map((x) => x.r),
      created,
      numberToId,
    );
    const moved: TaskRow[] = [];
    for (const x of d.rows) {
      if (x.action !== 'update' || !x.e) continue;
      const t = await updateTask(tx, actor, x.r, x.e, x.changes, { sectionIds, numberToId, claimDueOn, now });
      if (t.leadUnitId !== x.e.t.leadUnitId) moved.push(t);
    }
    await audit({
      action: 'assignment_plan.import',
      entityType: 'assignment_plan',
      entityId: planId,
      after: {
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        skipped: outcome.skipped,
        rejected: new Set(outcome.rejected.map((r) => r.row)).size,
        sections: outcome.sections,
        createdNumbers: [...created.keys()],
        updatedNumbers: d.rows.filter((x) => x.action === 'update').map((x) => x.r.number),
        unitMapping: Object.fromEntries(names.usedMappings),
        leaderMapping: fields.leaderMapping,
      },
    });
    // each lead unit hears once of its new tasks to claim
    const perUnit = new Map<string, number>();
    for (const x of d.rows) {
      if (x.action === 'create') perUnit.set(x.r.leadUnitId!, (perUnit.get(x.r.leadUnitId!) ?? 0) + 1);
    }
    for (const [unitId, n] of perUnit) {
      await notifyUnit(
        tx,
        unitId,
        TASK_HANDLER_ROLES,
        {
          kind: 'task_claim',
          title: `新的重点任务待认领（${n}项）`,
          body: `${plan.title}：请于${claimDueOn}前逐项认领，职责不符的请提出异议`,
          link: claimsLink,
          subjectType: 'assignment_plan',
          subjectId: planId,
        },
        now,
      );
    }
    for (const t of moved) await tellNewLead(tx, t, plan, now);
  });
  // a plan of hundreds of tasks changes the planner's picture; the embedded database has no autovacuum to notice
  if (ctx.engine === 'pglite') await analyze(ctx.db);
  return outcome;
}

/** The names the user mapped become aliases of their units, so the next import matches them by itself. */
async function rememberAliases(tx: Tx, audit: Audit, used: Map<string, string>, units: readonly UnitRef[]) {
  for (const [name, unitId] of used) {
    const changed = await planRepo.addAlias(tx, unitId, name);
    if (changed.length === 0) continue;
    const before = units.find((u) => u.id === unitId)?.aliases ?? [];
    await audit({
      action: 'unit.alias_add',
      entityType: 'unit',
      entityId: unitId,
      before: { aliases: before },
      after: { aliases: changed[0]!.aliases },
      reason: `导入分工方案时将“${name}”对应为${changed[0]!.name}`,
    });
  }
}

async function writeSections(
  tx: Tx,
  planId: string,
  plan: { s: { ordinal: number; label: string; title: string }; e: SectionRow | null; action: string }[],
): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  for (const { s, e, action } of plan) {
    if (e) {
      ids.set(s.ordinal, e.id);
      if (action === 'update') await planRepo.updateSection(tx, e.id, { label: s.label, title: s.title });
      continue;
    }
    const row = await planRepo.insertSection(tx, { planId, ordinal: s.ordinal, label: s.label, title: s.title });
    ids.set(s.ordinal, row.id);
  }
  // sections of the plan the sheet did not list keep their ids
  for (const s of await planRepo.sectionRows(tx, planId)) if (!ids.has(s.ordinal)) ids.set(s.ordinal, s.id);
  return ids;
}

type WriteContext = { sectionIds: Map<number, string>; claimDueOn: string; now: Date };

async function createTasks(
  tx: Tx,
  actor: Actor,
  plan: PlanRow,
  rows: Resolved[],
  w: WriteContext,
): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await planRepo.insertTasks(
      tx,
      chunk.map((r) => ({
        planId: plan.id,
        sectionId: r.sectionOrdinal === null ? null : (w.sectionIds.get(r.sectionOrdinal) ?? null),
        number: r.number,
        sort: r.sort,
        content: r.content,
        leadUnitId: r.leadUnitId!,
        ...deadlineColumns(r.deadlineText, r.deadline),
        startsOn: startsOnOf(plan),
        targetValue: r.targetValue,
        targetUnit: r.targetUnit,
        tags: r.tags,
        claimStatus: 'pending',
        claimDueOn: w.claimDueOn,
        createdAt: w.now,
        updatedAt: w.now,
      })),
    );
    for (const x of inserted) created.set(x.number, x.id);
    const idOf = (r: Resolved) => created.get(r.number)!;
    await planRepo.insertPartners(
      tx,
      chunk.flatMap((r) => r.partnerUnitIds.map((unitId) => ({ taskId: idOf(r), unitId }))),
    );
    await planRepo.insertLeaders(
      tx,
      chunk.flatMap((r) => r.leaderIds.map((leaderId) => ({ taskId: idOf(r), leaderId }))),
    );
    await planRepo.insertMilestones(
      tx,
      chunk.flatMap((r) => r.deadline.milestones.map((m) => ({ taskId: idOf(r), title: m.title, dueOn: m.on }))),
    );
    await planRepo.addEvents(
      tx,
      chunk.map((r) => ({
        taskId: idOf(r),
        action: 'imported',
        note: `导入自Excel第${r.row}行`,
        byUserId: actor.userId,
        byName: actor.displayName,
        byUnitName: actor.unitName,
        at: w.now,
      })),
    );
  }
  return created;
}

async function setParents(tx: Tx, rows: Resolved[], created: Map<string, string>, numberToId: Map<string, string>) {
  for (const r of rows) {
    if (r.parentNumber === null) continue;
    const parentId = numberToId.get(r.parentNumber);
    if (parentId) await planRepo.setParent(tx, created.get(r.number)!, parentId);
  }
}

async function updateTask(
  tx: Tx,
  actor: Actor,
  r: Resolved,
  e: Existing,
  changes: string[],
  w: WriteContext & { numberToId: Map<string, string> },
): Promise<TaskRow> {
  const t = e.t;
  const newLead = r.leadUnitId !== t.leadUnitId;
  const deadlineChanged = r.deadlineText !== t.deadlineText;
  const updated = await planRepo.updateTask(tx, t.id, t.version, {
    sectionId: r.sectionOrdinal === null ? null : (w.sectionIds.get(r.sectionOrdinal) ?? null),
    parentId: r.parentNumber === null ? null : (w.numberToId.get(r.parentNumber) ?? null),
    sort: r.sort,
    content: r.content,
    leadUnitId: r.leadUnitId!,
    ...(deadlineChanged ? deadlineColumns(r.deadlineText, r.deadline as ParsedDeadline) : {}),
    targetValue: r.targetValue,
    targetUnit: r.targetUnit,
    tags: r.tags,
    updatedAt: w.now,
    ...(newLead
      ? {
          claimStatus: 'pending',
          claimDueOn: w.claimDueOn,
          claimedAt: null,
          claimedByName: null,
          disputeReason: null,
        }
      : {}),
  });
  if (!updated) throw appError('STALE_WRITE');
  if (!sameSet(r.partnerUnitIds, e.partners)) await planRepo.setPartners(tx, t.id, r.partnerUnitIds);
  if (!sameSet(r.leaderIds, e.leaders)) await planRepo.setLeaders(tx, t.id, r.leaderIds);
  if (deadlineChanged) {
    await planRepo.setMilestones(
      tx,
      t.id,
      r.deadline.milestones.map((m) => ({ title: m.title, dueOn: m.on })),
    );
  }
  await planRepo.addEvents(tx, [
    {
      taskId: t.id,
      action: 'import_updated',
      note: `导入自Excel第${r.row}行，更新：${changes.join('、')}`,
      byUserId: actor.userId,
      byName: actor.displayName,
      byUnitName: actor.unitName,
      at: w.now,
    },
  ]);
  return updated;
}

// ── template and export ────────────────────────────────────────────────────────────────────────────────────
type SheetColumn = { key: PlanColumnKey; header: string; width: number; note: string };
const SHEET_COLUMNS: SheetColumn[] = [
  {
    key: 'number',
    header: '序号',
    width: 8,
    note: '任务编号，如 1、2 或 3.12；请设为文本格式（3.10 不会变成 3.1）。可留空，按章节内顺序编号',
  },
  { key: 'content', header: '重点任务', width: 60, note: '必填：任务内容' },
  { key: 'leaders', header: '责任领导', width: 14, note: '领导姓名，多位用“、”分隔，如 李明远、张慧敏' },
  {
    key: 'lead',
    header: '牵头单位',
    width: 18,
    note: '必填：一个牵头单位，全称或简称（如 市发改委）；“（下同）”表示以下各行沿用',
  },
  { key: 'partners', header: '配合单位', width: 30, note: '多个用“、”分隔；可写“各区县政府”' },
  {
    key: 'deadline',
    header: '完成时限',
    width: 20,
    note: '必填：如 6月底前、2026年3月15日前、三季度末、年底前、每季度、长期坚持、“4月底前出台相关政策，年内持续推进”',
  },
  { key: 'target', header: '目标值', width: 10, note: '量化目标的数值，如 1.2' },
  { key: 'targetUnit', header: '计量单位', width: 10, note: '如 万人、亿元、个' },
  { key: 'tags', header: '标签', width: 14, note: '多个用“、”分隔，如 民生实事' },
];
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

export type PlanSheetRow = Partial<Record<PlanColumnKey, string | number | null>>;
export type PlanSheetBlock = { heading: string | null; rows: PlanSheetRow[] };

/**
 * The plan as the 政府办 prints it: row 1 the title, row 2 the header (frozen, repeated on every printed page),
 * then each section's heading row merged across the table followed by its tasks. A4 landscape.
 */
export async function planWorkbook(input: {
  title: string;
  blocks: PlanSheetBlock[];
  notes?: string[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const ws = wb.addWorksheet(safeSheetName('分工方案'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '2:2',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  const width = SHEET_COLUMNS.length;
  SHEET_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(c.width, textWidth(c.header) + 2);
    if (c.key !== 'target') col.numFmt = '@';
  });
  const title = ws.getCell(1, 1);
  title.value = input.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).height = 32;
  SHEET_COLUMNS.forEach((c, i) => {
    const cell = ws.getCell(2, i + 1);
    cell.value = c.header;
    cell.font = {
      bold: true,
      ...(c.key === 'content' || c.key === 'lead' || c.key === 'deadline' ? { color: { argb: 'FFC00000' } } : {}),
    };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.numFmt = 'General';
  });
  ws.getRow(2).height = 24;
  let r = 3;
  for (const block of input.blocks) {
    if (block.heading) {
      const cell = ws.getCell(r, 1);
      cell.value = block.heading;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'left', vertical: 'middle' };
      for (let c = 1; c <= width; c++) ws.getCell(r, c).border = THIN;
      ws.mergeCells(r, 1, r, width);
      r++;
    }
    for (const data of block.rows) {
      SHEET_COLUMNS.forEach((c, i) => {
        const cell = ws.getCell(r, i + 1);
        const v = data[c.key];
        cell.value = v === undefined || v === null || v === '' ? null : v;
        if (c.key === 'target' && typeof v === 'number') cell.numFmt = '0.####';
        cell.border = THIN;
        cell.alignment = {
          vertical: 'middle',
          wrapText: true,
          horizontal: c.key === 'number' ? 'center' : 'left',
        };
      });
      r++;
    }
  }
  if (input.notes) {
    const notes = wb.addWorksheet('填写说明');
    notes.getColumn(1).width = 14;
    notes.getColumn(2).width = 100;
    notes.getCell(1, 1).value = '填写说明';
    notes.getCell(1, 1).font = { bold: true, size: 14 };
    let n = 2;
    for (const [i, text] of input.notes.entries()) notes.getCell(n++, 1).value = `${i + 1}. ${text}`;
    n++;
    for (const c of SHEET_COLUMNS) {
      notes.getCell(n, 1).value = c.header;
      notes.getCell(n, 1).font = { bold: true };
      notes.getCell(n, 2).value = c.note;
      notes.getCell(n, 2).alignment = { wrapText: true };
      n++;
    }
  }
  return workbookBuffer(wb);
}

export const TEMPLATE_NOTES = [
  '第1行为方案标题，第2行为列名（请勿修改列名）；从第3行起逐行填写任务。',
  '章节行：在“序号”列写“一、稳增长”或合并整行书写，如“一、着力稳增长，推动经济运行持续向好”；其下各行属于该章节。',
  '序号可以全表连续编号（1、2、3…），也可以每章重新编号（系统记为“章节序号.任务序号”，如 2.3），或直接写 3.12。',
  '牵头单位只能填一个；多个单位“分别牵头”的任务请拆分为多行。没有“牵头单位”列时，“责任单位”中排在第一位的单位牵头。',
  '单位可写全称或简称；系统不认识的名称会在预检时列出，选择对应单位后系统会记住，下次自动识别。',
  '完成时限照原文填写，系统会识别日期：如“6月底前”“三季度末”“2026年3月15日前”“每季度”“长期坚持”；无法识别的（如“尽快”）会被拒绝并说明原因。',
  '先“预检”查看新增、更新、未变和有误的行，确认后再正式导入；同一文件重复导入不会重复登记。',
];

/** The empty template: the title, the header, and the 填写说明 sheet. */
export function planTemplate(): Promise<Buffer> {
  return planWorkbook({ title: '重点任务分解和责任落实分工方案', blocks: [], notes: TEMPLATE_NOTES });
}

/** The plan as it is (the caller's reach), in the template's shape: what it exports imports again unchanged. */
export async function exportPlan(ctx: Ctx, actor: Actor, planId: string): Promise<{ buffer: Buffer; title: string }> {
  assertMay(actor, 'task.read');
  const reach = taskReach(actor);
  const found = await planRepo.find(ctx.db, reach, seesAllTasks(actor), planId, todayOf(ctx));
  if (!found) throw appError('NOT_FOUND');
  const sections = await planRepo.sectionRows(ctx.db, planId);
  const rows = await planRepo.tasks(ctx.db, reach, planId);
  const ids = rows.map((r) => r.t.id);
  const partners = await planRepo.partnersOf(ctx.db, ids);
  const leaders = await planRepo.leadersOf(ctx.db, ids);
  const units = await planRepo.unitLabels(ctx.db, [...new Set(rows.map((r) => r.t.leadUnitId))]);
  const label = (u: { name: string; shortName: string | null }) => u.shortName || u.name;
  const rowOf = (t: TaskRow): PlanSheetRow => ({
    number: t.number,
    content: t.content,
    leaders: leaders
      .filter((l) => l.taskId === t.id)
      .map((l) => l.name)
      .join('、'),
    lead: units.has(t.leadUnitId) ? label(units.get(t.leadUnitId)!) : '',
    partners: partners
      .filter((p) => p.taskId === t.id)
      .map(label)
      .join('、'),
    deadline: t.deadlineText,
    target: t.targetValue === null ? null : Number(trimDecimal(t.targetValue)),
    targetUnit: t.targetUnit,
    tags: t.tags.join('、'),
  });
  const blocks: PlanSheetBlock[] = [];
  const loose = rows.filter((r) => r.t.sectionId === null);
  if (loose.length) blocks.push({ heading: null, rows: loose.map((r) => rowOf(r.t)) });
  const all = seesAllTasks(actor);
  for (const s of sections) {
    const mine = rows.filter((r) => r.t.sectionId === s.id);
    if (!all && mine.length === 0) continue; // a unit's export: only the sections it has tasks in
    const heading = s.label ? `${s.label}${/[)）]$/.test(s.label) ? '' : '、'}${s.title}` : s.title;
    blocks.push({ heading, rows: mine.map((r) => rowOf(r.t)) });
  }
  const buffer = await planWorkbook({ title: found.plan.title, blocks });
  return { buffer, title: found.plan.title };
}
