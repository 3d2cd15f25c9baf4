import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { weeklyReports } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { COUNTED } from './reports.repository.ts';

/** The weekly reports an inspection compares with and flags (督查发现与上报不符). */
export const inspectionFlagRepo = {
  /** Σ 本周完成投资 of the counted reports from `fromWeek` to `toWeek`, and how many there are. */
  sum: (conn: Conn, projectId: string, fromWeek: string, toWeek: string) =>
    conn
      .select({
        total: sql<string>`coalesce(sum(${weeklyReports.investedThisWeek}), 0)::text`,
        n: sql<number>`count(*)::int`,
      })
      .from(weeklyReports)
      .where(
        and(
          eq(weeklyReports.projectId, projectId),
          inArray(weeklyReports.status, [...COUNTED]),
          gte(weeklyReports.week, fromWeek),
          lte(weeklyReports.week, toWeek),
        ),
      )
      .then((r) => ({ total: r[0]?.total ?? '0.00', n: Number(r[0]?.n ?? 0) })),

  /** The last counted report up to `toWeek` (its 形象进度 is what the project last said it looks like). */
  latest: (conn: Conn, projectId: string, toWeek: string) =>
    conn
      .select({ id: weeklyReports.id, week: weeklyReports.week, visibleProgress: weeklyReports.visibleProgress })
      .from(weeklyReports)
      .where(
        and(
          eq(weeklyReports.projectId, projectId),
          inArray(weeklyReports.status, [...COUNTED]),
          lte(weeklyReports.week, toWeek),
        ),
      )
      .orderBy(desc(weeklyReports.week))
      .limit(1)
      .then((r) => r[0] ?? null),

  /** Marks counted reports between the weeks (or only `onlyId`); returns the ids marked. */
  flag: (tx: Tx, projectId: string, fromWeek: string, toWeek: string, note: string, at: Date, onlyId: string | null) =>
    tx
      .update(weeklyReports)
      .set({ inspectionFlag: note, inspectionFlaggedAt: at })
      .where(
        and(
          eq(weeklyReports.projectId, projectId),
          inArray(weeklyReports.status, [...COUNTED]),
          gte(weeklyReports.week, fromWeek),
          lte(weeklyReports.week, toWeek),
          ...(onlyId ? [eq(weeklyReports.id, onlyId)] : []),
        ),
      )
      .returning({ id: weeklyReports.id })
      .then((r) => r.map((x) => x.id)),
};
