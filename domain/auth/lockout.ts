import type { SecurityPolicy } from './policy.ts';

export type LockState = { failedCount: number; lockedUntil: Date | null };

/** Minutes (rounded up) the account stays locked, or 0 when it is not locked at `now`. */
export function lockedMinutesLeft(state: LockState, now: Date): number {
  if (!state.lockedUntil || state.lockedUntil.getTime() <= now.getTime()) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000);
}

/** The state after one more failed attempt. The attempt that reaches the threshold locks the account. */
export function afterFailedAttempt(state: LockState, now: Date, policy: SecurityPolicy): LockState {
  // a lock that has run out starts a fresh count
  const expired = state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const failedCount = (expired ? 0 : state.failedCount) + 1;
  if (failedCount >= policy.lockoutThreshold) {
    return { failedCount, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000) };
  }
  return { failedCount, lockedUntil: null };
}

export const afterSuccessfulAttempt = (): LockState => ({ failedCount: 0, lockedUntil: null });
