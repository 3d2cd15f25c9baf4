import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR as cal } from '../common/calendar.ts';
import {
  escalationLevelFor,
  ITEM_ACTIONS,
  ITEM_STATUSES,
  type ItemAction,
  type ItemStatus,
  itemActions,
  itemDueDate,
  itemNext,
  itemOverdueDays,
} from './items.ts';

describe('coordination item flow', () => {
  it.each<[ItemStatus, ItemAction, ItemStatus | null]>([
    ['open', 'accept', 'accepted'],
    ['open', 'respond', null],
    ['open', 'resolve', null],
    ['open', 'close_out', null],
    ['accepted', 'respond', 'in_progress'],
    ['accepted', 'resolve', 'resolved'],
    ['accepted', 'accept', null],
    ['in_progress', 'respond', 'in_progress'],
    ['in_progress', 'resolve', 'resolved'],
    ['resolved', 'close_out', 'closed_out'],
    ['resolved', 'reopen', 'reopened'],
    ['resolved', 'respond', null],
    ['reopened', 'accept', 'accepted'],
    ['reopened', 'respond', 'in_progress'],
    ['reopened', 'resolve', 'resolved'],
    ['closed_out', 'reopen', null],
    ['closed_out', 'respond', null],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(itemNext(from, action)).toBe(to);
  });

  it('a closed-out item takes no action from anyone', () => {
    for (const a of ITEM_ACTIONS) expect(itemNext('closed_out', a)).toBeNull();
  });

  it('offers the unit its actions and the raiser theirs', () => {
    expect(itemActions('open', { unit: true, raiser: false })).toEqual(['accept']);
    expect(itemActions('open', { unit: false, raiser: true })).toEqual([]);
    expect(itemActions('in_progress', { unit: true, raiser: true })).toEqual(['respond', 'resolve']);
    expect(itemActions('resolved', { unit: true, raiser: false })).toEqual([]);
    expect(itemActions('resolved', { unit: false, raiser: true })).toEqual(['close_out', 'reopen']);
    for (const s of ITEM_STATUSES) expect(itemActions(s, { unit: false, raiser: false })).toEqual([]);
  });
});

describe('item deadlines on the official calendar', () => {
  it.each([
    // raised on a Monday: five working days later is the next Monday
    ['2026-11-23', '2026-11-30'],
    // raised on a Friday: the weekend does not count
    ['2026-11-27', '2026-12-04'],
    // raised before National Day 2026: 10/1–10/7 are off, Sat 10/10 is a make-up working day
    ['2026-09-29', '2026-10-12'],
    // raised before the Spring Festival 2026 (2/15–2/23 off, Sat 2/14 and Sat 2/28 work)
    ['2026-02-12', '2026-02-26'],
  ])('raised %s → due %s', (raised, due) => {
    expect(itemDueDate(raised, cal)).toBe(due);
  });

  it('counts overdue working days only for items the unit still owes', () => {
    const i = { status: 'in_progress' as ItemStatus, dueDate: '2026-11-27' };
    expect(itemOverdueDays(i, '2026-11-27', cal)).toBe(0); // the due date itself is on time
    expect(itemOverdueDays(i, '2026-11-28', cal)).toBe(0); // Saturday: no working day has passed
    expect(itemOverdueDays(i, '2026-11-30', cal)).toBe(1);
    expect(itemOverdueDays(i, '2026-12-04', cal)).toBe(5);
    expect(itemOverdueDays({ ...i, status: 'resolved' }, '2026-12-04', cal)).toBe(0);
    expect(itemOverdueDays({ ...i, status: 'closed_out' }, '2026-12-04', cal)).toBe(0);
  });
});

describe('escalation', () => {
  const item = { status: 'open' as ItemStatus, dueDate: '2026-11-27', escalationLevel: 0 };
  it.each([
    ['2026-11-27', 0],
    ['2026-11-30', 1],
    ['2026-12-04', 1], // 5 working days late: still with the coordinator
    ['2026-12-07', 2], // the 6th: on the leader's agenda
    ['2027-03-01', 2],
  ])('on %s the level is %i', (today, level) => {
    expect(escalationLevelFor(item, today, cal)).toBe(level);
  });

  it('never goes back down once reached, and a resolved item does not rise', () => {
    expect(escalationLevelFor({ ...item, status: 'resolved', escalationLevel: 2 }, '2026-12-10', cal)).toBe(2);
    expect(escalationLevelFor({ ...item, status: 'resolved', escalationLevel: 0 }, '2026-12-10', cal)).toBe(0);
    expect(escalationLevelFor({ ...item, escalationLevel: 1 }, '2026-11-20', cal)).toBe(1);
  });

  it('takes the step length from settings', () => {
    expect(escalationLevelFor(item, '2026-12-01', cal, 1)).toBe(2);
    expect(escalationLevelFor(item, '2026-11-30', cal, 1)).toBe(1);
  });
});
