/** The tasks pages' words (Chinese first); merged into the one dictionary in lib/i18n.ts. */
export const tasksZh = {
  'nav.tasks': '重点任务',
};

export const tasksEn: Record<keyof typeof tasksZh, string> = {
  'nav.tasks': 'Key tasks',
};
