import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../domain/common/business-date.ts';
import { OFFICIAL_CALENDAR } from '../../domain/common/calendar.ts';
import { weekKeyOf } from '../../domain/common/iso-week.ts';
import { type ChecklistItem, compareWithReported, rectificationOverdue } from '../../domain/supervision/inspections.ts';
import { instructionOverdue } from '../../domain/supervision/instructions.ts';
import { addCycles, cycleDueOn, lastDueCycle, type PlanCycle } from '../../domain/tasks/cycles.ts';
import { parseDeadline } from '../../domain/tasks/deadline.ts';
import type { FeedbackStatus, TaskStatus } from '../../domain/tasks/model.ts';
import { computeStatus } from '../../domain/tasks/status.ts';
import { ENGINES, useTestApp } from '../test/harness.ts';
import { DEMO_ACCOUNTS, DEMO_LEADERS, DEMO_UNITS } from './demo-data.ts';
import { planDemoDispatch } from './demo-dispatch.ts';
import { demoEntryDates } from './demo-planning.ts';
import { demoProjects } from './demo-projects.ts';
import { type DemoTasksPlan, type DemoWorld, demoTasksYear, planDemoTasks } from './demo-tasks.ts';

const cal = OFFICIAL_CALENDAR;
const PLAN: PlanCycle = { feedbackCycle: 'monthly', feedbackDueDay: 25 };
const fakeId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The city as seed.ts leaves it before the tasks: demo units, leaders, accounts, projects, weekly reports, items. */
function fakeWorld(now: Date): DemoWorld {
  const unitIdByKey = new Map(DEMO_UNITS.map((u, i) => [u.key, fakeId(i)]));
  const leaderIdByKey = new Map(DEMO_LEADERS.map((l, i) => [l.key, fakeId(1000 + i)]));
  const userId = new Map(DEMO_ACCOUNTS.map((a, i) => [a.username, fakeId(2000 + i)]));
  const demo = demoProjects({ today: businessDate(now), unitIdByKey, leaderIdByKey });
  const commissioned = new Set(
    demo.assignments.filter((a) => a.kind === 'site_commissioner').map((a) => a.projectIndex),
  );
  const dispatch = planDemoDispatch({
    now,
    projects: demo.projects,
    entered: demoEntryDates(demo.projects, now),
    commissioned,
  });
  const reports = new Map<number, DemoWorld['projects'][number]['reports']>();
  dispatch.reports.forEach((r, k) => {
    if (r.status !== 'submitted' && r.status !== 'accepted') return;
    const list = reports.get(r.projectIndex) ?? [];
    list.push({ id: fakeId(100_000 + k), week: r.week, invested: r.investedThisWeek, progress: r.visibleProgress });
    reports.set(r.projectIndex, list);
  });
  return {
    units: DEMO_UNITS.map((u) => ({ id: unitIdByKey.get(u.key)!, name: u.name, shortName: u.shortName })),
    leaders: DEMO_LEADERS.map((l) => {
      const account = DEMO_ACCOUNTS.find((a) => a.leader === l.key);
      return { id: leaderIdByKey.get(l.key)!, name: l.name, userId: account ? userId.get(account.username)! : null };
    }),
    users: DEMO_ACCOUNTS.map((a) => ({
      id: userId.get(a.username)!,
      username: a.username,
      displayName: a.displayName,
      unitId: unitIdByKey.get(a.unit)!,
      roles: a.roles,
    })),
    projects: demo.projects
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.stage === 'under_construction' || p.stage === 'suspended')
      .map(({ p, i }) => ({
        id: fakeId(3000 + i),
        name: p.name,
        unitId: p.responsibleUnitId,
        stage: p.stage!,
        newStart: p.newStart ?? null,
        batch: p.groundbreakingBatch ?? null,
        actualStartDate: p.actualStartDate ?? null,
        reports: (reports.get(i) ?? []).sort((a, b) => a.week.localeCompare(b.week)),
      })),
    items: dispatch.items.map((it, k) => ({
      id: fakeId(50_000 + k),
      description: it.description,
      unitId: unitIdByKey.get(it.assignedUnitKey)!,
      status: it.status,
      dueDate: it.dueDate,
      raisedOn: it.raisedDate,
      escalationLevel: it.escalationLevel,
    })),
  };
}

