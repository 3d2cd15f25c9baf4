import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../domain/common/business-date.ts';
import { addDays, addWorkingDays, OFFICIAL_CALENDAR } from '../../domain/common/calendar.ts';
import { addWeeks, weekKeyOf, weekStart } from '../../domain/common/iso-week.ts';
import { parseWan, type Wan } from '../../domain/common/money.ts';
import { escalationLevelFor, ITEM_CATEGORIES, ITEM_STATUSES } from '../../domain/dispatch/items.ts';
import { checkPhoto } from '../../domain/dispatch/photo-check.ts';
import {
  consecutiveMissing,
  DEFAULT_REPORTING_SCHEDULE,
  type ReportTiming,
  reportTiming,
} from '../../domain/dispatch/schedule.ts';
import {
  DEFAULT_WARNING_THRESHOLDS,
  investmentLight,
  isStartedButIdle,
  type Light,
  scheduleCumulativeFor,
} from '../../domain/dispatch/warnings.ts';
import { readPhotoFacts } from '../platform/files/images.ts';
import { ENGINES, useTestApp } from '../test/harness.ts';
import { DEMO_LEADERS, DEMO_UNITS } from './demo-data.ts';
import {
  DEMO_HISTORY_WEEKS,
  type DemoDispatchPlan,
  type PlannedReport,
  planDemoDispatch,
  renderDemoPhoto,
} from './demo-dispatch.ts';
import { demoEntryDates } from './demo-planning.ts';
import { type DemoProject, demoProjects } from './demo-projects.ts';

const fakeId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const unitIdByKey = new Map(DEMO_UNITS.map((u, i) => [u.key, fakeId(i)]));
const leaderIdByKey = new Map(DEMO_LEADERS.map((l, i) => [l.key, fakeId(1000 + i)]));
const cal = OFFICIAL_CALENDAR;
const schedule = DEFAULT_REPORTING_SCHEDULE;

function build(now: Date) {
  const demo = demoProjects({ today: businessDate(now), unitIdByKey, leaderIdByKey });
  const commissioned = new Set(
    demo.assignments.filter((a) => a.kind === 'site_commissioner').map((a) => a.projectIndex),
  );
  const options = { now, projects: demo.projects, entered: demoEntryDates(demo.projects, now), commissioned };
  return { projects: demo.projects, options, plan: planDemoDispatch(options) };
}

const wan = (text: string | null | undefined): Wan => parseWan(text ?? '') ?? 0n;
const counted = (r: PlannedReport) => r.status === 'submitted' || r.status === 'accepted';
const monthOfWeek = (week: string) => Number(addDays(weekStart(week), 3).slice(5, 7));
const countBy = <T>(xs: readonly T[], key: (x: T) => string) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};

/** The current week's light of each reporting project, as the dispatch service computes it. */
function lights(projects: readonly DemoProject[], plan: DemoDispatchPlan): Map<number, Light> {
  const isoYear = Number(plan.currentWeek.slice(0, 4));
  const out = new Map<number, Light>();
  for (const prof of plan.profiles) {
    const p = projects[prof.projectIndex]!;
    const annual = p.annualPlan && p.planYear === isoYear ? wan(p.annualPlan) : null;
    const ytd = plan.reports
      .filter((r) => r.projectIndex === prof.projectIndex && r.week.startsWith(`${isoYear}-`) && counted(r))
      .reduce((s, r) => s + wan(r.investedThisWeek), 0n);
    const sched = scheduleCumulativeFor(p.monthlyPlan ?? null, annual, monthOfWeek(plan.currentWeek)) ?? 0n;
    out.set(
      prof.projectIndex,
      investmentLight({ ytd, annualPlan: annual, scheduleCumulative: sched }, DEFAULT_WARNING_THRESHOLDS).light,
    );
  }
  return out;
}

/** Every week from the project's first to the current one, newest first, as on time / late / missing / pending. */
function timings(plan: DemoDispatchPlan, projectIndex: number, now: Date): ReportTiming[] {
  const prof = plan.profiles.find((p) => p.projectIndex === projectIndex)!;
  const byWeek = new Map(plan.reports.filter((r) => r.projectIndex === projectIndex).map((r) => [r.week, r]));
  const out: ReportTiming[] = [];
  for (let w = plan.currentWeek; w >= prof.firstWeek; w = addWeeks(w, -1)) {
    out.push(reportTiming({ weekKey: w, submittedAt: byWeek.get(w)?.firstSubmittedAt ?? null, now, schedule, cal }));
  }
  return out;
}

