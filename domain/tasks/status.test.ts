import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR } from '../common/calendar.ts';
import { cycleDueOn, lastDueCycle, type PlanCycle } from './cycles.ts';
import { computeStatus, type StatusInput } from './status.ts';

const cal = OFFICIAL_CALENDAR;
const monthly25: PlanCycle = { feedbackCycle: 'monthly', feedbackDueDay: 25 };

/** 100 days from 1 January to 11 April 2026, so each day is one point of the time share. */
const base: StatusInput = {
  today: '2026-02-20', // day 50 → 50% of the time elapsed
  doneOn: null,
  deadlineKind: 'date',
  deadlineOn: '2026-04-11',
  startsOn: '2026-01-01',
  milestones: [],
  lastDueCycle: null,
  lastDueFeedback: null,
  completionPct: 50,
  rules: { yellowGapPoints: 15 },
  cal,
};
const s = (over: Partial<StatusInput>) => computeStatus({ ...base, ...over });

describe('yellow: behind the time share by more than the threshold', () => {
  it.each([
    [50, 'green'],
    [36, 'green'],
    [35, 'green'], // exactly 15 points behind: green ("more than")
    [34, 'yellow'],
    [0, 'yellow'],
  ] as const)('%i%% at 50%% of the time → %s', (pct, status) => {
    expect(s({ completionPct: pct }).status).toBe(status);
  });

  it('the threshold comes from the rules', () => {
    expect(s({ completionPct: 40, rules: { yellowGapPoints: 10 } }).status).toBe('green');
    expect(s({ completionPct: 39, rules: { yellowGapPoints: 10 } }).status).toBe('yellow');
  });

  it('no feedback yet counts as 0%', () => {
    expect(s({ completionPct: null, today: '2026-01-10' }).status).toBe('green'); // 9% elapsed
    expect(s({ completionPct: null, today: '2026-01-17' }).status).toBe('yellow'); // 16%
  });

  it('the reason says how far behind', () => {
    const r = s({ completionPct: 30 });
    expect(r.reasons[0]).toMatchObject({ code: 'behind_schedule' });
    expect(r.reasons[0]?.zh).toBe('完成30%,落后时序进度(50%)20个百分点');
    expect(r.expectedPct).toBe(50);
  });

  it('recurring and continuous tasks are never yellow', () => {
    expect(s({ deadlineKind: 'continuous', deadlineOn: null, completionPct: 0 }).status).toBe('green');
    expect(s({ deadlineKind: 'recurring', deadlineOn: null, completionPct: 0 }).status).toBe('green');
  });
});

describe('overdue', () => {
  it('the deadline day itself is not overdue', () => {
    expect(s({ today: '2026-04-11', completionPct: 100 }).status).toBe('green');
    const r = s({ today: '2026-04-12', completionPct: 100 });
    expect(r.status).toBe('overdue');
    // 11 April 2026 is a Saturday: Sunday 12th is no working day
    expect(r.overdueWorkingDays).toBe(0);
    expect(s({ today: '2026-04-14', completionPct: 100 }).overdueWorkingDays).toBe(2);
  });

  it('on the deadline day with little done it is yellow, not overdue', () => {
    expect(s({ today: '2026-04-11', completionPct: 84 }).status).toBe('yellow');
    expect(s({ today: '2026-04-11', completionPct: 85 }).status).toBe('green');
  });

  it('continuous tasks are never overdue', () => {
    expect(s({ deadlineKind: 'continuous', deadlineOn: null, today: '2027-01-01' }).status).toBe('green');
  });

  it('overdue wins over red and both reasons are given', () => {
    const r = s({
      today: '2026-05-01',
      lastDueCycle: { key: '2026-04', dueOn: '2026-04-24' },
      lastDueFeedback: null,
    });
    expect(r.status).toBe('overdue');
    expect(r.reasons.map((x) => x.code)).toEqual(['overdue', 'feedback_missing']);
    expect(r.missedCycle).toBe('2026-04');
  });
});

