import { may } from '../../../domain/auth/permissions.ts';
import type { Project } from '../../../domain/projects/contracts.ts';
import type { Category, FundingSource, Level, Stage } from '../../../domain/projects/project.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { ProjectRow } from './projects.repository.ts';
import type { TargetView } from './projects.service.ts';

type Assigned = { a: { kind: string; holderId: string; subjectId: string; startedAt: Date }; holderName: string };

const person = (x: Assigned) => ({ id: x.a.holderId, name: x.holderName, since: x.a.startedAt.toISOString() });

function peopleFor(id: string, people: Assigned[]) {
  const mine = people.filter((x) => x.a.subjectId === id);
  const lead = mine.find((x) => x.a.kind === 'lead_official');
  const commissioner = mine.find((x) => x.a.kind === 'site_commissioner');
  return {
    leadOfficial: lead ? person(lead) : null,
    team: mine.filter((x) => x.a.kind === 'team_member').map(person),
    siteCommissioner: commissioner ? person(commissioner) : null,
  };
}

function base(p: ProjectRow, people: Assigned[]) {
  return {
    id: p.id,
    name: p.name,
    projectCode: p.projectCode,
    ownerName: p.ownerName,
    ownerUscc: p.ownerUscc,
    regionCode: p.regionCode,
    regionName: p.regionName,
    responsibleUnitId: p.responsibleUnitId,
    responsibleUnitName: p.unitName,
    ...peopleFor(p.id, people),
    level: p.level as Level,
    category: p.category as Category,
    industry: p.industry,
    fundingSource: p.fundingSource as FundingSource,
    totalInvestment: p.totalInvestment,
    annualPlan: p.annualPlan,
    planYear: p.planYear,
    plannedStartDate: p.plannedStartDate,
    plannedCompletionDate: p.plannedCompletionDate,
    actualStartDate: p.actualStartDate,
    actualCompletionDate: p.actualCompletionDate,
    newStart: p.newStart,
    landArea: p.landArea,
    expectedAnnualOutput: p.expectedAnnualOutput,
    expectedAnnualTax: p.expectedAnnualTax,
    energyUse: p.energyUse,
    longitude: p.longitude === null ? null : Number(p.longitude),
    latitude: p.latitude === null ? null : Number(p.latitude),
    groundbreakingBatch: p.groundbreakingBatch,
    tags: p.tags,
    environmentalAssessment: p.environmentalAssessment,
    obsoleteCapacity: p.obsoleteCapacity,
    overcapacity: p.overcapacity,
    highEnergyHighEmission: p.highEnergyHighEmission,
    stage: p.stage as Stage,
    suspendedFrom: p.suspendedFrom,
    admission: {
      failed: p.admissionFailures.map((f) => ({ gate: f.gate, message: f.message })),
      overrides: p.admissionOverrides.map((o) => ({ gate: o.gate, reason: o.reason, byName: o.byName, at: o.at })),
    },
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentProject(p: ProjectRow, people: Assigned[], transitions: TargetView[], a: Actor): Project {
  const mayTransition = may(a.roles, 'project.transition');
  return {
    ...base(p, people),
    monthlyPlan: p.monthlyPlan,
    approvals: p.approvals,
    can: {
      edit: may(a.roles, 'project.edit'),
      override: may(a.roles, 'project.override') && p.admissionFailures.length > 0,
      transitions: transitions
        .filter((t) => t.stage !== p.stage)
        .map((t) => ({
          to: t.stage,
          allowed: mayTransition && t.allowed,
          needsReason: t.needsReason,
          blockers: mayTransition
            ? t.blockers.map((b) => ({ code: b.code, message: b.message }))
            : [{ code: 'FORBIDDEN', message: '没有变更项目阶段的权限' }],
        })),
    },
  };
}

export const presentProjectListItem = (p: ProjectRow, people: Assigned[], a: Actor) => ({
  ...base(p, people),
  can: { edit: may(a.roles, 'project.edit') },
});
