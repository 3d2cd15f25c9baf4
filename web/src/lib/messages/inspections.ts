/** The inspections pages' words (Chinese first); merged into the one dictionary in lib/i18n.ts. */
export const inspectionsZh = {
  'nav.inspections': '督查检查',
};

export const inspectionsEn: Record<keyof typeof inspectionsZh, string> = {
  'nav.inspections': 'Inspections',
};
