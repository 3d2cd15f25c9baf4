// What other modules may import from key tasks (重点任务). Each part adds its exports here.
export { seesAllTasks, taskReach } from './task-scope.ts';
