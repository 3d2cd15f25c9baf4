import type { RegionKind } from '../../../domain/org/region.ts';
import { AdmissionRulesOverride, AdmissionSettings, rulesFor } from '../../../domain/projects/admission.ts';
import {
  ADMISSION_SETTING_KEY,
  type AdmissionSettingsResponse,
  type AdmissionSettingsUpdate,
  type EffectiveAdmissionRules,
  inChecklistOrder,
  isEmptyOverride,
  MANDATORY_APPROVALS_SETTING_KEY,
  type MandatoryApprovalsResponse,
  type MandatoryApprovalsUpdate,
  parseMandatoryApprovals,
  RULE_FIELDS,
  ruleSources,
} from '../../../domain/projects/settings.ts';
import { assertMay } from '../../platform/access/access.ts';
import { entityHistory } from '../../platform/audit/audit.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError, type FieldError } from '../../platform/errors/app-error.ts';
import { findRegion } from '../org/index.ts';

/**
 * 项目库设置: the admission rules per region and the approvals required to start construction. Both are one setting
 * each for the whole installation; a coordinator sees and edits the regions of their own scope (their city), and a
 * write keeps every other region's rules as they are.
 */

/** The kinds of region that may have rules of their own (the city's default is the `default` part). */
const OVERRIDABLE_KINDS: readonly RegionKind[] = ['city', 'district', 'county', 'park'];

const parseAdmission = (raw: unknown) => AdmissionSettings.parse(raw ?? {});

const readAdmission = (ctx: Ctx, conn: Conn) => ctx.settings.get(conn, ADMISSION_SETTING_KEY, parseAdmission);
const readMandatory = (ctx: Ctx, conn: Conn) =>
  ctx.settings.get(conn, MANDATORY_APPROVALS_SETTING_KEY, parseMandatoryApprovals);

/** A region whose rules this actor may see and set: inside the data scope, below its root. */
function mayConfigure(actor: Actor, code: string): boolean {
  const s = actor.scope;
  if (s.kind === 'all') return true;
  return s.kind === 'region' && code !== s.rootCode && s.regionCodes.includes(code);
}

function visibleOverrides(actor: Actor, byRegion: AdmissionSettings['byRegion']) {
  return Object.fromEntries(Object.entries(byRegion).filter(([code]) => mayConfigure(actor, code)));
}

export async function getAdmissionSettings(ctx: Ctx, actor: Actor): Promise<AdmissionSettingsResponse> {
  assertMay(actor, 'project.configure');
  const s = await readAdmission(ctx, ctx.db);
  return { default: s.value.default, byRegion: visibleOverrides(actor, s.value.byRegion), version: s.version };
}

/** Each region of the request must exist, be a city/district/county/park and lie inside the actor's scope. */
async function checkRegions(conn: Conn, actor: Actor, codes: string[]): Promise<FieldError[]> {
  const fields: FieldError[] = [];
  const scope = actor.scope;
  const root = scope.kind === 'region' ? await findRegion(conn, scope.rootCode) : undefined;
  for (const code of codes) {
    const path = `byRegion.${code}`;
    const region = await findRegion(conn, code);
    if (!region) {
      fields.push({ path, message: `区域代码 ${code} 不存在` });
    } else if (scope.kind === 'region' && code === scope.rootCode) {
      fields.push({ path, message: `${region.name}的标准即默认标准,请直接修改默认标准` });
    } else if (!mayConfigure(actor, code)) {
      fields.push({
        path,
        message: `${region.name}(${code})不属于${root?.name ?? '您的管辖范围'},不能设置其准入标准`,
      });
    } else if (!OVERRIDABLE_KINDS.includes(region.kind as RegionKind)) {
      fields.push({ path, message: `只能为市、区县或园区单独设置准入标准,${region.name}不适用` });
    }
  }
  return fields;
}