const countBy = <T>(xs: readonly T[], key: (x: T) => string) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};
const time = (d: Date | null | undefined) => (d ? d.getTime() : Number.NaN);

type TaskFacts = {
  id: string;
  createdAt: Date;
  startsOn: string;
  doneAt: Date | null;
  deadlineKind: string;
  deadlineOn: string | null;
};

/** Each task's status by the domain rule, from its rows (what the tasks module computes). */
function statuses(
  taskRows: readonly TaskFacts[],
  feedback: readonly { taskId: string; cycle: string; status: string; completionPct: number }[],
  milestones: readonly { taskId: string; title: string; dueOn: string; doneOn: string | null }[],
  today: string,
): Map<string, TaskStatus> {
  const out = new Map<string, TaskStatus>();
  for (const t of taskRows) {
    const fb = feedback.filter((f) => f.taskId === t.id);
    const from = [businessDate(t.createdAt), t.startsOn].sort()[1]!;
    const last = lastDueCycle(PLAN, from, today, cal);
    const latest = fb
      .filter((f) => f.status === 'submitted' || f.status === 'accepted')
      .sort((a, b) => b.cycle.localeCompare(a.cycle))[0];
    const r = computeStatus({
      today,
      doneOn: t.doneAt ? businessDate(t.doneAt) : null,
      deadlineKind: t.deadlineKind,
      deadlineOn: t.deadlineOn,
      startsOn: t.startsOn,
      milestones: milestones.filter((m) => m.taskId === t.id),
      lastDueCycle: last,
      lastDueFeedback: ((last && fb.find((f) => f.cycle === last.key)?.status) as FeedbackStatus | undefined) ?? null,
      completionPct: latest?.completionPct ?? null,
      rules: { yellowGapPoints: 15 },
      cal,
    });
    out.set(t.id, r.status);
  }
  return out;
}

const planStatuses = (p: DemoTasksPlan) =>
  statuses(
    p.tasks.map((t) => ({
      id: t.id!,
      createdAt: t.createdAt as Date,
      startsOn: t.startsOn,
      doneAt: (t.doneAt as Date | null) ?? null,
      deadlineKind: t.deadlineKind,
      deadlineOn: t.deadlineOn ?? null,
    })),
    p.feedback.map((f) => ({ taskId: f.taskId, cycle: f.cycle, status: f.status!, completionPct: f.completionPct! })),
    p.milestones.map((m) => ({ taskId: m.taskId, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn ?? null })),
    p.today,
  );

