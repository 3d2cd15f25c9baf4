import { type IndicatorEditScope, indicatorEditScope, mayEditRegion } from '../../../domain/indicators/access.ts';
import type {
  IndicatorCreate,
  IndicatorUpdate,
  IndicatorValue,
  LatestPeriod,
  LatestPeriodQuery,
  PeerGroupUpdate,
  PeerGroupWrite,
  TargetsUpsert,
  UpsertOutcome,
  ValueConflict,
  ValuesQuery,
  ValuesUpsertOutcome,
} from '../../../domain/indicators/contracts.ts';
import { parseOptional } from '../../../domain/indicators/decimal.ts';
import type { RegionKind } from '../../../domain/org/region.ts';
import { actorMay, assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { type Audit, audited, type Ctx } from '../../platform/context.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { appError, type FieldError } from '../../platform/errors/app-error.ts';
import { plain, presentIndicator, presentPeerGroup, presentTarget, presentValue } from './indicators.presenter.ts';
import {
  catalogRepo,
  holdsFigure,
  peerGroupRepo,
  regionRows,
  targetRepo,
  type ValueRow,
  valueRepo,
} from './indicators.repository.ts';

// ── scope ────────────────────────────────────────────────────────────────────────────────────────────────
export async function regionsOf(conn: Conn) {
  const rows = await regionRows(conn);
  return rows.map((r) => ({ ...r, kind: r.kind as RegionKind }));
}

/** The regions whose figures the caller may enter (and whether it may edit the catalog, groups and targets). */
export async function editScopeOf(conn: Conn, actor: Actor): Promise<IndicatorEditScope> {
  if (!actorMay(actor, 'indicator.edit')) return { kind: 'none', configure: false };
  return indicatorEditScope({
    roles: actor.roles,
    unitRegionCode: actor.unitRegionCode,
    regions: await regionsOf(conn),
  });
}

async function assertConfigure(conn: Conn, actor: Actor): Promise<IndicatorEditScope> {
  assertMay(actor, 'indicator.edit');
  const scope = await editScopeOf(conn, actor);
  if (!scope.configure) throw appError('FORBIDDEN');
  return scope;
}

const sameFigure = (a: string | null | undefined, b: string | null | undefined) =>
  (parseOptional(a ?? null) ?? null) === (parseOptional(b ?? null) ?? null);

// ── catalog ──────────────────────────────────────────────────────────────────────────────────────────────
export async function listCatalog(ctx: Ctx, actor: Actor) {
  assertMay(actor, 'indicator.read');
  const [rows, scope] = await Promise.all([catalogRepo.list(ctx.db), editScopeOf(ctx.db, actor)]);
  return { items: rows.map(presentIndicator), can: { configure: scope.configure, editValues: scope.kind !== 'none' } };
}

const catalogFields = (i: IndicatorCreate) => ({
  name: i.name,
  shortName: i.shortName ?? null,
  unit: i.unit,
  kind: i.kind,
  direction: i.direction,
  frequency: i.frequency,
  precision: i.precision,
  rankBy: i.rankBy ?? null,
  ...(i.sort !== undefined ? { sort: i.sort } : {}),
});

export async function createIndicator(ctx: Ctx, actor: Actor, input: IndicatorCreate) {
  await assertConfigure(ctx.db, actor);
  const now = ctx.now();
  const row = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    // a new indicator is read after the existing ones unless it says where
    const last = Math.max(0, ...(await catalogRepo.list(tx)).map((c) => c.sort));
    const created = await catalogRepo.insert(tx, {
      code: input.code,
      sort: last + 10,
      ...catalogFields(input),
      createdAt: now,
      updatedAt: now,
    });
    if (!created) throw appError('CONFLICT', { params: { what: `指标代码“${input.code}”` } });
    await audit({ action: 'indicator.create', entityType: 'indicator', entityId: created.code, after: input });
    return created;
  });
  return presentIndicator(row);
}

