/**
 * The business calendar is Asia/Shanghai (UTC+8 all year, no daylight saving): the business date of an instant is
 * its UTC+8 calendar date. Pure; the instant is passed in.
 */
const OFFSET_MS = 8 * 3_600_000;

export function businessDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export const businessYear = (instant: Date): number => Number(businessDate(instant).slice(0, 4));
