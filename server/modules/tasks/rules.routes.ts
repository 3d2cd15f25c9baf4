import { TaskRulesUpdate, TaskRulesView } from '../../../domain/tasks/rules.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { getTaskRules, updateTaskRules } from './tasks.settings.ts';

const tags = ['tasks'];

/** 督查规则: the thresholds of the status lights, escalation suggestions, reminders and claiming. */
export const taskRulesRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/task-rules',
    { schema: { tags, summary: '督查规则设置', response: { 200: TaskRulesView } } },
    async (req) => getTaskRules(ctx, actorOf(req)),
  );
  app.put(
    '/api/task-rules',
    {
      schema: {
        tags,
        summary: '修改督查规则(督查室;带版本号)',
        body: TaskRulesUpdate,
        response: { 200: TaskRulesView },
      },
    },
    async (req) => updateTaskRules(ctx, actorOf(req), req.body),
  );
};
