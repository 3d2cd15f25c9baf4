import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './policy.ts';
import { type SessionEnd, sessionEnd, shouldTouch } from './session.ts';

const P = DEFAULT_SECURITY_POLICY;
const NOW = new Date('2025-03-10T09:00:00.000Z');
const IDLE = P.sessionIdleMinutes * 60_000;
const ABSOLUTE = P.sessionAbsoluteHours * 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('sessionEnd', () => {
  it('has an idle limit shorter than the absolute one', () => {
    expect(IDLE).toBeLessThan(ABSOLUTE);
  });

  it.each<[string, Date, Date, SessionEnd]>([
    ['just created', NOW, NOW, null],
    ['idle one ms before the limit', ago(IDLE - 1), ago(IDLE - 1), null],
    ['idle exactly at the limit', ago(IDLE), ago(IDLE), 'idle'],
    ['idle past the limit', ago(ABSOLUTE - 1), ago(IDLE + 1), 'idle'],
    ['active, one ms before the absolute limit', ago(ABSOLUTE - 1), NOW, null],
    ['active, exactly at the absolute limit', ago(ABSOLUTE), NOW, 'absolute'],
    ['active, past the absolute limit', ago(ABSOLUTE + 1), ago(1), 'absolute'],
    ['both limits reached: absolute wins', ago(ABSOLUTE), ago(IDLE), 'absolute'],
  ])('%s', (_name, createdAt, lastSeenAt, expected) => {
    expect(sessionEnd({ createdAt, lastSeenAt }, NOW, P)).toBe(expected);
  });

  it('follows the limits of the policy it is given', () => {
    const policy: SecurityPolicy = { ...P, sessionIdleMinutes: 5, sessionAbsoluteHours: 1 };
    expect(sessionEnd({ createdAt: NOW, lastSeenAt: ago(5 * 60_000) }, NOW, policy)).toBe('idle');
    expect(sessionEnd({ createdAt: NOW, lastSeenAt: ago(5 * 60_000 - 1) }, NOW, policy)).toBeNull();
    expect(sessionEnd({ createdAt: ago(3_600_000), lastSeenAt: NOW }, NOW, policy)).toBe('absolute');
  });
});

describe('shouldTouch', () => {
  it.each([
    ['seen just now', 0, false],
    ['seen 59.999 s ago', 59_999, false],
    ['seen exactly a minute ago', 60_000, true],
    ['seen long ago', IDLE, true],
  ])('%s', (_name, msAgo, expected) => {
    expect(shouldTouch({ createdAt: ago(ABSOLUTE / 2), lastSeenAt: ago(msAgo) }, NOW)).toBe(expected);
  });
});
