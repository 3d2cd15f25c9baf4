import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { PageQuery, text, Versioned } from '../common/contracts.ts';
import { REGION_CODE_RE, REGION_KINDS } from './region.ts';
import { UNIT_KINDS } from './unit.ts';

const regionCode = z
  .string({ error: '请填写行政区划代码' })
  .regex(REGION_CODE_RE, { error: '行政区划代码应为6位数字' });
const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { error: '电话号码格式不正确' })
  .nullable()
  .optional();
const can = z.object({ edit: z.boolean(), delete: z.boolean() });

// ── regions ────────────────────────────────────────────────────────────────────────────────────────────────
export const Region = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(REGION_KINDS),
  parentCode: z.string().nullable(),
  sort: z.number().int(),
  version: z.number().int(),
  can,
});
export type Region = z.infer<typeof Region>;
export const RegionCodeParams = z.object({ code: regionCode });
export const RegionCreate = z.object({
  code: regionCode,
  name: text('名称', 50),
  kind: z.enum(REGION_KINDS, { error: '请选择区划类型' }),
  parentCode: regionCode.nullable(),
  sort: z.number().int().min(0).max(9999).default(0),
});
export type RegionCreate = z.infer<typeof RegionCreate>;
export const RegionUpdate = Versioned.extend({ name: text('名称', 50), sort: z.number().int().min(0).max(9999) });
export type RegionUpdate = z.infer<typeof RegionUpdate>;

// ── units ──────────────────────────────────────────────────────────────────────────────────────────────────
export const Unit = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  aliases: z.array(z.string()),
  kind: z.enum(UNIT_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  parentUnitId: z.string().nullable(),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  can,
});
export type Unit = z.infer<typeof Unit>;
const unitFields = {
  name: text('单位名称', 100),
  shortName: z.string().trim().max(30, { error: '简称不能超过30个字符' }).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  kind: z.enum(UNIT_KINDS, { error: '请选择单位类型' }),
  regionCode,
  parentUnitId: z.uuid().nullable().optional(),
  sort: z.number().int().min(0).max(9999).default(0),
};
export const UnitCreate = z.object(unitFields);
export type UnitCreate = z.infer<typeof UnitCreate>;
export const UnitUpdate = Versioned.extend({ ...unitFields, active: z.boolean() });
export type UnitUpdate = z.infer<typeof UnitUpdate>;
export const UnitListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  regionCode: regionCode.optional(),
  kind: z.enum(UNIT_KINDS).optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

// ── leaders ────────────────────────────────────────────────────────────────────────────────────────────────
export const Leader = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  portfolio: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  userId: z.string().nullable(),
  oversees: z.array(z.object({ unitId: z.string(), unitName: z.string(), since: z.string() })),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  can,
});
export type Leader = z.infer<typeof Leader>;
const leaderFields = {
  name: text('姓名', 30),
  title: text('职务', 50),
  portfolio: z.string().trim().max(500, { error: '分管领域不能超过500个字符' }).default(''),
  regionCode,
  userId: z.uuid().nullable().optional(),
  overseesUnitIds: z.array(z.uuid()).max(100).default([]),
  sort: z.number().int().min(0).max(9999).default(0),
};
export const LeaderCreate = z.object(leaderFields);
export type LeaderCreate = z.infer<typeof LeaderCreate>;
export const LeaderUpdate = Versioned.extend({ ...leaderFields, active: z.boolean() });
export type LeaderUpdate = z.infer<typeof LeaderUpdate>;

// ── users ──────────────────────────────────────────────────────────────────────────────────────────────────
export const USERNAME_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/;
export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  regionCode: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** masked (138****1234) unless the caller may see it */
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  can: can.extend({ resetPassword: z.boolean(), unlock: z.boolean() }),
});
export type User = z.infer<typeof User>;
const userFields = {
  displayName: text('姓名', 30),
  unitId: z.uuid({ error: '请选择所属单位' }),
  roles: z.array(z.enum(ROLES, { error: '角色不存在' })).min(1, { error: '至少选择一个角色' }),
  phone,
};
export const UserCreate = z.object({
  username: z
    .string({ error: '请填写账号' })
    .trim()
    .regex(USERNAME_RE, { error: '账号须以字母开头,3-32位字母、数字或_.-' }),
  ...userFields,
});
export type UserCreate = z.infer<typeof UserCreate>;
export const UserUpdate = Versioned.extend({ ...userFields, active: z.boolean() });
export type UserUpdate = z.infer<typeof UserUpdate>;
export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  unitId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
/** The one-time initial password the admin hands over; the user must change it at first sign-in. */
export const InitialPassword = z.object({ user: User, initialPassword: z.string() });

// ── handover (换届 / 调整) ─────────────────────────────────────────────────────────────────────────────────
export const HOLDER_TYPES = ['user', 'unit', 'leader'] as const;
export type HolderType = (typeof HOLDER_TYPES)[number];
export const HandoverRequest = z
  .object({
    holderType: z.enum(HOLDER_TYPES, { error: '请选择交接对象类型' }),
    fromId: z.uuid({ error: '请选择移交方' }),
    toId: z.uuid({ error: '请选择接收方' }),
    reason: text('交接原因', 500),
  })
  .refine((v) => v.fromId !== v.toId, { error: '移交方与接收方不能相同', path: ['toId'] });
export type HandoverRequest = z.infer<typeof HandoverRequest>;
export const Assignment = z.object({
  id: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  subjectName: z.string(),
  holderType: z.enum(HOLDER_TYPES),
  holderId: z.string(),
  holderName: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  handoverId: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;
export const HandoverResult = z.object({ handoverId: z.string(), moved: z.number().int() });
export const AssignmentQuery = z.object({ holderType: z.enum(HOLDER_TYPES), holderId: z.uuid() });
