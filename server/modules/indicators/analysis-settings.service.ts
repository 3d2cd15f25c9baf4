import {
  ANALYSIS_SETTINGS_KEY,
  type AnalysisSettings,
  type AnalysisSettingsResponse,
  type AnalysisSettingsUpdate,
  parseAnalysisSettings,
} from '../../../domain/indicators/settings.ts';
import { assertMay } from '../../platform/access/access.ts';
import { entityHistory } from '../../platform/audit/audit.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError, type FieldError } from '../../platform/errors/app-error.ts';
import { catalogRepo } from './indicators.repository.ts';
import { editScopeOf } from './indicators.service.ts';

/**
 * 月分析设置: the thresholds of the traffic light and of the scorecard's count clause, one setting for the
 * installation (the catalog and peer groups are too). Every reader of monthly analysis may read them (the dashboard
 * says what the colours mean); whoever may configure monthly analysis (the administrator, a city or province
 * statistician) may change them, with the version read and an audit record.
 */

/** The settings the rules use now (cached a few seconds per process, like every setting). */
export const readAnalysisSettings = (ctx: Ctx, conn: Conn = ctx.db) =>
  ctx.settings.get(conn, ANALYSIS_SETTINGS_KEY, parseAnalysisSettings);

const present = (value: AnalysisSettings, version: number, edit: boolean): AnalysisSettingsResponse => ({
  ...value,
  version,
  can: { edit },
});

export async function getAnalysisSettings(ctx: Ctx, actor: Actor): Promise<AnalysisSettingsResponse> {
  assertMay(actor, 'indicator.read');
  const [s, scope] = await Promise.all([readAnalysisSettings(ctx), editScopeOf(ctx.db, actor)]);
  return present(s.value, s.version, scope.configure);
}

export async function putAnalysisSettings(
  ctx: Ctx,
  actor: Actor,
  input: AnalysisSettingsUpdate,
): Promise<AnalysisSettingsResponse> {
  assertMay(actor, 'indicator.edit');
  if (!(await editScopeOf(ctx.db, actor)).configure) throw appError('FORBIDDEN');
  const codes = new Set((await catalogRepo.list(ctx.db)).map((c) => c.code));
  const fields: FieldError[] = Object.keys(input.scorecard.countThresholds)
    .filter((code) => !codes.has(code))
    .map((code) => ({ path: `scorecard.countThresholds.${code}`, message: `指标“${code}”不存在` }));
  if (fields.length) throw appError('VALIDATION_FAILED', { fields });
  const value: AnalysisSettings = {
    lights: input.lights,
    scorecard: {
      narrowGap: input.scorecard.narrowGap,
      // in catalog order's stable form: sorted by code
      countThresholds: Object.fromEntries(
        Object.entries(input.scorecard.countThresholds).sort(([a], [b]) => a.localeCompare(b)),
      ),
    },
  };
  const saved = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    ctx.settings.invalidate(); // compare with the stored version, not a cached one
    const current = await readAnalysisSettings(ctx, tx);
    if (current.version !== input.version) throw appError('STALE_WRITE');
    const next = await ctx.settings.put(tx, ANALYSIS_SETTINGS_KEY, value, input.version);
    if (next === null) throw appError('STALE_WRITE');
    await audit({
      action: 'settings.update',
      entityType: 'setting',
      entityId: ANALYSIS_SETTINGS_KEY,
      // never saved: the defaults that applied until now
      before: current.value,
      after: value,
    });
    return next;
  });
  ctx.settings.invalidate();
  return present(value, saved, true);
}

/** The change records of the setting, oldest first. */
export async function analysisSettingsHistory(ctx: Ctx, actor: Actor) {
  assertMay(actor, 'indicator.edit');
  return entityHistory(ctx.db, 'setting', ANALYSIS_SETTINGS_KEY);
}
