/** The supervision pages' words (Chinese first); merged into the one dictionary in lib/i18n.ts. */
export const supervisionZh = {
  'nav.supervision': '督查督办',
};

export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
  'nav.supervision': 'Supervision',
};
