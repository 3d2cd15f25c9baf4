import { describe, expect, it } from 'vitest';
import {
  allowedTargets,
  type BlockerCode,
  checkTransition,
  DEFAULT_MANDATORY_APPROVALS,
  explainTargets,
  isNewStart,
  type TransitionContext,
  type TransitionEffects,
} from './lifecycle.ts';
import { APPROVAL_ITEMS, type ApprovalItem, type ProjectFacts, STAGES, type Stage } from './project.ts';

const TODAY = '2026-03-15';

/** A project that meets every condition: valid code, every approval, started last month. */
function project(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    stage: 'pipeline',
    suspendedFrom: null,
    hasValidProjectCode: true,
    approvalsDone: [...APPROVAL_ITEMS],
    plannedStartDate: '2026-02-01',
    plannedCompletionDate: '2027-12-31',
    actualStartDate: '2026-02-10',
    actualCompletionDate: null,
    totalInvestment: 1_000_000n,
    annualPlan: 300_000n,
    landArea: 10_000n,
    expectedAnnualTax: 50_000n,
    expectedAnnualOutput: 2_000_000n,
    energyUse: 100_000n,
    environmentalAssessment: true,
    obsoleteCapacity: false,
    overcapacity: false,
    highEnergyHighEmission: false,
    ...overrides,
  };
}

const ctx = (overrides: Partial<TransitionContext> = {}): TransitionContext => ({
  today: TODAY,
  mandatoryApprovals: DEFAULT_MANDATORY_APPROVALS,
  reason: '项目资金未落实',
  ...overrides,
});

const codesOf = (r: ReturnType<typeof checkTransition>): BlockerCode[] | 'ok' =>
  r.ok ? 'ok' : r.blockers.map((b) => b.code);

/**
 * Every (from, to) pair of the seven stages, for a project that meets every condition and gives a reason. A
 * suspended project here was suspended from `preparation`; the `under_construction` case follows below.
 */
const PAIRS: [Stage, Stage, BlockerCode[] | 'ok'][] = [
  ['pipeline', 'pipeline', ['NOT_ALLOWED']],
  ['pipeline', 'preparation', 'ok'],
  ['pipeline', 'under_construction', ['NOT_ALLOWED']],
  ['pipeline', 'completed', ['NOT_ALLOWED']],
  ['pipeline', 'operating', ['NOT_ALLOWED']],
  ['pipeline', 'suspended', ['NOT_ALLOWED']],
  ['pipeline', 'withdrawn', 'ok'],
  ['preparation', 'pipeline', ['NOT_ALLOWED']],
  ['preparation', 'preparation', ['NOT_ALLOWED']],
  ['preparation', 'under_construction', 'ok'],
  ['preparation', 'completed', ['NOT_ALLOWED']],
  ['preparation', 'operating', ['NOT_ALLOWED']],
  ['preparation', 'suspended', 'ok'],
  ['preparation', 'withdrawn', 'ok'],
  ['under_construction', 'pipeline', ['NOT_ALLOWED']],
  ['under_construction', 'preparation', ['NOT_ALLOWED']],
  ['under_construction', 'under_construction', ['NOT_ALLOWED']],
  ['under_construction', 'completed', 'ok'],
  ['under_construction', 'operating', ['NOT_ALLOWED']],
  ['under_construction', 'suspended', 'ok'],
  ['under_construction', 'withdrawn', 'ok'],
  ['completed', 'pipeline', ['NOT_ALLOWED']],
  ['completed', 'preparation', ['NOT_ALLOWED']],
  ['completed', 'under_construction', ['NOT_ALLOWED']],
  ['completed', 'completed', ['NOT_ALLOWED']],
  ['completed', 'operating', 'ok'],
  ['completed', 'suspended', ['NOT_ALLOWED']],
  ['completed', 'withdrawn', 'ok'],
  ['operating', 'pipeline', ['NOT_ALLOWED']],
  ['operating', 'preparation', ['NOT_ALLOWED']],
  ['operating', 'under_construction', ['NOT_ALLOWED']],
  ['operating', 'completed', ['NOT_ALLOWED']],
  ['operating', 'operating', ['NOT_ALLOWED']],
  ['operating', 'suspended', ['NOT_ALLOWED']],
  ['operating', 'withdrawn', 'ok'],
  ['suspended', 'pipeline', ['NOT_ALLOWED']],
  ['suspended', 'preparation', 'ok'],
  ['suspended', 'under_construction', ['NOT_ALLOWED']],
  ['suspended', 'completed', ['NOT_ALLOWED']],
  ['suspended', 'operating', ['NOT_ALLOWED']],
  ['suspended', 'suspended', ['NOT_ALLOWED']],
  ['suspended', 'withdrawn', 'ok'],
  ['withdrawn', 'pipeline', ['ALREADY_WITHDRAWN']],
  ['withdrawn', 'preparation', ['ALREADY_WITHDRAWN']],
  ['withdrawn', 'under_construction', ['ALREADY_WITHDRAWN']],
  ['withdrawn', 'completed', ['ALREADY_WITHDRAWN']],
  ['withdrawn', 'operating', ['ALREADY_WITHDRAWN']],
  ['withdrawn', 'suspended', ['ALREADY_WITHDRAWN']],
  ['withdrawn', 'withdrawn', ['ALREADY_WITHDRAWN']],
];