export async function updateIndicator(ctx: Ctx, actor: Actor, code: string, input: IndicatorUpdate) {
  await assertConfigure(ctx.db, actor);
  if (input.code !== code) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'code', message: '指标代码不能修改' }] });
  }
  const now = ctx.now();
  const row = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await catalogRepo.findForUpdate(tx, code);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw appError('STALE_WRITE');
    const after = await catalogRepo.update(
      tx,
      code,
      before.version,
      { ...catalogFields(input), ...(input.active !== undefined ? { active: input.active } : {}) },
      now,
    );
    if (!after) throw appError('STALE_WRITE');
    await audit({
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: code,
      before: presentIndicator(before),
      after: presentIndicator(after),
    });
    return after;
  });
  return presentIndicator(row);
}

// ── figures ──────────────────────────────────────────────────────────────────────────────────────────────
export async function listValues(ctx: Ctx, actor: Actor, q: ValuesQuery) {
  assertMay(actor, 'indicator.read');
  const [rows, scope, regions] = await Promise.all([
    valueRepo.list(ctx.db, { period: q.period, regionCodes: q.regionCode, indicatorCode: q.indicatorCode }),
    editScopeOf(ctx.db, actor),
    regionRows(ctx.db),
  ]);
  // the regions asked for (in administrative order), else every region; those the caller may enter figures for
  const asked = q.regionCode ? new Set(q.regionCode) : null;
  const editableRegionCodes = regions
    .filter((r) => (asked === null || asked.has(r.code)) && mayEditRegion(scope, r.code))
    .map((r) => r.code);
  return { period: q.period, items: rows.map((r) => presentValue(r.v, r.regionName, scope)), editableRegionCodes };
}

/** The latest period with figures: of a region, else of a peer group's members (and its 全省/全市), else of any. */
export async function latestPeriod(ctx: Ctx, actor: Actor, q: LatestPeriodQuery): Promise<LatestPeriod> {
  assertMay(actor, 'indicator.read');
  let regionCodes: string[] | undefined;
  if (q.regionCode) {
    if (!(await regionRows(ctx.db)).some((r) => r.code === q.regionCode)) throw appError('NOT_FOUND');
    regionCodes = [q.regionCode];
  }
  if (q.peerGroupId) {
    const g = await peerGroupRepo.find(ctx.db, q.peerGroupId);
    if (!g) throw appError('NOT_FOUND');
    regionCodes ??= [...g.members, ...(g.referenceRegionCode ? [g.referenceRegionCode] : [])];
  }
  return {
    period: await valueRepo.latestWithFigures(ctx.db, regionCodes),
    regionCode: q.regionCode ?? null,
    peerGroupId: q.peerGroupId ?? null,
  };
}

export async function valueHistory(
  ctx: Ctx,
  actor: Actor,
  q: { regionCode: string; indicatorCode: string; period: string },
) {
  assertMay(actor, 'indicator.read');
  const found = await valueRepo.find(ctx.db, q.regionCode, q.indicatorCode, q.period);
  if (!found) return { current: null, revisions: [] };
  const scope = await editScopeOf(ctx.db, actor);
  const revisions = await valueRepo.revisions(ctx.db, found.v.id);
  return {
    // a removed figure has no current figure, only what it replaced
    current: holdsFigure(found.v) ? presentValue(found.v, found.regionName, scope) : null,
    revisions: revisions.map((r) => ({
      value: plain(r.value),
      growth: plain(r.growth),
      source: r.source,
      version: r.version,
      replacedAt: r.replacedAt.toISOString(),
      replacedByName: r.replacedByName,
    })),
  };
}

/** Every reference problem of a batch at once: unknown indicators and regions, regions outside the caller's scope. */
export async function checkValueRefs(
  conn: Conn,
  scope: IndicatorEditScope,
  items: readonly { regionCode: string; indicatorCode: string }[],
  base: string,
): Promise<{ fields: FieldError[]; outOfScope: boolean }> {
  const [catalog, regions] = await Promise.all([catalogRepo.list(conn), regionRows(conn)]);
  const codes = new Set(catalog.map((c) => c.code));
  const regionCodes = new Set(regions.map((r) => r.code));
  const fields: FieldError[] = [];
  let outOfScope = false;
  items.forEach((v, i) => {
    if (!codes.has(v.indicatorCode))
      fields.push({ path: `${base}.${i}.indicatorCode`, message: `指标“${v.indicatorCode}”不存在` });
    if (!regionCodes.has(v.regionCode))
      fields.push({ path: `${base}.${i}.regionCode`, message: `行政区划“${v.regionCode}”不存在` });
    else if (!mayEditRegion(scope, v.regionCode)) outOfScope = true;
  });
  return { fields, outOfScope };
}