/** Invariants that hold whatever day the demo is built on; the broken ones, as sentences (one expect, not 100k). */
function problems(projects: readonly DemoProject[], plan: DemoDispatchPlan, now: Date): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && out.length < 20) out.push(what);
  };
  const at = now.getTime();
  check(plan.weeks.length >= DEMO_HISTORY_WEEKS, `only ${plan.weeks.length} weeks`);
  check(plan.weeks.at(-1) === weekKeyOf(businessDate(now)), `history ends ${plan.weeks.at(-1)}`);
  const reporting = projects.filter((p) => p.stage === 'preparation' || p.stage === 'under_construction').length;
  check(plan.profiles.length === reporting, `${plan.profiles.length} profiles for ${reporting} reporting projects`);
  const keys = new Set<string>();
  const done = new Map<number, Wan>();
  for (const r of plan.reports) {
    const key = `${r.projectIndex}|${r.week}`;
    check(!keys.has(key), `two reports ${key}`);
    keys.add(key);
    check(['preparation', 'under_construction'].includes(projects[r.projectIndex]!.stage!), `${key}: stage`);
    check(r.weekStart === weekStart(r.week), `${key}: week start`);
    // money: exact two decimals, never negative, never above the total investment
    check(/^\d+\.\d{2}$/.test(r.investedThisWeek), `${key}: amount ${r.investedThisWeek}`);
    if (counted(r)) done.set(r.projectIndex, (done.get(r.projectIndex) ?? 0n) + wan(r.investedThisWeek));
    // times in order, none in the future
    check(r.createdAt.getTime() <= r.updatedAt.getTime() && r.updatedAt.getTime() <= at, `${key}: created/updated`);
    if (r.status === 'draft') {
      check(r.firstSubmittedAt === null && r.submittedAt === null, `${key}: a draft with a submission`);
    } else {
      const first = r.firstSubmittedAt?.getTime() ?? Number.NaN;
      const last = r.submittedAt?.getTime() ?? Number.NaN;
      check(r.createdAt.getTime() <= first && first <= last && last <= at, `${key}: submission times`);
      check(first >= new Date(`${r.weekStart}T00:00:00+08:00`).getTime(), `${key}: submitted before the week`);
    }
    if (r.status === 'accepted' || r.status === 'returned') {
      const reviewed = r.reviewedAt?.getTime() ?? Number.NaN;
      check(r.submittedAt!.getTime() < reviewed && reviewed <= at, `${key}: review time`);
    }
    check((r.returnedReason !== null) === (r.status === 'returned'), `${key}: returned reason`);
    check(r.visibleProgress.length >= 4, `${key}: progress "${r.visibleProgress}"`);
  }
  for (const [i, sum] of done) check(sum <= wan(projects[i]!.totalInvestment), `project ${i} above its total`);
  for (const it of plan.items) {
    const key = `item ${it.description}`;
    check(it.dueDate === addWorkingDays(it.raisedDate, 5, cal), `${key}: due date`);
    check(it.events[0]!.action === 'raised', `${key}: first event`);
    it.events.forEach((e, k) => {
      check(k === 0 || e.at.getTime() >= it.events[k - 1]!.at.getTime(), `${key}: events out of order`);
      check(e.at.getTime() <= at, `${key}: an event in the future`);
    });
    check(it.events.filter((e) => e.action === 'escalated').length === it.escalationLevel, `${key}: escalation events`);
  }
  for (const ph of plan.photos) {
    const r = plan.reports[ph.reportIndex]!;
    const up = ph.uploadedAt.getTime();
    check(r.createdAt.getTime() <= up && up <= (r.firstSubmittedAt ?? now).getTime(), `photo on ${r.week}: upload`);
    check(!ph.exif || ph.exif.takenAt.getTime() <= up, `photo on ${r.week}: taken after upload`);
  }
  return out;
}

