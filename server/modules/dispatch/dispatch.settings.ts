import {
  type CalendarData,
  calendarDataSchema,
  mergeCalendars,
  OFFICIAL_CALENDAR,
} from '../../../domain/common/calendar.ts';
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
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';

/**
 * The weekly dispatch's settings: the reporting calendar, the warning thresholds and the item deadline; plus the
 * years of the official calendar an administrator added after the built-in ones. Each is one versioned setting.
 */
export const SCHEDULE_KEY = REPORTING_SCHEDULE_SETTING_KEY;
export const THRESHOLDS_KEY = WARNING_THRESHOLDS_SETTING_KEY;
export const CALENDAR_KEY = 'calendar.extra';

export type DispatchRules = {
  schedule: ReportingSchedule;
  thresholds: WarningThresholds;
  items: ItemSettings;
  cal: CalendarData;
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
  const extra = await ctx.settings.get(
    conn,
    CALENDAR_KEY,
    parseOr((r) => calendarDataSchema.parse(r), null),
  );
  return {
    schedule: schedule.value,
    thresholds: thresholds.value,
    items: items.value,
    cal: extra.value ? mergeCalendars(OFFICIAL_CALENDAR, extra.value) : OFFICIAL_CALENDAR,
    versions: {
      schedule: schedule.version,
      thresholds: thresholds.version,
      items: items.version,
      calendar: extra.version,
    },
  };
}
