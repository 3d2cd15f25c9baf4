import type { SecurityPolicy } from '../../../domain/auth/policy.ts';
import { http } from './client.ts';

export type VersionedSecurityPolicy = SecurityPolicy & { version: number };

export const settingsApi = {
  securityPolicy: () => http.get<VersionedSecurityPolicy>('/api/settings/security-policy'),
  saveSecurityPolicy: (body: VersionedSecurityPolicy) =>
    http.put<VersionedSecurityPolicy>('/api/settings/security-policy', body),
};
