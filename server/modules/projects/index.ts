export {
  groundbreakingBatches,
  type ProjectRef,
  projectsByIds,
  projectsOfBatch,
  searchProjects,
} from './inspection-targets.ts';
export { findProjectRef } from './project-ref.ts';
export { projectRoutes } from './projects.routes.ts';
export { projectSettingsRoutes } from './projects.settings.routes.ts';
