import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  DashboardOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  InboxOutlined,
  IssuesCloseOutlined,
  ProfileOutlined,
  ProjectOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from '../../../domain/auth/contracts.ts';
import type { MessageKey } from '../lib/i18n.ts';

export type Permission = keyof Me['can'];

/**
 * `can` names a flag of Me; `may` a role permission of domain/auth, for capabilities whose flag Me does not carry yet
 * (the server enforces either way).
 */
export type NavLeaf = {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  can?: Permission;
  /** other path prefixes whose pages belong to this entry (a report opened from the week's board) */
  prefixes?: string[];
};
export type NavGroup = { key: string; label: MessageKey; icon: ReactNode; can?: Permission; children: NavLeaf[] };
export type NavEntry = NavLeaf | NavGroup;

/** The side menu, by capability. Only what exists and what the user may use is shown. */
export const NAV: NavEntry[] = [
  { path: '/', label: 'nav.home', icon: <DashboardOutlined /> },
  {
    key: 'projects',
    label: 'nav.projects',
    icon: <ProjectOutlined />,
    can: 'viewProjects',
    children: [
      { path: '/projects', label: 'nav.projectList', icon: <UnorderedListOutlined /> },
      { path: '/projects/planning', label: 'nav.planning', icon: <FlagOutlined /> },
      {
        path: '/projects/settings',
        label: 'nav.projectSettings',
        icon: <ControlOutlined />,
        can: 'configureProjects',
      },
    ],
  },
  {
    key: 'indicators',
    label: 'nav.indicators',
    icon: <BarChartOutlined />,
    can: 'viewIndicators',
    children: [
      { path: '/indicators', label: 'nav.indicatorDashboard', icon: <FundOutlined /> },
      { path: '/indicators/values', label: 'nav.indicatorValues', icon: <EditOutlined /> },
      { path: '/indicators/targets', label: 'nav.indicatorTargets', icon: <AimOutlined /> },
      { path: '/indicators/catalog', label: 'nav.indicatorCatalog', icon: <BookOutlined />, can: 'editIndicators' },
    ],
  },
  {
    key: 'dispatch',
    label: 'nav.dispatch',
    icon: <ScheduleOutlined />,
    can: 'viewDispatch',
    // 调度会 (the meeting view) and 协调事项 (coordination items) join this group
    children: [
      {
        path: '/dispatch/reports',
        label: 'nav.dispatchReports',
        icon: <FormOutlined />,
        prefixes: ['/dispatch/projects/'],
      },
      { path: '/dispatch/meeting', label: 'nav.dispatchMeeting', icon: <FundProjectionScreenOutlined /> },
      { path: '/dispatch/items', label: 'nav.dispatchItems', icon: <IssuesCloseOutlined /> },
      { path: '/dispatch/settings', label: 'nav.dispatchSettings', icon: <ControlOutlined />, can: 'reviewWeekly' },
    ],
  },
  {
    key: 'tasks',
    label: 'nav.tasks',
    icon: <CheckSquareOutlined />,
    can: 'viewTasks',
    children: [
      { path: '/tasks', label: 'nav.taskList', icon: <UnorderedListOutlined />, prefixes: ['/tasks/t/'] },
      { path: '/tasks/plans', label: 'nav.taskPlans', icon: <FileTextOutlined />, prefixes: ['/tasks/plans/'] },
      { path: '/tasks/claims', label: 'nav.taskClaims', icon: <FlagOutlined /> },
      { path: '/tasks/settings', label: 'nav.taskSettings', icon: <ControlOutlined />, can: 'manageTasks' },
    ],
  },
  {
    key: 'supervision',
    label: 'nav.supervision',
    icon: <AlertOutlined />,
    can: 'viewTasks',
    children: [
      { path: '/supervision/inbox', label: 'nav.supInbox', icon: <InboxOutlined />, can: 'answerTasks' },
      { path: '/supervision/board', label: 'nav.supBoard', icon: <DashboardOutlined /> },
      { path: '/supervision/steps', label: 'nav.supSteps', icon: <ProfileOutlined /> },
      { path: '/supervision/instructions', label: 'nav.instructions', icon: <EditOutlined /> },
      {
        path: '/supervision/inspections',
        label: 'nav.inspections',
        icon: <SearchOutlined />,
        prefixes: ['/supervision/inspections/'],
      },
      { path: '/supervision/rectifications', label: 'nav.rectifications', icon: <ToolOutlined /> },
    ],
  },
  {
    key: 'org',
    label: 'nav.org',
    icon: <ApartmentOutlined />,
    can: 'viewDirectory',
    children: [
      { path: '/org/regions', label: 'nav.regions', icon: <EnvironmentOutlined /> },
      { path: '/org/units', label: 'nav.units', icon: <BankOutlined /> },
      { path: '/org/leaders', label: 'nav.leaders', icon: <TeamOutlined /> },
      { path: '/org/users', label: 'nav.users', icon: <UserOutlined /> },
      { path: '/org/handover', label: 'nav.handover', icon: <SwapOutlined />, can: 'administer' },
    ],
  },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, can: 'viewAudit' },
  {
    key: 'settings',
    label: 'nav.settings',
    icon: <SettingOutlined />,
    can: 'editSettings',
    // a unit's own staff reach their unit's 群机器人 from the user menu (settings stay the admin's)
    children: [
      { path: '/settings/security-policy', label: 'nav.securityPolicy', icon: <SafetyCertificateOutlined /> },
      { path: '/settings/robots', label: 'nav.robots', icon: <RobotOutlined /> },
    ],
  },
];

export const isGroup = (e: NavEntry): e is NavGroup => 'children' in e;

export const allowed = (me: Me, can?: Permission): boolean => !can || me.can[can];

/** The entries this user may see. */
export function visibleNav(me: Me): NavEntry[] {
  return NAV.filter((e) => allowed(me, e.can)).map((e) =>
    isGroup(e) ? { ...e, children: e.children.filter((c) => allowed(me, c.can)) } : e,
  );
}

/** The menu entry (and its group) that a path belongs to. */
export function findNav(pathname: string): { leaf: NavLeaf; group?: NavGroup } | null {
  let best: { leaf: NavLeaf; group?: NavGroup } | null = null;
  const consider = (leaf: NavLeaf, group?: NavGroup) => {
    const hit =
      leaf.path === '/'
        ? pathname === '/'
        : pathname === leaf.path ||
          pathname.startsWith(`${leaf.path}/`) ||
          (leaf.prefixes ?? []).some((p) => pathname.startsWith(p));
    if (hit && (!best || leaf.path.length > best.leaf.path.length)) best = { leaf, group };
  };
  for (const e of NAV) {
    if (isGroup(e)) for (const c of e.children) consider(c, e);
    else consider(e);
  }
  return best;
}
