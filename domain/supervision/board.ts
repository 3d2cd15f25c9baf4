import { daysInMonth } from '../common/date-parse.ts';
import type { TaskStatus } from '../tasks/model.ts';
import type { BoardCounts, BoardRow } from './ladder-contracts.ts';
import type { LadderStep } from './model.ts';

/**
 * The supervisor's board as one pure aggregation: per unit (tasks it leads) or per responsible leader's portfolio
 * (tasks the leader answers for), the task statuses, feedback punctuality, open orders, open rectifications, overdue
 * instructions, ladder steps this quarter and data freshness. The service gathers the facts in a few queries; every
 * count here can be traced to those rows.
 */

export type BoardTask = {
  id: string;
  leadUnitId: string;
  leadUnitName: string;
  leaderIds: readonly string[];
  leaderNames: readonly string[];
  status: TaskStatus;
  cyclesDue: number;
  cyclesOnTime: number;
  lastAcceptedOn: string | null;
};

/**
 * Ladder steps, grouped: `n` steps on one object to one unit with the same rung, polarity and status, issued in the
 * current quarter or not. The board needs no more than counts, so the service groups them in SQL.
 */
export type BoardStep = {
  objectType: string;
  objectId: string;
  unitId: string;
  step: LadderStep;
  polarity: string | null;
  status: string;
  inQuarter: boolean;
  n: number;
};

export type BoardInput = {
  by: 'unit' | 'leader';
  tasks: readonly BoardTask[];
  /** at least every order not closed and every step issued this quarter */
  steps: readonly BoardStep[];
  /** open rectifications per unit */
  openRectifications: Readonly<Record<string, number>>;
  /** overdue instructions: per named unit still owing a response, and per writing leader */
  overdueInstructions: { byUnit: Readonly<Record<string, number>>; byLeader: Readonly<Record<string, number>> };
  /** names of units and leaders that may have no task (a unit with only an open order still gets a row) */
  names: Readonly<Record<string, string>>;
  /** add rows for units (or leaders) with no task in the set but something open */
  includeIdle: boolean;
};

export const onTimePct = (due: number, onTime: number): number | null =>
  due > 0 ? Math.round((onTime * 1000) / due) / 10 : null;

const empty = (): BoardCounts => ({
  total: 0,
  done: 0,
  green: 0,
  yellow: 0,
  red: 0,
  overdue: 0,
  cyclesDue: 0,
  cyclesOnTime: 0,
  onTimePct: null,
  openOrders: 0,
  openRectifications: 0,
  overdueInstructions: 0,
  stepsThisQuarter: 0,
  lastAcceptedOn: null,
});

function addTask(c: BoardCounts, t: BoardTask) {
  c.total++;
  c[t.status]++;
  c.cyclesDue += t.cyclesDue;
  c.cyclesOnTime += t.cyclesOnTime;
  if (t.lastAcceptedOn && (!c.lastAcceptedOn || t.lastAcceptedOn > c.lastAcceptedOn))
    c.lastAcceptedOn = t.lastAcceptedOn;
}

const isEscalating = (s: BoardStep) => !(s.step === 'notice' && s.polarity === 'commending');
const isOpenOrder = (s: BoardStep) => s.step === 'order' && s.status !== 'closed';
/** how many of the group are open orders, and how many count as ladder steps this quarter (praise does not) */
const openOrders = (s: BoardStep) => (isOpenOrder(s) ? s.n : 0);
const quarterSteps = (s: BoardStep) => (isEscalating(s) && s.inQuarter ? s.n : 0);

