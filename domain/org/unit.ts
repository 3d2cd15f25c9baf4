/** 单位 — an organisation that is assigned work. */
export const UNIT_KINDS = [
  'department',
  'government',
  'park_committee',
  'supervision_office',
  'assessment_office',
  'enterprise',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  department: { zh: '部门', en: 'Department' },
  government: { zh: '区县政府', en: 'District government' },
  park_committee: { zh: '园区管委会', en: 'Park committee' },
  supervision_office: { zh: '督查室', en: 'Supervision office' },
  assessment_office: { zh: '考核办', en: 'Assessment office' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  other: { zh: '其他', en: 'Other' },
};

/** Units that govern a territory: their staff see their region and everything below it. */
export const TERRITORIAL_UNIT_KINDS: readonly UnitKind[] = ['government', 'park_committee'];
