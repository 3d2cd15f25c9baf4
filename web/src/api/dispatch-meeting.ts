import type { MeetingView } from '../../../domain/dispatch/meeting-contracts.ts';
import { http } from './client.ts';

/** 周调度会's read model and its two files, as domain/dispatch/meeting-contracts describes them. */
export type MeetingData = MeetingView;
export type MeetingGroup = MeetingView['byRegion'][number];
export type MeetingLists = MeetingView['lists'];

/** `week` absent: the server's default (this week once its deadline has passed, else last week). */
const q = (week: string | undefined) => (week ? { week } : undefined);

export const dispatchMeetingApi = {
  view: (week: string | undefined, signal?: AbortSignal) =>
    http.get<MeetingData>('/api/dispatch/meeting', q(week), signal),
  /** 周调度通报 (.docx) */
  bulletin: (week: string) => http.download('/api/dispatch/meeting/bulletin.docx', { week }),
  /** 周报台账 (.xlsx) */
  ledger: (week: string) => http.download('/api/dispatch/reports.xlsx', { week }),
};
