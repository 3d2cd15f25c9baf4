import type { z } from 'zod';
import type {
  AmendmentDecision,
  AmendmentRequest,
  ReportPhoto,
  ReportSave,
  WeekBoard,
  WeekBoardQuery,
  WeeklyReport,
} from '../../../domain/dispatch/contracts.ts';
import { http } from './client.ts';

/** The shapes of 周报's API, as the contracts in domain/dispatch describe them. */
export type WeekBoardRowItem = WeekBoard['items'][number];
export type Amendment = WeeklyReport['amendments'][number];
/** What the board takes: every filter optional; page and size default on the server. */
export type WeekBoardFilter = Partial<WeekBoardQuery>;
/** What a save takes: figures as text, `version` absent for the week's first save. */
export type ReportSaveBody = z.input<typeof ReportSave>;
export type AmendmentBody = z.input<typeof AmendmentRequest>;
export type AmendmentDecisionBody = z.input<typeof AmendmentDecision>;

const enc = encodeURIComponent;
const reportPath = (projectId: string, week: string) => `/api/dispatch/projects/${enc(projectId)}/reports/${enc(week)}`;
const byId = (id: string) => `/api/dispatch/reports/${enc(id)}`;

export const dispatchReportsApi = {
  /** 周报报送情况: every reporting project in scope for the week (the current week when `week` is absent) */
  board: (f: WeekBoardFilter, signal?: AbortSignal) => {
    const { mine, ...rest } = f;
    // the server reads any value of `mine` as true: send it only when wanted
    return http.get<WeekBoard>('/api/dispatch/reports', { ...rest, ...(mine ? { mine: 'true' } : {}) }, signal);
  },
  /** one project's report for a week; pre-filled from the last report (id null) when there is none yet */
  get: (projectId: string, week: string) => http.get<WeeklyReport>(reportPath(projectId, week)),
  /** save a draft, or save and submit (`submit: true`) */
  save: (projectId: string, week: string, body: ReportSaveBody) =>
    http.put<WeeklyReport>(reportPath(projectId, week), body),
  returnReport: (id: string, version: number, reason: string) =>
    http.post<WeeklyReport>(`${byId(id)}/return`, { version, reason }),
  accept: (id: string, version: number) => http.post<WeeklyReport>(`${byId(id)}/accept`, { version }),
  /** 更正申请 of an accepted report */
  requestAmendment: (id: string, body: AmendmentBody) => http.post<WeeklyReport>(`${byId(id)}/amendments`, body),
  decideAmendment: (id: string, amendmentId: string, body: AmendmentDecisionBody) =>
    http.post<WeeklyReport>(`${byId(id)}/amendments/${enc(amendmentId)}/decision`, body),
  uploadPhoto: (id: string, file: File, caption?: string) => {
    const form = new FormData();
    if (caption?.trim()) form.append('caption', caption.trim());
    form.append('file', file, file.name);
    return http.upload<ReportPhoto>(`${byId(id)}/photos`, form);
  },
  removePhoto: (id: string, photoId: string) => http.del<void>(`${byId(id)}/photos/${enc(photoId)}`),
};
