// What other modules may import from key tasks (重点任务). Each part adds its exports here.

export { claimRoutes as taskClaimRoutes } from './claims.routes.ts';
export { feedbackRoutes as taskFeedbackRoutes } from './feedback.routes.ts';
export {
  planSectionsForInspection,
  searchTasks,
  type TaskTarget,
  tasksByIds,
  tasksOfSection,
} from './inspection-targets.ts';
export { planRoutes as taskPlanRoutes } from './plans.routes.ts';
export { taskRulesRoutes } from './rules.routes.ts';
export { seesAllTasks } from './task-scope.ts';
export { findTaskRef, listTaskFacts, loadTaskViews, type TaskFact, type TaskView } from './tasks.facts.ts';
export { taskReach } from './tasks.repository.ts';
export { taskRoutes } from './tasks.routes.ts';
export { type TaskRules, taskRules } from './tasks.settings.ts';
