import { describe, expect, it } from 'vitest';
import { parseWan } from '../../domain/common/money.ts';
import { projectCodeProblems, usccProblems } from '../../domain/projects/codes.ts';
import { checkTransition, DEFAULT_MANDATORY_APPROVALS, isNewStart } from '../../domain/projects/lifecycle.ts';
import {
  APPROVAL_ITEMS,
  type ApprovalItem,
  CATEGORIES,
  FUNDING_SOURCES,
  ISO_DATE_RE,
  LEVELS,
  type ProjectFacts,
  STAGES,
  type Stage,
} from '../../domain/projects/project.ts';
import { DEMO_ACCOUNTS, DEMO_LEADERS, DEMO_REGIONS, DEMO_UNITS } from './demo-data.ts';
import { DEMO_PARKS, DEMO_PROJECT_BOXES, type DemoProject, demoProjects } from './demo-projects.ts';

const fakeId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const unitIdByKey = new Map(DEMO_UNITS.map((u, i) => [u.key, fakeId(i)]));
const leaderIdByKey = new Map(DEMO_LEADERS.map((l, i) => [l.key, fakeId(1000 + i)]));
const unitById = new Map(DEMO_UNITS.map((u, i) => [fakeId(i), u]));
const build = (today: string) => demoProjects({ today, unitIdByKey, leaderIdByKey });

const TODAY = '2026-03-15';
const CITY_REGIONS = ['990102', '990103', '990104', '990105', '990121', '990122', '990171', '990172'];
const STARTED: Stage[] = ['under_construction', 'completed', 'operating'];
const FROM_PREPARATION: Stage[] = ['preparation', 'under_construction', 'completed', 'operating', 'suspended'];

const wan = (text: string | null | undefined): bigint => {
  const v = parseWan(text ?? '');
  if (v === null) throw new Error(`not an amount: ${text}`);
  return v;
};
const doneItems = (p: DemoProject): ApprovalItem[] =>
  Object.entries(p.approvals ?? {})
    .filter(([, a]) => a.done)
    .map(([item]) => item as ApprovalItem);