const inStage = (stage: Stage) =>
  project({ stage, suspendedFrom: stage === 'suspended' ? 'preparation' : null, actualCompletionDate: null });

describe('checkTransition: every pair of stages', () => {
  it('the table holds each of the 49 pairs exactly once', () => {
    const keys = new Set(PAIRS.map(([from, to]) => `${from}→${to}`));
    expect(keys.size).toBe(49);
    expect(PAIRS).toHaveLength(STAGES.length * STAGES.length);
  });

  it.each(PAIRS)('%s → %s: %j', (from, to, expected) => {
    expect(codesOf(checkTransition(inStage(from), to, ctx()))).toEqual(expected);
  });

  it.each(STAGES)('allowedTargets(%s) lists exactly the pairs the table allows', (from) => {
    const expected = PAIRS.filter(([f, , r]) => f === from && r === 'ok').map(([, to]) => to);
    expect(allowedTargets(from, from === 'suspended' ? 'preparation' : null).sort()).toEqual(expected.sort());
  });
});

describe('checkTransition: suspended goes back only where it came from', () => {
  it.each<[Stage | null, Stage, BlockerCode[] | 'ok']>([
    ['under_construction', 'under_construction', 'ok'],
    ['under_construction', 'preparation', ['NOT_ALLOWED']],
    ['under_construction', 'completed', ['NOT_ALLOWED']],
    ['under_construction', 'withdrawn', 'ok'],
    ['preparation', 'preparation', 'ok'],
    ['preparation', 'under_construction', ['NOT_ALLOWED']],
    // no recorded origin: it can only be withdrawn
    [null, 'preparation', ['NOT_ALLOWED']],
    [null, 'under_construction', ['NOT_ALLOWED']],
    [null, 'withdrawn', 'ok'],
  ])('suspended from %s → %s: %j', (from, to, expected) => {
    const p = project({ stage: 'suspended', suspendedFrom: from as ProjectFacts['suspendedFrom'] });
    expect(codesOf(checkTransition(p, to, ctx()))).toEqual(expected);
  });

  it.each<[ProjectFacts['suspendedFrom'], Stage[]]>([
    ['preparation', ['preparation', 'withdrawn']],
    ['under_construction', ['under_construction', 'withdrawn']],
    [null, ['withdrawn']],
  ])('allowedTargets(suspended, %s) = %j', (from, targets) => {
    expect(allowedTargets('suspended', from)).toEqual(targets);
  });
});