describe('demo weekly dispatch: the plan', () => {
  // a Thursday morning: the current week is partly reported
  const NOW = new Date('2026-11-26T02:30:00Z');
  const { projects, options, plan } = build(NOW);
  const today = businessDate(NOW);

  it('is deterministic: the same day gives the same plan', () => {
    expect(planDemoDispatch(options)).toEqual(plan);
  });

  it('covers the ISO year so far (at least 26 weeks) for every project in a reporting stage', () => {
    expect(plan.weeks[0]).toBe('2026-W01');
    expect(plan.currentWeek).toBe('2026-W48');
    expect(problems(projects, plan, NOW)).toEqual([]);
    expect(new Set(plan.reports.map((r) => r.week)).size).toBeGreaterThanOrEqual(22);
    expect(plan.reports.length).toBeGreaterThan(5000);
    for (const prof of plan.profiles) {
      if (prof.firstWeek <= addWeeks(plan.currentWeek, -4)) {
        expect(plan.reports.some((r) => r.projectIndex === prof.projectIndex)).toBe(true);
      }
    }
  });

  it('has older weeks mostly accepted, a few returned with a reason, and this week partly submitted', () => {
    const older = plan.reports.filter((r) => r.week < addWeeks(plan.currentWeek, -1));
    const byStatus = countBy(older, (r) => r.status);
    expect(byStatus.accepted! / older.length).toBeGreaterThan(0.9);
    expect(plan.reports.filter((r) => r.status === 'returned').length).toBeGreaterThanOrEqual(3);
    const current = plan.reports.filter((r) => r.week === plan.currentWeek);
    const cur = countBy(current, (r) => r.status);
    expect((cur.submitted ?? 0) + (cur.accepted ?? 0)).toBeGreaterThan(20);
    expect(cur.draft ?? 0).toBeGreaterThan(10);
    expect(current.length / plan.profiles.length).toBeGreaterThan(0.5);
    expect(current.length).toBeLessThan(plan.profiles.length); // some not started yet: still pending
  });

  it('is mostly on time, with some late submissions', () => {
    const submitted = plan.reports.filter((r) => r.firstSubmittedAt);
    const t = countBy(submitted, (r) =>
      reportTiming({ weekKey: r.week, submittedAt: r.firstSubmittedAt, now: NOW, schedule, cal }),
    );
    expect(t.late! / submitted.length).toBeGreaterThan(0.02);
    expect(t.late! / submitted.length).toBeLessThan(0.15);
    expect(t.missing).toBeUndefined();
  });

  it('has mostly green projects, and yellow and clearly red ones', () => {
    const l = countBy([...lights(projects, plan).values()], (x) => x);
    const n = plan.profiles.length;
    expect(l.green! / n).toBeGreaterThan(0.55);
    expect(l.yellow! / n).toBeGreaterThan(0.08);
    expect(l.red! / n).toBeGreaterThan(0.08);
    expect(l.red! / n).toBeLessThan(0.3);
    // the plan's own record of the light is the rule's
    for (const [i, light] of lights(projects, plan)) {
      expect(plan.profiles.find((p) => p.projectIndex === i)!.light).toBe(light);
    }
  });

  it('has a few 开而未建 projects: under construction, nothing invested for four weeks or more', () => {
    const idle = plan.profiles.filter((prof) =>
      isStartedButIdle({
        stage: projects[prof.projectIndex]!.stage as 'under_construction',
        weeklyAmountsNewestFirst: plan.reports
          .filter((r) => r.projectIndex === prof.projectIndex && counted(r))
          .sort((a, b) => b.week.localeCompare(a.week))
          .map((r) => wan(r.investedThisWeek)),
        idleWeeks: DEFAULT_WARNING_THRESHOLDS.idleWeeks,
      }),
    );
    expect(idle.length).toBeGreaterThanOrEqual(3);
    expect(idle.length).toBeLessThanOrEqual(10);
  });

  it('has missing weeks, among them two or more in a row up to last week', () => {
    const streaks = plan.profiles.map((p) => consecutiveMissing(timings(plan, p.projectIndex, NOW)));
    expect(streaks.filter((s) => s >= 2).length).toBeGreaterThanOrEqual(3);
    const withMissing = plan.profiles.filter((p) => timings(plan, p.projectIndex, NOW).includes('missing'));
    expect(withMissing.length).toBeGreaterThanOrEqual(12);
    expect(withMissing.length).toBeLessThan(plan.profiles.length / 3);
  });

  it('writes plausible progress texts, workers and occasional milestones', () => {
    const texts = plan.reports.map((r) => r.visibleProgress).join('\n');
    for (const phrase of ['主体结构施工至第', '钢结构吊装完成', '设备安装', '土方开挖', '环评']) {
      expect(texts).toContain(phrase);
    }
    const milestones = plan.reports.filter((r) => r.milestone);
    expect(milestones.length).toBeGreaterThan(50);
    expect(milestones.length / plan.reports.length).toBeLessThan(0.1);
    expect(milestones.map((r) => r.milestone)).toContain('主体结构封顶');
    const building = plan.reports.filter((r) => r.workersOnSite !== null && r.workersOnSite > 20);
    expect(building.length).toBeGreaterThan(plan.reports.length / 3);
  });

  it('has 40–80 photos, most verified, a few old, far away, without EXIF and one sent twice', () => {
    expect(plan.photos.length).toBeGreaterThanOrEqual(40);
    expect(plan.photos.length).toBeLessThanOrEqual(80);
    const codes = plan.photos.flatMap((ph) => ph.check.reasons.map((r) => r.code));
    for (const code of ['outside_week', 'too_far', 'no_time', 'no_location', 'reused']) expect(codes).toContain(code);
    expect(plan.photos.filter((ph) => ph.check.verified).length / plan.photos.length).toBeGreaterThan(0.7);
    const reused = plan.photos.filter((ph) => ph.sameAs !== null);
    expect(reused.length).toBeGreaterThanOrEqual(1);
    for (const ph of reused) {
      const src = plan.photos[ph.sameAs!]!;
      expect(src.image).toBe(ph.image);
      expect(src.reportIndex).not.toBe(ph.reportIndex);
      expect(src.uploadedAt.getTime()).toBeLessThan(ph.uploadedAt.getTime());
    }
    // the check is the domain's on what the EXIF says
    for (const ph of plan.photos) {
      const r = plan.reports[ph.reportIndex]!;
      const p = projects[r.projectIndex]!;
      const src = ph.sameAs === null ? null : plan.reports[plan.photos[ph.sameAs]!.reportIndex]!;
      expect(
        checkPhoto({
          takenAt: ph.exif?.takenAt ?? null,
          lat: ph.exif?.lat ?? null,
          lng: ph.exif?.lng ?? null,
          weekKey: r.week,
          project: { lat: Number(p.latitude), lng: Number(p.longitude) },
          reusedFrom: src ? { weekKey: src.week, projectName: projects[src.projectIndex]!.name } : null,
        }),
      ).toEqual(ph.check);
    }
  });

  it('has 25–40 coordination items in every status and category, some overdue and escalated', () => {
    expect(plan.items.length).toBeGreaterThanOrEqual(25);
    expect(plan.items.length).toBeLessThanOrEqual(40);
    expect(new Set(plan.items.map((it) => it.status))).toEqual(new Set(ITEM_STATUSES));
    expect(new Set(plan.items.map((it) => it.category))).toEqual(new Set(ITEM_CATEGORIES));
    const units = new Set(DEMO_UNITS.map((u) => u.key));
    const after: Record<string, string> = {
      raised: 'open',
      accepted: 'accepted',
      responded: 'in_progress',
      resolved: 'resolved',
      closed_out: 'closed_out',
      reopened: 'reopened',
    };
    for (const it of plan.items) {
      expect(units.has(it.assignedUnitKey)).toBe(true);
      expect(units.has(it.raisedByUnitKey)).toBe(true);
      expect(it.description.length).toBeGreaterThan(6);
      const last = it.events.filter((e) => e.action !== 'escalated').at(-1)!;
      expect(after[last.action]).toBe(it.status);
      if (it.status === 'in_progress') expect(it.events.some((e) => e.action === 'responded')).toBe(true);
      expect(it.resolvedAt !== null).toBe(it.status === 'resolved' || it.status === 'closed_out');
      expect(it.closedAt !== null).toBe(it.status === 'closed_out');
      // still open a working day past the due date: escalated
      const unresolved = ['open', 'accepted', 'in_progress', 'reopened'].includes(it.status);
      if (unresolved && addWorkingDays(it.dueDate, 1, cal) < today) expect(it.escalationLevel).toBeGreaterThan(0);
      if (it.escalationLevel > 0) expect(it.escalatedAt).not.toBeNull();
      // today's sweep (already run at 09:00) finds nothing new to escalate
      expect(escalationLevelFor(it, today, cal)).toBe(it.escalationLevel);
    }
    const levels = countBy(plan.items, (it) => String(it.escalationLevel));
    expect(levels['1']).toBeGreaterThanOrEqual(2);
    expect(levels['2']).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a Monday before work', '2026-03-02T00:30:00Z'],
    ['the Spring Festival week', '2026-02-18T04:00:00Z'],
    ['the National Day week', '2026-10-05T04:00:00Z'],
    ['early January, the history reaching into last year', '2027-01-06T02:00:00Z'],
    ['New Year’s Eve, ISO week 53', '2026-12-31T15:30:00Z'],
  ])('stays consistent on %s', (_, at) => {
    const now = new Date(at);
    const { projects: ps, plan: p } = build(now);
    expect(problems(ps, p, now)).toEqual([]);
    expect(p.items.length).toBeGreaterThanOrEqual(25);
    expect(p.photos.length).toBeGreaterThanOrEqual(40);
  });
});

