import { z } from 'zod';
import { ROLES } from './roles.ts';

export const LoginRequest = z.object({
  username: z.string({ error: '请输入账号' }).trim().min(1, { error: '请输入账号' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string(), regionCode: z.string() }),
  scope: z.object({ kind: z.enum(['all', 'region', 'unit']), label: z.string(), rootCode: z.string().nullable() }),
  /** the user must change the password before anything else works (first sign-in or expired) */
  mustChangePassword: z.boolean(),
  passwordExpired: z.boolean(),
  /** what the navigation may show */
  can: z.object({
    /** read the organisation directory (regions, units, leaders, users in scope) */
    viewDirectory: z.boolean(),
    administer: z.boolean(),
    /** the project library: read it; register and edit projects */
    viewProjects: z.boolean(),
    editProjects: z.boolean(),
    /** edit the library's settings (admission rules, mandatory approvals, planning quotas) */
    configureProjects: z.boolean(),
    /** 月分析: read the indicator dashboard, scorecard and report; enter and import figures */
    viewIndicators: z.boolean(),
    viewDispatch: z.boolean(),
    reportWeekly: z.boolean(),
    reviewWeekly: z.boolean(),
    editIndicators: z.boolean(),
    viewAudit: z.boolean(),
    verifyAudit: z.boolean(),
    editSettings: z.boolean(),
    /** a unit's group robots (群机器人): every unit's for an admin, the own unit's for its staff */
    manageRobots: z.boolean(),
    viewTasks: z.boolean(),
    answerTasks: z.boolean(),
    manageTasks: z.boolean(),
    issueSupervision: z.boolean(),
    writeInstructions: z.boolean(),
    manageInspections: z.boolean(),
    recordInspections: z.boolean(),
  }),
  session: z.object({ idleMinutes: z.number().int(), expiresAt: z.string() }),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string({ error: '请输入原密码' }).min(1, { error: '请输入原密码' }).max(256),
  newPassword: z.string({ error: '请输入新密码' }).min(1, { error: '请输入新密码' }).max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