describe('checkTransition: blockers', () => {
  it.each<[string, Stage, Stage, Partial<ProjectFacts>, Partial<TransitionContext>, BlockerCode[]]>([
    ['no project code', 'pipeline', 'preparation', { hasValidProjectCode: false }, {}, ['PROJECT_CODE_REQUIRED']],
    [
      'no project code on resuming preparation',
      'suspended',
      'preparation',
      { suspendedFrom: 'preparation', hasValidProjectCode: false },
      {},
      ['PROJECT_CODE_REQUIRED'],
    ],
    [
      'no approvals at all',
      'preparation',
      'under_construction',
      { approvalsDone: [] },
      {},
      ['APPROVAL_MISSING', 'APPROVAL_MISSING'],
    ],
    [
      'construction permit missing',
      'preparation',
      'under_construction',
      { approvalsDone: ['project_approval', 'environmental'] },
      {},
      ['APPROVAL_MISSING'],
    ],
    [
      'approvals missing on resuming construction',
      'suspended',
      'under_construction',
      { suspendedFrom: 'under_construction', approvalsDone: ['project_approval'] },
      {},
      ['APPROVAL_MISSING'],
    ],
    [
      'no mandatory approvals in settings',
      'preparation',
      'under_construction',
      { approvalsDone: [] },
      { mandatoryApprovals: [] },
      [],
    ],
    [
      'stricter settings: every item',
      'preparation',
      'under_construction',
      {
        approvalsDone: [
          'project_approval',
          'land_pre_review',
          'land_planning',
          'engineering_planning',
          'construction_permit',
        ],
      },
      { mandatoryApprovals: APPROVAL_ITEMS },
      ['APPROVAL_MISSING', 'APPROVAL_MISSING'],
    ],
    [
      'code is not checked outside preparation',
      'preparation',
      'under_construction',
      { hasValidProjectCode: false },
      {},
      [],
    ],
    [
      'no start date on completion',
      'under_construction',
      'completed',
      { actualStartDate: null },
      {},
      ['START_DATE_MISSING'],
    ],
    [
      'start date after today',
      'under_construction',
      'completed',
      { actualStartDate: '2026-03-16' },
      {},
      ['START_AFTER_COMPLETION'],
    ],
    ['start date today', 'under_construction', 'completed', { actualStartDate: TODAY }, {}, []],
    [
      'recorded completion before start',
      'under_construction',
      'completed',
      { actualStartDate: '2026-02-10', actualCompletionDate: '2026-02-09' },
      {},
      ['START_AFTER_COMPLETION'],
    ],
    [
      'recorded completion on the start day',
      'under_construction',
      'completed',
      { actualStartDate: '2026-02-10', actualCompletionDate: '2026-02-10' },
      {},
      [],
    ],
    ['suspend without reason', 'preparation', 'suspended', {}, { reason: undefined }, ['REASON_REQUIRED']],
    ['suspend with an empty reason', 'under_construction', 'suspended', {}, { reason: '' }, ['REASON_REQUIRED']],
    ['suspend with a blank reason', 'under_construction', 'suspended', {}, { reason: ' \n\t ' }, ['REASON_REQUIRED']],
    ['withdraw without reason', 'pipeline', 'withdrawn', {}, { reason: undefined }, ['REASON_REQUIRED']],
    ['withdraw with a blank reason', 'operating', 'withdrawn', {}, { reason: '   ' }, ['REASON_REQUIRED']],
    [
      'withdraw a suspended project without reason',
      'suspended',
      'withdrawn',
      { suspendedFrom: 'preparation' },
      { reason: '' },
      ['REASON_REQUIRED'],
    ],
    ['no reason needed to move on', 'pipeline', 'preparation', {}, { reason: undefined }, []],
    [
      'no reason needed to resume',
      'suspended',
      'preparation',
      { suspendedFrom: 'preparation' },
      { reason: undefined },
      [],
    ],
    [
      'a reason does not help a withdrawn project',
      'withdrawn',
      'pipeline',
      {},
      { reason: '恢复入库' },
      ['ALREADY_WITHDRAWN'],
    ],
    [
      'a disallowed pair reports only NOT_ALLOWED',
      'pipeline',
      'under_construction',
      { hasValidProjectCode: false, approvalsDone: [] },
      {},
      ['NOT_ALLOWED'],
    ],
  ])('%s (%s → %s)', (_name, from, to, facts, context, expected) => {
    const r = checkTransition(project({ stage: from, ...facts }), to, ctx(context));
    expect(r.ok ? [] : r.blockers.map((b) => b.code)).toEqual(expected);
  });

  it.each<[readonly ApprovalItem[], readonly ApprovalItem[], [ApprovalItem, string][]]>([
    [
      [],
      DEFAULT_MANDATORY_APPROVALS,
      [
        ['project_approval', '缺少立项(审批/核准/备案)'],
        ['construction_permit', '缺少施工许可'],
      ],
    ],
    [['project_approval'], DEFAULT_MANDATORY_APPROVALS, [['construction_permit', '缺少施工许可']]],
    // duplicates in the setting or the facts do not duplicate blockers; the checklist order is kept
    [
      ['land_planning', 'land_planning'],
      ['construction_permit', 'environmental', 'construction_permit', 'energy_review'],
      [
        ['environmental', '缺少环评批复'],
        ['energy_review', '缺少节能审查'],
        ['construction_permit', '缺少施工许可'],
      ],
    ],
  ])('approvals done %j, mandatory %j → missing %j', (done, mandatory, missing) => {
    const r = checkTransition(
      project({ stage: 'preparation', approvalsDone: done }),
      'under_construction',
      ctx({ mandatoryApprovals: mandatory }),
    );
    expect(r.ok ? [] : r.blockers.map((b) => [b.item, b.message])).toEqual(missing);
  });

  it.each<[Stage, Stage, string]>([
    ['completed', 'pipeline', '当前阶段“竣工”不能变更为“谋划储备”'],
    ['pipeline', 'under_construction', '当前阶段“谋划储备”不能变更为“在建”'],
    ['operating', 'suspended', '当前阶段“投产达产”不能变更为“暂缓”'],
  ])('NOT_ALLOWED %s → %s says %s', (from, to, message) => {
    expect(checkTransition(project({ stage: from }), to, ctx())).toEqual({
      ok: false,
      blockers: [{ code: 'NOT_ALLOWED', message }],
    });
  });

  it.each<[Stage, Partial<ProjectFacts>, Partial<TransitionContext>, string[]]>([
    ['preparation', { hasValidProjectCode: false }, {}, ['进入前期阶段须有有效的项目代码']],
    ['suspended', {}, { reason: '' }, ['暂缓须填写原因']],
    ['withdrawn', {}, { reason: '' }, ['退库须填写原因']],
    ['completed', { actualStartDate: null }, {}, ['尚未记录实际开工日期,不能竣工']],
    ['completed', { actualStartDate: '2026-04-01' }, {}, ['实际开工日期 2026-04-01 晚于竣工日期 2026-03-15,不能竣工']],
  ])('the message for → %s', (to, facts, context, messages) => {
    const from: Record<string, Stage> = { preparation: 'pipeline', completed: 'under_construction' };
    const r = checkTransition(project({ stage: from[to] ?? 'preparation', ...facts }), to, ctx(context));
    expect(r.ok ? [] : r.blockers.map((b) => b.message)).toEqual(messages);
  });

  it('a withdrawn project says so', () => {
    expect(checkTransition(project({ stage: 'withdrawn' }), 'preparation', ctx())).toEqual({
      ok: false,
      blockers: [{ code: 'ALREADY_WITHDRAWN', message: '项目已退库,不能再变更阶段' }],
    });
  });

  it('reads the mandatory approvals from the setting, not the default', () => {
    const r = checkTransition(
      project({ stage: 'suspended', suspendedFrom: 'under_construction', approvalsDone: [] }),
      'under_construction',
      ctx({ mandatoryApprovals: ['project_approval'] }),
    );
    expect(codesOf(r)).toEqual(['APPROVAL_MISSING']);
  });

  it.each(['2026-3-15', '20260315', '2026-13-01', '2026-02-32', ''])('refuses a malformed today %j', (today) => {
    expect(() => checkTransition(project(), 'preparation', ctx({ today }))).toThrow(RangeError);
    expect(() => explainTargets(project(), ctx({ today }))).toThrow(RangeError);
  });
});

