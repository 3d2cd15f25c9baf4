import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/common/calendar.ts';
import { weekOfInstant, weekStart } from '../../../domain/common/iso-week.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';

describe.each(ENGINES)('weekly dispatch settings on %s', (engine) => {
  const t = useTestApp(engine);
  let coordinator: Client;
  let admin: Client;

  beforeAll(async () => {
    const week = weekOfInstant(new Date());
    const wednesday = new Date(`${addDays(weekStart(week), 2)}T10:00:00+08:00`);
    t.clock.advanceMinutes((wednesday.getTime() - Date.now()) / 60_000);
    coordinator = await t.login('coordinator');
    admin = await t.login('admin');
  });

  it('starts from the issue defaults and lists the built-in calendar years', async () => {
    const s = (await coordinator.get('/api/dispatch/settings')).json();
    expect(s.schedule).toEqual({
      deadlineWeekday: 5,
      deadlineTime: '17:00',
      graceWeekday: 1,
      graceTime: '12:00',
      reportingStages: ['preparation', 'under_construction'],
    });
    expect(s.thresholds).toMatchObject({ yellowBelowPoints: 5, redBelowPoints: 15, idleWeeks: 4 });
    expect(s.items).toEqual({ deadlineDays: 5, escalationStepDays: 5 });
    expect(s.builtInYears).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(s.versions).toEqual({ schedule: 0, thresholds: 0, items: 0, calendar: 0 });
  });

  it('refuses bad values with field messages and a stale version', async () => {
    const bad = await coordinator.put('/api/dispatch/settings', {
      part: 'thresholds',
      version: 0,
      value: { yellowBelowPoints: 20, redBelowPoints: 10, idleWeeks: 4, missingStreak: 2 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'value.redBelowPoints', message: '红灯阈值不能小于黄灯阈值' }]);
    const stale = await coordinator.put('/api/dispatch/settings', {
      part: 'items',
      version: 3,
      value: { deadlineDays: 3, escalationStepDays: 5 },
    });
    expect(stale.statusCode).toBe(409);
    const dept = await t.login('dept_staff');
    const refused = await dept.put('/api/dispatch/settings', {
      part: 'items',
      version: 0,
      value: { deadlineDays: 3, escalationStepDays: 5 },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('a changed threshold changes the lights on the board', async () => {
    const before = (await coordinator.get('/api/dispatch/reports?pageSize=200')).json();
    const greens = before.items.filter((r: { light: string }) => r.light === 'green').length;
    // nobody is more than 100 points behind: every project with a plan is green
    const saved = await coordinator.put('/api/dispatch/settings', {
      part: 'thresholds',
      version: 0,
      value: { yellowBelowPoints: 100, redBelowPoints: 100, idleWeeks: 4, missingStreak: 2 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().versions.thresholds).toBe(1);
    const after = (await coordinator.get('/api/dispatch/reports?pageSize=200')).json();
    const lights = new Set(after.items.map((r: { light: string }) => r.light));
    expect(lights.has('red')).toBe(false);
    expect(lights.has('yellow')).toBe(false);
    expect(after.items.filter((r: { light: string }) => r.light === 'green').length).toBeGreaterThanOrEqual(greens);
  });

  it('a changed deadline moves the week’s deadline; only an administrator edits the calendar', async () => {
    const s = (await coordinator.get('/api/dispatch/settings')).json();
    const saved = await coordinator.put('/api/dispatch/settings', {
      part: 'schedule',
      version: s.versions.schedule,
      value: { ...s.schedule, deadlineWeekday: 4, deadlineTime: '12:00' },
    });
    expect(saved.statusCode).toBe(200);
    const board = (await coordinator.get('/api/dispatch/reports?week=2026-W46&pageSize=1')).json();
    // Thursday 12 November 2026, 12:00 in Beijing
    expect(board.deadline).toBe('2026-11-12T04:00:00.000Z');
    const cal = { holidays: { '2027-01-01': '元旦' }, workdays: [] };
    expect(
      (await coordinator.put('/api/dispatch/settings', { part: 'calendar', version: 0, value: cal })).statusCode,
    ).toBe(403);
    const typo = await admin.put('/api/dispatch/settings', {
      part: 'calendar',
      version: 0,
      value: { holidays: {}, workdays: ['2027-01-05'] },
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.fields[0].message).toContain('不是周六或周日');
    const ok = await admin.put('/api/dispatch/settings', { part: 'calendar', version: 0, value: cal });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().calendarExtra).toEqual(cal);
    const audit = (await admin.get('/api/audit?entityType=setting&pageSize=50')).json();
    expect(audit.items.map((a: { entityId: string }) => a.entityId)).toEqual(
      expect.arrayContaining(['dispatch.warning_thresholds', 'dispatch.reporting_schedule', 'calendar.extra']),
    );
  });
});
