import { describe, expect, it } from 'vitest';
import { type BoardInput, type BoardStep, type BoardTask, boardRows, onTimePct, quarterRange } from './board.ts';

const GX = 'u-gx';
const CG = 'u-cg';
const IDLE = 'u-idle';
const L1 = 'l-1';
const L2 = 'l-2';

let n = 0;
const task = (over: Partial<BoardTask>): BoardTask => ({
  id: `t${++n}`,
  leadUnitId: GX,
  leadUnitName: '市工业和信息化局',
  leaderIds: [L1],
  leaderNames: ['李明远'],
  status: 'green',
  cyclesDue: 9,
  cyclesOnTime: 9,
  lastAcceptedOn: '2026-09-28',
  ...over,
});
const step = (over: Partial<BoardStep>): BoardStep => ({
  objectType: 'task',
  objectId: 't1',
  unitId: GX,
  step: 'order',
  polarity: null,
  status: 'open',
  inQuarter: true,
  n: 1,
  ...over,
});

function input(over: Partial<BoardInput>): BoardInput {
  return {
    by: 'unit',
    tasks: [],
    steps: [],
    openRectifications: {},
    overdueInstructions: { byUnit: {}, byLeader: {} },
    names: { [GX]: '市工业和信息化局', [CG]: '城关区人民政府', [IDLE]: '市统计局', [L1]: '李明远', [L2]: '王晓东' },
    includeIdle: true,
    ...over,
  };
}

describe('board per unit', () => {
  const t1 = task({ id: 't1', status: 'overdue', cyclesOnTime: 7, lastAcceptedOn: '2026-08-27' });
  const t2 = task({ id: 't2', status: 'red', cyclesOnTime: 8, lastAcceptedOn: null });
  const t3 = task({ id: 't3', status: 'done', lastAcceptedOn: '2026-09-28' });
  const t4 = task({
    id: 't4',
    leadUnitId: CG,
    leadUnitName: '城关区人民政府',
    leaderIds: [L2],
    leaderNames: ['王晓东'],
    status: 'yellow',
    cyclesDue: 9,
    cyclesOnTime: 9,
  });
  const t5 = task({
    id: 't5',
    leadUnitId: CG,
    leadUnitName: '城关区人民政府',
    leaderIds: [L1, L2],
    leaderNames: ['李明远', '王晓东'],
    status: 'green',
    cyclesDue: 0,
    cyclesOnTime: 0,
    lastAcceptedOn: null,
  });
  const steps = [
    step({ objectId: 't1', step: 'reminder', inQuarter: false, n: 3 }), // last quarter: not counted
    step({ objectId: 't1', step: 'order' }),
    step({ objectId: 't2', step: 'order', status: 'closed' }),
    step({ objectId: 't2', step: 'order', status: 'answered', inQuarter: false }), // open, old
    step({ objectId: 't4', unitId: CG, step: 'notice', polarity: 'commending' }),
    step({ objectId: 't4', unitId: CG, step: 'reminder', n: 2 }),
    step({ objectType: 'project', objectId: 'p1', unitId: IDLE, step: 'order' }),
  ];
  const b = boardRows(
    input({
      tasks: [t1, t2, t3, t4, t5],
      steps,
      openRectifications: { [CG]: 2 },
      overdueInstructions: { byUnit: { [GX]: 1 }, byLeader: { [L1]: 1 } },
    }),
  );
  const row = (id: string) => b.rows.find((r) => r.id === id)!;

  it('counts each unit’s tasks by status', () => {
    expect(row(GX)).toMatchObject({ total: 3, done: 1, green: 0, yellow: 0, red: 1, overdue: 1 });
    expect(row(CG)).toMatchObject({ total: 2, done: 0, green: 1, yellow: 1, red: 0, overdue: 0 });
  });

  it('feedback on time and freshness', () => {
    expect(row(GX)).toMatchObject({ cyclesDue: 27, cyclesOnTime: 24, onTimePct: 88.9, lastAcceptedOn: '2026-09-28' });
    expect(row(CG)).toMatchObject({ cyclesDue: 9, cyclesOnTime: 9, onTimePct: 100 });
  });

  it('open orders (any quarter), steps this quarter (praise excluded), rectifications, instructions', () => {
    expect(row(GX)).toMatchObject({
      openOrders: 2,
      stepsThisQuarter: 2,
      openRectifications: 0,
      overdueInstructions: 1,
    });
    expect(row(CG)).toMatchObject({ openOrders: 0, stepsThisQuarter: 2, openRectifications: 2 });
  });

  it('a unit with only an open order gets a row when idle units are included', () => {
    expect(row(IDLE)).toMatchObject({ name: '市统计局', total: 0, openOrders: 1, stepsThisQuarter: 1 });
    const planOnly = boardRows(input({ tasks: [t1, t2, t3, t4, t5], steps, includeIdle: false }));
    expect(planOnly.rows.map((r) => r.id).sort()).toEqual([CG, GX].sort());
  });

  it('drills down to the task list', () => {
    expect(row(GX).link).toBe(`/tasks?unitId=${GX}`);
  });

  it('sorts the units most behind first', () => {
    expect(b.rows.map((r) => r.id)).toEqual([GX, CG, IDLE]);
  });

  it('totals each task once', () => {
    expect(b.totals).toMatchObject({
      total: 5,
      done: 1,
      green: 1,
      yellow: 1,
      red: 1,
      overdue: 1,
      cyclesDue: 36,
      cyclesOnTime: 33,
      onTimePct: 91.7,
      openOrders: 3,
      openRectifications: 2,
      overdueInstructions: 1,
      stepsThisQuarter: 5,
    });
  });

  it('per leader portfolio: a task with two leaders counts in both, once in the totals', () => {
    const l = boardRows(
      input({
        by: 'leader',
        tasks: [t1, t2, t3, t4, t5],
        steps,
        openRectifications: { [CG]: 2 },
        overdueInstructions: { byUnit: { [GX]: 1 }, byLeader: { [L1]: 1 } },
      }),
    );
    const r1 = l.rows.find((r) => r.id === L1)!;
    const r2 = l.rows.find((r) => r.id === L2)!;
    expect(r1).toMatchObject({ name: '李明远', total: 4, overdue: 1, red: 1, done: 1, green: 1, openOrders: 2 });
    expect(r1).toMatchObject({ openRectifications: null, overdueInstructions: 1, link: `/tasks?leaderId=${L1}` });
    expect(r2).toMatchObject({ name: '王晓东', total: 2, yellow: 1, green: 1, stepsThisQuarter: 2 });
    expect(l.totals).toMatchObject({ total: 5, openOrders: 2, openRectifications: null });
  });
});

describe('helpers', () => {
  it.each([
    [0, 0, null],
    [3, 3, 100],
    [3, 2, 66.7],
    [9, 7, 77.8],
  ])('on time %i/%i → %s', (due, ok, pct) => {
    expect(onTimePct(due, ok)).toBe(pct);
  });
  it('quarters', () => {
    expect(quarterRange('2026-11-10')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' });
    expect(quarterRange('2024-02-10')).toEqual({ from: '2024-01-01', to: '2024-03-31', label: '2024年第1季度' });
    expect(quarterRange('2026-06-30').to).toBe('2026-06-30');
  });
});
