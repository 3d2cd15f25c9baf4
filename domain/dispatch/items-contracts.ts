import { z } from 'zod';
import { IdParams, PageQuery, queryFlag, Versioned } from '../common/contracts.ts';
import { ISO_DATE_RE } from '../projects/project.ts';
import { ITEM_ACTIONS, ITEM_CATEGORIES, ITEM_STATUSES } from './items.ts';

/** Request and response contracts of the coordination items (协调事项). */
export const ITEM_DESCRIPTION_MAX = 500;
export const ITEM_NOTE_MAX = 500;

export const ItemCreate = z.object({
  projectId: z.uuid({ error: '请选择项目' }),
  /** the weekly report it was raised from, if any */
  reportId: z.uuid({ error: '周报编号格式不正确' }).nullable().default(null),
  category: z.enum(ITEM_CATEGORIES, { error: '请选择问题类别' }),
  description: z
    .string({ error: '请填写问题描述' })
    .trim()
    .min(4, { error: '请把问题写清楚(至少4个字)' })
    .max(ITEM_DESCRIPTION_MAX, { error: `问题描述不能超过${ITEM_DESCRIPTION_MAX}个字` }),
  assignedUnitId: z.uuid({ error: '请选择责任单位' }),
  /** 期望解决时间 (informational; the deadline is counted in working days) */
  requestedDate: z.string().regex(ISO_DATE_RE, { error: '日期格式应为2026-11-30' }).nullable().default(null),
});
export type ItemCreate = z.output<typeof ItemCreate>;

export const ItemActionRequest = Versioned.extend({
  action: z.enum(ITEM_ACTIONS, { error: '未知的操作' }),
  note: z
    .string()
    .trim()
    .max(ITEM_NOTE_MAX, { error: `说明不能超过${ITEM_NOTE_MAX}个字` })
    .nullable()
    .default(null)
    .transform((v) => v || null),
});
export type ItemActionRequest = z.output<typeof ItemActionRequest>;

export const ItemIdParams = IdParams;

export const ItemListQuery = PageQuery.extend({
  status: z.enum([...ITEM_STATUSES, 'unfinished'] as const).optional(),
  category: z.enum(ITEM_CATEGORIES).optional(),
  projectId: z.uuid().optional(),
  overdue: queryFlag.optional(),
  /** unfinished items above the unit's level (the coordinator's watch or the leader's agenda) */
  escalated: queryFlag.optional(),
  /** items assigned to the caller's unit / raised by the caller's unit */
  box: z.enum(['assigned', 'raised']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type ItemListQuery = z.output<typeof ItemListQuery>;

const ItemEvent = z.object({
  id: z.string(),
  action: z.string(),
  note: z.string().nullable(),
  byName: z.string(),
  byUnitName: z.string().nullable(),
  at: z.string(),
});

export const CoordinationItem = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  regionName: z.string(),
  reportId: z.string().nullable(),
  category: z.enum(ITEM_CATEGORIES),
  description: z.string(),
  assignedUnitId: z.string(),
  assignedUnitName: z.string(),
  raisedByName: z.string(),
  raisedByUnitName: z.string().nullable(),
  requestedDate: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(ITEM_STATUSES),
  overdueDays: z.number().int(),
  escalationLevel: z.number().int(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  can: z.object({
    actions: z.array(z.enum(ITEM_ACTIONS)),
    /** the project's page opens for the caller (an assigned unit outside the project's scope sees only the item) */
    viewProject: z.boolean(),
  }),
});
export type CoordinationItem = z.infer<typeof CoordinationItem>;

export const CoordinationItemDetail = CoordinationItem.extend({ events: z.array(ItemEvent) });
export type CoordinationItemDetail = z.infer<typeof CoordinationItemDetail>;

export const ItemPage = z.object({
  items: z.array(CoordinationItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({
    unfinished: z.number().int(),
    overdue: z.number().int(),
    escalated: z.number().int(),
    /** unfinished and on the leader's agenda (level 2) */
    onAgenda: z.number().int(),
  }),
  can: z.object({ raise: z.boolean() }),
});
