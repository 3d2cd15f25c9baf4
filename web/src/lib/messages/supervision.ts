/** The supervision pages' words (Chinese first); merged into the one dictionary in lib/i18n.ts. */
export const supervisionZh = {
  'nav.supervision': '督查督办',
  'nav.supInbox': '本单位待办',
  'nav.supBoard': '督查看板',
  'nav.supSteps': '督办台账',
};

export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
  'nav.supervision': 'Supervision',
  'nav.supInbox': 'Unit inbox',
  'nav.supBoard': 'Supervision board',
  'nav.supSteps': 'Ladder register',
};
