import { businessDate } from '../../../domain/common/business-date.ts';
import { weekKey, weekKeyOf } from '../../../domain/common/iso-week.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { inspectionFlagRepo } from './inspection-flags.repository.ts';

/**
 * What an inspection (督查) reads of a project's weekly reports and how it marks them. The year is the ISO year of
 * the day in question, as the dispatch's own cumulative figures count it; only counted (submitted or accepted)
 * reports are compared and flagged — a draft says nothing yet.
 */
const yearWeeks = (date: string) => {
  const week = weekKeyOf(date);
  return { from: weekKey(Number(week.slice(0, 4)), 1), to: week };
};

/** The year's reported investment (Σ of counted weeks) and the latest visible progress, up to `onDate`; null: no report. */
export async function reportedFigures(
  conn: Conn,
  projectId: string,
  onDate: string,
): Promise<{ investedYtd: string | null; latestWeek: string | null; latestProgress: string | null } | null> {
  const { from, to } = yearWeeks(onDate);
  const [sum, latest] = await Promise.all([
    inspectionFlagRepo.sum(conn, projectId, from, to),
    inspectionFlagRepo.latest(conn, projectId, to),
  ]);
  if (sum.n === 0 && !latest) return null;
  return {
    investedYtd: sum.n > 0 ? sum.total : null,
    latestWeek: latest?.week ?? null,
    latestProgress: latest?.visibleProgress || null,
  };
}

/**
 * Flags the weekly reports an inspection contradicts (weekly_reports.inspection_flag): by default every counted
 * report of the year up to `upTo` (the day inspected; default the day of `at`) — together they make the reported
 * year's investment; with `latestOnly` just the last one (a visible progress that does not match). `at` is when the
 * flag is set. Returns the ids flagged; none when the project has no reports.
 */
export async function flagWeeklyReports(
  tx: Tx,
  projectId: string,
  note: string,
  at: Date,
  opts: { latestOnly?: boolean; upTo?: string } = {},
): Promise<string[]> {
  const { from, to } = yearWeeks(opts.upTo ?? businessDate(at));
  let onlyId: string | null = null;
  if (opts.latestOnly) {
    const latest = await inspectionFlagRepo.latest(tx, projectId, to);
    if (!latest) return [];
    onlyId = latest.id;
  }
  return inspectionFlagRepo.flag(tx, projectId, opts.latestOnly ? '0000-W01' : from, to, note, at, onlyId);
}
