// Test data for the key-task API tests: a plan with sections and tasks inserted straight into the database (the
// import API belongs to another part and is tested there). Used only by *.routes.test.ts.
import {
  assignmentPlans,
  leaders,
  planSections,
  taskFeedback,
  taskFeedbackParts,
  taskLeaders,
  taskMilestones,
  taskPartners,
  taskSources,
  tasks,
} from '../../db/schema/index.ts';
import type { TestApp, TestClock } from '../../test/harness.ts';

/** Moves the test clock to a Beijing wall-clock time ('2026-10-26T10:00'). */
export function setClock(clock: TestClock, beijing: string): void {
  const target = new Date(`${beijing}:00+08:00`).getTime();
  clock.advanceMinutes((target - clock.now().getTime()) / 60_000);
}

export type FixtureTask = {
  number: string;
  content: string;
  leadUnitId: string;
  partnerUnitIds?: string[];
  leaderIds?: string[];
  section?: number;
  deadlineText?: string;
  deadlineKind?: 'date' | 'recurring' | 'continuous';
  deadlineOn?: string | null;
  startsOn?: string;
  createdAt?: Date;
  targetValue?: string | null;
  targetUnit?: string | null;
  claimStatus?: 'pending' | 'claimed' | 'disputed';
  doneAt?: Date;
  milestones?: { title: string; dueOn: string; doneOn?: string | null }[];
};

export async function createPlan(
  t: TestApp,
  opts: {
    title?: string;
    year?: number;
    feedbackCycle?: 'monthly' | 'weekly' | 'quarterly';
    feedbackDueDay?: number;
    sections?: string[];
    tasks: FixtureTask[];
  },
): Promise<{ planId: string; sectionIds: string[]; taskIds: string[] }> {
  const db = t.ctx.db;
  const year = opts.year ?? 2026;
  const [src] = await db
    .insert(taskSources)
    .values({ kind: 'work_report', title: `${year}年政府工作报告(测试)`, createdByName: '测试' })
    .returning();
  const [plan] = await db
    .insert(assignmentPlans)
    .values({
      sourceId: src!.id,
      title: opts.title ?? `${year}年重点任务分解方案(测试)`,
      year,
      feedbackCycle: opts.feedbackCycle ?? 'monthly',
      feedbackDueDay: opts.feedbackDueDay ?? 25,
      createdByName: '测试',
    })
    .returning();
  const sectionIds: string[] = [];
  const labels = ['一', '二', '三', '四', '五'];
  for (const [i, title] of (opts.sections ?? ['稳增长', '优环境']).entries()) {
    const [s] = await db
      .insert(planSections)
      .values({ planId: plan!.id, ordinal: i + 1, label: labels[i]!, title })
      .returning();
    sectionIds.push(s!.id);
  }
  const taskIds: string[] = [];
  for (const [i, x] of opts.tasks.entries()) {
    const [row] = await db
      .insert(tasks)
      .values({
        planId: plan!.id,
        sectionId: sectionIds[x.section ?? 0] ?? null,
        number: x.number,
        sort: i,
        content: x.content,
        leadUnitId: x.leadUnitId,
        deadlineText: x.deadlineText ?? '年底前',
        deadlineKind: x.deadlineKind ?? 'date',
        deadlineOn: x.deadlineOn === undefined ? `${year}-12-31` : x.deadlineOn,
        startsOn: x.startsOn ?? `${year}-01-01`,
        targetValue: x.targetValue ?? null,
        targetUnit: x.targetUnit ?? null,
        claimStatus: x.claimStatus ?? 'claimed',
        claimDueOn: `${year}-01-10`,
        ...(x.doneAt ? { doneAt: x.doneAt, doneConfirmedByName: '钱督查' } : {}),
        ...(x.createdAt ? { createdAt: x.createdAt } : { createdAt: new Date(`${year}-01-01T09:00:00+08:00`) }),
      })
      .returning();
    taskIds.push(row!.id);
    for (const u of x.partnerUnitIds ?? []) await db.insert(taskPartners).values({ taskId: row!.id, unitId: u });
    for (const l of x.leaderIds ?? []) await db.insert(taskLeaders).values({ taskId: row!.id, leaderId: l });
    for (const m of x.milestones ?? []) {
      await db
        .insert(taskMilestones)
        .values({ taskId: row!.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn ?? null });
    }
  }
  return { planId: plan!.id, sectionIds, taskIds };
}

/** A feedback row written directly (history before the test's own steps). */
export async function insertFeedback(
  t: TestApp,
  v: {
    taskId: string;
    cycle: string;
    dueOn: string;
    status: 'draft' | 'submitted' | 'returned' | 'accepted';
    completionPct?: number;
    confidence?: string | null;
    submittedAt?: Date | null;
    reviewedAt?: Date | null;
    progress?: string;
    problems?: string;
    nextSteps?: string;
  },
): Promise<void> {
  await t.ctx.db.insert(taskFeedback).values({
    taskId: v.taskId,
    cycle: v.cycle,
    dueOn: v.dueOn,
    status: v.status,
    progress: v.progress ?? `${v.cycle}进展`,
    problems: v.problems ?? '',
    nextSteps: v.nextSteps ?? '',
    completionPct: v.completionPct ?? 0,
    confidence: v.confidence ?? null,
    firstSubmittedAt: v.status === 'draft' ? null : (v.submittedAt ?? new Date(`${v.dueOn}T10:00:00+08:00`)),
    submittedAt: v.status === 'draft' ? null : (v.submittedAt ?? new Date(`${v.dueOn}T10:00:00+08:00`)),
    reviewedAt:
      v.status === 'accepted' || v.status === 'returned'
        ? (v.reviewedAt ?? new Date(`${v.dueOn}T16:00:00+08:00`))
        : null,
    createdByName: '测试',
  });
}

/** A partner's part written directly. */
export async function insertPart(
  t: TestApp,
  v: { taskId: string; cycle: string; unitId: string; progress: string; problems?: string; nextSteps?: string },
): Promise<void> {
  await t.ctx.db.insert(taskFeedbackParts).values({
    taskId: v.taskId,
    cycle: v.cycle,
    unitId: v.unitId,
    progress: v.progress,
    problems: v.problems ?? '',
    nextSteps: v.nextSteps ?? '',
    updatedByName: '测试',
  });
}

export async function leaderIdByName(t: TestApp, name: string): Promise<string> {
  const rows = await t.ctx.db.select({ id: leaders.id, name: leaders.name }).from(leaders);
  const l = rows.find((r) => r.name === name);
  if (!l) throw new Error(`no leader ${name}`);
  return l.id;
}