describe('checkTransition: effects', () => {
  it.each<[string, Partial<ProjectFacts>, Stage, string, TransitionEffects]>([
    [
      'pipeline → preparation',
      { stage: 'pipeline' },
      'preparation',
      TODAY,
      { stage: 'preparation', suspendedFrom: null },
    ],
    [
      'first start sets the start date; new start',
      { stage: 'preparation', actualStartDate: null },
      'under_construction',
      TODAY,
      { stage: 'under_construction', suspendedFrom: null, actualStartDate: TODAY, newStart: true },
    ],
    [
      'a start on the last day of the year is a new start of that year',
      { stage: 'preparation', actualStartDate: null },
      'under_construction',
      '2025-12-31',
      { stage: 'under_construction', suspendedFrom: null, actualStartDate: '2025-12-31', newStart: true },
    ],
    [
      'a start date already recorded last year is kept; continuing (续建) across the year boundary',
      { stage: 'preparation', actualStartDate: '2025-12-31' },
      'under_construction',
      '2026-01-02',
      { stage: 'under_construction', suspendedFrom: null, newStart: false },
    ],
    [
      'a start date already recorded this year is kept; new start',
      { stage: 'preparation', actualStartDate: '2026-01-01' },
      'under_construction',
      '2026-01-02',
      { stage: 'under_construction', suspendedFrom: null, newStart: true },
    ],
    [
      'resuming construction started last year: continuing, suspendedFrom cleared',
      { stage: 'suspended', suspendedFrom: 'under_construction', actualStartDate: '2025-06-01' },
      'under_construction',
      '2026-02-01',
      { stage: 'under_construction', suspendedFrom: null, newStart: false },
    ],
    [
      'resuming construction started this year: new start',
      { stage: 'suspended', suspendedFrom: 'under_construction', actualStartDate: '2026-01-05' },
      'under_construction',
      '2026-02-01',
      { stage: 'under_construction', suspendedFrom: null, newStart: true },
    ],
    [
      'resuming preparation clears suspendedFrom',
      { stage: 'suspended', suspendedFrom: 'preparation' },
      'preparation',
      TODAY,
      { stage: 'preparation', suspendedFrom: null },
    ],
    [
      'completion sets the completion date',
      { stage: 'under_construction', actualCompletionDate: null },
      'completed',
      TODAY,
      { stage: 'completed', suspendedFrom: null, actualCompletionDate: TODAY },
    ],
    [
      'a recorded completion date is kept',
      { stage: 'under_construction', actualCompletionDate: '2026-03-01' },
      'completed',
      TODAY,
      { stage: 'completed', suspendedFrom: null },
    ],
    ['completed → operating', { stage: 'completed' }, 'operating', TODAY, { stage: 'operating', suspendedFrom: null }],
    [
      'suspending preparation records where from',
      { stage: 'preparation' },
      'suspended',
      TODAY,
      { stage: 'suspended', suspendedFrom: 'preparation' },
    ],
    [
      'suspending construction records where from',
      { stage: 'under_construction' },
      'suspended',
      TODAY,
      { stage: 'suspended', suspendedFrom: 'under_construction' },
    ],
    [
      'withdrawing a suspended project clears suspendedFrom',
      { stage: 'suspended', suspendedFrom: 'under_construction' },
      'withdrawn',
      TODAY,
      { stage: 'withdrawn', suspendedFrom: null },
    ],
    [
      'withdrawing from operating',
      { stage: 'operating' },
      'withdrawn',
      TODAY,
      { stage: 'withdrawn', suspendedFrom: null },
    ],
  ])('%s', (_name, facts, to, today, effects) => {
    expect(checkTransition(project(facts), to, ctx({ today }))).toEqual({ ok: true, effects });
  });

  it.each([
    ['2026-01-01', '2026-12-31', true],
    ['2026-12-31', '2026-01-01', true],
    ['2025-12-31', '2026-01-02', false],
    ['2025-01-01', '2026-01-01', false],
    ['2027-01-01', '2026-12-31', false],
  ])('isNewStart(%s, today %s) = %s', (start, today, expected) => {
    expect(isNewStart(start, today)).toBe(expected);
  });
});

