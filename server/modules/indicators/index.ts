export { indicatorRoutes } from './indicators.routes.ts';
