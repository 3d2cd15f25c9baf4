import type { z } from 'zod';
import type { PlanningReport, Quota, QuotaUpdate } from '../../../domain/projects/contracts.ts';
import { http } from './client.ts';

export type PlanningReportData = z.infer<typeof PlanningReport>;
export type PlanningRowData = PlanningReportData['rows'][number];
export type PlanningPeriod = { year?: number; month?: number };

export const planningApi = {
  report: (p: PlanningPeriod) => http.get<PlanningReportData>('/api/projects/planning', p),
  exportXlsx: (p: PlanningPeriod) => http.download('/api/projects/planning.xlsx', p),
  setQuota: (year: number, unitId: string, body: QuotaUpdate) =>
    http.put<z.infer<typeof Quota>>(`/api/projects/planning/quotas/${year}/${encodeURIComponent(unitId)}`, body),
};