/** The version a writer sees of a stored row: 0 for none, and for a removed figure (lists do not show it). */
const seenVersion = (row: ValueRow | undefined) => (row && holdsFigure(row) ? row.version : 0);

/**
 * Writes a batch of figures of one period inside the caller's transaction: new rows inserted in one statement,
 * changed rows updated with their previous figures kept as revisions, equal rows left alone, rows whose two
 * figures become null removed (the row stays, emptied, with its history). A row that names the version it read
 * must still be at that version; if any is not, nothing is written and 409 names every such row.
 */
export async function upsertValuesInTx(
  tx: Tx,
  actor: Actor,
  scope: IndicatorEditScope,
  period: string,
  values: readonly IndicatorValue[],
  source: 'manual' | 'import',
  now: Date,
  write = true,
): Promise<ValuesUpsertOutcome & { changed: string[] }> {
  const regionCodes = [...new Set(values.map((v) => v.regionCode))];
  const existing = await valueRepo.forUpsert(tx, scope, period, regionCodes);
  const byKey = new Map<string, ValueRow>(existing.map((r) => [`${r.regionCode}|${r.indicatorCode}`, r]));

  const conflicts: ValueConflict[] = [];
  values.forEach((v, index) => {
    const before = byKey.get(`${v.regionCode}|${v.indicatorCode}`);
    if (v.version === undefined || v.version === seenVersion(before)) return;
    const shown = before && holdsFigure(before) ? before : undefined;
    conflicts.push({
      index,
      regionCode: v.regionCode,
      indicatorCode: v.indicatorCode,
      period,
      sentVersion: v.version,
      version: seenVersion(before),
      value: plain(shown?.value ?? null),
      growth: plain(shown?.growth ?? null),
      updatedByName: before?.updatedByName ?? null,
      updatedAt: before?.updatedAt.toISOString() ?? null,
    });
  });
  if (conflicts.length) {
    throw appError('STALE_WRITE', {
      fields: conflicts.map((c) => ({ path: `values.${c.index}`, message: conflictMessage(c) })),
      details: { conflicts },
    });
  }

  const inserts = [];
  const revisions = [];
  const changed: string[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let cleared = 0;
  const by = { updatedBy: actor.userId, updatedByName: actor.displayName };
  for (const v of values) {
    const before = byKey.get(`${v.regionCode}|${v.indicatorCode}`);
    // an omitted figure keeps what is stored (a table that publishes only the growth); null clears it
    const value = v.value === undefined ? (before?.value ?? null) : v.value;
    const growth = v.growth === undefined ? (before?.growth ?? null) : v.growth;
    const removes = value === null && growth === null;
    if (!before) {
      if (removes) {
        unchanged++; // nothing stored, nothing to remove
        continue;
      }
      created++;
      inserts.push({
        regionCode: v.regionCode,
        indicatorCode: v.indicatorCode,
        period,
        value,
        growth,
        source,
        ...by,
        updatedAt: now,
      });
      changed.push(`${v.regionCode}/${v.indicatorCode}`);
      continue;
    }
    if (sameFigure(before.value, value) && sameFigure(before.growth, growth)) {
      unchanged++;
      continue;
    }
    if (removes) cleared++;
    else if (!holdsFigure(before))
      created++; // a removed figure entered again
    else updated++;
    changed.push(`${v.regionCode}/${v.indicatorCode}`);
    if (!write) continue;
    const ok = await valueRepo.update(tx, scope, before, { value, growth, source, ...by }, now);
    if (!ok) throw appError('STALE_WRITE');
    revisions.push({
      valueId: before.id,
      regionCode: before.regionCode,
      indicatorCode: before.indicatorCode,
      period,
      value: before.value,
      growth: before.growth,
      source: before.source,
      version: before.version,
      replacedAt: now,
      replacedBy: actor.userId,
      replacedByName: actor.displayName,
    });
  }
  if (write) {
    await valueRepo.insertMany(tx, inserts);
    await valueRepo.insertRevisions(tx, revisions);
  }
  return { created, updated, unchanged, cleared, changed };
}

/** Why one row of a batch is refused: who changed the figure since the writer read it. */
const conflictMessage = (c: ValueConflict): string => {
  const who = c.updatedByName ?? '他人';
  if (c.version === 0) return `该数据已被${who}删除,请刷新后核对`;
  if (c.sentVersion === 0) return `该数据已由${who}填报,请刷新后核对`;
  return `该数据已被${who}修改,请刷新后核对`;
};

export async function upsertValues(
  ctx: Ctx,
  actor: Actor,
  values: readonly IndicatorValue[],
): Promise<ValuesUpsertOutcome> {
  assertMay(actor, 'indicator.edit');
  const period = values[0]!.period;
  const fields: FieldError[] = values.flatMap((v, i) =>
    v.period === period ? [] : [{ path: `values.${i}.period`, message: '一次只能提交同一统计期的数据' }],
  );
  const scope = await editScopeOf(ctx.db, actor);
  const refs = await checkValueRefs(ctx.db, scope, values, 'values');
  if (fields.length || refs.fields.length) throw appError('VALIDATION_FAILED', { fields: [...fields, ...refs.fields] });
  if (refs.outOfScope) throw appError('FORBIDDEN');
  const now = ctx.now();
  return audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const r = await upsertValuesInTx(tx, actor, scope, period, values, 'manual', now);
    await auditBatch(audit, 'indicator.values_upsert', period, r, { cleared: r.cleared });
    return { created: r.created, updated: r.updated, unchanged: r.unchanged, cleared: r.cleared };
  });
}

