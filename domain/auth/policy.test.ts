import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy, SecurityPolicySchema } from './policy.ts';

const P = DEFAULT_SECURITY_POLICY;

describe('SecurityPolicySchema', () => {
  it('accepts the defaults unchanged', () => {
    expect(SecurityPolicySchema.parse(P)).toEqual(P);
  });

  it('keeps audit records at least 6 months by default', () => {
    expect(P.auditRetentionMonths).toBeGreaterThanOrEqual(6);
  });

  it.each<[keyof SecurityPolicy, unknown, boolean]>([
    ['auditRetentionMonths', 6, true],
    ['auditRetentionMonths', 5, false],
    ['auditRetentionMonths', 0, false],
    ['auditRetentionMonths', -12, false],
    ['auditRetentionMonths', 6.5, false],
    ['auditRetentionMonths', 600, true],
    ['auditRetentionMonths', 601, false],
    ['passwordMinLength', 8, true],
    ['passwordMinLength', 7, false],
    ['passwordMinClasses', 0, false],
    ['passwordMinClasses', 4, true],
    ['passwordMinClasses', 5, false],
    ['passwordMaxAgeDays', 0, true],
    ['passwordMaxAgeDays', -1, false],
    ['lockoutThreshold', 0, false],
    ['lockoutThreshold', 1, true],
    ['lockoutMinutes', 0, false],
    ['lockoutMinutes', 24 * 60, true],
    ['lockoutMinutes', 24 * 60 + 1, false],
    ['sessionIdleMinutes', 0, false],
    ['sessionAbsoluteHours', 24 * 7, true],
    ['sessionAbsoluteHours', 24 * 7 + 1, false],
    ['loginRatePerMinute', 0, false],
    ['auditHash', 'sm3', true],
    ['auditHash', 'hmac-sm3', true],
    ['auditHash', 'md5', false],
    ['passwordHistory', '5', false],
  ])('%s = %j → valid: %s', (key, value, valid) => {
    const r = SecurityPolicySchema.safeParse({ ...P, [key]: value });
    expect(r.success).toBe(valid);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toEqual([key]);
  });

  it('refuses a policy with a setting missing', () => {
    const { auditRetentionMonths: _, ...rest } = P;
    expect(SecurityPolicySchema.safeParse(rest).success).toBe(false);
  });
});
