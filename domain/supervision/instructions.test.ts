import { describe, expect, it } from 'vitest';
import {
  checkNewInstruction,
  daysPastDue,
  type InstructionFacts,
  instructionOverdue,
  instructionState,
  mayRespond,
  unitState,
} from './instructions.ts';

const act = (over: Partial<InstructionFacts> = {}): InstructionFacts => ({
  kind: 'act',
  status: 'open',
  dueOn: '2026-11-10',
  ...over,
});
const yes = { responded: true };
const no = { responded: false };

describe('instruction state', () => {
  it.each([
    ['due today, one unit silent: still in time', act(), [yes, no], '2026-11-10', 'open', false],
    ['a day past due, one unit silent: overdue', act(), [yes, no], '2026-11-11', 'overdue', true],
    ['past due but everyone answered', act(), [yes, yes], '2026-11-20', 'answered', false],
    ['closed while a unit was silent: never overdue', act({ status: 'closed' }), [no], '2026-12-01', 'closed', false],
    [
      '阅知: no answers needed, never overdue',
      act({ kind: 'read', dueOn: null }),
      [no],
      '2026-12-01',
      'for_reading',
      false,
    ],
    ['no deadline: never overdue', act({ dueOn: null }), [no], '2027-01-01', 'open', false],
  ] as const)('%s', (_name, i, units, today, state, overdue) => {
    expect(instructionState(i, units, today)).toBe(state);
    expect(instructionOverdue(i, units, today)).toBe(overdue);
  });

  it('counts the calendar days past the deadline', () => {
    expect(daysPastDue('2026-11-10', '2026-11-10')).toBe(0);
    expect(daysPastDue('2026-11-10', '2026-11-13')).toBe(3);
    expect(daysPastDue(null, '2026-11-13')).toBe(0);
  });
});

describe('a named unit', () => {
  it.each([
    [act(), no, '2026-11-09', 'pending'],
    [act(), no, '2026-11-11', 'overdue'],
    [act(), yes, '2026-11-11', 'responded'],
    [act({ status: 'closed' }), no, '2026-11-11', 'pending'],
    [act({ kind: 'read' }), no, '2026-11-11', 'informed'],
  ] as const)('%o %o on %s → %s', (i, u, today, state) => {
    expect(unitState(i, u, today)).toBe(state);
  });

  it('may answer an open instruction for action only', () => {
    expect(mayRespond(act())).toBe(true);
    expect(mayRespond(act({ status: 'closed' }))).toBe(false);
    expect(mayRespond(act({ kind: 'read' }))).toBe(false);
  });
});

describe('a new instruction', () => {
  const units = ['a', 'b'];
  it.each([
    [{ kind: 'act', dueOn: '2026-11-10', unitIds: units }, []],
    [{ kind: 'act', dueOn: null, unitIds: units }, [{ path: 'dueOn', message: '办理类批示须规定答复时限' }]],
    [{ kind: 'act', dueOn: '2026-11-09', unitIds: units }, [{ path: 'dueOn', message: '答复时限不能早于今天' }]],
    [{ kind: 'read', dueOn: null, unitIds: units }, []],
    [
      { kind: 'read', dueOn: '2026-11-20', unitIds: units },
      [{ path: 'dueOn', message: '阅知类批示无须答复,不设时限' }],
    ],
    [{ kind: 'act', dueOn: '2026-11-12', unitIds: ['a', 'a'] }, [{ path: 'unitIds', message: '同一单位不能重复列出' }]],
  ] as const)('%o', (input, errors) => {
    expect(checkNewInstruction(input, '2026-11-10')).toEqual(errors);
  });
});
