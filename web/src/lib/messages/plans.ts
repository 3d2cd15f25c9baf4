/** The assignment plan, import and claiming pages' words (Chinese first); merged into lib/i18n.ts. */
export const plansZh = {
  'plans.title': '分工方案',
};

export const plansEn: Record<keyof typeof plansZh, string> = {
  'plans.title': 'Assignment plans',
};
