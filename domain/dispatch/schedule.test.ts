import { describe, expect, it } from 'vitest';
import { mergeCalendars, OFFICIAL_CALENDAR } from '../common/calendar.ts';
import {
  consecutiveMissing,
  DEFAULT_REPORTING_SCHEDULE,
  dueSoon,
  mustReport,
  type ReportingSchedule,
  type ReportTiming,
  reportDeadline,
  reportGraceEnd,
  reportingScheduleSchema,
  reportTiming,
} from './schedule.ts';

const cal = OFFICIAL_CALENDAR;
const s = DEFAULT_REPORTING_SCHEDULE;
const at = (iso: string) => new Date(iso);

describe('reportDeadline and reportGraceEnd (Friday 17:00, Monday 12:00 Beijing time)', () => {
  it.each([
    // [week, deadline (UTC), grace end (UTC), why]
    ['2026-W48', '2026-11-27T09:00:00.000Z', '2026-11-30T04:00:00.000Z', 'an ordinary week'],
    [
      '2026-W40',
      '2026-09-30T09:00:00.000Z',
      '2026-10-08T04:00:00.000Z',
      '国庆: Fri 2 Oct off → Wed 30 Sep; Mon 5 Oct off → Thu 8 Oct',
    ],
    [
      '2026-W41',
      '2026-10-09T09:00:00.000Z',
      '2026-10-12T04:00:00.000Z',
      'the week after 国庆 (Sat 10 Oct is worked, not used)',
    ],
    ['2026-W39', '2026-09-24T09:00:00.000Z', '2026-09-28T04:00:00.000Z', '中秋 on Friday → Thursday'],
    [
      '2026-W18',
      '2026-04-30T09:00:00.000Z',
      '2026-05-06T04:00:00.000Z',
      '劳动节: Fri 1 May → Thu 30 Apr; Mon 4 May off → Wed 6 May',
    ],
    [
      '2026-W07',
      '2026-02-13T09:00:00.000Z',
      '2026-02-24T04:00:00.000Z',
      'before 春节: the grace waits for the holiday to end',
    ],
    [
      '2026-W08',
      '2026-02-24T09:00:00.000Z',
      '2026-02-24T09:00:00.000Z',
      '春节 week all off: deadline forward, grace not before it',
    ],
    [
      '2026-W01',
      '2025-12-31T09:00:00.000Z',
      '2026-01-05T04:00:00.000Z',
      '元旦: Fri 2 Jan off → Wed 31 Dec of the year before',
    ],
  ])('%s: deadline %s, grace end %s (%s)', (week, deadline, grace) => {
    expect(reportDeadline(week, s, cal).toISOString()).toBe(deadline);
    expect(reportGraceEnd(week, s, cal).toISOString()).toBe(grace);
  });

  it('uses weekends only in a year without data, and the added year once an administrator enters it', () => {
    // Friday 1 January 2027 is 元旦, but 2027 is not in the built-in data
    expect(reportDeadline('2026-W53', s, cal).toISOString()).toBe('2027-01-01T09:00:00.000Z');
    const with2027 = mergeCalendars(cal, { holidays: { '2027-01-01': '元旦' }, workdays: [] });
    expect(reportDeadline('2026-W53', s, with2027).toISOString()).toBe('2026-12-31T09:00:00.000Z');
  });

  it.each([
    // [changes, week, deadline, grace end]
    [{ deadlineWeekday: 7 }, '2026-W38', '2026-09-20T09:00:00.000Z', '2026-09-21T04:00:00.000Z'], // make-up Sunday
    [{ deadlineWeekday: 7 }, '2026-W48', '2026-11-27T09:00:00.000Z', '2026-11-30T04:00:00.000Z'], // Sunday → Friday
    [{ deadlineWeekday: 6 }, '2026-W41', '2026-10-10T09:00:00.000Z', '2026-10-12T04:00:00.000Z'], // make-up Saturday
    [{ graceWeekday: 6 }, '2026-W40', '2026-09-30T09:00:00.000Z', '2026-10-10T04:00:00.000Z'], // make-up Saturday
    [{ graceWeekday: 7 }, '2026-W47', '2026-11-20T09:00:00.000Z', '2026-11-30T04:00:00.000Z'], // Sunday → Monday
    [{ deadlineTime: '09:30', graceTime: '00:00' }, '2026-W48', '2026-11-27T01:30:00.000Z', '2026-11-29T16:00:00.000Z'],
  ] as Array<[Partial<ReportingSchedule>, string, string, string]>)('%j in %s: %s, %s', (changes, week, dl, grace) => {
    const schedule = { ...s, ...changes };
    expect(reportDeadline(week, schedule, cal).toISOString()).toBe(dl);
    expect(reportGraceEnd(week, schedule, cal).toISOString()).toBe(grace);
  });
});