describe('red', () => {
  it('a milestone past its date and not done; its date itself is not overdue', () => {
    const m = { title: '出台实施方案', dueOn: '2026-02-20', doneOn: null };
    expect(s({ milestones: [m] }).status).toBe('green');
    const r = s({ milestones: [m], today: '2026-02-21', completionPct: 60 });
    expect(r.status).toBe('red');
    expect(r.reasons[0]?.zh).toBe('节点“出台实施方案”(2月20日)逾期未完成');
    expect(s({ milestones: [{ ...m, doneOn: '2026-02-19' }], today: '2026-03-01', completionPct: 60 }).status).toBe(
      'green',
    );
  });

  it('not reporting the last due cycle is red; the due day itself is not missed', () => {
    const plan = monthly25;
    const last = (today: string) => lastDueCycle(plan, '2026-01-01', today, cal);
    // September's due date moved to Thursday 24 September (25th is 中秋节)
    expect(cycleDueOn('2026-09', plan, cal)).toBe('2026-09-24');
    // August was reported; on the 24th September is due that very day, so nothing is missed
    const on24 = s({
      deadlineKind: 'continuous',
      deadlineOn: null,
      today: '2026-09-24',
      lastDueCycle: last('2026-09-24'),
      lastDueFeedback: 'accepted',
    });
    expect(on24.status).toBe('green');
    expect(last('2026-09-24')?.key).toBe('2026-08');
    const on25 = s({
      deadlineKind: 'continuous',
      deadlineOn: null,
      today: '2026-09-25',
      lastDueCycle: last('2026-09-25'),
    });
    expect(on25.status).toBe('red');
    expect(on25.missedCycle).toBe('2026-09');
    expect(on25.reasons[0]?.zh).toBe('2026年9月进展未报送(应于9月24日前报送)');
  });

  it.each([
    ['submitted', 'green'],
    ['accepted', 'green'],
    ['draft', 'red'],
    ['returned', 'red'],
    [null, 'red'],
  ] as const)('last due cycle with feedback %s → %s', (fb, status) => {
    const r = s({ lastDueCycle: { key: '2026-01', dueOn: '2026-01-23' }, lastDueFeedback: fb });
    expect(r.status).toBe(status);
  });

  it('a returned feedback says so', () => {
    const r = s({ lastDueCycle: { key: '2026-01', dueOn: '2026-01-23' }, lastDueFeedback: 'returned' });
    expect(r.reasons[0]?.code).toBe('feedback_returned');
  });

  it('a task created after the cycle due date is not red for it', () => {
    // created on 26 March: March (due 25th) is not owed; on 1 April nothing is due yet
    expect(lastDueCycle(monthly25, '2026-03-26', '2026-04-01', cal)).toBeNull();
    expect(s({ today: '2026-04-01', startsOn: '2026-03-26', completionPct: 30, lastDueCycle: null }).status).toBe(
      'green',
    );
  });

  it('red wins over yellow', () => {
    const r = s({ completionPct: 0, lastDueCycle: { key: '2026-01', dueOn: '2026-01-23' } });
    expect(r.status).toBe('red');
    expect(r.reasons.map((x) => x.code)).toEqual(['feedback_missing', 'behind_schedule']);
  });
});

describe('done', () => {
  it('done wins over everything', () => {
    const r = s({ doneOn: '2026-05-02', today: '2026-06-01', completionPct: 10 });
    expect(r.status).toBe('done');
    expect(r.reasons).toEqual([{ code: 'done', zh: '已于2026年5月2日销号', en: 'Marked done on 2 May 2026' }]);
  });

  it('green carries a reason too', () => {
    expect(s({}).reasons).toEqual([{ code: 'on_schedule', zh: '按期推进,已完成50%', en: 'On schedule, 50% done' }]);
  });
});
