import {
  type CalendarData,
  calendarDataSchema,
  mergeCalendars,
  OFFICIAL_CALENDAR,
} from '../../../domain/common/calendar.ts';
import type { Ctx } from '../context.ts';
import type { Conn } from '../db/database.ts';
import type { SettingValue } from './settings.ts';

/** The setting holding the years of the official calendar an administrator added after the built-in ones. */
export const CALENDAR_KEY = 'calendar.extra';

/** The one parser of the calendar setting (the settings cache is keyed by key, so every reader must share it). */
export const parseCalendarExtra = (raw: unknown): CalendarData | null =>
  raw == null || (typeof raw === 'object' && Object.keys(raw).length === 0) ? null : calendarDataSchema.parse(raw);

export const calendarExtra = (ctx: Ctx, conn: Conn): Promise<SettingValue<CalendarData | null>> =>
  ctx.settings.get(conn, CALENDAR_KEY, parseCalendarExtra);

/**
 * China's official calendar as this installation knows it: the built-in years merged with those an administrator
 * added. Every module that counts working days or moves a due date off a holiday reads it here.
 */
export async function officialCalendar(ctx: Ctx, conn: Conn): Promise<CalendarData> {
  const extra = await calendarExtra(ctx, conn);
  return extra.value ? mergeCalendars(OFFICIAL_CALENDAR, extra.value) : OFFICIAL_CALENDAR;
}
