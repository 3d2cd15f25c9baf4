import type { z } from 'zod';
import type { AuditRecord } from '../../../domain/audit/contracts.ts';
import type { TaskRulesUpdate, TaskRulesView } from '../../../domain/tasks/rules.ts';
import type {
  FeedbackSave,
  PartSave,
  RatingBody,
  TaskDetail,
  TaskFilterOptions,
  TaskLedgerQuery,
  TaskListItem,
  TaskListQuery,
  TaskPage,
} from '../../../domain/tasks/tasks-contracts.ts';
import { http, type Items } from './client.ts';

/** The shapes of the task list, the task page and the feedback workflow (domain/tasks/tasks-contracts.ts). */
export type Task = TaskListItem;
export type TaskList = TaskPage;
export type Task$ = TaskDetail;
export type TaskFilter = Partial<TaskListQuery>;
export type FeedbackBody = z.input<typeof FeedbackSave>;
export type PartBody = z.input<typeof PartSave>;
export type RatingInput = z.input<typeof RatingBody>;
export type TaskRules = TaskRulesView;
export type { TaskFilterOptions };

const enc = encodeURIComponent;
const byId = (id: string) => `/api/tasks/${enc(id)}`;
const cyc = (id: string, cycle: string) => `${byId(id)}/feedback/${enc(cycle)}`;
const fileForm = (file: File, caption?: string) => {
  const form = new FormData();
  if (caption) form.append('caption', caption);
  form.append('file', file);
  return form;
};

export const tasksApi = {
  list: (f: TaskFilter, signal?: AbortSignal) => http.get<TaskList>('/api/tasks', f, signal),
  filters: () => http.get<TaskFilterOptions>('/api/tasks/filters'),
  get: (id: string) => http.get<TaskDetail>(byId(id)),
  history: (id: string) => http.get<Items<AuditRecord>>(`${byId(id)}/history`),
  /** 任务台账 (.xlsx) with the list's filters */
  ledger: (f: Partial<TaskLedgerQuery>) => http.download('/api/tasks/ledger.xlsx', f),

  saveFeedback: (id: string, cycle: string, body: FeedbackBody) => http.put<TaskDetail>(cyc(id, cycle), body),
  submit: (id: string, cycle: string, version?: number) =>
    http.post<TaskDetail>(`${cyc(id, cycle)}/submit`, version ? { version } : {}),
  returnFeedback: (id: string, cycle: string, comment: string, version?: number) =>
    http.post<TaskDetail>(`${cyc(id, cycle)}/return`, { comment, ...(version ? { version } : {}) }),
  accept: (id: string, cycle: string, version?: number) =>
    http.post<TaskDetail>(`${cyc(id, cycle)}/accept`, version ? { version } : {}),
  savePart: (id: string, cycle: string, body: PartBody) => http.put<TaskDetail>(`${cyc(id, cycle)}/part`, body),
  uploadEvidence: (id: string, cycle: string, file: File, caption?: string) =>
    http.upload<TaskDetail>(`${cyc(id, cycle)}/files`, fileForm(file, caption)),
  removeFile: (id: string, fileId: string) => http.del<TaskDetail>(`${byId(id)}/files/${enc(fileId)}`),

  requestDone: (id: string, note: string) => http.post<TaskDetail>(`${byId(id)}/done-request`, { note }),
  uploadDoneEvidence: (id: string, file: File, caption?: string) =>
    http.upload<TaskDetail>(`${byId(id)}/done-request/files`, fileForm(file, caption)),
  confirmDone: (id: string) => http.post<TaskDetail>(`${byId(id)}/done-confirm`),
  refuseDone: (id: string, reason: string) => http.post<TaskDetail>(`${byId(id)}/done-refuse`, { reason }),
  rate: (id: string, body: RatingInput) => http.put<TaskDetail>(`${byId(id)}/rating`, body),

  rules: () => http.get<TaskRulesView>('/api/task-rules'),
  saveRules: (body: z.input<typeof TaskRulesUpdate>) => http.put<TaskRulesView>('/api/task-rules', body),
};
