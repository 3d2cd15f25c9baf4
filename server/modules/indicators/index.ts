export { indicatorRoutes } from './indicators.routes.ts';
export { indicatorReportRoutes } from './report.routes.ts';
