/** Roles (角色). A user may hold several. Labels are the words officials use. */
export const ROLES = [
  'admin',
  'coordinator',
  'supervisor',
  'assessor',
  'leader',
  'unit_staff',
  'site_commissioner',
  'statistician',
  'enterprise',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  coordinator: { zh: '项目办(发改委)', en: 'Coordinator' },
  supervisor: { zh: '督查室', en: 'Supervisor' },
  assessor: { zh: '考核办', en: 'Assessor' },
  leader: { zh: '市领导', en: 'Leader' },
  unit_staff: { zh: '部门/区县工作人员', en: 'Unit staff' },
  site_commissioner: { zh: '驻工地专员', en: 'Site commissioner' },
  statistician: { zh: '统计局', en: 'Statistician' },
  enterprise: { zh: '企业', en: 'Enterprise' },
};

/** Roles whose holders see the whole city their unit belongs to. */
export const CITY_WIDE_ROLES: readonly Role[] = ['coordinator', 'supervisor', 'assessor', 'leader', 'statistician'];

export const hasRole = (roles: readonly string[], ...wanted: Role[]): boolean => wanted.some((r) => roles.includes(r));
