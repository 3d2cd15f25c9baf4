import type {
  Board,
  BoardQuery,
  Inbox,
  LadderRecord,
  LadderStepView,
  StepIssueInput,
  StepListQuery,
  StepPage,
  SuggestionList,
} from '../../../domain/supervision/ladder-contracts.ts';
import { http } from './client.ts';

/** The shapes of the supervision ladder's API (督查督办), as domain/supervision/ladder-contracts describes them. */
export type LadderStep = LadderStepView;
export type StepList = StepPage;
export type StepFilter = Partial<StepListQuery>;
export type StepIssueBody = StepIssueInput;
export type { Board, Inbox, LadderRecord, SuggestionList };
export type BoardFilter = Partial<BoardQuery>;

const enc = encodeURIComponent;
const byId = (id: string) => `/api/supervision/steps/${enc(id)}`;

export const supervisionApi = {
  /** the register: every step in reach (a unit sees the steps addressed to it) */
  steps: (f: StepFilter, signal?: AbortSignal) => http.get<StepList>('/api/supervision/steps', { ...f }, signal),
  step: (id: string) => http.get<LadderStep>(byId(id)),
  /** 发起: 催办 / 督办 / 通报 / 约谈 / 问责 */
  issue: (body: StepIssueBody) => http.post<LadderStep>('/api/supervision/steps', body),
  /** 答复 (the addressed unit) */
  respond: (id: string, response: string, version?: number) =>
    http.post<LadderStep>(`${byId(id)}/respond`, { response, ...(version ? { version } : {}) }),
  /** 办结 (the supervisor) */
  close: (id: string, version?: number) => http.post<LadderStep>(`${byId(id)}/close`, version ? { version } : {}),
  /** the 督办单 (.docx) of an order */
  orderDocx: (id: string) => http.download(`${byId(id)}/order.docx`),
  /** the monthly 督查通报 (.docx) */
  noticeDocx: (month: string, planId?: string) =>
    http.download('/api/supervision/notice.docx', { month, ...(planId ? { planId } : {}) }),
  suggestions: () => http.get<SuggestionList>('/api/supervision/suggestions'),
  board: (f: BoardFilter, signal?: AbortSignal) => http.get<Board>('/api/supervision/board', { ...f }, signal),
  inbox: () => http.get<Inbox>('/api/supervision/inbox'),
  record: (unitId: string, year?: number) =>
    http.get<LadderRecord>(`/api/supervision/units/${enc(unitId)}/record`, year ? { year } : {}),
};