/** the code's time segment as a YYMM number */
const codeMonth = (code: string) => Number(code.slice(0, 4));
const monthBefore = (today: string) => {
  const y = Number(today.slice(2, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? (y - 1) * 100 + 12 : y * 100 + m - 1;
};

describe('demo projects', () => {
  const { projects, assignments } = build(TODAY);
  const byStage = (s: Stage) => projects.filter((p) => p.stage === s);

  it('is deterministic: two calls give equal output', () => {
    expect(build(TODAY)).toEqual({ projects, assignments });
  });

  it('has about 300 projects over the districts, counties and parks of 示范市, with unique names and codes', () => {
    expect(projects.length).toBeGreaterThanOrEqual(280);
    expect(projects.length).toBeLessThanOrEqual(320);
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
    const codes = projects.map((p) => p.projectCode).filter((c): c is string => !!c);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of CITY_REGIONS) expect(projects.filter((p) => p.regionCode === code).length).toBeGreaterThan(20);
    for (const p of projects) expect(CITY_REGIONS).toContain(p.regionCode);
    expect(new Set(Object.keys(DEMO_PROJECT_BOXES))).toEqual(new Set(CITY_REGIONS));
    const known = new Set(DEMO_REGIONS.map((r) => r.code));
    for (const code of CITY_REGIONS) expect(known.has(code)).toBe(true);
  });

  it('uses the vocabularies', () => {
    for (const p of projects) {
      expect(STAGES).toContain(p.stage);
      expect(LEVELS).toContain(p.level);
      expect(CATEGORIES).toContain(p.category);
      expect(FUNDING_SOURCES).toContain(p.fundingSource);
      expect(p.industry).toMatch(/^[A-T]\d{4}$/);
      expect(p.planYear).toBe(2026);
      for (const item of Object.keys(p.approvals ?? {})) expect(APPROVAL_ITEMS).toContain(item);
    }
    for (const c of ['industry', 'infrastructure', 'livelihood', 'ecology', 'culture_tourism', 'urban'] as const) {
      expect(projects.filter((p) => p.category === c).length).toBeGreaterThan(10);
    }
    expect(projects.filter((p) => p.level === 'national' || p.level === 'provincial').length).toBeGreaterThan(2);
  });

  it('gives every owner a valid USCC registered in the project’s region, the same one for the same owner', () => {
    const usccOf = new Map<string, string>();
    for (const p of projects) {
      expect(usccProblems(p.ownerUscc!), `${p.ownerName} ${p.ownerUscc}`).toEqual([]);
      expect(p.ownerUscc!.slice(2, 8)).toBe(p.regionCode);
      expect(usccOf.get(p.ownerName) ?? p.ownerUscc).toBe(p.ownerUscc);
      usccOf.set(p.ownerName, p.ownerUscc!);
    }
    const agencies = projects.filter((p) => p.ownerUscc!.startsWith('1'));
    expect(agencies.length).toBeGreaterThan(3);
    for (const p of agencies) expect(p.fundingSource).toBe('government');
    expect(projects.filter((p) => p.ownerUscc!.startsWith('91')).length).toBeGreaterThan(projects.length / 2);
  });

  it('gives valid project codes in the project’s region, from 2301 to the month before today', () => {
    for (const p of projects.filter((x) => x.projectCode)) {
      const code = p.projectCode!;
      expect(
        projectCodeProblems(code, (r) => r === p.regionCode),
        code,
      ).toEqual([]);
      expect(codeMonth(code)).toBeGreaterThanOrEqual(2301);
      expect(codeMonth(code)).toBeLessThanOrEqual(monthBefore(TODAY));
    }
    for (const p of projects.filter((x) => FROM_PREPARATION.includes(x.stage as Stage))) {
      expect(p.projectCode, p.name).toBeTruthy();
    }
    const pipeline = byStage('pipeline');
    expect(pipeline.some((p) => p.projectCode)).toBe(true);
    expect(pipeline.some((p) => !p.projectCode)).toBe(true);
  });

  it('spreads the stages roughly as a city’s library is', () => {
    const share = (s: Stage) => byStage(s).length / projects.length;
    expect(share('pipeline')).toBeCloseTo(0.15, 1);
    expect(share('preparation')).toBeCloseTo(0.2, 1);
    expect(share('under_construction')).toBeCloseTo(0.45, 1);
    expect(share('completed')).toBeCloseTo(0.1, 1);
    expect(share('operating')).toBeCloseTo(0.05, 1);
    expect(byStage('suspended').length).toBeGreaterThan(0);
    expect(byStage('withdrawn').length).toBeGreaterThan(0);
    for (const p of byStage('suspended')) expect(['preparation', 'under_construction']).toContain(p.suspendedFrom);
    for (const p of projects.filter((x) => x.stage !== 'suspended')) expect(p.suspendedFrom).toBeNull();
  });

  it('keeps amounts and plans consistent', () => {
    for (const p of projects) {
      for (const v of [p.totalInvestment, p.annualPlan, ...(p.monthlyPlan ?? [])]) expect(v).toMatch(/^\d+\.\d{2}$/);
      const total = wan(p.totalInvestment);
      const annual = wan(p.annualPlan);
      expect(total).toBeGreaterThanOrEqual(wan('500'));
      expect(total).toBeLessThanOrEqual(wan('800000'));
      expect(annual).toBeLessThanOrEqual(total);
      expect(annual * 10n).toBeGreaterThanOrEqual(total);
      expect(annual * 10n).toBeLessThanOrEqual(total * 6n);
      const monthly = (p.monthlyPlan ?? []).map(wan);
      expect(monthly).toHaveLength(12);
      expect(monthly.at(-1)).toBe(annual);
      for (let m = 1; m < 12; m++) expect(monthly[m]!).toBeGreaterThanOrEqual(monthly[m - 1]!);
    }
    const totals = projects.map((p) => wan(p.totalInvestment));
    const mid = totals.filter((t) => t >= wan('5000') && t <= wan('100000')).length;
    expect(mid / projects.length).toBeGreaterThan(0.6);
  });

  it('describes industry projects with land, output and tax', () => {
    const industry = projects.filter((p) => p.category === 'industry');
    for (const p of industry) {
      const land = wan(p.landArea);
      expect(land).toBeGreaterThanOrEqual(wan('20'));
      expect(land).toBeLessThanOrEqual(wan('500'));
      expect(wan(p.expectedAnnualOutput)).toBeGreaterThan(0n);
      expect(wan(p.expectedAnnualTax)).toBeGreaterThan(0n);
    }
    for (const p of projects.filter((x) => x.category !== 'industry')) expect(p.landArea).toBeNull();
    expect(projects.some((p) => p.energyUse)).toBe(true);
    expect(projects.filter((p) => p.environmentalAssessment).length / projects.length).toBeGreaterThan(0.8);
  });

  it('dates each project as its stage requires', () => {
    for (const p of projects) {
      expect(p.plannedStartDate).toMatch(ISO_DATE_RE);
      expect(p.plannedCompletionDate! > p.plannedStartDate!, p.name).toBe(true);
      const basis = p.stage === 'suspended' ? p.suspendedFrom : p.stage;
      if (STARTED.includes(basis as Stage)) {
        expect(p.actualStartDate! < TODAY, p.name).toBe(true);
        expect(p.newStart).toBe(isNewStart(p.actualStartDate!, TODAY));
        const done = doneItems(p);
        for (const item of DEFAULT_MANDATORY_APPROVALS) expect(done, p.name).toContain(item);
        for (const a of Object.values(p.approvals ?? {})) {
          expect(a.done).toBe(true);
          expect(a.date! < p.actualStartDate!).toBe(true);
        }
        // the code came before the start
        expect(codeMonth(p.projectCode!)).toBeLessThan(Number(p.actualStartDate!.slice(2, 7).replace('-', '')));
      } else {
        expect(p.actualStartDate).toBeNull();
        expect(p.newStart).toBeNull();
      }
      if (basis === 'completed' || basis === 'operating') {
        expect(p.actualCompletionDate! > p.actualStartDate!).toBe(true);
        expect(p.actualCompletionDate! < TODAY).toBe(true);
      } else {
        expect(p.actualCompletionDate).toBeNull();
      }
      for (const a of Object.values(p.approvals ?? {})) {
        if (a.done) expect(a.date! < TODAY && !!a.docNo).toBe(true);
        else expect(a.date ?? null).toBeNull();
      }
    }
    expect(byStage('preparation').some((p) => doneItems(p).length > 0)).toBe(true);
    expect(byStage('under_construction').some((p) => p.newStart)).toBe(true);
    expect(byStage('under_construction').some((p) => p.newStart === false)).toBe(true);
    const batches = projects.map((p) => p.groundbreakingBatch).filter(Boolean);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThan(projects.length / 3);
    expect(batches).toContain('2026年春季集中开工');
  });

  it('lets every project under construction pass the lifecycle’s gate into construction', () => {
    for (const p of byStage('under_construction')) {
      const facts: ProjectFacts = {
        stage: 'preparation',
        suspendedFrom: null,
        hasValidProjectCode: true,
        approvalsDone: doneItems(p),
        plannedStartDate: p.plannedStartDate ?? null,
        plannedCompletionDate: p.plannedCompletionDate ?? null,
        actualStartDate: p.actualStartDate ?? null,
        actualCompletionDate: null,
        totalInvestment: wan(p.totalInvestment),
        annualPlan: wan(p.annualPlan),
        landArea: null,
        expectedAnnualTax: null,
        expectedAnnualOutput: null,
        energyUse: null,
        environmentalAssessment: p.environmentalAssessment ?? false,
        obsoleteCapacity: false,
        overcapacity: false,
        highEnergyHighEmission: false,
      };
      const check = checkTransition(facts, 'under_construction', {
        today: TODAY,
        mandatoryApprovals: DEFAULT_MANDATORY_APPROVALS,
      });
      expect(check.ok, p.name).toBe(true);
    }
  });

  it('places parks’ projects in the parks and every project inside its district’s box', () => {
    for (const p of projects) {
      const park = Object.entries(DEMO_PARKS).find(([, prefix]) => p.name.startsWith(prefix));
      if (park) expect(p.regionCode).toBe(park[0]);
      const unit = unitById.get(p.responsibleUnitId)!;
      expect(unit, p.name).toBeDefined();
      if (unit.kind === 'park_committee') expect(p.regionCode).toBe(unit.regionCode);
      if (unit.kind === 'government') expect(p.regionCode).toBe(unit.regionCode);
      if (p.regionCode in DEMO_PARKS) expect(unit.kind).toBe('park_committee');
      const box = DEMO_PROJECT_BOXES[p.regionCode]!;
      expect(p.longitude).toMatch(/^\d{3}\.\d{6}$/);
      expect(p.latitude).toMatch(/^\d{2}\.\d{6}$/);
      const lon = Number(p.longitude);
      const lat = Number(p.latitude);
      expect(lon > box.west && lon < box.east && lat > box.south && lat < box.north, p.name).toBe(true);
    }
    const parkProjects = projects.filter((p) => p.regionCode in DEMO_PARKS);
    const industryShare = (xs: DemoProject[]) => xs.filter((p) => p.category === 'industry').length / xs.length;
    expect(industryShare(parkProjects)).toBeGreaterThan(0.5);
    expect(industryShare(parkProjects)).toBeGreaterThan(
      industryShare(projects.filter((p) => !(p.regionCode in DEMO_PARKS))),
    );
    const byDepartment = projects.filter((p) => unitById.get(p.responsibleUnitId)!.kind === 'department');
    expect(byDepartment.length).toBeGreaterThan(10);
    expect(byDepartment.length).toBeLessThan(projects.length / 3);
  });

  it('assigns lead officials, "1+3" teams and site commissioners', () => {
    const leaders = new Set(DEMO_LEADERS.map((l) => l.key));
    const users = new Set(DEMO_ACCOUNTS.map((a) => a.username));
    for (const a of assignments) {
      expect(a.projectIndex).toBeGreaterThanOrEqual(0);
      expect(a.projectIndex).toBeLessThan(projects.length);
      expect(a.kind === 'lead_official' ? a.holderType === 'leader' : a.holderType === 'user').toBe(true);
      expect((a.holderType === 'leader' ? leaders : users).has(a.holderKey), a.holderKey).toBe(true);
    }
    const of = (i: number, kind: string) => assignments.filter((a) => a.projectIndex === i && a.kind === kind);
    projects.forEach((p, i) => {
      const lead = of(i, 'lead_official');
      expect(lead, p.name).toHaveLength(FROM_PREPARATION.includes(p.stage as Stage) ? 1 : 0);
      expect(of(i, 'team_member').length).toBeLessThanOrEqual(3);
      if (p.stage !== 'under_construction') expect(of(i, 'site_commissioner')).toHaveLength(0);
      if (lead[0] && !['mayor', 'exec-vice'].includes(lead[0].holderKey)) {
        const expected = {
          industry: 'vice-industry',
          infrastructure: 'vice-urban',
          urban: 'vice-urban',
          livelihood: 'vice-social',
          culture_tourism: 'vice-social',
          ecology: 'vice-rural',
          other: 'exec-vice',
        }[p.category as (typeof CATEGORIES)[number]];
        expect(lead[0].holderKey, p.name).toBe(expected);
      }
    });
    const top = assignments.filter((a) => a.kind === 'lead_official' && ['mayor'].includes(a.holderKey));
    expect(top.length).toBeGreaterThan(0);
    const teams = new Set(assignments.filter((a) => a.kind === 'team_member').map((a) => a.projectIndex));
    expect(teams.size).toBeGreaterThanOrEqual(30);
    expect(teams.size).toBeLessThanOrEqual(50);
    const building = byStage('under_construction').length;
    const commissioned = assignments.filter((a) => a.kind === 'site_commissioner').length;
    expect(commissioned / building).toBeCloseTo(0.6, 1);
  });

  it('records the admission gates a pipeline project failed', () => {
    for (const p of projects) {
      if (p.environmentalAssessment) expect(p.admissionFailures).toEqual([]);
      else expect(p.admissionFailures?.map((f) => f.gate)).toEqual(['ENVIRONMENTAL_ASSESSMENT']);
    }
  });
});

describe.each(['2024-01-01', '2024-07-20', '2025-12-31', '2026-01-01', '2027-06-30'])(
  'demo projects on %s',
  (today) => {
    const { projects, assignments } = build(today);

    it('keeps codes, dates and plans valid', () => {
      expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
      expect(assignments.length).toBeGreaterThan(projects.length / 2);
      for (const p of projects) {
        if (p.projectCode) {
          expect(projectCodeProblems(p.projectCode, (r) => r === p.regionCode)).toEqual([]);
          expect(codeMonth(p.projectCode)).toBeGreaterThanOrEqual(2301);
          expect(codeMonth(p.projectCode)).toBeLessThanOrEqual(monthBefore(today));
        }
        expect(p.plannedCompletionDate! > p.plannedStartDate!).toBe(true);
        if (p.actualStartDate) {
          expect(p.actualStartDate < today).toBe(true);
          expect(p.actualStartDate >= '2023-02-01').toBe(true);
          expect(p.newStart).toBe(isNewStart(p.actualStartDate, today));
          expect(codeMonth(p.projectCode!)).toBeLessThan(Number(p.actualStartDate.slice(2, 7).replace('-', '')));
        }
        if (p.actualCompletionDate) {
          expect(p.actualCompletionDate > p.actualStartDate!).toBe(true);
          expect(p.actualCompletionDate < today).toBe(true);
        }
        for (const a of Object.values(p.approvals ?? {})) if (a.done) expect(a.date! < today).toBe(true);
        expect(p.planYear).toBe(Number(today.slice(0, 4)));
      }
    });
  },
);

it('refuses a malformed or too early today', () => {
  expect(() => build('2026-3-15')).toThrow(RangeError);
  expect(() => build('2023-06-30')).toThrow(RangeError);
});
