import type { z } from 'zod';
import type { AuditRecord } from '../../../domain/audit/contracts.ts';
import type {
  OverrideRequest,
  Project,
  ProjectCreate,
  ProjectListQuery,
  ProjectPage as ProjectPageSchema,
  ProjectStats as ProjectStatsSchema,
  ProjectUpdate,
  TransitionRequest,
} from '../../../domain/projects/contracts.ts';
import { http, type Items } from './client.ts';

export type ProjectPage = z.infer<typeof ProjectPageSchema>;
export type ProjectListItem = ProjectPage['items'][number];
export type ProjectStats = z.infer<typeof ProjectStatsSchema>;
export type ProjectStatRow = ProjectStats['byStage'][number];

const enc = encodeURIComponent;

export const projectsApi = {
  list: (q: Partial<ProjectListQuery>) => http.get<ProjectPage>('/api/projects', q),
  stats: () => http.get<ProjectStats>('/api/projects/stats'),
  get: (id: string) => http.get<Project>(`/api/projects/${enc(id)}`),
  history: (id: string) => http.get<Items<AuditRecord>>(`/api/projects/${enc(id)}/history`),
  create: (body: ProjectCreate) => http.post<Project>('/api/projects', body),
  update: (id: string, body: ProjectUpdate) => http.put<Project>(`/api/projects/${enc(id)}`, body),
  /** 变更阶段: 422 RULE_VIOLATED with the blockers when the state machine (or an admission gate) refuses */
  transition: (id: string, body: TransitionRequest) => http.post<Project>(`/api/projects/${enc(id)}/transitions`, body),
  /** 豁免一个准入关, with a written reason */
  override: (id: string, body: OverrideRequest) =>
    http.post<Project>(`/api/projects/${enc(id)}/admission-overrides`, body),
};
