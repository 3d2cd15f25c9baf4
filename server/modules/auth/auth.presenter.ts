import type { Me } from '../../../domain/auth/contracts.ts';
import { may } from '../../../domain/auth/permissions.ts';
import type { SecurityPolicy } from '../../../domain/auth/policy.ts';
import { scopeLabel } from '../../../domain/org/scope.ts';
import type { SignedIn } from './auth.service.ts';

export function presentMe(s: SignedIn, policy: SecurityPolicy): Me {
  const a = s.actor;
  return {
    id: a.userId,
    username: a.username,
    displayName: a.displayName,
    roles: a.roles,
    unit: { id: a.unitId, name: a.unitName, kind: a.unitKind, regionCode: a.unitRegionCode },
    scope: {
      kind: a.scope.kind,
      label: scopeLabel(a.scope, a.scopeRootKind, a.lang),
      rootCode: a.scope.kind === 'region' ? a.scope.rootCode : null,
    },
    mustChangePassword: s.mustChangePassword || s.passwordExpired,
    passwordExpired: s.passwordExpired,
    can: {
      viewDirectory: may(a.roles, 'org.read'),
      administer: may(a.roles, 'org.manage'),
      viewProjects: may(a.roles, 'project.read'),
      editProjects: may(a.roles, 'project.edit'),
      configureProjects: may(a.roles, 'project.configure'),
      viewIndicators: may(a.roles, 'indicator.read'),
      viewDispatch: may(a.roles, 'dispatch.read'),
      reportWeekly: may(a.roles, 'dispatch.report'),
      reviewWeekly: may(a.roles, 'dispatch.review'),
      editIndicators: may(a.roles, 'indicator.edit'),
      viewAudit: may(a.roles, 'audit.read'),
      verifyAudit: may(a.roles, 'audit.verify'),
      editSettings: may(a.roles, 'settings.manage'),
      manageRobots: may(a.roles, 'robot.manage'),
      viewTasks: may(a.roles, 'task.read'),
      answerTasks: may(a.roles, 'task.answer'),
      manageTasks: may(a.roles, 'task.manage'),
      issueSupervision: may(a.roles, 'supervision.issue'),
      writeInstructions: may(a.roles, 'instruction.write'),
      manageInspections: may(a.roles, 'inspection.manage'),
      recordInspections: may(a.roles, 'inspection.record'),
    },
    session: {
      idleMinutes: policy.sessionIdleMinutes,
      expiresAt: new Date(s.createdAt.getTime() + policy.sessionAbsoluteHours * 3_600_000).toISOString(),
    },
  };
}
