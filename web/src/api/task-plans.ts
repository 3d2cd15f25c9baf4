import type { z } from 'zod';
import type {
  ClaimItem,
  ClaimListQuery,
  ClaimPage,
  OnExisting,
  PlanCreate,
  PlanDetail,
  PlanImportOutcome,
  PlanListQuery,
  PlanPage,
  PlanSection,
  PlanSummary,
  PlanTask,
  PlanUpdate,
  RemindResponse,
  SectionCreate,
  TaskCreate,
  TaskUpdate,
} from '../../../domain/tasks/plans-contracts.ts';
import { http, request } from './client.ts';

/** The shapes of the assignment plans' API (domain/tasks/plans-contracts.ts). */
export type { ClaimItem, ClaimPage, PlanDetail, PlanImportOutcome, PlanPage, PlanSection, PlanSummary, PlanTask };
export type PlanFilter = Partial<PlanListQuery>;
export type ClaimFilter = Partial<ClaimListQuery>;
export type PlanCreateBody = z.input<typeof PlanCreate>;
export type PlanUpdateBody = z.input<typeof PlanUpdate>;
export type TaskCreateBody = z.input<typeof TaskCreate>;
export type TaskUpdateBody = z.input<typeof TaskUpdate>;
export type SectionCreateBody = z.input<typeof SectionCreate>;

/** What an import sends besides the file: the names mapped by the user, and what to do with changed tasks. */
export type ImportChoices = {
  unitMapping: Record<string, string>;
  leaderMapping: Record<string, string>;
  onExisting: OnExisting;
};

const enc = encodeURIComponent;
const plan = (id: string) => `/api/task-plans/${enc(id)}`;

const importForm = (file: File, dryRun: boolean, c: ImportChoices) => {
  const form = new FormData();
  form.append('dryRun', dryRun ? 'true' : 'false');
  form.append('unitMapping', JSON.stringify(c.unitMapping));
  form.append('leaderMapping', JSON.stringify(c.leaderMapping));
  form.append('onExisting', c.onExisting);
  form.append('file', file, file.name);
  return form;
};

export const taskPlansApi = {
  list: (f: PlanFilter, signal?: AbortSignal) => http.get<PlanPage>('/api/task-plans', f, signal),
  get: (id: string, signal?: AbortSignal) => http.get<PlanDetail>(plan(id), undefined, signal),
  create: (body: PlanCreateBody) => http.post<PlanDetail>('/api/task-plans', body),
  update: (id: string, body: PlanUpdateBody) => request<PlanDetail>('PATCH', plan(id), { body }),
  addSection: (id: string, body: SectionCreateBody) => http.post<PlanSection>(`${plan(id)}/sections`, body),
  addTask: (id: string, body: TaskCreateBody) => http.post<PlanTask>(`${plan(id)}/tasks`, body),
  editTask: (taskId: string, body: TaskUpdateBody) => request<PlanTask>('PATCH', `/api/tasks/${enc(taskId)}`, { body }),
  template: () => http.download('/api/task-plans/template.xlsx'),
  exportFile: (id: string) => http.download(`${plan(id)}/export.xlsx`),
  /** 预检: nothing is written */
  dryRun: (id: string, file: File, c: ImportChoices, signal?: AbortSignal) =>
    http.upload<PlanImportOutcome>(`${plan(id)}/import`, importForm(file, true, c), undefined, signal),
  /** 正式导入: every valid row in one transaction; refused while a name is not mapped */
  commit: (id: string, file: File, c: ImportChoices) =>
    http.upload<PlanImportOutcome>(`${plan(id)}/import`, importForm(file, false, c)),
};

export const taskClaimsApi = {
  list: (f: ClaimFilter, signal?: AbortSignal) => http.get<ClaimPage>('/api/task-claims', f, signal),
  claim: (id: string, version: number) => http.post<ClaimItem>(`/api/tasks/${enc(id)}/claim`, { version }),
  dispute: (id: string, version: number, reason: string) =>
    http.post<ClaimItem>(`/api/tasks/${enc(id)}/dispute`, { version, reason }),
  reassign: (id: string, version: number, leadUnitId: string, note: string | null) =>
    http.post<ClaimItem>(`/api/tasks/${enc(id)}/reassign`, { version, leadUnitId, note }),
  remind: (planId?: string) => http.post<RemindResponse>('/api/task-claims/remind', planId ? { planId } : {}),
};
