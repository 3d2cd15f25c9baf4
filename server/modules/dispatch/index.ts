export { reportRoutes as dispatchReportRoutes } from './reports.routes.ts';
export { meetingRoutes as dispatchMeetingRoutes } from './meeting.routes.ts';
