export { projectRoutes } from './projects.routes.ts';