export function boardRows(input: BoardInput): { rows: BoardRow[]; totals: BoardCounts } {
  const rows = new Map<string, BoardRow>();
  const rowOf = (id: string, name: string) => {
    let r = rows.get(id);
    if (!r) {
      const link = input.by === 'unit' ? `/tasks?unitId=${id}` : `/tasks?leaderId=${id}`;
      r = { id, name, link, ...empty() };
      if (input.by === 'leader') r.openRectifications = null;
      rows.set(id, r);
    }
    return r;
  };
  const totals = empty();

  if (input.by === 'unit') {
    for (const t of input.tasks) addTask(rowOf(t.leadUnitId, t.leadUnitName), t);
    const known = (id: string) => rows.has(id) || input.includeIdle;
    for (const s of input.steps) {
      if (openOrders(s) + quarterSteps(s) === 0 || !known(s.unitId)) continue;
      const r = rowOf(s.unitId, input.names[s.unitId] ?? '');
      r.openOrders += openOrders(s);
      r.stepsThisQuarter += quarterSteps(s);
    }
    for (const [unitId, n] of Object.entries(input.openRectifications)) {
      if (n > 0 && known(unitId)) rowOf(unitId, input.names[unitId] ?? '').openRectifications = n;
    }
    for (const [unitId, n] of Object.entries(input.overdueInstructions.byUnit)) {
      if (n > 0 && known(unitId)) rowOf(unitId, input.names[unitId] ?? '').overdueInstructions = n;
    }
  } else {
    const portfolio = new Map<string, Set<string>>();
    for (const t of input.tasks) {
      t.leaderIds.forEach((leaderId, i) => {
        addTask(rowOf(leaderId, t.leaderNames[i] ?? input.names[leaderId] ?? ''), t);
        const set = portfolio.get(t.id) ?? new Set<string>();
        set.add(leaderId);
        portfolio.set(t.id, set);
      });
    }
    for (const s of input.steps) {
      if (s.objectType !== 'task') continue;
      for (const leaderId of portfolio.get(s.objectId) ?? []) {
        const r = rowOf(leaderId, input.names[leaderId] ?? '');
        r.openOrders += openOrders(s);
        r.stepsThisQuarter += quarterSteps(s);
      }
    }
    for (const [leaderId, n] of Object.entries(input.overdueInstructions.byLeader)) {
      if (n > 0 && (rows.has(leaderId) || input.includeIdle)) {
        rowOf(leaderId, input.names[leaderId] ?? '').overdueInstructions = n;
      }
    }
  }

  // totals count each task, order and step once (a task with two leaders is in two portfolios)
  for (const t of input.tasks) addTask(totals, t);
  const taskIds = new Set(input.tasks.map((t) => t.id));
  const unitRows = new Set(rows.keys());
  for (const s of input.steps) {
    const relevant = input.by === 'unit' ? unitRows.has(s.unitId) : s.objectType === 'task' && taskIds.has(s.objectId);
    if (!relevant) continue;
    totals.openOrders += openOrders(s);
    totals.stepsThisQuarter += quarterSteps(s);
  }
  if (input.by === 'unit') {
    totals.openRectifications = [...rows.values()].reduce((n, r) => n + (r.openRectifications ?? 0), 0);
    totals.overdueInstructions = [...rows.values()].reduce((n, r) => n + r.overdueInstructions, 0);
  } else {
    totals.openRectifications = null;
    totals.overdueInstructions = [...rows.values()].reduce((n, r) => n + r.overdueInstructions, 0);
  }
  totals.onTimePct = onTimePct(totals.cyclesDue, totals.cyclesOnTime);

  const list = [...rows.values()].map((r) => ({ ...r, onTimePct: onTimePct(r.cyclesDue, r.cyclesOnTime) }));
  list.sort(
    (a, b) =>
      b.overdue + b.red - (a.overdue + a.red) ||
      b.yellow - a.yellow ||
      b.openOrders - a.openOrders ||
      a.name.localeCompare(b.name, 'zh'),
  );
  return { rows: list, totals };
}

/** The first and last day of the quarter of a business date, and its label "2026年第4季度". */
export function quarterRange(date: string): { from: string; to: string; label: string } {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  const firstMonth = (q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = daysInMonth(y, lastMonth);
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${y}-${mm(firstMonth)}-01`, to: `${y}-${mm(lastMonth)}-${lastDay}`, label: `${y}年第${q}季度` };
}
