export { orgRoutes } from './org.routes.ts';
