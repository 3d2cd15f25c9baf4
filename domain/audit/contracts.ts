import { z } from 'zod';
import { PageQuery } from '../common/contracts.ts';

export const AuditRecord = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  from: z.iso.date({ error: '日期格式应为 yyyy-MM-dd' }).optional(),
  to: z.iso.date({ error: '日期格式应为 yyyy-MM-dd' }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditVerifyResult = z.object({
  checked: z.number().int(),
  ok: z.boolean(),
  firstBroken: z.object({ id: z.number().int(), reason: z.enum(['hash', 'link']) }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
