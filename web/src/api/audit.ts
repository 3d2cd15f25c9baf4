import type { AuditQuery, AuditRecord, AuditVerifyResult } from '../../../domain/audit/contracts.ts';
import { http, type Page } from './client.ts';

export const auditApi = {
  list: (q: Partial<AuditQuery>) => http.get<Page<AuditRecord>>('/api/audit', q),
  verify: () => http.get<AuditVerifyResult>('/api/audit/verify'),
};
