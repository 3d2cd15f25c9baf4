import { businessDate } from '../../../domain/common/business-date.ts';
import { cycleLabel } from '../../../domain/tasks/cycles.ts';
import { submittedOnTime } from '../../../domain/tasks/feedback.ts';
import type { Confidence, FeedbackStatus } from '../../../domain/tasks/model.ts';
import type { Feedback, FeedbackPart, TaskFile, TaskListItem } from '../../../domain/tasks/tasks-contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FeedbackRow, PartRow, TaskFileRow } from './feedback.repository.ts';
import { taskRoleOf } from './task-scope.ts';
import type { TaskView } from './tasks.facts.ts';

/** A task row of the list (and the head of the task page). */
export function presentListItem(actor: Actor, v: TaskView): TaskListItem {
  return {
    id: v.id,
    planId: v.planId,
    planTitle: v.row.planTitle,
    number: v.number,
    content: v.content,
    sectionId: v.row.sectionId,
    sectionTitle: v.sectionTitle,
    leadUnitId: v.leadUnitId,
    leadUnitName: v.leadUnitName,
    partnerNames: v.partnerNames,
    leaderNames: v.leaderNames,
    deadlineText: v.deadlineText,
    deadlineOn: v.deadlineOn,
    status: v.status,
    reasons: v.reasons,
    completionPct: v.completionPct,
    expectedPct: v.expectedPct,
    unitConfidence: v.unitConfidence,
    supervisorRating: v.supervisorRating,
    ratingsDivergent: v.ratingsDivergent,
    lastAcceptedOn: v.lastAcceptedOn,
    claimStatus: v.claimStatus,
    currentCycle: v.currentCycle.key,
    currentCycleLabel: cycleLabel(v.currentCycle.key, actor.lang),
    currentDueOn: v.currentCycle.dueOn,
    currentFeedbackStatus: v.currentFeedbackStatus,
    myRole: taskRoleOf(actor, v.row, v.partnerUnitIds) ?? 'oversight',
  };
}

export const presentFile = (taskId: string, f: TaskFileRow): TaskFile => ({
  id: f.id,
  name: f.name,
  size: f.size,
  mediaType: f.mediaType,
  caption: f.caption,
  uploadedByName: f.uploadedByName,
  uploadedAt: f.uploadedAt.toISOString(),
  url: `/api/tasks/${taskId}/files/${f.id}`,
});

export function presentFeedback(actor: Actor, f: FeedbackRow, files: TaskFileRow[]): Feedback {
  return {
    id: f.id,
    cycle: f.cycle,
    cycleLabel: cycleLabel(f.cycle, actor.lang),
    dueOn: f.dueOn,
    status: f.status as FeedbackStatus,
    progress: f.progress,
    problems: f.problems,
    nextSteps: f.nextSteps,
    completionPct: f.completionPct,
    quantValue: f.quantValue === null ? null : trimDecimal(f.quantValue),
    confidence: (f.confidence as Confidence | null) ?? null,
    firstSubmittedAt: f.firstSubmittedAt?.toISOString() ?? null,
    submittedAt: f.submittedAt?.toISOString() ?? null,
    submittedByName: f.submittedByName,
    onTime: f.firstSubmittedAt ? submittedOnTime(businessDate(f.firstSubmittedAt), f.dueOn) : null,
    returnComment: f.returnComment,
    reviewedAt: f.reviewedAt?.toISOString() ?? null,
    reviewedByName: f.reviewedByName,
    createdByName: f.createdByName,
    version: f.version,
    files: files.map((x) => presentFile(f.taskId, x)),
  };
}

export const presentPart = (p: PartRow, files: TaskFileRow[]): FeedbackPart => ({
  id: p.id,
  unitId: p.unitId,
  unitName: p.unitName,
  progress: p.progress,
  problems: p.problems,
  nextSteps: p.nextSteps,
  updatedByName: p.updatedByName,
  updatedAt: p.updatedAt.toISOString(),
  version: p.version,
  files: files.map((x) => presentFile(p.taskId, x)),
});

/** numeric(20,4) as the database returns it ("12000.0000") → "12000"; "1.2500" → "1.25". */
export function trimDecimal(v: string): string {
  return v.includes('.') ? v.replace(/\.?0+$/, '') : v;
}
