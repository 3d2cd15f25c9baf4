import type { z } from 'zod';
import type {
  CoordinationItem,
  CoordinationItemDetail,
  ItemActionRequest,
  ItemCreate,
  ItemListQuery,
  ItemPage,
} from '../../../domain/dispatch/items-contracts.ts';
import { http } from './client.ts';

/** The shapes of 协调事项's API, as domain/dispatch/items-contracts describes them. */
export type Item = CoordinationItem;
export type ItemDetail = CoordinationItemDetail;
export type ItemEvent = CoordinationItemDetail['events'][number];
export type ItemList = z.infer<typeof ItemPage>;
/** What the list takes: every filter optional; page and size default on the server. */
export type ItemFilter = Partial<ItemListQuery>;
export type ItemCreateBody = z.input<typeof ItemCreate>;
export type ItemActionBody = z.input<typeof ItemActionRequest>;

const enc = encodeURIComponent;
const byId = (id: string) => `/api/dispatch/items/${enc(id)}`;

export const dispatchItemsApi = {
  /** the items in reach: assigned to my unit (`box=assigned`), raised by it (`raised`), or all; with the counts */
  list: (f: ItemFilter, signal?: AbortSignal) => {
    const { overdue, escalated, ...rest } = f;
    // flags go only when wanted
    return http.get<ItemList>(
      '/api/dispatch/items',
      { ...rest, ...(overdue ? { overdue: 'true' } : {}), ...(escalated ? { escalated: 'true' } : {}) },
      signal,
    );
  },
  /** one item with its history */
  get: (id: string) => http.get<ItemDetail>(byId(id)),
  /** 提出协调事项 */
  raise: (body: ItemCreateBody) => http.post<ItemDetail>('/api/dispatch/items', body),
  /** 签收 / 反馈进展 / 办结 (the assigned unit), 销号 / 退回重办 (the raiser), with the version read */
  act: (id: string, body: ItemActionBody) => http.post<ItemDetail>(`${byId(id)}/actions`, body),
};
