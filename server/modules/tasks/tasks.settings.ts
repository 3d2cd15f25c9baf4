import {
  parseTaskRules,
  TASK_RULES_KEY,
  type TaskRules,
  type TaskRulesUpdate,
  type TaskRulesView,
} from '../../../domain/tasks/rules.ts';
import { assertMay } from '../../platform/access/access.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { appError } from '../../platform/errors/app-error.ts';

export type { TaskRules };

/** The 督查室's thresholds (key `tasks.rules`), defaults from domain/tasks/rules.ts. */
export async function taskRules(ctx: Ctx, conn: Conn): Promise<TaskRules> {
  return (await ctx.settings.get(conn, TASK_RULES_KEY, parseTaskRules)).value;
}

export async function getTaskRules(ctx: Ctx, actor: Actor): Promise<TaskRulesView> {
  assertMay(actor, 'task.read');
  const v = await ctx.settings.get(ctx.db, TASK_RULES_KEY, parseTaskRules);
  return { rules: v.value, version: v.version };
}

/** Saves the thresholds (versioned: a stale write is refused), audited; they apply at once. */
export async function updateTaskRules(ctx: Ctx, actor: Actor, input: TaskRulesUpdate): Promise<TaskRulesView> {
  assertMay(actor, 'task.manage');
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await ctx.settings.get(tx, TASK_RULES_KEY, parseTaskRules);
    const v = await ctx.settings.put(tx, TASK_RULES_KEY, input.rules, input.version);
    if (v === null) throw appError('STALE_WRITE');
    await audit({
      action: 'settings.update',
      entityType: 'setting',
      entityId: TASK_RULES_KEY,
      before: before.value,
      after: input.rules,
    });
  });
  return getTaskRules(ctx, actor);
}
