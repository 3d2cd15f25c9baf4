/** The vocabulary of supervision (督查督办): the ladder, what can be supervised, instructions and inspections. */

/** The ladder, in order: 催办 → 督办 → 通报 → 约谈 → 问责. */
export const LADDER_STEPS = ['reminder', 'order', 'notice', 'admonition', 'accountability'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
export const LADDER_STEP_LABELS: Record<LadderStep, { zh: string; en: string }> = {
  reminder: { zh: '催办', en: 'Reminder' },
  order: { zh: '督办', en: 'Order' },
  notice: { zh: '通报', en: 'Notice' },
  admonition: { zh: '约谈', en: 'Admonition' },
  accountability: { zh: '问责', en: 'Accountability' },
};
export const ladderRank = (step: LadderStep): number => LADDER_STEPS.indexOf(step);

/** What a ladder step, an instruction or an inspection can be about. Modules other than tasks are optional. */
export const SUPERVISABLE_TYPES = [
  'task',
  'project',
  'coordination_item',
  'weekly_report',
  'instruction',
  'rectification',
] as const;
export type SupervisableType = (typeof SUPERVISABLE_TYPES)[number];
export const SUPERVISABLE_TYPE_LABELS: Record<SupervisableType, { zh: string; en: string }> = {
  task: { zh: '重点任务', en: 'Key task' },
  project: { zh: '项目', en: 'Project' },
  coordination_item: { zh: '协调事项', en: 'Coordination item' },
  weekly_report: { zh: '周报', en: 'Weekly report' },
  instruction: { zh: '领导批示', en: "Leader's instruction" },
  rectification: { zh: '整改事项', en: 'Rectification' },
};

export const NOTICE_POLARITIES = ['critical', 'commending'] as const;
export type NoticePolarity = (typeof NOTICE_POLARITIES)[number];
export const NOTICE_POLARITY_LABELS: Record<NoticePolarity, { zh: string; en: string }> = {
  critical: { zh: '通报批评', en: 'Critical notice' },
  commending: { zh: '通报表扬', en: 'Commendation' },
};

export const INSPECTION_KINDS = ['sweep', 'special'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, { zh: string; en: string }> = {
  sweep: { zh: '拉网式督查', en: 'Sweep inspection' },
  special: { zh: '专项督查', en: 'Special inspection' },
};

export const ANSWER_TYPES = ['yes_no', 'number', 'text', 'photo'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const PROBLEM_KINDS = ['not_started', 'progress_mismatch', 'investment_mismatch', 'safety', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export const PROBLEM_KIND_LABELS: Record<ProblemKind, { zh: string; en: string }> = {
  not_started: { zh: '未开工', en: 'Not started' },
  progress_mismatch: { zh: '形象进度与上报不符', en: 'Progress differs from report' },
  investment_mismatch: { zh: '完成投资与上报不符', en: 'Investment differs from report' },
  safety: { zh: '安全隐患', en: 'Safety hazard' },
  other: { zh: '其他问题', en: 'Other problem' },
};

export const RECTIFICATION_STATUSES = ['open', 'submitted', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, { zh: string; en: string }> = {
  open: { zh: '整改中', en: 'Open' },
  submitted: { zh: '待验收', en: 'Awaiting verification' },
  closed: { zh: '已销号', en: 'Closed' },
};
