import type { z } from 'zod';
import type {
  ChecklistPut,
  FindingPut,
  InspectionCreate,
  InspectionDetail,
  InspectionListQuery,
  InspectionPage,
  InspectionPhoto,
  InspectionReport,
  InspectionUpdate,
  Instruction,
  InstructionCreate,
  InstructionListQuery,
  InstructionPage,
  ObjectOptions,
  OptionsResponse,
  Rectification,
  RectificationCreate,
  RectificationListQuery,
  RectificationPage,
  TargetDetail,
  TargetList,
  TargetListQuery,
  TargetsAdd,
  TargetsAdded,
  TeamInput,
} from '../../../domain/supervision/inspections-contracts.ts';
import { http, request } from './client.ts';

/** The shapes of 领导批示, 督查检查 and 整改's API, as domain/supervision/inspections-contracts describes them. */
export type { InspectionDetail, InspectionPhoto, InspectionReport, Instruction, Rectification, TargetDetail };
export type InstructionList = z.infer<typeof InstructionPage>;
export type InstructionFilter = Partial<InstructionListQuery>;
export type InstructionBody = z.input<typeof InstructionCreate>;
export type Inspection = InspectionDetail;
export type InspectionList = z.infer<typeof InspectionPage>;
export type InspectionFilter = Partial<InspectionListQuery>;
export type InspectionBody = z.input<typeof InspectionCreate>;
export type InspectionPatch = z.input<typeof InspectionUpdate>;
export type ChecklistBody = z.input<typeof ChecklistPut>;
export type TeamBody = z.input<typeof TeamInput>;
export type TargetsBody = z.input<typeof TargetsAdd>;
export type TargetFilter = Partial<TargetListQuery>;
export type Targets = z.infer<typeof TargetList>;
export type Target = Targets['items'][number];
export type FindingBody = z.input<typeof FindingPut>;
export type RectificationList = z.infer<typeof RectificationPage>;
export type RectificationFilter = Partial<RectificationListQuery>;
export type RectificationBody = z.input<typeof RectificationCreate>;
export type TargetOptions = z.infer<typeof OptionsResponse>;
export type ObjectOption = z.infer<typeof ObjectOptions>['items'][number];

const enc = encodeURIComponent;
const flag = (v: boolean | undefined) => (v ? 'true' : undefined);
const instruction = (id: string) => `/api/instructions/${enc(id)}`;
const inspection = (id: string) => `/api/inspections/${enc(id)}`;
const target = (id: string, targetId: string) => `${inspection(id)}/targets/${enc(targetId)}`;
const rectification = (id: string) => `/api/rectifications/${enc(id)}`;

export const instructionsApi = {
  /** a leader's own (`mine`), a unit's (those naming it), or all in reach; with the counts */
  list: (f: InstructionFilter, signal?: AbortSignal) =>
    http.get<InstructionList>('/api/instructions', { ...f, mine: flag(f.mine) }, signal),
  get: (id: string) => http.get<Instruction>(instruction(id)),
  write: (body: InstructionBody) => http.post<Instruction>('/api/instructions', body),
  respond: (id: string, response: string, version: number) =>
    http.post<Instruction>(`${instruction(id)}/respond`, { response, version }),
  close: (id: string, version: number) => http.post<Instruction>(`${instruction(id)}/close`, { version }),
  /** tasks or projects to write on (or to inspect) */
  objects: (type: 'task' | 'project', q?: string) =>
    http.get<z.infer<typeof ObjectOptions>>('/api/instructions/objects', { type, q }),
};

export const inspectionsApi = {
  list: (f: InspectionFilter, signal?: AbortSignal) => http.get<InspectionList>('/api/inspections', { ...f }, signal),
  get: (id: string) => http.get<Inspection>(inspection(id)),
  create: (body: InspectionBody) => http.post<Inspection>('/api/inspections', body),
  update: (id: string, body: InspectionPatch) => request<Inspection>('PATCH', inspection(id), { body }),
  checklist: (id: string, body: ChecklistBody) => http.put<Inspection>(`${inspection(id)}/checklist`, body),
  addTeam: (id: string, body: TeamBody) => http.post<Inspection>(`${inspection(id)}/teams`, body),
  saveTeam: (id: string, teamId: string, body: TeamBody) =>
    http.put<Inspection>(`${inspection(id)}/teams/${enc(teamId)}`, body),
  deleteTeam: (id: string, teamId: string) => http.del<Inspection>(`${inspection(id)}/teams/${enc(teamId)}`),
  options: () => http.get<TargetOptions>('/api/inspections/options'),
  addTargets: (id: string, body: TargetsBody) =>
    http.post<z.infer<typeof TargetsAdded>>(`${inspection(id)}/targets`, body),
  assign: (id: string, targetIds: string[], teamId: string | null) =>
    http.post<z.infer<typeof TargetsAdded>>(`${inspection(id)}/targets/assign`, { targetIds, teamId }),
  removeTarget: (id: string, targetId: string) => http.del<void>(target(id, targetId)),
  targets: (id: string, f: TargetFilter, signal?: AbortSignal) =>
    http.get<Targets>(`${inspection(id)}/targets`, { ...f, mine: flag(f.mine) }, signal),
  target: (id: string, targetId: string) => http.get<TargetDetail>(target(id, targetId)),
  record: (id: string, targetId: string, body: FindingBody) =>
    http.put<TargetDetail>(`${target(id, targetId)}/finding`, body),
  addPhoto: (id: string, targetId: string, file: File, itemId?: string) => {
    const form = new FormData();
    form.append('file', file);
    return http.upload<InspectionPhoto>(`${target(id, targetId)}/finding/photos`, form, { itemId });
  },
  report: (id: string) => http.get<InspectionReport>(`${inspection(id)}/report`),
  reportDocx: (id: string) => http.download(`${inspection(id)}/report.docx`),
};

export const rectificationsApi = {
  list: (f: RectificationFilter, signal?: AbortSignal) =>
    http.get<RectificationList>('/api/rectifications', { ...f, mine: flag(f.mine), overdue: flag(f.overdue) }, signal),
  get: (id: string) => http.get<Rectification>(rectification(id)),
  open: (findingId: string, body: RectificationBody) =>
    http.post<Rectification>(`/api/inspection-findings/${enc(findingId)}/rectifications`, body),
  submit: (id: string, evidence: string, version: number) =>
    http.post<Rectification>(`${rectification(id)}/submit`, { evidence, version }),
  verify: (id: string, version: number) => http.post<Rectification>(`${rectification(id)}/verify`, { version }),
  reject: (id: string, reason: string, version: number) =>
    http.post<Rectification>(`${rectification(id)}/reject`, { reason, version }),
  addFile: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.upload<Rectification>(`${rectification(id)}/files`, form);
  },
};