export async function auditBatch(
  audit: Audit,
  action: string,
  period: string,
  r: UpsertOutcome & { changed: string[] },
  extra: Record<string, unknown> = {},
) {
  await audit({
    action,
    entityType: 'indicator_values',
    entityId: period,
    after: {
      period,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      changed: r.changed.slice(0, 500),
      ...extra,
    },
  });
}

// ── targets ──────────────────────────────────────────────────────────────────────────────────────────────
export async function listTargets(ctx: Ctx, actor: Actor, q: { year: number; regionCode?: string }) {
  assertMay(actor, 'indicator.read');
  const [rows, scope] = await Promise.all([
    targetRepo.list(ctx.db, { years: [q.year], regionCodes: q.regionCode ? [q.regionCode] : undefined }),
    editScopeOf(ctx.db, actor),
  ]);
  return { year: q.year, items: rows.map((r) => presentTarget(r.t, r.regionName, scope)) };
}

export async function upsertTargets(ctx: Ctx, actor: Actor, input: TargetsUpsert): Promise<UpsertOutcome> {
  const scope = await assertConfigure(ctx.db, actor);
  const refs = await checkValueRefs(ctx.db, scope, input.targets, 'targets');
  if (refs.fields.length) throw appError('VALIDATION_FAILED', { fields: refs.fields });
  if (refs.outOfScope) throw appError('FORBIDDEN');
  const now = ctx.now();
  const by = { updatedBy: actor.userId, updatedByName: actor.displayName };
  return audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const years = [...new Set(input.targets.map((t) => t.year))];
    const regions = [...new Set(input.targets.map((t) => t.regionCode))];
    const existing = await targetRepo.forUpsert(tx, scope, years, regions);
    const byKey = new Map(existing.map((r) => [`${r.regionCode}|${r.indicatorCode}|${r.year}`, r]));
    const inserts = [];
    let updated = 0;
    let unchanged = 0;
    for (const t of input.targets) {
      const v = {
        growth: t.growth ?? null,
        amount: t.amount ?? null,
        schedule: t.schedule?.length ? t.schedule : null,
      };
      const before = byKey.get(`${t.regionCode}|${t.indicatorCode}|${t.year}`);
      if (!before) {
        inserts.push({
          regionCode: t.regionCode,
          indicatorCode: t.indicatorCode,
          year: t.year,
          ...v,
          ...by,
          updatedAt: now,
        });
        continue;
      }
      const sameSchedule = JSON.stringify(before.schedule ?? null) === JSON.stringify(v.schedule);
      if (sameFigure(before.growth, v.growth) && sameFigure(before.amount, v.amount) && sameSchedule) {
        unchanged++;
        continue;
      }
      updated++;
      if (!(await targetRepo.update(tx, before, { ...v, ...by }, now))) throw appError('STALE_WRITE');
      await audit({
        action: 'indicator.target_set',
        entityType: 'indicator_target',
        entityId: `${t.regionCode}:${t.indicatorCode}:${t.year}`,
        before: { growth: plain(before.growth), amount: plain(before.amount), schedule: before.schedule },
        after: v,
      });
    }
    await targetRepo.insertMany(tx, inserts);
    for (const i of inserts) {
      await audit({
        action: 'indicator.target_set',
        entityType: 'indicator_target',
        entityId: `${i.regionCode}:${i.indicatorCode}:${i.year}`,
        after: { growth: i.growth, amount: i.amount, schedule: i.schedule },
      });
    }
    return { created: inserts.length, updated, unchanged };
  });
}

