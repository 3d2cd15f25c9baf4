import { dayNumber } from '../common/calendar.ts';

/**
 * 批示: a leader's written instruction on an object (a task, a project, a coordination item, a weekly report) or on
 * nothing in particular, naming units and a deadline. `act` (请…研究落实 / 抓紧办理) needs a response from every named
 * unit; `read` (阅 / 参阅) needs none — FORMATS.md: "A 批示 that only says 阅/参阅 needs no reply". The state of an
 * instruction and of each unit in it is computed here, never stored: only the responses and the closing are facts.
 */

export const INSTRUCTION_KINDS = ['act', 'read'] as const;
export type InstructionKind = (typeof INSTRUCTION_KINDS)[number];
export const INSTRUCTION_KIND_LABELS: Record<InstructionKind, { zh: string; en: string }> = {
  act: { zh: '办理类(须答复)', en: 'For action (reply required)' },
  read: { zh: '阅知类(阅/参阅)', en: 'For information (no reply)' },
};

/** What an instruction can be written on; `null` = free-standing. */
export const INSTRUCTION_OBJECT_TYPES = ['task', 'project', 'coordination_item', 'weekly_report'] as const;
export type InstructionObjectType = (typeof INSTRUCTION_OBJECT_TYPES)[number];

/** The whole instruction: `open` (waiting for answers), `answered` (every unit answered), `overdue`, `closed`. */
export const INSTRUCTION_STATES = ['open', 'answered', 'overdue', 'closed', 'for_reading'] as const;
export type InstructionState = (typeof INSTRUCTION_STATES)[number];
export const INSTRUCTION_STATE_LABELS: Record<InstructionState, { zh: string; en: string }> = {
  open: { zh: '待答复', en: 'Awaiting replies' },
  answered: { zh: '已答复', en: 'Answered' },
  overdue: { zh: '逾期未答复', en: 'Overdue' },
  closed: { zh: '已办结', en: 'Closed' },
  for_reading: { zh: '阅知', en: 'For information' },
};

/** One named unit: `pending`, `responded`, `overdue` (deadline passed, no answer), `informed` (a 阅知 instruction). */
export const UNIT_STATES = ['pending', 'responded', 'overdue', 'informed'] as const;
export type UnitState = (typeof UNIT_STATES)[number];
export const UNIT_STATE_LABELS: Record<UnitState, { zh: string; en: string }> = {
  pending: { zh: '待答复', en: 'Awaiting reply' },
  responded: { zh: '已答复', en: 'Replied' },
  overdue: { zh: '逾期未答复', en: 'Overdue' },
  informed: { zh: '已送阅', en: 'Informed' },
};

export type InstructionFacts = {
  kind: InstructionKind;
  /** `open` | `closed` (the only stored state) */
  status: 'open' | 'closed';
  dueOn: string | null;
};
export type UnitFacts = { responded: boolean };

/** Whether the deadline has passed on `today` (the deadline day itself is still in time). */
const pastDue = (dueOn: string | null, today: string) => dueOn !== null && dueOn < today;

/** Calendar days past the deadline (0 when not past it or without one). */
export function daysPastDue(dueOn: string | null, today: string): number {
  return pastDue(dueOn, today) ? dayNumber(today) - dayNumber(dueOn!) : 0;
}

export function unitState(i: InstructionFacts, u: UnitFacts, today: string): UnitState {
  if (i.kind === 'read') return 'informed';
  if (u.responded) return 'responded';
  return i.status === 'open' && pastDue(i.dueOn, today) ? 'overdue' : 'pending';
}

/**
 * Overdue: an `act` instruction, still open, its deadline passed, and some named unit has not answered. A closed
 * instruction is never overdue (the leader decided it needs nothing more), nor is a 阅知 one.
 */
export function instructionOverdue(i: InstructionFacts, units: readonly UnitFacts[], today: string): boolean {
  return i.kind === 'act' && i.status === 'open' && pastDue(i.dueOn, today) && units.some((u) => !u.responded);
}

export function instructionState(i: InstructionFacts, units: readonly UnitFacts[], today: string): InstructionState {
  if (i.status === 'closed') return 'closed';
  if (i.kind === 'read') return 'for_reading';
  if (instructionOverdue(i, units, today)) return 'overdue';
  return units.length > 0 && units.every((u) => u.responded) ? 'answered' : 'open';
}

/** A named unit may answer (and change its answer) while the instruction is open and asks for action. */
export const mayRespond = (i: InstructionFacts): boolean => i.kind === 'act' && i.status === 'open';

/**
 * The rules a new instruction must meet beyond field shapes, as field errors in Chinese: an `act` instruction
 * needs a deadline that is not in the past; a deadline of a 阅知 one is refused rather than silently dropped.
 */
export function checkNewInstruction(
  input: { kind: InstructionKind; dueOn: string | null; unitIds: readonly string[] },
  today: string,
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (input.kind === 'act') {
    if (!input.dueOn) errors.push({ path: 'dueOn', message: '办理类批示须规定答复时限' });
    else if (input.dueOn < today) errors.push({ path: 'dueOn', message: '答复时限不能早于今天' });
  } else if (input.dueOn) {
    errors.push({ path: 'dueOn', message: '阅知类批示无须答复,不设时限' });
  }
  if (new Set(input.unitIds).size !== input.unitIds.length) {
    errors.push({ path: 'unitIds', message: '同一单位不能重复列出' });
  }
  return errors;
}