/** Invariants that hold whatever day the demo is built on; the broken ones, as sentences. */
function problems(world: DemoWorld, p: DemoTasksPlan, now: Date): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && out.length < 20) out.push(what);
  };
  const at = now.getTime();
  const units = new Set(world.units.map((u) => u.id));
  const leaders = new Set(world.leaders.map((l) => l.id));
  const taskIds = new Set(p.tasks.map((t) => t.id!));
  check(p.tasks.length === 80, `${p.tasks.length} tasks`);
  check(new Set(p.tasks.map((t) => t.number)).size === p.tasks.length, 'task numbers not unique');
  check(time(p.plan.createdAt as Date) <= at, 'plan created in the future');
  for (const t of p.tasks) {
    const key = `task ${t.number}`;
    check(units.has(t.leadUnitId), `${key}: lead unit`);
    check(
      p.leaders.some((l) => l.taskId === t.id && leaders.has(l.leaderId)),
      `${key}: no leader`,
    );
    const parsed = parseDeadline(t.deadlineText, { year: p.year, cal });
    check(parsed.ok, `${key}: deadline "${t.deadlineText}" unreadable`);
    if (parsed.ok) {
      check(parsed.value.kind === t.deadlineKind, `${key}: deadline kind`);
      check(parsed.value.on === (t.deadlineOn ?? null), `${key}: deadline date`);
      check(parsed.value.recurrence === (t.recurrence ?? null), `${key}: recurrence`);
      const ms = p.milestones.filter((m) => m.taskId === t.id);
      check(
        JSON.stringify(ms.map((m) => [m.title, m.dueOn])) ===
          JSON.stringify(parsed.value.milestones.map((m) => [m.title, m.on])),
        `${key}: milestones`,
      );
    }
    check(time(t.updatedAt as Date) <= at && time(t.createdAt as Date) <= time(t.updatedAt as Date), `${key}: times`);
    check((t.claimStatus === 'claimed') === (t.claimedAt != null), `${key}: claimed at`);
    check((t.claimStatus === 'disputed') === (t.disputeReason != null), `${key}: dispute reason`);
    if (t.doneAt) check(time(t.doneRequestedAt as Date) < time(t.doneAt as Date), `${key}: done before the request`);
    // the completion and the quantity never go back
    const fb = p.feedback.filter((f) => f.taskId === t.id && f.status !== 'draft');
    fb.forEach((f, k) => {
      if (k === 0) return;
      check(f.completionPct! >= fb[k - 1]!.completionPct!, `${key} ${f.cycle}: completion went back`);
      if (t.targetValue) check(Number(f.quantValue) >= Number(fb[k - 1]!.quantValue), `${key} ${f.cycle}: quantity`);
    });
  }
  for (const x of p.partners) check(taskIds.has(x.taskId) && units.has(x.unitId), 'partner row');
  const keys = new Set<string>();
  for (const f of p.feedback) {
    const key = `feedback ${p.tasks.find((t) => t.id === f.taskId)?.number} ${f.cycle}`;
    check(!keys.has(`${f.taskId}|${f.cycle}`), `${key}: twice`);
    keys.add(`${f.taskId}|${f.cycle}`);
    check(f.dueOn === cycleDueOn(f.cycle, PLAN, cal), `${key}: due date`);
    check(time(f.createdAt as Date) <= time(f.updatedAt as Date) && time(f.updatedAt as Date) <= at, `${key}: times`);
    check(f.progress!.length > 10 && f.nextSteps!.length > 4, `${key}: texts`);
    if (f.status === 'draft') check(f.firstSubmittedAt == null, `${key}: a draft submitted`);
    else {
      const first = time(f.firstSubmittedAt as Date);
      const last = time(f.submittedAt as Date);
      check(time(f.createdAt as Date) <= first && first <= last && last <= at, `${key}: submission times`);
    }
    if (f.status === 'accepted' || f.status === 'returned') {
      check(time(f.submittedAt as Date) < time(f.reviewedAt as Date), `${key}: reviewed before submitted`);
    }
    check((f.status === 'returned') === (f.returnComment != null && f.status === 'returned'), `${key}: return`);
  }
  for (const x of p.parts) {
    const partner = p.partners.some((q) => q.taskId === x.taskId && q.unitId === x.unitId);
    check(partner, 'a part by a unit that is not a partner');
    check(time(x.updatedAt as Date) <= at, 'part in the future');
  }
  for (const e of p.events) check(time(e.at as Date) <= at && taskIds.has(e.taskId), `event ${e.action}`);
  for (const s of p.steps) {
    check(time(s.issuedAt as Date) <= at, `step ${s.step}: in the future`);
    check(units.has(s.unitId), `step ${s.step}: unit`);
    if (s.respondedAt) check(time(s.respondedAt as Date) > time(s.issuedAt as Date), `step ${s.number}: answer`);
    check((s.number != null) === (s.step === 'order' || s.step === 'notice'), `step ${s.step}: number`);
  }
  const numbers = p.steps.filter((s) => s.number).map((s) => s.number);
  check(new Set(numbers).size === numbers.length, 'register numbers not unique');
  for (const i of p.instructions) check(time(i.createdAt as Date) <= at, 'instruction in the future');
  for (const f of p.findings) check(f.inspectedOn <= p.today && time(f.recordedAt as Date) <= at, 'finding time');
  for (const r of p.rectifications) {
    check(time(r.createdAt as Date) <= at && time(r.updatedAt as Date) <= at, 'rectification times');
    check(r.status !== 'closed' || r.verifiedAt != null, 'closed without verification');
  }
  return out;
}