// ── peer groups ──────────────────────────────────────────────────────────────────────────────────────────
async function regionNames(conn: Conn) {
  return new Map((await regionRows(conn)).map((r) => [r.code, r.name]));
}

export async function listPeerGroups(ctx: Ctx, actor: Actor) {
  assertMay(actor, 'indicator.read');
  const [groups, names, scope] = await Promise.all([
    peerGroupRepo.list(ctx.db),
    regionNames(ctx.db),
    editScopeOf(ctx.db, actor),
  ]);
  return { items: groups.map((g) => presentPeerGroup(g, names, scope)) };
}

async function checkGroupRegions(conn: Conn, input: PeerGroupWrite) {
  const names = await regionNames(conn);
  const fields: FieldError[] = [];
  input.memberRegionCodes.forEach((c, i) => {
    if (!names.has(c)) fields.push({ path: `memberRegionCodes.${i}`, message: `行政区划“${c}”不存在` });
  });
  if (input.referenceRegionCode && !names.has(input.referenceRegionCode)) {
    fields.push({ path: 'referenceRegionCode', message: `行政区划“${input.referenceRegionCode}”不存在` });
  }
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });
  return names;
}

const groupFields = (g: PeerGroupWrite) => ({
  name: g.name,
  level: g.level,
  label: g.label ?? null,
  memberNoun: g.memberNoun ?? null,
  referenceRegionCode: g.referenceRegionCode ?? null,
  isDefault: g.isDefault ?? false,
});

export async function createPeerGroup(ctx: Ctx, actor: Actor, input: PeerGroupWrite) {
  const scope = await assertConfigure(ctx.db, actor);
  const names = await checkGroupRegions(ctx.db, input);
  const now = ctx.now();
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const g = await peerGroupRepo.insert(tx, { ...groupFields(input), createdAt: now, updatedAt: now });
    await peerGroupRepo.setMembers(tx, g.id, input.memberRegionCodes);
    if (g.isDefault) await peerGroupRepo.clearDefault(tx, g.id);
    await audit({ action: 'indicator.peer_group_create', entityType: 'peer_group', entityId: g.id, after: input });
    return g.id;
  });
  return presentPeerGroup((await peerGroupRepo.find(ctx.db, id))!, names, scope);
}

export async function updatePeerGroup(ctx: Ctx, actor: Actor, id: string, input: PeerGroupUpdate) {
  const scope = await assertConfigure(ctx.db, actor);
  const names = await checkGroupRegions(ctx.db, input);
  const now = ctx.now();
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await peerGroupRepo.findForUpdate(tx, id);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw appError('STALE_WRITE');
    const members = (await peerGroupRepo.find(tx, id))!.members;
    const after = await peerGroupRepo.update(tx, id, before.version, groupFields(input), now);
    if (!after) throw appError('STALE_WRITE');
    await peerGroupRepo.setMembers(tx, id, input.memberRegionCodes);
    if (after.isDefault) await peerGroupRepo.clearDefault(tx, id);
    await audit({
      action: 'indicator.peer_group_update',
      entityType: 'peer_group',
      entityId: id,
      before: {
        ...groupFields({
          ...before,
          label: before.label ?? undefined,
          memberNoun: before.memberNoun ?? undefined,
          level: before.level as 'province',
          memberRegionCodes: members,
        }),
        memberRegionCodes: members,
      },
      after: input,
    });
  });
  return presentPeerGroup((await peerGroupRepo.find(ctx.db, id))!, names, scope);
}
