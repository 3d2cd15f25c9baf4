import { type CalendarData, knownYears, mergeCalendars, OFFICIAL_CALENDAR } from '../../../domain/common/calendar.ts';
import type { DispatchSettings, DispatchSettingsUpdate } from '../../../domain/dispatch/contracts.ts';
import {
  DEFAULT_ITEM_SETTINGS,
  ITEM_SETTINGS_KEY,
  type ItemSettings,
  itemSettingsSchema,
} from '../../../domain/dispatch/items.ts';
import {
  DEFAULT_REPORTING_SCHEDULE,
  REPORTING_SCHEDULE_SETTING_KEY,
  type ReportingSchedule,
  reportingScheduleSchema,
} from '../../../domain/dispatch/schedule.ts';
import {
  DEFAULT_WARNING_THRESHOLDS,
  WARNING_THRESHOLDS_SETTING_KEY,
  type WarningThresholds,
  warningThresholdsSchema,
} from '../../../domain/dispatch/warnings.ts';
import { assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { CALENDAR_KEY, calendarExtra } from '../../platform/settings/calendar.ts';

/**
 * The weekly dispatch's settings: the reporting calendar, the warning thresholds and the item deadline; plus the
 * years of the official calendar an administrator added after the built-in ones. Each is one versioned setting.
 */
export const SCHEDULE_KEY = REPORTING_SCHEDULE_SETTING_KEY;
export const THRESHOLDS_KEY = WARNING_THRESHOLDS_SETTING_KEY;

export type DispatchRules = {
  schedule: ReportingSchedule;
  thresholds: WarningThresholds;
  items: ItemSettings;
  /** the official calendar: the built-in years merged with those an administrator added */
  cal: CalendarData;
  /** only the years an administrator added */
  calendarExtra: CalendarData | null;
  versions: { schedule: number; thresholds: number; items: number; calendar: number };
};

const parseOr =
  <T>(parse: (raw: unknown) => T, fallback: T) =>
  (raw: unknown): T =>
    raw == null || (typeof raw === 'object' && Object.keys(raw).length === 0) ? fallback : parse(raw);

export async function dispatchRules(ctx: Ctx, conn: Conn): Promise<DispatchRules> {
  // one after the other: `conn` may be a transaction handle, which serves one query at a time
  const schedule = await ctx.settings.get(
    conn,
    SCHEDULE_KEY,
    parseOr((r) => reportingScheduleSchema.parse(r), DEFAULT_REPORTING_SCHEDULE),
  );
  const thresholds = await ctx.settings.get(
    conn,
    THRESHOLDS_KEY,
    parseOr((r) => warningThresholdsSchema.parse(r), DEFAULT_WARNING_THRESHOLDS),
  );
  const items = await ctx.settings.get(
    conn,
    ITEM_SETTINGS_KEY,
    parseOr((r) => itemSettingsSchema.parse(r), DEFAULT_ITEM_SETTINGS),
  );
  const extra = await calendarExtra(ctx, conn);
  return {
    schedule: schedule.value,
    thresholds: thresholds.value,
    items: items.value,
    cal: extra.value ? mergeCalendars(OFFICIAL_CALENDAR, extra.value) : OFFICIAL_CALENDAR,
    calendarExtra: extra.value,
    versions: {
      schedule: schedule.version,
      thresholds: thresholds.version,
      items: items.version,
      calendar: extra.version,
    },
  };
}

const KEYS = {
  schedule: SCHEDULE_KEY,
  thresholds: THRESHOLDS_KEY,
  items: ITEM_SETTINGS_KEY,
  calendar: CALENDAR_KEY,
} as const;

/** The settings as the settings page shows them. */
export async function getDispatchSettings(ctx: Ctx, actor: Actor): Promise<DispatchSettings> {
  assertMay(actor, 'dispatch.read');
  const rules = await dispatchRules(ctx, ctx.db);
  return {
    schedule: rules.schedule,
    thresholds: rules.thresholds,
    items: rules.items,
    calendarExtra: rules.calendarExtra ?? { holidays: {}, workdays: [] },
    builtInYears: knownYears(OFFICIAL_CALENDAR),
    versions: rules.versions,
  };
}

/** Saves one part (versioned: a stale write is refused), audited; the new value applies at once. */
export async function updateDispatchSettings(
  ctx: Ctx,
  actor: Actor,
  input: DispatchSettingsUpdate,
): Promise<DispatchSettings> {
  assertMay(actor, 'dispatch.review');
  if (input.part === 'calendar' && !actor.roles.includes('admin')) throw appError('FORBIDDEN');
  const key = KEYS[input.part];
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const rules = await dispatchRules(ctx, tx);
    const before = {
      schedule: rules.schedule,
      thresholds: rules.thresholds,
      items: rules.items,
      calendar: rules.calendarExtra,
    };
    const v = await ctx.settings.put(tx, key, input.value, input.version);
    if (v === null) throw appError('STALE_WRITE');
    // never saved: the defaults that applied until now
    await audit({
      action: 'settings.update',
      entityType: 'setting',
      entityId: key,
      before: before[input.part],
      after: input.value,
    });
  });
  return getDispatchSettings(ctx, actor);
}