describe('demo weekly dispatch: the photos', () => {
  const NOW = new Date('2026-11-26T02:30:00Z');
  const { projects, plan } = build(NOW);

  it('are JPEGs whose EXIF, read back as an upload is, gives the planned verdict', async () => {
    const pick = (kind: string) => plan.photos.find((ph) => ph.kind === kind)!;
    for (const ph of [pick('site'), pick('old_photo'), pick('far_away'), pick('no_exif'), pick('no_gps')]) {
      const bytes = await renderDemoPhoto(ph);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      const facts = await readPhotoFacts(bytes);
      const r = plan.reports[ph.reportIndex]!;
      const p = projects[r.projectIndex]!;
      const check = checkPhoto({
        takenAt: facts.takenAt,
        lat: facts.latitude,
        lng: facts.longitude,
        weekKey: r.week,
        project: { lat: Number(p.latitude), lng: Number(p.longitude) },
        reusedFrom: null,
      });
      expect(
        check.reasons.map((x) => x.code),
        ph.kind,
      ).toEqual(ph.check.reasons.map((x) => x.code));
      if (ph.exif) expect(Math.abs(facts.takenAt!.getTime() - ph.exif.takenAt.getTime())).toBeLessThan(1000);
    }
  });
});

describe.each(ENGINES)('demo weekly dispatch in the seeded database on %s', (engine) => {
  const t = useTestApp(engine);
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await t.ctx.db.execute(query)) as unknown as { rows: T[] }).rows;

  it('has 20+ weeks of reports with green, yellow and red projects, missing weeks, photos and items', async () => {
    const [weeks] = await rows<{ n: number; last: string }>(
      sql`select count(distinct week)::int as n, max(week) as last from weekly_reports`,
    );
    expect(weeks!.n).toBeGreaterThanOrEqual(20);
    const week = weeks!.last;
    const isoYear = Number(week.slice(0, 4));

    // the current week's lights, from the rows as the dispatch service reads them
    const projects = await rows<{
      id: string;
      annual_plan: string | null;
      plan_year: number;
      monthly_plan: string[] | null;
      ytd: string;
    }>(sql`select p.id, p.annual_plan, p.plan_year, p.monthly_plan,
        coalesce((select sum(r.invested_this_week) from weekly_reports r where r.project_id = p.id
          and r.status in ('submitted', 'accepted') and r.week between ${`${isoYear}-W01`} and ${week}), 0)::text as ytd
        from projects p where p.stage in ('preparation', 'under_construction')`);
    const light = countBy(projects, (p) => {
      const annual = p.annual_plan && p.plan_year === isoYear ? wan(p.annual_plan) : null;
      const sched = scheduleCumulativeFor(p.monthly_plan, annual, monthOfWeek(week)) ?? 0n;
      return investmentLight(
        { ytd: wan(p.ytd), annualPlan: annual, scheduleCumulative: sched },
        DEFAULT_WARNING_THRESHOLDS,
      ).light;
    });
    expect(light.green).toBeGreaterThan(projects.length / 2);
    expect(light.yellow).toBeGreaterThan(5);
    expect(light.red).toBeGreaterThan(5);

    // projects without a report (or with only a draft) for both of the last two weeks
    const [missing] = await rows<{ n: number }>(sql`select count(*)::int as n from projects p
        where p.stage in ('preparation', 'under_construction') and p.created_at < ${new Date(Date.now() - 60 * 86_400_000)}
        and not exists (select 1 from weekly_reports r where r.project_id = p.id and r.first_submitted_at is not null
          and r.week in (${addWeeks(week, -1)}, ${addWeeks(week, -2)}))`);
    expect(missing!.n).toBeGreaterThanOrEqual(2);

    const [photos] = await rows<{ n: number; unverified: number; files: number }>(
      sql`select count(*)::int as n, (count(*) filter (where not ph.verified))::int as unverified,
        count(distinct f.id)::int as files
        from weekly_report_photos ph join files f on f.id = ph.file_id join files th on th.id = ph.thumb_file_id`,
    );
    expect(photos!.n).toBeGreaterThanOrEqual(40);
    expect(photos!.unverified).toBeGreaterThanOrEqual(5);
    expect(photos!.files).toBe(photos!.n);

    const items = await rows<{ status: string; n: number; events: number }>(
      sql`select i.status, count(*)::int as n,
        sum((select count(*) from coordination_item_events e where e.item_id = i.id))::int as events
        from coordination_items i group by i.status`,
    );
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const s of items) expect(s.events).toBeGreaterThan(s.n - 1);
  });
});
