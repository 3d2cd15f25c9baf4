import { type CycleKey, cycleKey, cycleKind, cycleLabel, type PlanCycle } from './cycles.ts';
import type { FeedbackStatus } from './model.ts';

/**
 * The feedback workflow of one task and cycle (进展情况 / 存在问题 / 下步打算):
 * `draft` → `submitted` → `returned` (with the 督查室's comment) → `submitted` … → `accepted` (locked).
 * Only the lead unit writes and submits the feedback; partner units write their own part of the same cycle, which
 * the lead's feedback shows and includes. Only the 督查室 returns or accepts. Each rule answers with the Chinese
 * sentence the user sees, or null when the step is allowed.
 */
export type FeedbackAction = 'save' | 'submit' | 'return' | 'accept';

export const FEEDBACK_TEXT_MAX = 2000;
export const FEEDBACK_COMMENT_MAX = 500;

/** Why the lead unit may not change the feedback now, or null. */
export function feedbackEditRefusal(status: FeedbackStatus | null): string | null {
  if (status === 'accepted') return '本期反馈已被督查室采纳,已锁定,不能再修改';
  if (status === 'submitted') return '本期反馈已报送,正在等待督查室审核,暂不能修改;如需修改请联系督查室退回';
  return null;
}

/** The status after a step, or the Chinese reason it is refused. */
export function feedbackNext(
  status: FeedbackStatus | null,
  action: FeedbackAction,
): { ok: true; status: FeedbackStatus } | { ok: false; reason: string } {
  switch (action) {
    case 'save': {
      const refusal = feedbackEditRefusal(status);
      return refusal ? { ok: false, reason: refusal } : { ok: true, status: status ?? 'draft' };
    }
    case 'submit':
      if (status === null) return { ok: false, reason: '请先填写本期进展情况再报送' };
      if (status === 'submitted') return { ok: false, reason: '本期反馈已报送,请勿重复报送' };
      if (status === 'accepted') return { ok: false, reason: '本期反馈已被督查室采纳,已锁定' };
      return { ok: true, status: 'submitted' };
    case 'return':
    case 'accept':
      if (status === 'submitted') return { ok: true, status: action === 'return' ? 'returned' : 'accepted' };
      if (status === 'accepted') return { ok: false, reason: '本期反馈已被采纳,已锁定' };
      if (status === 'returned') return { ok: false, reason: '本期反馈已退回,等待牵头单位重新报送' };
      return { ok: false, reason: '牵头单位尚未报送本期反馈' };
  }
}

/** What a submission must contain; field → Chinese message. */
export function submissionProblems(
  f: { progress: string; completionPct: number | null; confidence: string | null; quantValue: string | null },
  hasTarget: boolean,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (f.progress.trim() === '') out.push({ path: 'progress', message: '请填写进展情况' });
  if (f.completionPct === null) out.push({ path: 'completionPct', message: '请填写完成进度' });
  if (!f.confidence) out.push({ path: 'confidence', message: '请选择推进评估' });
  if (hasTarget && (f.quantValue === null || f.quantValue === '')) {
    out.push({ path: 'quantValue', message: '本任务有量化目标,请填写目前完成值' });
  }
  return out;
}

/** Whether a partner unit may still change its part: not once the cycle's feedback is accepted. */
export function partEditRefusal(leadStatus: FeedbackStatus | null): string | null {
  return leadStatus === 'accepted' ? '本期反馈已被督查室采纳,配合单位材料已锁定,不能再修改' : null;
}

/**
 * Whether a cycle can be written now for a task: a cycle of the plan's kind, not before the task owes feedback and
 * not after the open cycle (the one due next). Returns the Chinese reason, or null.
 */
export function cycleRefusal(key: string, plan: PlanCycle, owesFrom: string, openKey: CycleKey): string | null {
  const kind = cycleKind(key);
  if (kind === null) return `反馈周期“${key}”格式不正确`;
  if (kind !== plan.feedbackCycle) return `本方案按${KIND_ZH[plan.feedbackCycle]}反馈,周期“${key}”不适用`;
  if (key > openKey) return `${cycleLabel(key, 'zh')}尚未开始填报`;
  if (key < cycleKey(owesFrom, plan.feedbackCycle)) return `${cycleLabel(key, 'zh')}早于任务开始时间,无需反馈`;
  return null;
}
const KIND_ZH = { weekly: '周', monthly: '月', quarterly: '季度' } as const;

/** Whether a submission was on time: first submitted on or before the due day (business dates). */
export const submittedOnTime = (firstSubmittedOn: string | null, dueOn: string): boolean =>
  firstSubmittedOn !== null && firstSubmittedOn <= dueOn;

/** 销号: the lead unit asks, only the 督查室 confirms or refuses. */
export function doneRequestRefusal(t: { doneAt: unknown; doneRequestedAt: unknown }): string | null {
  if (t.doneAt) return '任务已销号';
  if (t.doneRequestedAt) return '已申请销号,正在等待督查室确认';
  return null;
}
export function doneDecisionRefusal(t: { doneAt: unknown; doneRequestedAt: unknown }): string | null {
  if (t.doneAt) return '任务已销号';
  if (!t.doneRequestedAt) return '牵头单位尚未申请销号';
  return null;
}

/**
 * The ledger's text of one part (进展情况 …): the lead's words, then each partner's non-empty part after its
 * name in 【】, one per line — nobody re-types a partner's text.
 */
export function combinedText(lead: string, parts: readonly { unitName: string; text: string }[]): string {
  const lines = [lead.trim()].filter((x) => x !== '');
  for (const p of parts) if (p.text.trim() !== '') lines.push(`【${p.unitName}】${p.text.trim()}`);
  return lines.join('\n');
}
