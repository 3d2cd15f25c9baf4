import type { FeedbackCycle, SourceKind } from '../../../domain/tasks/model.ts';
import type { PlanSection, PlanStatus, PlanSummary, PlanTask } from '../../../domain/tasks/plans-contracts.ts';
import { actorMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { PlanCounts, PlanWithSource, SectionRow, TaskRow } from './plans.repository.ts';

/** Row → response, with what the caller may do next (the pages never re-derive permissions). */
export function presentPlanSummary(r: PlanWithSource & { counts: PlanCounts }, actor: Actor): PlanSummary {
  const manage = actorMay(actor, 'task.manage');
  return {
    id: r.plan.id,
    title: r.plan.title,
    year: r.plan.year,
    status: r.plan.status as PlanStatus,
    feedbackCycle: r.plan.feedbackCycle as FeedbackCycle,
    feedbackDueDay: r.plan.feedbackDueDay,
    claimWorkingDays: r.plan.claimWorkingDays,
    source: {
      id: r.source.id,
      kind: r.source.kind as SourceKind,
      title: r.source.title,
      docNumber: r.source.docNumber,
      issuedOn: r.source.issuedOn,
    },
    counts: r.counts,
    createdByName: r.plan.createdByName,
    createdAt: r.plan.createdAt.toISOString(),
    version: r.plan.version,
    can: { edit: manage, import: manage && r.plan.status === 'active' },
  };
}

export const presentSection = (s: SectionRow, tasks: number): PlanSection => ({
  id: s.id,
  ordinal: s.ordinal,
  label: s.label,
  title: s.title,
  tasks,
});

export type TaskExtras = {
  leadUnitName: string;
  partners: { id: string; name: string }[];
  leaders: { id: string; name: string }[];
  milestones: { id: string; title: string; dueOn: string; doneOn: string | null }[];
};

export function presentPlanTask(t: TaskRow, x: TaskExtras, actor: Actor, today: string): PlanTask {
  return {
    id: t.id,
    number: t.number,
    sectionId: t.sectionId,
    parentId: t.parentId,
    sort: t.sort,
    content: t.content,
    leadUnit: { id: t.leadUnitId, name: x.leadUnitName },
    partners: x.partners,
    leaders: x.leaders,
    deadlineText: t.deadlineText,
    deadlineKind: t.deadlineKind as PlanTask['deadlineKind'],
    deadlineOn: t.deadlineOn,
    recurrence: t.recurrence,
    milestones: x.milestones,
    targetValue: t.targetValue === null ? null : trimDecimal(t.targetValue),
    targetUnit: t.targetUnit,
    tags: t.tags,
    claimStatus: t.claimStatus as PlanTask['claimStatus'],
    claimDueOn: t.claimDueOn,
    claimOverdue: t.claimStatus === 'pending' && t.claimDueOn < today,
    disputeReason: t.disputeReason,
    done: t.doneAt !== null,
    version: t.version,
    can: { edit: actorMay(actor, 'task.manage') },
  };
}

/** numeric(20,4) comes back as "1.2000": shown and compared as "1.2". */
export function trimDecimal(v: string): string {
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}
