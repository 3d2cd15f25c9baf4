import { describe, expect, it } from 'vitest';
import {
  type ChecklistItem,
  checkChecklist,
  checkInspectedOn,
  checkInspectionPhoto,
  compareWithReported,
  inspectionCounts,
  missingAnswers,
  problemKindsOf,
  rectificationNext,
  rectificationOverdue,
  validateAnswers,
} from './inspections.ts';

const item = (id: string, over: Partial<ChecklistItem> = {}): ChecklistItem => ({
  id,
  label: id,
  answerType: 'text',
  compareTo: null,
  required: true,
  ...over,
});
const CHECKLIST: ChecklistItem[] = [
  item('started', { label: '是否开工', answerType: 'yes_no' }),
  item('workers', { label: '现场人数', answerType: 'number' }),
  item('invest', { label: '实际完成投资', answerType: 'number', compareTo: 'reported_investment' }),
  item('match', { label: '形象进度是否与上报一致', answerType: 'yes_no', compareTo: 'reported_progress' }),
  item('remark', { label: '现场情况', answerType: 'text', required: false }),
  item('photo', { label: '现场照片', answerType: 'photo' }),
];

describe('checklist', () => {
  it('refuses duplicate labels and a comparison on the wrong answer type', () => {
    expect(
      checkChecklist([
        { label: '是否开工', answerType: 'yes_no', compareTo: null, required: true },
        { label: '是否开工', answerType: 'yes_no', compareTo: null, required: true },
        { label: '实际完成投资', answerType: 'text', compareTo: 'reported_investment', required: true },
        { label: '进度一致', answerType: 'number', compareTo: 'reported_progress', required: true },
      ]),
    ).toEqual([
      { path: 'items.1.label', message: '与第1项重复' },
      { path: 'items.2.answerType', message: '对照上报完成投资的检查项,答案类型应为“数值”' },
      { path: 'items.3.answerType', message: '对照上报形象进度的检查项,答案类型应为“是/否”' },
    ]);
    expect(checkChecklist(CHECKLIST)).toEqual([]);
  });
});

describe('answers', () => {
  it('accepts good answers, normalised, and leaves photos for later', () => {
    const r = validateAnswers(CHECKLIST, {
      started: true,
      workers: '86',
      invest: 1234.5,
      match: false,
      remark: ' 正常 ',
    });
    expect(r).toEqual({
      ok: true,
      value: { started: true, workers: 86, invest: 1234.5, match: false, remark: '正常' },
    });
    expect(missingAnswers(CHECKLIST, r.ok ? r.value : {})).toEqual(['photo']);
  });

  it('refuses bad answers field by field', () => {
    const r = validateAnswers(
      CHECKLIST,
      { started: 'yes', workers: -3, invest: '12.345', match: null, remark: 'x'.repeat(501), ghost: 1, photo: ['p9'] },
      ['p1'],
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: 'answers.ghost', message: '检查项不存在,请刷新后重试' },
      { path: 'answers.started', message: '“是否开工”只能回答是或否' },
      { path: 'answers.workers', message: '“现场人数”不能为负数' },
      { path: 'answers.invest', message: '“实际完成投资”最多保留两位小数' },
      { path: 'answers.match', message: '请选择“形象进度是否与上报一致”:是或否' },
      { path: 'answers.remark', message: '“现场情况”不能超过500个字' },
      { path: 'answers.photo', message: '“现场照片”的照片不属于本次检查记录' },
    ]);
  });

  it.each([
    ['abc', '“现场人数”应为数字'],
    [{}, '“现场人数”应为数字'],
    [Number.NaN, '“现场人数”应为数字'],
    [2e10, '“现场人数”数值过大'],
    ['', '请填写“现场人数”'],
  ])('a number answer %o → %s', (v, message) => {
    const r = validateAnswers([item('workers', { label: '现场人数', answerType: 'number' })], { workers: v });
    expect(r.ok ? [] : r.errors).toEqual([{ path: 'answers.workers', message }]);
  });

  it('takes 1,200.5 written with a thousands separator', () => {
    const r = validateAnswers([item('n', { answerType: 'number' })], { n: '1,200.5' });
    expect(r).toEqual({ ok: true, value: { n: 1200.5 } });
  });

  it('keeps a photo answer naming the finding’s photos, once each', () => {
    const r = validateAnswers([item('photo', { answerType: 'photo' })], { photo: ['p1', 'p1', 'p2'] }, ['p1', 'p2']);
    expect(r).toEqual({ ok: true, value: { photo: ['p1', 'p2'] } });
  });
});