describe('explainTargets', () => {
  it('explains every stage for a project in preparation still lacking its construction permit', () => {
    const p = project({ stage: 'preparation', approvalsDone: ['project_approval'] });
    const explained = explainTargets(p, { today: TODAY, mandatoryApprovals: DEFAULT_MANDATORY_APPROVALS });
    expect(explained.map((e) => [e.stage, e.allowed, e.needsReason, e.blockers.map((b) => b.message)])).toEqual([
      ['pipeline', false, false, ['当前阶段“前期”不能变更为“谋划储备”']],
      ['preparation', false, false, ['当前阶段“前期”不能变更为“前期”']],
      ['under_construction', false, false, ['缺少施工许可']],
      ['completed', false, false, ['当前阶段“前期”不能变更为“竣工”']],
      ['operating', false, false, ['当前阶段“前期”不能变更为“投产达产”']],
      ['suspended', true, true, []],
      ['withdrawn', true, true, []],
    ]);
  });

  it('explains a withdrawn project', () => {
    const explained = explainTargets(project({ stage: 'withdrawn' }), ctx());
    expect(explained.every((e) => !e.allowed && e.blockers[0]?.code === 'ALREADY_WITHDRAWN')).toBe(true);
    expect(explained).toHaveLength(STAGES.length);
  });

  it.each(PAIRS)('agrees with checkTransition given a reason: %s → %s', (from, to) => {
    const p = inStage(from);
    const r = checkTransition(p, to, ctx());
    const e = explainTargets(p, ctx()).find((x) => x.stage === to)!;
    expect(e.allowed).toBe(r.ok);
    expect(e.blockers).toEqual(r.ok ? [] : r.blockers);
  });

  it.each<[Stage, Partial<ProjectFacts>, Stage, BlockerCode[]]>([
    ['pipeline', { hasValidProjectCode: false }, 'preparation', ['PROJECT_CODE_REQUIRED']],
    ['preparation', { approvalsDone: [] }, 'under_construction', ['APPROVAL_MISSING', 'APPROVAL_MISSING']],
    ['under_construction', { actualStartDate: null }, 'completed', ['START_DATE_MISSING']],
  ])('from %s with %j: %s is shown blocked by %j', (from, facts, to, codes) => {
    const e = explainTargets(project({ stage: from, ...facts }), ctx()).find((x) => x.stage === to)!;
    expect([e.allowed, e.blockers.map((b) => b.code)]).toEqual([false, codes]);
  });
});
