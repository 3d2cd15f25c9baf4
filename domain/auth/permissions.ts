import type { Role } from './roles.ts';

/**
 * Which roles may do what. Scope (which rows) is separate and applied in every query; this says which actions.
 * The server enforces it, presenters turn it into can-flags, and the web never re-derives it.
 */
export const PERMISSIONS = {
  'org.read': [
    'admin',
    'coordinator',
    'supervisor',
    'assessor',
    'leader',
    'unit_staff',
    'site_commissioner',
    'statistician',
    'enterprise',
  ],
  'org.manage': ['admin'],
  'user.manage': ['admin'],
  'handover.perform': ['admin'],
  'audit.read': ['admin', 'supervisor'],
  'audit.verify': ['admin'],
  'settings.manage': ['admin'],
  'project.read': [
    'admin',
    'coordinator',
    'supervisor',
    'assessor',
    'leader',
    'unit_staff',
    'site_commissioner',
    'statistician',
  ],
  /** create and edit projects in scope: the 项目办 city-wide, districts and departments their own */
  'project.edit': ['admin', 'coordinator', 'unit_staff'],
  /** change a project's stage and waive an admission gate (with a written reason) */
  'project.transition': ['admin', 'coordinator'],
  'project.override': ['admin', 'coordinator'],
  /** edit the library's settings: admission rules, mandatory approvals and planning quotas */
  'project.configure': ['admin', 'coordinator'],
  /** 月分析: read indicator figures, targets, ranks and the scorecard */
  'indicator.read': ['admin', 'coordinator', 'supervisor', 'assessor', 'leader', 'unit_staff', 'statistician'],
  /** enter and import figures, for the regions the caller's unit answers for (see domain/indicators/access.ts) */
  'indicator.edit': ['admin', 'statistician'],
  /** 周调度: read the weekly reports, warnings, coordination items and the meeting view of projects in scope */
  'dispatch.read': ['admin', 'coordinator', 'supervisor', 'assessor', 'leader', 'unit_staff', 'site_commissioner'],
  /** write and submit a project's weekly report (its unit's staff, its site commissioner) */
  'dispatch.report': ['admin', 'coordinator', 'unit_staff', 'site_commissioner'],
  /** return or accept a submitted report, approve an amendment, set the reporting calendar */
  'dispatch.review': ['admin', 'coordinator'],
  /** 重点任务: read plans, tasks, feedback and the board — units see only tasks they lead or partner on (scope) */
  'task.read': ['admin', 'coordinator', 'supervisor', 'assessor', 'leader', 'unit_staff'],
  /** answer for the caller's unit: claim or dispute, write feedback (lead) or its part (partner), ask for 销号,
   * answer ladder steps, instructions and rectifications */
  'task.answer': ['admin', 'coordinator', 'unit_staff'],
  /** the 督查室: import and edit plans, resolve disputes, return or accept feedback, confirm 销号, rate */
  'task.manage': ['admin', 'supervisor'],
  /** issue ladder steps: 催办, 督办单, 通报, 约谈, 问责 */
  'supervision.issue': ['admin', 'supervisor'],
  /** write a 批示 (a leader's instruction) */
  'instruction.write': ['admin', 'leader'],
  /** set up inspection campaigns, their checklists, teams and targets; verify rectifications as the team */
  'inspection.manage': ['admin', 'supervisor'],
  /** record findings as a member of an inspection team (membership is checked per campaign) */
  'inspection.record': ['admin', 'supervisor', 'coordinator', 'assessor', 'unit_staff'],
  /** a unit's group robots (DingTalk / WeCom): admin for every unit, the others for their own (notifications/access) */
  'robot.manage': ['admin', 'coordinator', 'unit_staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const may = (roles: readonly Role[], p: Permission): boolean =>
  (PERMISSIONS[p] as readonly Role[]).some((r) => roles.includes(r));