describe('reportTiming', () => {
  it.each([
    // [week, submittedAt, now, timing]
    ['2026-W48', '2026-11-27T09:00:00.000Z', '2026-12-01T00:00:00.000Z', 'on_time'], // exactly at 17:00
    ['2026-W48', '2026-11-27T09:00:00.001Z', '2026-12-01T00:00:00.000Z', 'late'],
    ['2026-W48', '2026-11-23T01:00:00.000Z', '2026-11-23T01:00:00.000Z', 'on_time'],
    ['2026-W48', '2026-12-05T02:00:00.000Z', '2026-12-05T02:00:00.000Z', 'late'], // after the grace: late, not missing
    ['2026-W48', null, '2026-11-25T00:00:00.000Z', 'pending'],
    ['2026-W48', null, '2026-11-28T00:00:00.000Z', 'pending'], // past the deadline, inside the grace
    ['2026-W48', null, '2026-11-30T04:00:00.000Z', 'pending'], // exactly at Monday 12:00
    ['2026-W48', null, '2026-11-30T04:00:00.001Z', 'missing'],
    ['2026-W40', '2026-10-01T03:00:00.000Z', '2026-10-01T03:00:00.000Z', 'late'], // a Friday report is late in 国庆 week
    ['2026-W40', null, '2026-10-05T04:00:00.001Z', 'pending'], // Monday 12:00 is a holiday: not missing yet
    ['2026-W40', null, '2026-10-08T04:00:00.001Z', 'missing'],
  ] as Array<[string, string | null, string, ReportTiming]>)('%s submitted %s, at %s: %s', (week, sub, now, timing) => {
    expect(reportTiming({ weekKey: week, submittedAt: sub ? at(sub) : null, now: at(now), schedule: s, cal })).toBe(
      timing,
    );
  });
});

describe('dueSoon', () => {
  it.each([
    ['2026-W48', '2026-11-26T08:59:59.999Z', false], // Thursday 16:59:59.999
    ['2026-W48', '2026-11-26T09:00:00.000Z', true], // exactly 24 hours before
    ['2026-W48', '2026-11-27T08:59:59.999Z', true],
    ['2026-W48', '2026-11-27T09:00:00.000Z', false], // the deadline itself: the reminder went out the day before
    ['2026-W40', '2026-09-29T09:00:00.000Z', true], // Tuesday, for the Wednesday deadline before 国庆
    ['2026-W40', '2026-10-01T09:00:00.000Z', false], // the day before Friday is too late here
  ])('%s at %s: %s', (week, now, soon) => expect(dueSoon(week, at(now), s, cal)).toBe(soon));
});

describe('consecutiveMissing', () => {
  it.each([
    [[], 0],
    [['pending'], 0],
    [['missing', 'missing', 'on_time', 'missing'], 2],
    [['pending', 'missing', 'missing', 'missing', 'late'], 3],
    [['pending', 'pending', 'missing'], 0], // only the newest week may be pending
    [['late', 'missing'], 0],
    [['missing', 'pending', 'missing'], 1],
    [['missing', 'missing'], 2],
  ] as Array<[ReportTiming[], number]>)('%j → %i', (weeks, n) => expect(consecutiveMissing(weeks)).toBe(n));
});

describe('reportingScheduleSchema', () => {
  const messages = (changes: Record<string, unknown>) => {
    const r = reportingScheduleSchema.safeParse({ ...s, ...changes });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it.each([
    [{}, []],
    [{ deadlineWeekday: 7, deadlineTime: '23:59', graceTime: '00:00' }, []],
    [{ deadlineWeekday: 0 }, ['报送截止日应为1—7(周一至周日)']],
    [{ graceWeekday: 8 }, ['补报截止日应为1—7(周一至周日)']],
    [{ deadlineWeekday: 5.5 }, ['报送截止日应为1—7(周一至周日)']],
    [{ deadlineTime: '17:60' }, ['报送截止时间格式应为 HH:MM(如 17:00)']],
    [{ graceTime: '9:00' }, ['补报截止时间格式应为 HH:MM(如 17:00)']],
    [{ deadlineTime: '24:00' }, ['报送截止时间格式应为 HH:MM(如 17:00)']],
    [{ reportingStages: [] }, ['至少选择一个需要填报周报的项目阶段']],
    [{ reportingStages: ['building'] }, ['项目阶段不正确']],
  ])('%j → %j', (changes, expected) => expect(messages(changes)).toEqual(expected));

  it('accepts its own default', () => {
    expect(reportingScheduleSchema.parse(DEFAULT_REPORTING_SCHEDULE)).toEqual(DEFAULT_REPORTING_SCHEDULE);
  });
});

describe('mustReport', () => {
  it.each([
    ['preparation', true],
    ['under_construction', true],
    ['pipeline', false],
    ['completed', false],
    ['suspended', false],
  ] as const)('%s: %s', (stage, must) => expect(mustReport(stage, s)).toBe(must));
});
