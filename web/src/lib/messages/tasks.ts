/** The tasks pages' words (Chinese first); merged into the one dictionary in lib/i18n.ts. */
export const tasksZh = {
  'nav.tasks': '重点任务',
  'nav.taskList': '任务清单',
  'nav.taskPlans': '分工方案',
  'nav.taskClaims': '任务认领',
  'nav.taskSettings': '督查规则设置',
};

export const tasksEn: Record<keyof typeof tasksZh, string> = {
  'nav.tasks': 'Key tasks',
  'nav.taskList': 'Tasks',
  'nav.taskPlans': 'Assignment plans',
  'nav.taskClaims': 'Claiming',
  'nav.taskSettings': 'Supervision rules',
};
