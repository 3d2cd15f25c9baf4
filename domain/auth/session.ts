import type { SecurityPolicy } from './policy.ts';

export type SessionTimes = { createdAt: Date; lastSeenAt: Date };
export type SessionEnd = 'idle' | 'absolute' | null;

/** Why a session is no longer valid at `now`, or null while it is. */
export function sessionEnd(s: SessionTimes, now: Date, policy: SecurityPolicy): SessionEnd {
  if (now.getTime() - s.createdAt.getTime() >= policy.sessionAbsoluteHours * 3_600_000) return 'absolute';
  if (now.getTime() - s.lastSeenAt.getTime() >= policy.sessionIdleMinutes * 60_000) return 'idle';
  return null;
}

/** Touch the session at most once a minute: enough for a 30-minute idle limit, and no write per request. */
export const shouldTouch = (s: SessionTimes, now: Date): boolean => now.getTime() - s.lastSeenAt.getTime() >= 60_000;
