import type { AuditRecord } from '../../../domain/audit/contracts.ts';
import type {
  AdmissionSettingsResponse,
  AdmissionSettingsUpdate,
  EffectiveAdmissionRules,
  MandatoryApprovalsResponse,
  MandatoryApprovalsUpdate,
} from '../../../domain/projects/settings.ts';
import { http, type Items } from './client.ts';

const BASE = '/api/projects/settings';

/** 项目库设置: admission rules per region and the approvals required to start construction. */
export const projectSettingsApi = {
  admission: () => http.get<AdmissionSettingsResponse>(`${BASE}/admission`),
  saveAdmission: (body: AdmissionSettingsUpdate) => http.put<AdmissionSettingsResponse>(`${BASE}/admission`, body),
  effectiveAdmission: (regionCode: string) =>
    http.get<EffectiveAdmissionRules>(`${BASE}/admission/effective`, { regionCode }),
  admissionHistory: () => http.get<Items<AuditRecord>>(`${BASE}/admission/history`),
  mandatoryApprovals: () => http.get<MandatoryApprovalsResponse>(`${BASE}/mandatory-approvals`),
  saveMandatoryApprovals: (body: MandatoryApprovalsUpdate) =>
    http.put<MandatoryApprovalsResponse>(`${BASE}/mandatory-approvals`, body),
  mandatoryApprovalsHistory: () => http.get<Items<AuditRecord>>(`${BASE}/mandatory-approvals/history`),
};
