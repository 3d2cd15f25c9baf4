export { itemRoutes as dispatchItemRoutes } from './items.routes.ts';
export { reportRoutes as dispatchReportRoutes } from './reports.routes.ts';
