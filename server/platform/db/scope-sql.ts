import { type Column, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/org/scope.ts';

/**
 * The ONE place a caller's scope becomes SQL. Every repository query that returns or changes rows puts this in its
 * WHERE clause, so out-of-scope rows are simply not found — in lists, counts and exports alike.
 * `region`: the column holding the object's region code; `unit`: the column holding its responsible unit.
 */
export function scopeWhere(scope: Scope, cols: { region?: Column; unit?: Column }): SQL {
  if (scope.kind === 'all') return sql`true`;
  const parts: SQL[] = [];
  if (cols.unit) parts.push(eq(cols.unit, scope.unitId));
  if (scope.kind === 'region' && cols.region && scope.regionCodes.length > 0) {
    parts.push(inArray(cols.region, scope.regionCodes));
  }
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

/** An ILIKE pattern matching `text` anywhere, with the caller's %, _ and \ taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