describe('demo key tasks: the plan', () => {
  // a Thursday, the day after the November feedback was due
  const NOW = new Date('2026-11-26T02:30:00Z');
  const world = fakeWorld(NOW);
  const plan = planDemoTasks(world, NOW);
  const today = businessDate(NOW);
  const byNumber = (n: string) => plan.tasks.find((t) => t.number === n)!;

  it('is deterministic: the same world and day give the same rows', () => {
    expect(planDemoTasks(world, NOW)).toEqual(plan);
    expect(problems(world, plan, NOW)).toEqual([]);
  });

  it('decomposes the work report into ~80 tasks in 8 sections, each with a lead unit, leaders and a deadline', () => {
    expect(plan.source).toMatchObject({ kind: 'work_report', docNumber: '示政发〔2026〕1号', issuedOn: '2026-01-20' });
    expect(plan.source.title).toBe('2026年示范市政府工作报告');
    expect(plan.plan).toMatchObject({ year: 2026, feedbackCycle: 'monthly', feedbackDueDay: 25, claimWorkingDays: 3 });
    expect(plan.sections.map((s) => `${s.label}、${s.title}`)).toEqual([
      '一、稳增长扩投资',
      '二、产业转型升级',
      '三、科技创新',
      '四、深化改革开放',
      '五、城乡融合与乡村振兴',
      '六、生态环境保护',
      '七、保障和改善民生',
      '八、政府自身建设',
    ]);
    expect(plan.tasks).toHaveLength(80);
    for (const s of plan.sections) {
      const ts = plan.tasks.filter((t) => t.sectionId === s.id);
      expect(ts.length).toBeGreaterThanOrEqual(9);
      expect(ts.map((t) => t.number)).toEqual(ts.map((_, k) => `${s.ordinal}.${k + 1}`));
    }
    const kinds = countBy(plan.tasks, (t) => t.deadlineKind);
    expect(kinds.date).toBeGreaterThan(50);
    expect(kinds.recurring).toBeGreaterThanOrEqual(3);
    expect(kinds.continuous).toBeGreaterThanOrEqual(8);
    expect(plan.milestones.length).toBeGreaterThanOrEqual(4);
    expect(plan.tasks.filter((t) => t.targetValue).length).toBeGreaterThanOrEqual(20);
    // the demo accounts' units have tasks to answer
    const miit = world.units.find((u) => u.name === '示范市工业和信息化局')!.id;
    const chengguan = world.units.find((u) => u.name === '城关区人民政府')!.id;
    expect(plan.tasks.filter((t) => t.leadUnitId === miit).length).toBeGreaterThanOrEqual(3);
    expect(plan.partners.filter((x) => x.unitId === chengguan).length).toBeGreaterThanOrEqual(10);
    expect(byNumber('1.1').content).toContain('新开工亿元以上项目120个以上');
    expect(byNumber('7.1').content).toContain('新增城镇就业1.2万人');
  });

  it('has nearly all tasks claimed in late January, two pending after a reassignment and one disputed', () => {
    const claims = countBy(plan.tasks, (t) => t.claimStatus!);
    expect(claims).toEqual({ claimed: 77, pending: 2, disputed: 1 });
    for (const t of plan.tasks.filter((x) => x.claimStatus === 'claimed')) {
      const day = businessDate(t.claimedAt as Date);
      expect(day >= '2026-01-20' && day <= t.claimDueOn).toBe(true);
    }
    for (const t of plan.tasks.filter((x) => x.claimStatus !== 'claimed')) {
      expect(plan.events.some((e) => e.taskId === t.id && e.action === 'reassigned')).toBe(true);
      expect(t.claimDueOn > '2026-11-01').toBe(true);
    }
    expect(byNumber('3.7').disputeReason).toContain('市科技局');
  });

  it('has feedback for every cycle from January, mostly accepted, some returned then accepted, some late', () => {
    for (let m = 1; m <= 10; m++) {
      const cycle = `2026-${String(m).padStart(2, '0')}`;
      const rows = plan.feedback.filter((f) => f.cycle === cycle);
      expect(rows.length, cycle).toBeGreaterThan(60);
      expect(rows.filter((f) => f.status === 'accepted').length / rows.length, cycle).toBeGreaterThan(0.9);
    }
    const returnedThenAccepted = plan.feedback.filter(
      (f) =>
        f.status === 'accepted' && plan.events.some((e) => e.taskId === f.taskId && e.action === 'feedback_returned'),
    );
    expect(returnedThenAccepted.length).toBeGreaterThanOrEqual(3);
    const sent = plan.feedback.filter((f) => f.firstSubmittedAt);
    const late = sent.filter((f) => businessDate(f.firstSubmittedAt as Date) > f.dueOn);
    expect(late.length / sent.length).toBeGreaterThan(0.02);
    expect(late.length / sent.length).toBeLessThan(0.2);
    // the September feedback was due on the 24th: the 25th was 中秋节
    expect(plan.feedback.find((f) => f.cycle === '2026-09')!.dueOn).toBe('2026-09-24');
    // this month's, due yesterday: accepted, waiting for review, drafts and missing
    const nov = countBy(
      plan.feedback.filter((f) => f.cycle === '2026-11'),
      (f) => f.status!,
    );
    expect(nov.accepted).toBeGreaterThan(10);
    expect(nov.submitted).toBeGreaterThan(5);
    expect(nov.draft).toBeGreaterThanOrEqual(1);
    expect(plan.tasks.length - Object.values(nov).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // partners write their parts on a share of the cycles; quantities rise
    expect(plan.parts.length).toBeGreaterThan(150);
    const q = plan.feedback.filter((f) => f.taskId === byNumber('7.1').id && f.quantValue !== null);
    expect(Number(q.at(-1)!.quantValue)).toBeGreaterThan(Number(q[1]!.quantValue));
    expect(plan.feedback.every((f) => f.progress!.length > 10)).toBe(true);
    expect(new Set(plan.feedback.map((f) => f.problems)).size).toBeGreaterThan(30);
  });

  it('computes to a mix of statuses: ~12 done, overdue, red (silent, a milestone), yellow and mostly green', () => {
    const s = countBy([...planStatuses(plan).values()], (x) => x);
    expect(s.done).toBeGreaterThanOrEqual(10);
    expect(s.done).toBeLessThanOrEqual(14);
    expect(s.overdue).toBeGreaterThanOrEqual(5);
    expect(s.red).toBeGreaterThanOrEqual(5);
    expect(s.yellow).toBeGreaterThanOrEqual(5);
    expect(s.green).toBeGreaterThan(30);
    // tasks that stopped reporting in September or October have nothing since
    const silent = ['5.9', '6.6', '7.5', '8.7'].map(byNumber);
    for (const t of silent) {
      const sent = plan.feedback.filter((f) => f.taskId === t.id && f.firstSubmittedAt).map((f) => f.cycle);
      expect(sent.at(-1)! <= '2026-09').toBe(true);
    }
    expect(planStatuses(plan).get(byNumber('2.4').id!)).toBe('red'); // its 6月底前 milestone slipped
    // the unit's confidence and the 督查室's rating diverge on some tasks
    const diverging = plan.tasks.filter((t) => {
      const last = plan.feedback
        .filter((f) => f.taskId === t.id && (f.status === 'submitted' || f.status === 'accepted'))
        .at(-1);
      return t.supervisorRating && last?.confidence && last.confidence !== t.supervisorRating;
    });
    expect(diverging.length).toBeGreaterThanOrEqual(3);
    expect(plan.tasks.filter((t) => t.doneRequestedAt && !t.doneAt).length).toBeGreaterThanOrEqual(1);
    expect(plan.tasks.filter((t) => t.doneRefusedReason).length).toBe(1);
  });

  it('has a ladder register: reminders, numbered orders (one answered, one overdue), two notices, an admonition', () => {
    const steps = plan.steps;
    const reminders = steps.filter((s) => s.step === 'reminder');
    expect(reminders.filter((s) => s.origin?.startsWith('auto:feedback:')).length).toBeGreaterThanOrEqual(3);
    expect(reminders.filter((s) => s.origin === 'auto:claim')).toHaveLength(1);
    expect(reminders.filter((s) => s.origin === 'manual').length).toBeGreaterThanOrEqual(2);
    const orders = steps.filter((s) => s.step === 'order');
    expect(orders.length).toBeGreaterThanOrEqual(3);
    expect(orders.length).toBeLessThanOrEqual(4);
    expect(orders.map((s) => s.number)).toEqual(orders.map((_, k) => `督办〔2026〕${k + 1}号`));
    for (const o of orders) expect(o.requirement && o.dueOn).toBeTruthy();
    expect(orders.some((o) => o.status === 'answered' || o.status === 'closed')).toBe(true);
    expect(orders.some((o) => o.status === 'open' && o.dueOn! < today)).toBe(true);
    expect(orders.some((o) => o.objectType === 'coordination_item')).toBe(true);
    const notices = steps.filter((s) => s.step === 'notice');
    expect(notices.map((s) => [s.number, s.polarity])).toEqual([
      ['通报〔2026〕1号', 'critical'],
      ['通报〔2026〕2号', 'commending'],
    ]);
    const [admonition] = steps.filter((s) => s.step === 'admonition');
    expect(admonition?.meetingOn && admonition.participants && admonition.record).toBeTruthy();
    const seqs = steps.filter((s) => s.seq !== null).map((s) => `${s.step}|${s.year}|${s.seq}`);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('has leaders’ instructions by 李明远 and the mayor: responded, one overdue, one to read', () => {
    const ins = plan.instructions;
    expect(ins.length).toBeGreaterThanOrEqual(5);
    expect(ins.filter((i) => i.leaderName === '李明远').length).toBeGreaterThanOrEqual(3);
    expect(new Set(ins.map((i) => i.leaderName)).size).toBe(2);
    const unitsOf = (id: string) =>
      plan.instructionUnits.filter((u) => u.instructionId === id).map((u) => ({ responded: u.respondedAt != null }));
    const overdue = ins.filter((i) =>
      instructionOverdue(
        { kind: i.kind as 'act', status: i.status as 'open', dueOn: i.dueOn ?? null },
        unitsOf(i.id!),
        today,
      ),
    );
    expect(overdue).toHaveLength(1);
    expect(ins.filter((i) => i.kind === 'read')).toHaveLength(1);
    expect(plan.instructionUnits.filter((u) => u.response).length).toBeGreaterThanOrEqual(4);
    expect(ins.some((i) => i.objectType === 'project')).toBe(true);
    expect(ins.some((i) => i.objectType === null)).toBe(true);
  });

  it('has a sweep of this year’s groundbreaking batches and a special inspection, with findings and rectifications', () => {
    expect(plan.inspections.map((i) => i.kind)).toEqual(['sweep', 'special']);
    const [sweep, special] = plan.inspections;
    const items = plan.checklist.filter((c) => c.inspectionId === sweep!.id);
    expect(items.map((c) => [c.label, c.answerType, c.compareTo])).toEqual([
      ['是否开工', 'yes_no', null],
      ['现场人数', 'number', null],
      ['实际完成投资(万元)', 'number', 'reported_investment'],
      ['形象进度是否与上报一致', 'yes_no', 'reported_progress'],
      ['现场照片', 'photo', null],
    ]);
    const teams = plan.teams.filter((t) => t.inspectionId === sweep!.id);
    expect(teams.length).toBe(3);
    const usernames = new Set(
      teams.flatMap((t) => t.memberUserIds!).map((id) => world.users.find((u) => u.id === id)?.username),
    );
    expect(usernames).toEqual(new Set(['supervisor', 'coordinator', 'assessor']));
    const targets = plan.targets.filter((t) => t.inspectionId === sweep!.id);
    expect(targets.length).toBeGreaterThanOrEqual(10);
    const projects = new Map(world.projects.map((p) => [p.id, p]));
    for (const t of targets) expect(projects.get(t.objectId)!.newStart).toBe(true);
    const findings = plan.findings.filter((f) => f.inspectionId === sweep!.id);
    expect(findings.length / targets.length).toBeGreaterThan(0.7);
    expect(findings.length).toBeLessThan(targets.length);
    const withProblems = findings.filter((f) => f.problemKinds!.length > 0);
    expect(withProblems.length).toBeGreaterThanOrEqual(5);
    // a mismatch is what the rule says about the answers, and flags the weekly reports concerned
    const checklist = items as unknown as ChecklistItem[];
    for (const f of findings) {
      const target = targets.find((t) => t.id === f.targetId)!;
      const p = projects.get(target.objectId)!;
      const to = weekKeyOf(f.inspectedOn);
      const counted = p.reports.filter((r) => r.week >= `${to.slice(0, 4)}-W01` && r.week <= to);
      const said = counted.reduce((s, r) => s + Math.round(Number(r.invested) * 100), 0);
      const latest = counted.at(-1);
      const mismatch = compareWithReported(
        checklist,
        f.answers as Record<string, number | boolean>,
        counted.length
          ? { investedYtd: (said / 100).toFixed(2), latestWeek: latest!.week, latestProgress: latest!.progress }
          : null,
      );
      for (const m of mismatch) expect(f.problemKinds).toContain(m.kind);
    }
    expect(plan.flags.length).toBeGreaterThanOrEqual(2);
    // rectifications in every state
    const rect = plan.rectifications;
    const states = countBy(rect, (r) => r.status!);
    expect(states.open).toBeGreaterThanOrEqual(2);
    expect(states.submitted).toBeGreaterThanOrEqual(2);
    expect(states.closed).toBeGreaterThanOrEqual(2);
    const overdue = rect.filter((r) =>
      rectificationOverdue(
        {
          status: r.status as 'open',
          dueOn: r.dueOn,
          submittedOn: r.submittedAt ? businessDate(r.submittedAt as Date) : null,
        },
        today,
      ),
    );
    expect(overdue).toHaveLength(1);
    expect(rect.filter((r) => r.status === 'submitted' && r.rejectReason)).toHaveLength(1);
    // the special inspection checks the tasks of one section
    const specialTargets = plan.targets.filter((t) => t.inspectionId === special!.id);
    const section = plan.sections.find((s) => s.title === '保障和改善民生')!;
    expect(specialTargets.length).toBe(plan.tasks.filter((t) => t.sectionId === section.id).length);
    expect(special!.scope).toEqual({ picks: [{ kind: 'plan_section', sectionId: section.id }] });
    expect(plan.findings.filter((f) => f.inspectionId === special!.id && f.problemKinds!.length).length).toBe(2);
  });

  it.each([
    ['early March, two cycles in', '2026-03-02T00:30:00Z'],
    ['mid-June, before the first half-year deadlines', '2026-06-15T09:00:00Z'],
    ['the National Day week', '2026-10-05T04:00:00Z'],
    ['New Year’s Eve', '2026-12-31T15:30:00Z'],
    ['early January: last year’s plan', '2027-01-06T02:00:00Z'],
  ])('stays consistent on %s', (_, at) => {
    const now = new Date(at);
    const w = fakeWorld(now);
    const p = planDemoTasks(w, now);
    expect(problems(w, p, now)).toEqual([]);
    expect(p.year).toBe(demoTasksYear(businessDate(now)));
    expect(p.sections).toHaveLength(8);
    expect(new Set(planStatuses(p).values()).size).toBeGreaterThanOrEqual(2);
    expect(p.inspections).toHaveLength(2);
  });
});

describe.each(ENGINES)('demo key tasks in the seeded database on %s', (engine) => {
  const t = useTestApp(engine);
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await t.ctx.db.execute(query)) as unknown as { rows: T[] }).rows;

  it('has the work-report plan with its tasks, feedback, ladder, instructions and inspections', async () => {
    const today = businessDate(new Date());
    const year = demoTasksYear(today);
    const [plan] = await rows<{ id: string; sections: number; tasks: number; without_lead: number }>(
      sql`select p.id, (select count(*)::int from plan_sections s where s.plan_id = p.id) as sections,
        (select count(*)::int from tasks t where t.plan_id = p.id) as tasks,
        (select count(*)::int from tasks t left join units u on u.id = t.lead_unit_id
          where t.plan_id = p.id and u.id is null) as without_lead
        from assignment_plans p where p.title = ${`${year}年市政府工作报告重点任务分解和责任落实分工方案`}`,
    );
    expect(plan).toMatchObject({ sections: 8, tasks: 80, without_lead: 0 });

    // feedback for every cycle already due
    const fb = await rows<{ task_id: string; cycle: string; status: string; completion_pct: number }>(
      sql`select f.task_id, f.cycle, f.status, f.completion_pct from task_feedback f join tasks t on t.id = f.task_id
        where t.plan_id = ${plan!.id}`,
    );
    const last = lastDueCycle(PLAN, `${year}-01-20`, today, cal);
    if (last) {
      for (let c = `${year}-01`; c < last.key; c = addCycles(c, 1)) {
        expect(fb.filter((f) => f.cycle === c).length, c).toBeGreaterThan(50);
      }
    }

    // statuses by the domain rule
    const taskRows = await rows<{
      id: string;
      created_at: Date | string;
      starts_on: string;
      done_at: Date | string | null;
      deadline_kind: string;
      deadline_on: string | null;
    }>(
      sql`select id, created_at, starts_on::text, done_at, deadline_kind, deadline_on::text from tasks where plan_id = ${plan!.id}`,
    );
    const ms = await rows<{ task_id: string; title: string; due_on: string; done_on: string | null }>(
      sql`select task_id, title, due_on::text, done_on::text from task_milestones`,
    );
    const st = statuses(
      taskRows.map((r) => ({
        id: r.id,
        createdAt: new Date(r.created_at),
        startsOn: r.starts_on,
        doneAt: r.done_at ? new Date(r.done_at) : null,
        deadlineKind: r.deadline_kind,
        deadlineOn: r.deadline_on,
      })),
      fb.map((f) => ({ taskId: f.task_id, cycle: f.cycle, status: f.status, completionPct: f.completion_pct })),
      ms.map((m) => ({ taskId: m.task_id, title: m.title, dueOn: m.due_on, doneOn: m.done_on })),
      today,
    );
    expect(new Set(st.values()).size).toBeGreaterThanOrEqual(2);
    expect([...st.values()].filter((s) => s === 'green').length).toBeGreaterThan(10);

    // the register: numbers unique per step and year
    const [reg] = await rows<{ numbered: number; distinct: number; orders: number }>(
      sql`select count(number)::int as numbered, count(distinct number)::int as distinct,
        (count(*) filter (where step = 'order'))::int as orders from ladder_steps`,
    );
    expect(reg!.numbered).toBe(reg!.distinct);
    expect(reg!.orders).toBeGreaterThanOrEqual(2);
    const [counts] = await rows<{
      instructions: number;
      inspections: number;
      findings: number;
      rectifications: number;
    }>(
      sql`select (select count(*)::int from instructions) as instructions, (select count(*)::int from inspections) as inspections,
        (select count(*)::int from inspection_findings) as findings, (select count(*)::int from rectifications) as rectifications`,
    );
    expect(counts!.instructions).toBeGreaterThanOrEqual(4);
    expect(counts!.inspections).toBe(2);
    expect(counts!.findings).toBeGreaterThan(10);
    expect(counts!.rectifications).toBeGreaterThanOrEqual(5);
    // the demo unit accounts have work in their reach
    const [reach] = await rows<{ miit: number; chengguan: number }>(
      sql`select
        (select count(*)::int from tasks t join units u on u.id = t.lead_unit_id where u.name = '示范市工业和信息化局') as miit,
        (select count(*)::int from task_partners x join units u on u.id = x.unit_id where u.name = '城关区人民政府') as chengguan`,
    );
    expect(reach!.miit).toBeGreaterThanOrEqual(3);
    expect(reach!.chengguan).toBeGreaterThanOrEqual(10);
  });
});
