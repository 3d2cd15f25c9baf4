import { businessDate } from '../../../domain/common/business-date.ts';
import { addWorkingDays, dateLabel } from '../../../domain/common/calendar.ts';
import { boardRows, quarterRange } from '../../../domain/supervision/board.ts';
import { type InstructionFact, type StepFact, suggestEscalations } from '../../../domain/supervision/ladder.ts';
import type { Board, BoardQuery, SuggestionList } from '../../../domain/supervision/ladder-contracts.ts';
import type { LadderStep, SupervisableType } from '../../../domain/supervision/model.ts';
import { assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import { listTaskFacts, loadTaskViews, seesAllTasks, taskRules } from '../tasks/index.ts';
import { instructionRepo } from './instructions.repository.ts';
import { ladderRepo, type StepView } from './ladder.repository.ts';
import { objectLink } from './supervisable.ts';

/**
 * The supervisor's board and the escalation suggestions: the tasks' computed facts (one load from the tasks
 * module), the ladder steps of the year and the open ones, open rectifications and overdue instructions — a handful
 * of queries whatever the number of tasks — aggregated by pure rules in domain/supervision.
 */

/** The time a one-click order gives (督办单办理时限) and a one-click reminder, in working days. */
const ORDER_WORKING_DAYS = 5;
const REMINDER_WORKING_DAYS = 3;

/** 00:00 China time of a business date. */
export const startOfBusinessDay = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

const stepFact = (s: StepView): StepFact => ({
  id: s.id,
  objectType: s.objectType as SupervisableType,
  objectId: s.objectId,
  objectLabel: s.objectLabel,
  unitId: s.unitId,
  unitName: s.unitName,
  step: s.step as LadderStep,
  polarity: s.polarity,
  number: s.number,
  status: s.status,
  dueOn: s.dueOn,
  issuedOn: businessDate(s.issuedAt),
  origin: s.origin,
});

/** Overdue `act` instructions, one fact per instruction with the units still silent. */
export async function overdueInstructionFacts(conn: Conn, today: string): Promise<InstructionFact[]> {
  const rows = await instructionRepo.overdue(conn, today);
  const byId = new Map<string, InstructionFact>();
  for (const r of rows) {
    let f = byId.get(r.i.id);
    if (!f) {
      const text = r.i.text.length > 40 ? `${r.i.text.slice(0, 40)}…` : r.i.text;
      f = {
        id: r.i.id,
        label: `${r.i.leaderName}批示:${text}`,
        leaderName: r.i.leaderName,
        dueOn: r.i.dueOn,
        pending: [],
      };
      byId.set(r.i.id, f);
    }
    f.pending.push({ unitId: r.unitId, unitName: r.unitName });
  }
  return [...byId.values()];
}

export async function supervisionBoard(ctx: Ctx, actor: Actor, q: BoardQuery): Promise<Board> {
  assertMay(actor, 'task.read');
  // city-wide roles see every unit; a unit sees its own row (the tasks it leads, the steps addressed to it)
  const all = seesAllTasks(actor);
  const own = <T extends { unitId: string }>(list: T[]) => (all ? list : list.filter((x) => x.unitId === actor.unitId));
  const today = businessDate(ctx.now());
  const quarter = quarterRange(today);
  const conn = ctx.db;
  const filter = { ...(q.planId ? { planId: q.planId } : {}), ...(all ? {} : { unitId: actor.unitId }) };
  const facts = await listTaskFacts(ctx, conn, actor, filter, today);
  const steps = own(await ladderRepo.boardCounts(conn, startOfBusinessDay(quarter.from)));
  const rects = own(await ladderRepo.openRectificationsByUnit(conn));
  const overdue = own(await instructionRepo.overdue(conn, today));
  const byLeader = all ? await ladderRepo.overdueInstructionsByLeader(conn, today) : [];

  const byUnit: Record<string, number> = {};
  for (const o of overdue) byUnit[o.unitId] = (byUnit[o.unitId] ?? 0) + 1;
  const names: Record<string, string> = {};
  for (const s of steps) names[s.unitId] = s.unitName;
  for (const o of overdue) names[o.unitId] = o.unitName;
  const missingUnits = rects.map((r) => r.unitId).filter((id) => !names[id]);
  Object.assign(names, await ladderRepo.unitNames(conn, missingUnits));
  if (q.by === 'leader')
    Object.assign(
      names,
      await ladderRepo.leaderNames(
        conn,
        byLeader.map((l) => l.leaderId),
      ),
    );

  const { rows, totals } = boardRows({
    by: q.by,
    tasks: facts,
    steps: steps.map((s) => ({ ...s, step: s.step as LadderStep })),
    openRectifications: Object.fromEntries(rects.map((r) => [r.unitId, r.n])),
    overdueInstructions: {
      byUnit,
      byLeader: Object.fromEntries(byLeader.map((l) => [l.leaderId, l.n])),
    },
    names,
    includeIdle: !q.planId,
  });
  return { by: q.by, asOf: today, quarter: quarter.label, rows, totals };
}

/** 督办建议: what the rules suggest now, for the 督查室 to issue with one click. */
export async function suggestions(ctx: Ctx, actor: Actor): Promise<SuggestionList> {
  assertMay(actor, 'supervision.issue');
  const today = businessDate(ctx.now());
  const year = Number(today.slice(0, 4));
  const conn = ctx.db;
  const rules = await taskRules(ctx, conn);
  const views = await loadTaskViews(ctx, conn, actor, {}, today, { rules });
  // closed reminders older than a cycle or two no longer bear on any suggestion
  const steps = await ladderRepo.current(conn, year, new Date(ctx.now().getTime() - 120 * 86_400_000));
  const instructions = await overdueInstructionFacts(conn, today);
  const missedCycleDueOn: Record<string, string> = {};
  for (const v of views) if (v.missedCycle) missedCycleDueOn[v.id] = v.currentCycle.dueOn;
  const list = suggestEscalations({
    today,
    rules,
    tasks: views,
    steps: steps.map(stepFact),
    instructions,
    missedCycleDueOn,
  });
  const cal = await officialCalendar(ctx, conn);
  const orderDue = addWorkingDays(today, ORDER_WORKING_DAYS, cal);
  const reminderDue = addWorkingDays(today, REMINDER_WORKING_DAYS, cal);
  return {
    asOf: today,
    items: list.map((s) => ({
      ...s,
      objectLink: objectLink(s.objectType, s.objectId),
      requirement:
        s.step === 'order'
          ? `请于${dateLabel(orderDue, 'zh')}前办结，并在平台答复办理情况、采取的措施和完成时间。`
          : null,
      dueOn: s.step === 'order' ? orderDue : s.step === 'reminder' ? reminderDue : null,
    })),
  };
}
