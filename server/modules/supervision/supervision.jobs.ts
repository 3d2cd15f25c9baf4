import { businessDate } from '../../../domain/common/business-date.ts';
import { workingDaysBetween } from '../../../domain/common/calendar.ts';
import { taskLabel } from '../../../domain/supervision/ladder.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import type { AnyJobDefinition } from '../../platform/jobs/jobs.ts';
import { officialCalendar } from '../../platform/settings/calendar.ts';
import { loadTaskViews, taskRules } from '../tasks/index.ts';
import { cycleText } from './inbox.service.ts';
import { ladderRepo } from './ladder.repository.ts';
import { closeStepInTx, issueReminder } from './ladder.service.ts';

/**
 * The daily sweep of the ladder (China time, every morning): an automatic 催办 to the lead unit of each task whose
 * feedback for the cycle falls due within `remindDaysBefore` working days (or is already late) and is not submitted
 * — once per task and cycle (origin `auto:feedback:<cycle>`) — and to each lead unit that let its claiming time pass
 * (`auto:claim`, once per task). Automatic reminders whose duty is done (feedback submitted, task claimed or done)
 * are closed by the same sweep. Idempotent: running it twice a day changes nothing the second time.
 */
export async function supervisionSweep(ctx: Ctx): Promise<{ reminded: number; closed: number }> {
  const now = ctx.now();
  const today = businessDate(now);
  const rules = await taskRules(ctx, ctx.db);
  const cal = await officialCalendar(ctx, ctx.db);
  const views = await loadTaskViews(ctx, ctx.db, null, {}, today, { rules, cal });
  const given = await ladderRepo.autoOrigins(ctx.db, 'auto:%');
  const key = (taskId: string, unitId: string, origin: string) => `${taskId}|${unitId}|${origin}`;
  const already = new Set(given.map((g) => key(g.objectId, g.unitId, g.origin)));

  type Reminder = Parameters<typeof issueReminder>[2];
  const due: Reminder[] = [];
  const byId = new Map(views.map((v) => [v.id, v]));
  for (const v of views) {
    if (v.status === 'done') continue;
    const label = taskLabel(v);
    if (v.claimStatus === 'pending' && v.row.claimDueOn < today) {
      if (!already.has(key(v.id, v.leadUnitId, 'auto:claim'))) {
        due.push({
          objectType: 'task',
          objectId: v.id,
          unitId: v.leadUnitId,
          label,
          reason: `任务认领时限${v.row.claimDueOn}已过,请尽快认领或提出异议`,
          origin: 'auto:claim',
          now,
        });
      }
      continue;
    }
    if (v.claimStatus !== 'claimed') continue;
    if (v.currentFeedbackStatus === 'submitted' || v.currentFeedbackStatus === 'accepted') continue;
    const c = v.currentCycle;
    const origin = `auto:feedback:${c.key}`;
    if (already.has(key(v.id, v.leadUnitId, origin))) continue;
    const left = workingDaysBetween(today, c.dueOn, cal);
    if (left > rules.remindDaysBefore) continue;
    due.push({
      objectType: 'task',
      objectId: v.id,
      unitId: v.leadUnitId,
      label,
      reason:
        c.dueOn < today
          ? `${cycleText(c.key)}进展情况应于${c.dueOn}前报送,已逾期,请立即报送`
          : `${cycleText(c.key)}进展情况将于${c.dueOn}截止,请按时报送进展情况、存在问题和下步打算`,
      origin,
      dueOn: c.dueOn,
      now,
    });
  }

  // reminders whose duty is done: close them so the register and the inbox show only what is still owed
  const stale = given.filter((g) => {
    const v = byId.get(g.objectId);
    if (!v || v.status === 'done') return true;
    if (g.origin === 'auto:claim') return v.claimStatus !== 'pending';
    if (g.origin.startsWith('auto:feedback:')) {
      const cycle = g.origin.slice('auto:feedback:'.length);
      return (
        cycle !== v.currentCycle.key ||
        v.currentFeedbackStatus === 'submitted' ||
        v.currentFeedbackStatus === 'accepted'
      );
    }
    return false;
  });

  let reminded = 0;
  for (const r of due) {
    // one short transaction each: PGlite serialises every request behind a running transaction
    const row = await audited(ctx, SYSTEM_ACTOR, (tx, audit) => issueReminder(tx, audit, r));
    if (row) reminded++;
  }
  let closed = 0;
  for (const g of stale) {
    if (g.status === 'closed') continue;
    await audited(ctx, SYSTEM_ACTOR, async (tx, audit) => {
      const row = await ladderRepo.findForUpdate(tx, ladderRepo.everyStep, g.id);
      if (!row || row.status === 'closed') return;
      await closeStepInTx(tx, audit, row, { name: '系统', now, note: '已按要求办理,自动办结' });
      closed++;
    });
  }
  return { reminded, closed };
}

export const supervisionJobs: AnyJobDefinition[] = [
  {
    name: 'supervision.daily-sweep',
    cron: '10 8 * * *',
    handler: async (ctx: Ctx) => {
      await supervisionSweep(ctx);
    },
  },
];
