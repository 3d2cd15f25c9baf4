import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR as cal, workingDaysBetween } from '../common/calendar.ts';
import {
  checkStep,
  type InstructionFact,
  nextSeq,
  nextStepInOrder,
  type PriorStep,
  quarterOf,
  type StepFact,
  skippedSteps,
  stepNumber,
  suggestEscalations,
  type TaskFactLike,
} from './ladder.ts';
import type { LadderStep } from './model.ts';

const p = (...steps: LadderStep[]): PriorStep[] => steps.map((step) => ({ step }));

describe('ladder order', () => {
  it.each<[PriorStep[], LadderStep]>([
    [[], 'reminder'],
    [p('reminder'), 'order'],
    [p('reminder', 'reminder'), 'order'],
    [p('reminder', 'order'), 'notice'],
    [p('order'), 'notice'],
    [p('reminder', 'order', 'notice'), 'admonition'],
    [p('admonition'), 'accountability'],
    [p('accountability'), 'accountability'],
    // praise is not a rung
    [[{ step: 'notice', polarity: 'commending' }], 'reminder'],
    [[{ step: 'reminder' }, { step: 'notice', polarity: 'commending' }], 'order'],
  ])('after %j the next step is %s', (prior, next) => {
    expect(nextStepInOrder(prior)).toBe(next);
  });

  it('lists the rungs a step would skip', () => {
    expect(skippedSteps('order', [])).toEqual(['reminder']);
    expect(skippedSteps('notice', [])).toEqual(['reminder', 'order']);
    expect(skippedSteps('admonition', p('reminder'))).toEqual(['order', 'notice']);
    expect(skippedSteps('reminder', p('order'))).toEqual([]);
    expect(skippedSteps('order', p('reminder'))).toEqual([]);
  });
});

describe('checkStep: a skipped rung needs a written reason', () => {
  it.each<[LadderStep, PriorStep[], string | null, boolean]>([
    ['reminder', [], null, true],
    ['order', p('reminder'), null, true],
    ['order', p('reminder', 'order'), null, true], // a second order
    ['reminder', p('reminder', 'order', 'notice'), null, true], // a lower rung again
    ['order', [], null, false],
    ['order', [], '   ', false],
    ['order', [], '紧急', false], // too short to explain anything
    ['order', [], '市长批示要求', true],
    ['notice', p('reminder'), null, false],
    ['notice', p('reminder'), '群众反映强烈，直接通报', true],
    ['accountability', p('reminder', 'order', 'notice'), null, false],
    ['accountability', p('reminder', 'order', 'notice', 'admonition'), null, true],
  ])('%s after %j with reason %j → ok %s', (step, prior, reason, ok) => {
    expect(checkStep(step, prior, reason).ok).toBe(ok);
  });

  it('says in Chinese which rungs are missing', () => {
    const r = checkStep('notice', [], null);
    expect(r).toMatchObject({ ok: false, code: 'SKIP_REASON_REQUIRED' });
    if (!r.ok) {
      expect(r.zh).toContain('尚未催办、督办');
      expect(r.zh).toContain('越级通报');
    }
  });

  it('a commending notice needs no prior step', () => {
    expect(checkStep('notice', [], null, { polarity: 'commending' }).ok).toBe(true);
    expect(checkStep('notice', [], null, { polarity: 'critical' }).ok).toBe(false);
  });
});

describe('register numbers', () => {
  it('numbers orders and notices per year, not reminders', () => {
    expect(stepNumber('order', 2026, 12)).toBe('督办〔2026〕12号');
    expect(stepNumber('notice', 2026, 3)).toBe('通报〔2026〕3号');
    expect(stepNumber('reminder', 2026, 1)).toBeNull();
    expect(stepNumber('admonition', 2026, 1)).toBeNull();
  });
  it('continues from the highest number used', () => {
    expect(nextSeq(null)).toBe(1);
    expect(nextSeq(0)).toBe(1);
    expect(nextSeq(11)).toBe(12);
  });
  it('knows the quarter of a date', () => {
    expect([
      quarterOf('2026-01-01'),
      quarterOf('2026-03-31'),
      quarterOf('2026-04-01'),
      quarterOf('2026-12-31'),
    ]).toEqual([1, 1, 2, 4]);
  });
});

// ── suggestions ───────────────────────────────────────────────────────────────────────────────────────────
const RULES = { orderAfterOverdueWorkingDays: 5, noticesForAdmonition: 2 };
const U1 = 'u1';
const U2 = 'u2';

function task(over: Partial<TaskFactLike> = {}): TaskFactLike {
  return {
    id: 't1',
    number: '3.12',
    content: '新建5G基站1000个',
    leadUnitId: U1,
    leadUnitName: '市工业和信息化局',
    deadlineText: '2026年9月底前',
    status: 'green',
    overdueWorkingDays: null,
    missedCycle: null,
    ...over,
  };
}

