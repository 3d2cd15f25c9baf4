import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { ForbiddenResult, NotFoundResult } from '../components/status-result.tsx';
import { SignInPage } from '../pages/auth/sign-in-page.tsx';
import { HomePage } from '../pages/home/home-page.tsx';
import { AppLayout } from './layout.tsx';
import type { Permission } from './nav.tsx';
import { FullPageSpin, RequireAuth, SessionWatcher, useMe } from './session.tsx';

const ChangePasswordPage = lazy(() =>
  import('../pages/auth/change-password-page.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const RegionListPage = lazy(() =>
  import('../pages/org/region-list-page.tsx').then((m) => ({ default: m.RegionListPage })),
);
const UnitListPage = lazy(() => import('../pages/org/unit-list-page.tsx').then((m) => ({ default: m.UnitListPage })));
const LeaderListPage = lazy(() =>
  import('../pages/org/leader-list-page.tsx').then((m) => ({ default: m.LeaderListPage })),
);
const UserListPage = lazy(() => import('../pages/org/user-list-page.tsx').then((m) => ({ default: m.UserListPage })));
const HandoverPage = lazy(() => import('../pages/org/handover-page.tsx').then((m) => ({ default: m.HandoverPage })));
const ProjectListPage = lazy(() =>
  import('../pages/projects/project-list-page.tsx').then((m) => ({ default: m.ProjectListPage })),
);
const ProjectDetailPage = lazy(() =>
  import('../pages/projects/project-detail-page.tsx').then((m) => ({ default: m.ProjectDetailPage })),
);
const PlanningPage = lazy(() =>
  import('../pages/projects/planning-page.tsx').then((m) => ({ default: m.PlanningPage })),
);
const ProjectSettingsPage = lazy(() =>
  import('../pages/projects/project-settings-page.tsx').then((m) => ({ default: m.ProjectSettingsPage })),
);
const IndicatorDashboardPage = lazy(() =>
  import('../pages/indicators/dashboard-page.tsx').then((m) => ({ default: m.IndicatorDashboardPage })),
);
const IndicatorValuesPage = lazy(() =>
  import('../pages/indicators/values-page.tsx').then((m) => ({ default: m.IndicatorValuesPage })),
);
const IndicatorTargetsPage = lazy(() =>
  import('../pages/indicators/targets-page.tsx').then((m) => ({ default: m.IndicatorTargetsPage })),
);
const IndicatorCatalogPage = lazy(() =>
  import('../pages/indicators/catalog-page.tsx').then((m) => ({ default: m.IndicatorCatalogPage })),
);
const WeekBoardPage = lazy(() =>
  import('../pages/dispatch/week-board-page.tsx').then((m) => ({ default: m.WeekBoardPage })),
);
const ReportPage = lazy(() => import('../pages/dispatch/report-page.tsx').then((m) => ({ default: m.ReportPage })));
const MeetingPage = lazy(() => import('../pages/dispatch/meeting-page.tsx').then((m) => ({ default: m.MeetingPage })));
const ItemsPage = lazy(() => import('../pages/dispatch/items-page.tsx').then((m) => ({ default: m.ItemsPage })));
const DispatchSettingsPage = lazy(() =>
  import('../pages/dispatch/dispatch-settings-page.tsx').then((m) => ({ default: m.DispatchSettingsPage })),
);
const AuditTrailPage = lazy(() =>
  import('../pages/audit/audit-trail-page.tsx').then((m) => ({ default: m.AuditTrailPage })),
);
const SecurityPolicyPage = lazy(() =>
  import('../pages/settings/security-policy-page.tsx').then((m) => ({ default: m.SecurityPolicyPage })),
);
const RobotsPage = lazy(() => import('../pages/settings/robots-page.tsx').then((m) => ({ default: m.RobotsPage })));
const TasksPage = lazy(() => import('../pages/tasks/tasks-page.tsx').then((m) => ({ default: m.TasksPage })));
const TaskPage = lazy(() => import('../pages/tasks/task-page.tsx').then((m) => ({ default: m.TaskPage })));
const TaskSettingsPage = lazy(() =>
  import('../pages/tasks/task-settings-page.tsx').then((m) => ({ default: m.TaskSettingsPage })),
);
const TaskPlansPage = lazy(() => import('../pages/tasks/plans-page.tsx').then((m) => ({ default: m.PlansPage })));
const TaskPlanPage = lazy(() => import('../pages/tasks/plan-page.tsx').then((m) => ({ default: m.PlanPage })));
const TaskPlanImportPage = lazy(() =>
  import('../pages/tasks/plan-import-page.tsx').then((m) => ({ default: m.PlanImportPage })),
);
const TaskClaimsPage = lazy(() => import('../pages/tasks/claims-page.tsx').then((m) => ({ default: m.ClaimsPage })));
const SupervisionInboxPage = lazy(() =>
  import('../pages/supervision/inbox-page.tsx').then((m) => ({ default: m.InboxPage })),
);
const SupervisionBoardPage = lazy(() =>
  import('../pages/supervision/board-page.tsx').then((m) => ({ default: m.BoardPage })),
);
const SupervisionStepsPage = lazy(() =>
  import('../pages/supervision/steps-page.tsx').then((m) => ({ default: m.StepsPage })),
);
const InstructionsPage = lazy(() =>
  import('../pages/supervision/instructions-page.tsx').then((m) => ({ default: m.InstructionsPage })),
);
const InstructionPage = lazy(() =>
  import('../pages/supervision/instructions-page.tsx').then((m) => ({ default: m.InstructionPage })),
);
const InspectionsPage = lazy(() =>
  import('../pages/supervision/inspections-page.tsx').then((m) => ({ default: m.InspectionsPage })),
);
const InspectionPage = lazy(() =>
  import('../pages/supervision/inspection-page.tsx').then((m) => ({ default: m.InspectionPage })),
);
const FindingPage = lazy(() =>
  import('../pages/supervision/finding-page.tsx').then((m) => ({ default: m.FindingPage })),
);
const RectificationsPage = lazy(() =>
  import('../pages/supervision/rectifications-page.tsx').then((m) => ({ default: m.RectificationsPage })),
);

/** A page only users with the permission may open (the menu hides it too; the server checks again). */
function Can({ perm, children }: { perm: Permission; children: ReactNode }) {
  const me = useMe();
  return me.can[perm] ? children : <ForbiddenResult />;
}

function Root() {
  return (
    <>
      <SessionWatcher />
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <SignInPage /> },
      {
        path: '/change-password',
        element: (
          <RequireAuth passwordPage>
            <ChangePasswordPage />
          </RequireAuth>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'projects',
            element: (
              <Can perm="viewProjects">
                <ProjectListPage />
              </Can>
            ),
          },
          {
            path: 'projects/planning',
            element: (
              <Can perm="viewProjects">
                <PlanningPage />
              </Can>
            ),
          },
          {
            path: 'projects/settings',
            element: (
              <Can perm="configureProjects">
                <ProjectSettingsPage />
              </Can>
            ),
          },
          {
            path: 'projects/:id',
            element: (
              <Can perm="viewProjects">
                <ProjectDetailPage />
              </Can>
            ),
          },
          {
            path: 'indicators',
            element: (
              <Can perm="viewIndicators">
                <IndicatorDashboardPage />
              </Can>
            ),
          },
          {
            path: 'indicators/values',
            element: (
              <Can perm="viewIndicators">
                <IndicatorValuesPage />
              </Can>
            ),
          },
          {
            path: 'indicators/targets',
            element: (
              <Can perm="viewIndicators">
                <IndicatorTargetsPage />
              </Can>
            ),
          },
          {
            path: 'indicators/catalog',
            element: (
              <Can perm="viewIndicators">
                <IndicatorCatalogPage />
              </Can>
            ),
          },
          {
            path: 'dispatch/reports',
            element: (
              <Can perm="viewDispatch">
                <WeekBoardPage />
              </Can>
            ),
          },
          {
            path: 'dispatch/meeting',
            element: (
              <Can perm="viewDispatch">
                <MeetingPage />
              </Can>
            ),
          },
          {
            // an item (/dispatch/items/:id, where notifications link) opens in a drawer over the list
            path: 'dispatch/items/:id?',
            element: (
              <Can perm="viewDispatch">
                <ItemsPage />
              </Can>
            ),
          },
          {
            path: 'dispatch/settings',
            element: (
              <Can perm="reviewWeekly">
                <DispatchSettingsPage />
              </Can>
            ),
          },
          {
            path: 'dispatch/projects/:projectId/reports/:week',
            element: (
              <Can perm="viewDispatch">
                <ReportPage />
              </Can>
            ),
          },
          {
            path: 'org/regions',
            element: (
              <Can perm="viewDirectory">
                <RegionListPage />
              </Can>
            ),
          },
          {
            path: 'org/units',
            element: (
              <Can perm="viewDirectory">
                <UnitListPage />
              </Can>
            ),
          },
          {
            path: 'org/leaders',
            element: (
              <Can perm="viewDirectory">
                <LeaderListPage />
              </Can>
            ),
          },
          {
            path: 'org/users',
            element: (
              <Can perm="viewDirectory">
                <UserListPage />
              </Can>
            ),
          },
          {
            path: 'org/handover',
            element: (
              <Can perm="administer">
                <HandoverPage />
              </Can>
            ),
          },
          {
            path: 'audit',
            element: (
              <Can perm="viewAudit">
                <AuditTrailPage />
              </Can>
            ),
          },
          {
            path: 'settings/security-policy',
            element: (
              <Can perm="editSettings">
                <SecurityPolicyPage />
              </Can>
            ),
          },
          {
            path: 'settings/robots',
            element: (
              <Can perm="manageRobots">
                <RobotsPage />
              </Can>
            ),
          },
          {
            path: 'tasks',
            element: (
              <Can perm="viewTasks">
                <TasksPage />
              </Can>
            ),
          },
          {
            path: 'tasks/t/:id',
            element: (
              <Can perm="viewTasks">
                <TaskPage />
              </Can>
            ),
          },
          {
            path: 'tasks/settings',
            element: (
              <Can perm="viewTasks">
                <TaskSettingsPage />
              </Can>
            ),
          },
          {
            path: 'tasks/plans',
            element: (
              <Can perm="viewTasks">
                <TaskPlansPage />
              </Can>
            ),
          },
          {
            path: 'tasks/plans/:id',
            element: (
              <Can perm="viewTasks">
                <TaskPlanPage />
              </Can>
            ),
          },
          {
            path: 'tasks/plans/:id/import',
            element: (
              <Can perm="manageTasks">
                <TaskPlanImportPage />
              </Can>
            ),
          },
          {
            path: 'tasks/claims',
            element: (
              <Can perm="viewTasks">
                <TaskClaimsPage />
              </Can>
            ),
          },
          {
            path: 'supervision/inbox',
            element: (
              <Can perm="viewTasks">
                <SupervisionInboxPage />
              </Can>
            ),
          },
          {
            path: 'supervision/board',
            element: (
              <Can perm="viewTasks">
                <SupervisionBoardPage />
              </Can>
            ),
          },
          {
            // a step (/supervision/steps?id=…, where notifications link) opens in a drawer over the register
            path: 'supervision/steps',
            element: (
              <Can perm="viewTasks">
                <SupervisionStepsPage />
              </Can>
            ),
          },
          {
            path: 'supervision/instructions',
            element: (
              <Can perm="viewTasks">
                <InstructionsPage />
              </Can>
            ),
          },
          {
            path: 'supervision/instructions/:id',
            element: (
              <Can perm="viewTasks">
                <InstructionPage />
              </Can>
            ),
          },
          {
            path: 'supervision/inspections',
            element: (
              <Can perm="viewTasks">
                <InspectionsPage />
              </Can>
            ),
          },
          {
            path: 'supervision/inspections/:id',
            element: (
              <Can perm="viewTasks">
                <InspectionPage />
              </Can>
            ),
          },
          {
            path: 'supervision/inspections/:id/targets/:targetId',
            element: (
              <Can perm="viewTasks">
                <FindingPage />
              </Can>
            ),
          },
          {
            path: 'supervision/rectifications',
            element: (
              <Can perm="viewTasks">
                <RectificationsPage />
              </Can>
            ),
          },
          { path: '*', element: <NotFoundResult /> },
        ],
      },
    ],
  },
]);
