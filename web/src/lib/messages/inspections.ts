/** The instructions, inspections and rectifications pages' words (Chinese first); merged into lib/i18n.ts. */
export const inspectionsZh = {
  'nav.instructions': '领导批示',
  'nav.inspections': '督查检查',
  'nav.rectifications': '整改销号',
};

export const inspectionsEn: Record<keyof typeof inspectionsZh, string> = {
  'nav.instructions': "Leaders' instructions",
  'nav.inspections': 'Inspections',
  'nav.rectifications': 'Rectifications',
};
