/**
 * The vocabulary of key tasks (重点任务), shared by the deadline parser, the status rules, the contracts and the
 * server. Labels are the words on the 督查室's tables.
 */

/** Computed, never typed (status.ts). */
export const TASK_STATUSES = ['done', 'overdue', 'red', 'yellow', 'green'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  done: { zh: '已销号', en: 'Done' },
  overdue: { zh: '逾期', en: 'Overdue' },
  red: { zh: '红灯', en: 'Red' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  green: { zh: '绿灯', en: 'Green' },
};

export const CONFIDENCES = ['on_track', 'at_risk', 'off_track'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const CONFIDENCE_LABELS: Record<Confidence, { zh: string; en: string }> = {
  on_track: { zh: '按计划推进', en: 'On track' },
  at_risk: { zh: '存在风险', en: 'At risk' },
  off_track: { zh: '滞后', en: 'Off track' },
};

export const FEEDBACK_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已采纳', en: 'Accepted' },
};

export const CLAIM_STATUSES = ['pending', 'claimed', 'disputed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, { zh: string; en: string }> = {
  pending: { zh: '待认领', en: 'To claim' },
  claimed: { zh: '已认领', en: 'Claimed' },
  disputed: { zh: '有异议', en: 'Disputed' },
};

export const FEEDBACK_CYCLES = ['weekly', 'monthly', 'quarterly'] as const;
export type FeedbackCycle = (typeof FEEDBACK_CYCLES)[number];
export const FEEDBACK_CYCLE_LABELS: Record<FeedbackCycle, { zh: string; en: string }> = {
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
};

export const SOURCE_KINDS = ['work_report', 'meeting_minutes', 'higher_assignment', 'leader_instruction'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, { zh: string; en: string }> = {
  work_report: { zh: '政府工作报告', en: 'Government work report' },
  meeting_minutes: { zh: '会议纪要', en: 'Meeting minutes' },
  higher_assignment: { zh: '上级交办', en: 'Assigned from above' },
  leader_instruction: { zh: '领导批示', en: "Leader's instruction" },
};

/**
 * A deadline as the source wrote it, read: `date` (the last day, e.g. 6月底前 → 06-30), `recurring` (每季度, 每月25日前:
 * periodic duty, no end), `continuous` (长期坚持, 持续推进: no end, periodic feedback only). A phrase may also carry
 * dated milestones ("4月底前出台相关政策，年内持续推进").
 */
export type ParsedDeadline = {
  kind: 'date' | 'recurring' | 'continuous';
  /** ISO date, for `date` */
  on: string | null;
  /** for `recurring`: `weekly` | `monthly` | `quarterly` | `yearly` */
  recurrence: 'weekly' | 'monthly' | 'quarterly' | 'yearly' | null;
  milestones: { title: string; on: string }[];
};

/** A task's history (办理过程): every action the services record, with its words. */
export const TASK_EVENT_LABELS = {
  created: { zh: '创建任务', en: 'Created' },
  imported: { zh: '导入任务', en: 'Imported' },
  import_updated: { zh: '导入更新', en: 'Updated by import' },
  edited: { zh: '修改任务', en: 'Edited' },
  claimed: { zh: '认领', en: 'Claimed' },
  disputed: { zh: '提出异议', en: 'Disputed' },
  reassigned: { zh: '改派牵头单位', en: 'Lead unit changed' },
  feedback_saved: { zh: '保存反馈', en: 'Feedback saved' },
  feedback_submitted: { zh: '报送反馈', en: 'Feedback submitted' },
  feedback_returned: { zh: '退回反馈', en: 'Feedback returned' },
  feedback_accepted: { zh: '采纳反馈', en: 'Feedback accepted' },
  part_saved: { zh: '填写配合材料', en: "Partner's part written" },
  file_added: { zh: '上传佐证材料', en: 'Evidence uploaded' },
  file_removed: { zh: '删除佐证材料', en: 'Evidence removed' },
  done_requested: { zh: '申请销号', en: 'Asked to mark done' },
  done_confirmed: { zh: '确认销号', en: 'Marked done' },
  done_refused: { zh: '不予销号', en: 'Done refused' },
  rated: { zh: '督查评估', en: 'Supervisor rating' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type TaskEventAction = keyof typeof TASK_EVENT_LABELS;
