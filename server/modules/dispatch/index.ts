export { dispatchJobs } from './dispatch.jobs.ts';
export { flagWeeklyReports, reportedFigures } from './inspection-flags.ts';
export { itemRoutes as dispatchItemRoutes } from './items.routes.ts';
export { meetingRoutes as dispatchMeetingRoutes } from './meeting.routes.ts';
export { reportRoutes as dispatchReportRoutes } from './reports.routes.ts';
export { dispatchSettingsRoutes } from './settings.routes.ts';
export { findCoordinationItemRef, findWeeklyReportRef, type SupervisableRef } from './supervisable-refs.ts';