let n = 0;
function step(over: Partial<StepFact>): StepFact {
  return {
    id: `s${++n}`,
    objectType: 'task',
    objectId: 't1',
    objectLabel: '3.12 新建5G基站1000个',
    unitId: U1,
    unitName: '市工业和信息化局',
    step: 'reminder',
    polarity: null,
    number: null,
    status: 'open',
    dueOn: null,
    issuedOn: '2026-10-09',
    origin: 'manual',
    ...over,
  };
}

const suggest = (
  today: string,
  facts: {
    tasks?: TaskFactLike[];
    steps?: StepFact[];
    instructions?: InstructionFact[];
    missedCycleDueOn?: Record<string, string>;
  },
) =>
  suggestEscalations({
    today,
    rules: RULES,
    tasks: facts.tasks ?? [],
    steps: facts.steps ?? [],
    instructions: facts.instructions ?? [],
    ...(facts.missedCycleDueOn ? { missedCycleDueOn: facts.missedCycleDueOn } : {}),
  });

describe('suggested escalation: an overdue task gets an order', () => {
  // deadline 30 September 2026; National Day 1–7 October is off, Saturday 10 October is a make-up working day
  const DEADLINE = '2026-09-30';
  const overdueTask = (today: string) =>
    task({ status: 'overdue', overdueWorkingDays: workingDaysBetween(DEADLINE, today, cal) });

  it.each([
    ['2026-10-07', 0, false], // the whole holiday counts nothing
    ['2026-10-09', 2, false],
    ['2026-10-10', 3, false], // the make-up Saturday counts
    ['2026-10-12', 4, false],
    ['2026-10-13', 5, true],
    ['2026-10-20', 10, true],
  ])('on %s (%i working days overdue) → order suggested: %s', (today, days, suggested) => {
    const t = overdueTask(today);
    expect(t.overdueWorkingDays).toBe(days);
    const s = suggest(today, { tasks: [t] });
    expect(s.some((x) => x.step === 'order' && x.code === 'TASK_OVERDUE')).toBe(suggested);
  });

  it('says why, addresses the lead unit, and carries the skip reason when no reminder was sent', () => {
    const [s] = suggest('2026-10-13', { tasks: [overdueTask('2026-10-13')] });
    expect(s).toMatchObject({ step: 'order', objectType: 'task', objectId: 't1', unitId: U1 });
    expect(s!.reason).toContain('5个工作日');
    expect(s!.reason).toContain('2026年9月底前');
    expect(s!.skipReason).toContain('按督查规则直接督办');
  });

  it('no skip reason once a reminder was sent, and nothing once an order exists', () => {
    const t = overdueTask('2026-10-13');
    const [s] = suggest('2026-10-13', { tasks: [t], steps: [step({ step: 'reminder' })] });
    expect(s!.skipReason).toBeNull();
    expect(suggest('2026-10-13', { tasks: [t], steps: [step({ step: 'order', status: 'closed' })] })).toEqual([]);
  });

  it('a task that is done or only red is not ordered', () => {
    expect(suggest('2026-10-13', { tasks: [task({ status: 'done' })] })).toEqual([]);
    expect(suggest('2026-10-13', { tasks: [task({ status: 'yellow' })] })).toEqual([]);
  });
});

describe('suggested escalation: an order past its deadline gets a notice', () => {
  const order = (over: Partial<StepFact> = {}) =>
    step({ step: 'order', number: '督办〔2026〕12号', dueOn: '2026-10-20', issuedOn: '2026-10-13', ...over });

  it.each([
    ['2026-10-20', 'open', false], // the deadline day itself is still in time
    ['2026-10-21', 'open', true],
    ['2026-10-21', 'answered', true],
    ['2026-10-21', 'closed', false],
  ])('on %s with the order %s → notice: %s', (today, status, suggested) => {
    const s = suggest(today, { steps: [step({ step: 'reminder' }), order({ status })] });
    const notice = s.find((x) => x.step === 'notice');
    expect(!!notice).toBe(suggested);
    if (notice) {
      expect(notice).toMatchObject({ polarity: 'critical', code: 'ORDER_OVERDUE', skipReason: null });
      expect(notice.reason).toContain('督办〔2026〕12号');
      expect(notice.reason).toContain('2026年10月20日');
    }
  });

  it('not again once a critical notice followed the order', () => {
    const steps = [order(), step({ step: 'notice', polarity: 'critical', issuedOn: '2026-10-22' })];
    expect(suggest('2026-10-23', { steps }).filter((x) => x.step === 'notice')).toEqual([]);
    // praise does not count as the notice
    const praised = [order(), step({ step: 'notice', polarity: 'commending', issuedOn: '2026-10-22' })];
    expect(suggest('2026-10-23', { steps: praised }).filter((x) => x.step === 'notice')).toHaveLength(1);
  });
});

