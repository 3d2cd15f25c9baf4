import type { AuditRecord } from '../../../domain/audit/contracts.ts';
import type {
  Assignment,
  HandoverRequest,
  HolderType,
  Leader,
  LeaderCreate,
  LeaderUpdate,
  Region,
  RegionCreate,
  RegionUpdate,
  Unit,
  UnitCreate,
  UnitListQuery,
  UnitUpdate,
  User,
  UserCreate,
  UserListQuery,
  UserUpdate,
} from '../../../domain/org/contracts.ts';
import { http, type Items, type Page } from './client.ts';

export type History = Items<AuditRecord>;
export type InitialPasswordResult = { user: User; initialPassword: string };
export type HandoverResult = { handoverId: string; moved: number };

const enc = encodeURIComponent;

export const regionsApi = {
  list: () => http.get<Items<Region>>('/api/regions'),
  create: (body: RegionCreate) => http.post<Region>('/api/regions', body),
  update: (code: string, body: RegionUpdate) => http.put<Region>(`/api/regions/${enc(code)}`, body),
  history: (code: string) => http.get<History>(`/api/regions/${enc(code)}/history`),
};

export const unitsApi = {
  list: (q: Partial<UnitListQuery>) => http.get<Page<Unit>>('/api/units', q),
  get: (id: string) => http.get<Unit>(`/api/units/${enc(id)}`),
  create: (body: UnitCreate) => http.post<Unit>('/api/units', body),
  update: (id: string, body: UnitUpdate) => http.put<Unit>(`/api/units/${enc(id)}`, body),
  history: (id: string) => http.get<History>(`/api/units/${enc(id)}/history`),
};

export const leadersApi = {
  list: () => http.get<Items<Leader>>('/api/leaders'),
  get: (id: string) => http.get<Leader>(`/api/leaders/${enc(id)}`),
  create: (body: LeaderCreate) => http.post<Leader>('/api/leaders', body),
  update: (id: string, body: LeaderUpdate) => http.put<Leader>(`/api/leaders/${enc(id)}`, body),
  history: (id: string) => http.get<History>(`/api/leaders/${enc(id)}/history`),
};

export const usersApi = {
  list: (q: Partial<UserListQuery>) => http.get<Page<User>>('/api/users', q),
  get: (id: string) => http.get<User>(`/api/users/${enc(id)}`),
  create: (body: UserCreate) => http.post<InitialPasswordResult>('/api/users', body),
  update: (id: string, body: UserUpdate) => http.put<User>(`/api/users/${enc(id)}`, body),
  resetPassword: (id: string) => http.post<InitialPasswordResult>(`/api/users/${enc(id)}/reset-password`),
  unlock: (id: string) => http.post<User>(`/api/users/${enc(id)}/unlock`),
  history: (id: string) => http.get<History>(`/api/users/${enc(id)}/history`),
};

export const handoverApi = {
  assignments: (holderType: HolderType, holderId: string) =>
    http.get<Items<Assignment>>('/api/assignments', { holderType, holderId }),
  handover: (body: HandoverRequest) => http.post<HandoverResult>('/api/handovers', body),
};
