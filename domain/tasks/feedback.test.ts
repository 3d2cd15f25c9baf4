import { describe, expect, it } from 'vitest';
import {
  combinedText,
  cycleRefusal,
  doneDecisionRefusal,
  doneRequestRefusal,
  feedbackEditRefusal,
  feedbackNext,
  partEditRefusal,
  submissionProblems,
  submittedOnTime,
} from './feedback.ts';

describe('the feedback workflow', () => {
  it.each([
    [null, 'save', 'draft'],
    ['draft', 'save', 'draft'],
    ['returned', 'save', 'returned'],
    ['draft', 'submit', 'submitted'],
    ['returned', 'submit', 'submitted'],
    ['submitted', 'return', 'returned'],
    ['submitted', 'accept', 'accepted'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(feedbackNext(from, action)).toEqual({ ok: true, status: to });
  });

  it.each([
    ['accepted', 'save', '本期反馈已被督查室采纳,已锁定,不能再修改'],
    ['submitted', 'save', '本期反馈已报送,正在等待督查室审核,暂不能修改;如需修改请联系督查室退回'],
    [null, 'submit', '请先填写本期进展情况再报送'],
    ['submitted', 'submit', '本期反馈已报送,请勿重复报送'],
    ['accepted', 'submit', '本期反馈已被督查室采纳,已锁定'],
    ['draft', 'accept', '牵头单位尚未报送本期反馈'],
    ['returned', 'return', '本期反馈已退回,等待牵头单位重新报送'],
    ['accepted', 'return', '本期反馈已被采纳,已锁定'],
  ] as const)('%s --%s--> refused', (from, action, reason) => {
    expect(feedbackNext(from, action)).toEqual({ ok: false, reason });
  });

  it('locks edits and partner parts once accepted', () => {
    expect(feedbackEditRefusal('draft')).toBeNull();
    expect(feedbackEditRefusal('returned')).toBeNull();
    expect(partEditRefusal('submitted')).toBeNull();
    expect(partEditRefusal(null)).toBeNull();
    expect(partEditRefusal('accepted')).toContain('已锁定');
  });

  it('lists what a submission lacks', () => {
    const full = { progress: '完成', completionPct: 50, confidence: 'on_track', quantValue: '3' };
    expect(submissionProblems(full, true)).toEqual([]);
    expect(submissionProblems({ ...full, quantValue: null }, false)).toEqual([]);
    expect(
      submissionProblems({ progress: ' ', completionPct: null, confidence: null, quantValue: null }, true),
    ).toEqual([
      { path: 'progress', message: '请填写进展情况' },
      { path: 'completionPct', message: '请填写完成进度' },
      { path: 'confidence', message: '请选择推进评估' },
      { path: 'quantValue', message: '本任务有量化目标,请填写目前完成值' },
    ]);
  });

  it('on time: first submitted on or before the due day', () => {
    expect(submittedOnTime('2026-10-23', '2026-10-23')).toBe(true);
    expect(submittedOnTime('2026-10-24', '2026-10-23')).toBe(false);
    expect(submittedOnTime(null, '2026-10-23')).toBe(false);
  });
});

describe('cycles that may be written', () => {
  const plan = { feedbackCycle: 'monthly', feedbackDueDay: 25 } as const;
  it.each([
    ['2026-10', null],
    ['2026-09', null],
    ['2026-11', '2026年11月尚未开始填报'],
    ['2026-Q3', '本方案按月反馈,周期“2026-Q3”不适用'],
    ['2026-02', '2026年2月早于任务开始时间,无需反馈'],
    ['26-10', '反馈周期“26-10”格式不正确'],
  ])('%s → %s', (key, refusal) => {
    expect(cycleRefusal(key, plan, '2026-03-10', '2026-10')).toBe(refusal);
  });
});

describe('销号', () => {
  it('the lead asks once; only a pending request can be decided', () => {
    expect(doneRequestRefusal({ doneAt: null, doneRequestedAt: null })).toBeNull();
    expect(doneRequestRefusal({ doneAt: null, doneRequestedAt: new Date() })).toBe('已申请销号,正在等待督查室确认');
    expect(doneRequestRefusal({ doneAt: new Date(), doneRequestedAt: null })).toBe('任务已销号');
    expect(doneDecisionRefusal({ doneAt: null, doneRequestedAt: null })).toBe('牵头单位尚未申请销号');
    expect(doneDecisionRefusal({ doneAt: null, doneRequestedAt: new Date() })).toBeNull();
  });
});

describe('the ledger text', () => {
  it('puts each partner after the lead, named in 【】, skipping empty parts', () => {
    expect(
      combinedText('已实施技改项目40个', [
        { unitName: '城关区人民政府', text: '城关区8个' },
        { unitName: '新城区人民政府', text: '  ' },
      ]),
    ).toBe('已实施技改项目40个\n【城关区人民政府】城关区8个');
    expect(combinedText('', [{ unitName: '市财政局', text: '资金已拨付' }])).toBe('【市财政局】资金已拨付');
  });
});
