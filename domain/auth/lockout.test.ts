import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, afterSuccessfulAttempt, type LockState, lockedMinutesLeft } from './lockout.ts';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './policy.ts';

const P = DEFAULT_SECURITY_POLICY;
const T = P.lockoutThreshold;
const NOW = new Date('2025-03-10T09:00:00.000Z');
const MIN = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const LOCK_END = at(P.lockoutMinutes * MIN);

describe('afterFailedAttempt', () => {
  it('reads a threshold above 1 from the policy', () => {
    expect(T).toBeGreaterThan(1);
  });

  it.each<[string, LockState, LockState]>([
    ['first failure', { failedCount: 0, lockedUntil: null }, { failedCount: 1, lockedUntil: null }],
    [
      'one attempt below the threshold stays unlocked',
      { failedCount: T - 2, lockedUntil: null },
      { failedCount: T - 1, lockedUntil: null },
    ],
    [
      'the attempt that reaches the threshold locks',
      { failedCount: T - 1, lockedUntil: null },
      { failedCount: T, lockedUntil: LOCK_END },
    ],
    [
      'a lock that expires exactly now restarts the count',
      { failedCount: T, lockedUntil: NOW },
      { failedCount: 1, lockedUntil: null },
    ],
    [
      'a lock that expired long ago restarts the count',
      { failedCount: T + 3, lockedUntil: at(-P.lockoutMinutes * MIN) },
      { failedCount: 1, lockedUntil: null },
    ],
    [
      'a lock still running (1 ms left) keeps counting and stays locked',
      { failedCount: T, lockedUntil: at(1) },
      { failedCount: T + 1, lockedUntil: LOCK_END },
    ],
  ])('%s', (_name, state, expected) => {
    expect(afterFailedAttempt(state, NOW, P)).toEqual(expected);
  });

  it('locks on the first failure when the threshold is 1', () => {
    const policy: SecurityPolicy = { ...P, lockoutThreshold: 1 };
    expect(afterFailedAttempt({ failedCount: 0, lockedUntil: null }, NOW, policy)).toEqual({
      failedCount: 1,
      lockedUntil: LOCK_END,
    });
  });

  it('locks after exactly `threshold` failures in a row, not before', () => {
    let state: LockState = afterSuccessfulAttempt();
    for (let i = 1; i < T; i++) {
      state = afterFailedAttempt(state, at(i), P);
      expect(state.lockedUntil).toBeNull();
    }
    state = afterFailedAttempt(state, at(T), P);
    expect(state).toEqual({ failedCount: T, lockedUntil: at(T + P.lockoutMinutes * MIN) });
  });

  it('uses the lock duration of the policy', () => {
    const policy: SecurityPolicy = { ...P, lockoutMinutes: 60 };
    const next = afterFailedAttempt({ failedCount: T - 1, lockedUntil: null }, NOW, policy);
    expect(next.lockedUntil).toEqual(at(60 * MIN));
  });
});

describe('afterSuccessfulAttempt', () => {
  it('clears the count and the lock', () => {
    expect(afterSuccessfulAttempt()).toEqual({ failedCount: 0, lockedUntil: null });
  });
});

describe('lockedMinutesLeft', () => {
  it.each<[string, Date | null, number]>([
    ['not locked', null, 0],
    ['lock ended in the past', at(-1), 0],
    ['lock ends exactly now', NOW, 0],
    ['1 ms left rounds up to 1', at(1), 1],
    ['exactly one minute left', at(MIN), 1],
    ['one minute and 1 ms rounds up to 2', at(MIN + 1), 2],
    ['a fresh lock', LOCK_END, P.lockoutMinutes],
    ['a fresh lock, 1 ms later', at(P.lockoutMinutes * MIN - 1), P.lockoutMinutes],
  ])('%s', (_name, lockedUntil, minutes) => {
    expect(lockedMinutesLeft({ failedCount: T, lockedUntil }, NOW)).toBe(minutes);
  });
});
