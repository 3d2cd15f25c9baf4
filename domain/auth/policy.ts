import { z } from 'zod';

/**
 * Security policy (安全策略). Every threshold of sign-in, sessions and audit retention is read from this one
 * object, stored as a setting; the defaults are GB/T 22239 level 3 expectations. Tests read the policy, not literals.
 */
export const SecurityPolicySchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  /** how many of the four classes (upper, lower, digit, symbol) a password must contain */
  passwordMinClasses: z.number().int().min(1).max(4),
  /** days after which a password must be changed; 0 = never */
  passwordMaxAgeDays: z.number().int().min(0).max(3650),
  /** a new password may not equal any of the last N */
  passwordHistory: z.number().int().min(0).max(24),
  lockoutThreshold: z.number().int().min(1).max(100),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  sessionIdleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  sessionAbsoluteHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7),
  /** failed and successful sign-ins allowed per client IP per minute */
  loginRatePerMinute: z.number().int().min(1).max(1000),
  /** audit records are kept at least this long (never below 6 months) */
  auditRetentionMonths: z.number().int().min(6).max(600),
  /** hash of the audit chain: sha256 (default), sm3, or hmac-sm3 (needs LUOSHI_AUDIT_KEY) */
  auditHash: z.enum(['sha256', 'sm3', 'hmac-sm3']),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 10,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  passwordHistory: 5,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  loginRatePerMinute: 20,
  auditRetentionMonths: 6,
  auditHash: 'sha256',
};
