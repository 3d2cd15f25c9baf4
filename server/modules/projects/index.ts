export { projectRoutes } from './projects.routes.ts';
export { projectSettingsRoutes } from './projects.settings.routes.ts';