describe('suggested escalation: repeated notices get an admonition', () => {
  const notice = (over: Partial<StepFact>) => step({ step: 'notice', polarity: 'critical', ...over });

  it('1 critical notice in the year: nothing; 2: admonition, naming the notices', () => {
    const one = [notice({ number: '通报〔2026〕3号', issuedOn: '2026-05-10' })];
    expect(suggest('2026-10-23', { steps: one }).filter((x) => x.step === 'admonition')).toEqual([]);
    const two = [...one, notice({ number: '通报〔2026〕9号', objectId: 't2', issuedOn: '2026-09-01' })];
    const [s] = suggest('2026-10-23', { steps: two }).filter((x) => x.step === 'admonition');
    expect(s).toMatchObject({ unitId: U1, objectId: 't2', code: 'NOTICES_IN_YEAR' });
    expect(s!.reason).toContain('通报批评2次');
    expect(s!.reason).toContain('通报〔2026〕3号、通报〔2026〕9号');
  });

  it('counts only this year, only critical notices, only the same unit', () => {
    const steps = [
      notice({ issuedOn: '2025-12-30' }),
      notice({ issuedOn: '2026-03-01' }),
      notice({ issuedOn: '2026-04-01', polarity: 'commending' }),
      notice({ issuedOn: '2026-05-01', unitId: U2, unitName: '城关区人民政府' }),
    ];
    expect(suggest('2026-10-23', { steps }).filter((x) => x.step === 'admonition')).toEqual([]);
  });

  it('not again after an admonition that followed the last notice', () => {
    const steps = [
      notice({ issuedOn: '2026-03-01' }),
      notice({ issuedOn: '2026-04-01' }),
      step({ step: 'admonition', issuedOn: '2026-04-10' }),
    ];
    expect(suggest('2026-10-23', { steps }).filter((x) => x.step === 'admonition')).toEqual([]);
    const again = [...steps, notice({ issuedOn: '2026-06-01' })];
    expect(suggest('2026-10-23', { steps: again }).filter((x) => x.step === 'admonition')).toHaveLength(1);
  });
});

describe('suggested escalation: an overdue instruction', () => {
  const instr: InstructionFact = {
    id: 'i1',
    label: '关于加快5G建设的批示',
    leaderName: '李明远',
    dueOn: '2026-10-15',
    pending: [
      { unitId: U1, unitName: '市工业和信息化局' },
      { unitId: U2, unitName: '城关区人民政府' },
    ],
  };

  it('not before its deadline has passed', () => {
    expect(suggest('2026-10-15', { instructions: [instr] })).toEqual([]);
  });

  it('reminds each unit without a response, then orders the one already reminded', () => {
    const s = suggest('2026-10-16', {
      instructions: [instr],
      steps: [
        step({ objectType: 'instruction', objectId: 'i1', step: 'reminder', unitId: U2, unitName: '城关区人民政府' }),
      ],
    });
    const byUnit = Object.fromEntries(s.map((x) => [x.unitId, x.step]));
    expect(byUnit).toEqual({ [U1]: 'reminder', [U2]: 'order' });
    expect(s.find((x) => x.unitId === U1)!.reason).toContain('李明远批示要求2026年10月15日前办理');
    expect(s.find((x) => x.unitId === U2)!.skipReason).toBeNull();
  });

  it('no suggestion for a unit already ordered, or without a deadline', () => {
    const steps = [step({ objectType: 'instruction', objectId: 'i1', step: 'order', unitId: U1 })];
    expect(suggest('2026-10-16', { instructions: [{ ...instr, pending: [instr.pending[0]!] }], steps })).toEqual([]);
    expect(suggest('2026-10-16', { instructions: [{ ...instr, dueOn: null }] })).toEqual([]);
  });
});

describe('suggested escalation: a red task that missed its cycle', () => {
  const red = task({ status: 'red', missedCycle: '2026-09' });

  it('reminds the lead unit, naming the cycle', () => {
    const [s] = suggest('2026-10-09', { tasks: [red] });
    expect(s).toMatchObject({ step: 'reminder', code: 'FEEDBACK_MISSED', unitId: U1, skipReason: null });
    expect(s!.reason).toContain('2026年9月进展情况逾期未报送');
  });

  it('not when a reminder was sent since the cycle fell due; again for an older reminder', () => {
    const due = { t1: '2026-09-25' };
    const recent = [step({ step: 'reminder', issuedOn: '2026-09-28' })];
    expect(suggest('2026-10-09', { tasks: [red], steps: recent, missedCycleDueOn: due })).toEqual([]);
    const old = [step({ step: 'reminder', issuedOn: '2026-08-28' })];
    expect(suggest('2026-10-09', { tasks: [red], steps: old, missedCycleDueOn: due })).toHaveLength(1);
  });

  it('a green or yellow task is not reminded', () => {
    expect(suggest('2026-10-09', { tasks: [task({ status: 'yellow', missedCycle: null })] })).toEqual([]);
  });
});

it('orders the suggestions from the highest rung down', () => {
  const s = suggest('2026-10-21', {
    tasks: [task({ id: 't9', status: 'red', missedCycle: '2026-09' })],
    steps: [step({ step: 'order', number: '督办〔2026〕1号', dueOn: '2026-10-20', issuedOn: '2026-10-13' })],
  });
  expect(s.map((x) => x.step)).toEqual(['notice', 'reminder']);
});