export async function putAdmissionSettings(
  ctx: Ctx,
  actor: Actor,
  input: AdmissionSettingsUpdate,
): Promise<AdmissionSettingsResponse> {
  assertMay(actor, 'project.configure');
  const fields = await checkRegions(ctx.db, actor, Object.keys(input.byRegion));
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });
  const own = Object.fromEntries(
    Object.entries(input.byRegion)
      .filter(([, r]) => !isEmptyOverride(r))
      .sort(([a], [b]) => a.localeCompare(b))
      // only the fields the region sets, in the usual order
      .map(([code, r]) => [code, AdmissionRulesOverride.parse(r)]),
  );

  const saved = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    ctx.settings.invalidate();
    const current = await readAdmission(ctx, tx);
    if (current.version !== input.version) throw appError('STALE_WRITE');
    // regions the actor does not see keep their rules
    const kept = Object.fromEntries(Object.entries(current.value.byRegion).filter(([c]) => !mayConfigure(actor, c)));
    const value: AdmissionSettings = { default: input.default, byRegion: { ...kept, ...own } };
    const next = await ctx.settings.put(tx, ADMISSION_SETTING_KEY, value, input.version);
    if (next === null) throw appError('STALE_WRITE');
    await audit({
      action: 'settings.update',
      entityType: 'setting',
      entityId: ADMISSION_SETTING_KEY,
      // never saved: the defaults that applied until now
      before: current.value,
      after: value,
    });
    return { value, version: next };
  });
  ctx.settings.invalidate();
  return {
    default: saved.value.default,
    byRegion: visibleOverrides(actor, saved.value.byRegion),
    version: saved.version,
  };
}

/**
 * The rules that apply in a region and where each field comes from. Anyone who reads the library may ask, for a
 * region of their directory (their city); another region is not found.
 */
export async function effectiveAdmission(ctx: Ctx, actor: Actor, regionCode: string): Promise<EffectiveAdmissionRules> {
  assertMay(actor, 'project.read');
  const dir = actor.directory;
  const visible = dir.kind === 'all' || (dir.kind === 'region' && dir.regionCodes.includes(regionCode));
  const region = visible ? await findRegion(ctx.db, regionCode) : undefined;
  if (!region) throw appError('NOT_FOUND');
  const names = new Map([[region.code, region.name]]);
  const ancestors: string[] = [];
  let cur = region;
  while (cur.parentCode) {
    const parent = await findRegion(ctx.db, cur.parentCode);
    if (!parent) break;
    ancestors.push(parent.code);
    names.set(parent.code, parent.name);
    cur = parent;
  }
  const { value } = await readAdmission(ctx, ctx.db);
  const from = ruleSources(region.code, value.byRegion, ancestors);
  const sources = Object.fromEntries(
    RULE_FIELDS.map((f) => [f, { regionCode: from[f], regionName: from[f] ? (names.get(from[f]) ?? null) : null }]),
  ) as EffectiveAdmissionRules['sources'];
  return {
    regionCode: region.code,
    regionName: region.name,
    rules: rulesFor(region.code, value, ancestors),
    sources,
  };
}

// ── 开工必备手续 ─────────────────────────────────────────────────────────────────────────────────────────────
export async function getMandatoryApprovals(ctx: Ctx, actor: Actor): Promise<MandatoryApprovalsResponse> {
  assertMay(actor, 'project.configure');
  const s = await readMandatory(ctx, ctx.db);
  return { items: s.value, version: s.version };
}

export async function putMandatoryApprovals(
  ctx: Ctx,
  actor: Actor,
  input: MandatoryApprovalsUpdate,
): Promise<MandatoryApprovalsResponse> {
  assertMay(actor, 'project.configure');
  const items = inChecklistOrder(input.items);
  const saved = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    ctx.settings.invalidate();
    const current = await readMandatory(ctx, tx);
    const next = await ctx.settings.put(tx, MANDATORY_APPROVALS_SETTING_KEY, items, input.version);
    if (next === null) throw appError('STALE_WRITE');
    await audit({
      action: 'settings.update',
      entityType: 'setting',
      entityId: MANDATORY_APPROVALS_SETTING_KEY,
      before: { items: current.value },
      after: { items },
    });
    return next;
  });
  ctx.settings.invalidate();
  return { items, version: saved };
}

/** The change records of one of the two settings, oldest first. */
export async function settingHistory(ctx: Ctx, actor: Actor, key: 'admission' | 'mandatory-approvals') {
  assertMay(actor, 'project.configure');
  return entityHistory(
    ctx.db,
    'setting',
    key === 'admission' ? ADMISSION_SETTING_KEY : MANDATORY_APPROVALS_SETTING_KEY,
  );
}