describe('against what was reported', () => {
  const reported = { investedYtd: '1000.00', latestWeek: '2026-W44', latestProgress: '主体封顶' };
  it.each([
    [1050, []], // exactly 5 %: within tolerance
    [949.99, ['investment_mismatch']], // just over 5 % below
    [1050.01, ['investment_mismatch']],
  ])('investment seen %d against 1000 reported', (seen, kinds) => {
    const m = compareWithReported(CHECKLIST, { invest: seen, match: true }, reported);
    expect(m.map((x) => x.kind)).toEqual(kinds);
  });

  it('flags a progress that does not match, quoting the report', () => {
    const m = compareWithReported(CHECKLIST, { invest: 1000, match: false }, reported);
    expect(m).toEqual([{ itemId: 'match', kind: 'progress_mismatch', note: '现场形象进度与上报不符(上报:主体封顶)' }]);
  });

  it('says what was seen and what was reported', () => {
    const [m] = compareWithReported(CHECKLIST, { invest: 600 }, reported);
    expect(m?.note).toBe('督查核实完成投资600.00万元,上报本年累计1000.00万元');
  });

  it('any investment against nothing reported is a mismatch; no reports at all is none', () => {
    const zero = { ...reported, investedYtd: '0.00' };
    expect(compareWithReported(CHECKLIST, { invest: 10 }, zero)).toHaveLength(1);
    expect(compareWithReported(CHECKLIST, { invest: 0 }, zero)).toHaveLength(0);
    expect(compareWithReported(CHECKLIST, { invest: 10, match: false }, null)).toEqual([]);
  });

  it('adds the kinds found to those chosen, in the vocabulary order', () => {
    const m = compareWithReported(CHECKLIST, { invest: 10 }, reported);
    expect(problemKindsOf(['other', 'safety'], m)).toEqual(['investment_mismatch', 'safety', 'other']);
  });
});

describe('photos', () => {
  const base = {
    takenAt: new Date('2026-11-05T10:00:00+08:00'),
    lat: 34.26,
    lng: 108.94,
    inspectedOn: '2026-11-05',
    site: { lat: 34.261, lng: 108.941 },
    reusedFrom: null,
  };
  it('verifies a photo taken on the day at the site', () => {
    expect(checkInspectionPhoto(base)).toEqual({ verified: true, reasons: [] });
  });
  it.each([
    [{ takenAt: null }, ['no_time']],
    [{ takenAt: new Date('2026-10-30T10:00:00+08:00') }, ['outside_day']],
    [{ takenAt: new Date('2026-11-02T10:00:00+08:00') }, []],
    [{ lat: null, lng: null }, ['no_location']],
    [{ lat: 34.4, lng: 108.94 }, ['too_far']],
    [{ site: null, lat: null, lng: null }, []],
    [{ reusedFrom: { inspectedOn: '2026-06-01', label: '某项目' } }, ['reused']],
  ])('%o → %o', (over, codes) => {
    const r = checkInspectionPhoto({ ...base, ...over });
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
    expect(r.verified).toBe(codes.length === 0);
  });

  it('dates a finding within the campaign and not in the future', () => {
    expect(checkInspectedOn('2026-11-06', { startsOn: '2026-11-01' }, '2026-11-05')).toEqual([
      { path: 'inspectedOn', message: '检查日期不能晚于今天' },
    ]);
    expect(checkInspectedOn('2026-10-01', { startsOn: '2026-11-01' }, '2026-11-05')).toHaveLength(1);
    expect(checkInspectedOn('2026-11-05', { startsOn: '2026-11-01' }, '2026-11-05')).toEqual([]);
  });
});

describe('rectification', () => {
  it.each([
    ['open', 'submit', 'submitted'],
    ['submitted', 'verify', 'closed'],
    ['submitted', 'reject', 'open'],
    ['open', 'verify', null],
    ['open', 'reject', null],
    ['closed', 'submit', null],
    ['submitted', 'submit', null],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(rectificationNext(from, action)).toBe(to);
  });

  it.each([
    [{ status: 'open', dueOn: '2026-11-10', submittedOn: null }, '2026-11-10', false],
    [{ status: 'open', dueOn: '2026-11-10', submittedOn: null }, '2026-11-11', true],
    [{ status: 'submitted', dueOn: '2026-11-10', submittedOn: '2026-11-09' }, '2026-11-20', false],
    [{ status: 'submitted', dueOn: '2026-11-10', submittedOn: '2026-11-12' }, '2026-11-20', true],
    [{ status: 'closed', dueOn: '2026-11-10', submittedOn: '2026-11-12' }, '2026-11-20', false],
  ] as const)('%o on %s overdue: %s', (r, today, overdue) => {
    expect(rectificationOverdue(r, today)).toBe(overdue);
  });
});

describe('the campaign counts', () => {
  it('adds up by kind and by rectification state', () => {
    const c = inspectionCounts(
      5,
      [{ problemKinds: [] }, { problemKinds: ['investment_mismatch', 'safety'] }, { problemKinds: ['not_started'] }],
      [
        { status: 'open', dueOn: '2026-11-01', submittedOn: null },
        { status: 'submitted', dueOn: '2026-11-30', submittedOn: '2026-11-03' },
        { status: 'closed', dueOn: '2026-11-01', submittedOn: '2026-10-30' },
      ],
      '2026-11-05',
    );
    expect(c).toEqual({
      targets: 5,
      inspected: 3,
      notInspected: 2,
      withProblems: 2,
      problemsByKind: { not_started: 1, progress_mismatch: 0, investment_mismatch: 1, safety: 1, other: 0 },
      rectifications: { total: 3, open: 1, submitted: 1, closed: 1, overdue: 1 },
      mismatches: 1,
    });
  });
});
