import { businessDate } from '../../../domain/common/business-date.ts';
import { taskLabel } from '../../../domain/supervision/ladder.ts';
import type { Inbox, InboxItem, InboxKind } from '../../../domain/supervision/ladder-contracts.ts';
import { LADDER_STEP_LABELS, type LadderStep, NOTICE_POLARITY_LABELS } from '../../../domain/supervision/model.ts';
import { assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { loadTaskViews } from '../tasks/index.ts';
import { instructionsAwaitingUnit } from './instructions.service.ts';
import { ladderRepo } from './ladder.repository.ts';
import { stepLink } from './ladder.service.ts';

/**
 * 本单位待办: everything the caller's unit must do, soonest first — the feedback of the cycle due (tasks it leads;
 * its part of tasks it partners on), tasks to claim, orders and reminders addressed to it, instructions naming it
 * without its response, rectifications to carry out. Each line says what, by when, whether it is late, and links to
 * the page where it is done.
 */

const SUBMITTED = new Set(['submitted', 'accepted']);
const KIND_ORDER: Record<InboxKind, number> = {
  step: 0,
  instruction: 1,
  rectification: 2,
  feedback: 3,
  feedback_part: 4,
  claim: 5,
};

export const cycleText = (cycle: string): string => {
  const m = /^(\d{4})-(\d{2})$/.exec(cycle);
  if (m) return `${Number(m[1])}年${Number(m[2])}月`;
  const q = /^(\d{4})-Q(\d)$/.exec(cycle);
  if (q) return `${q[1]}年第${q[2]}季度`;
  const w = /^(\d{4})-W(\d{2})$/.exec(cycle);
  if (w) return `${w[1]}年第${Number(w[2])}周`;
  return cycle;
};

const short = (s: string, n = 50) => (s.length > n ? `${s.slice(0, n)}…` : s);

export async function unitInbox(ctx: Ctx, actor: Actor): Promise<Inbox> {
  assertMay(actor, 'task.read');
  const today = businessDate(ctx.now());
  const unitId = actor.unitId;
  const conn = ctx.db;
  const items: InboxItem[] = [];
  const late = (d: string | null) => d !== null && d < today;

  // the unit's own tasks (lead or partner) — whatever the caller's role, the inbox is the unit's
  const views = await loadTaskViews(ctx, conn, { roles: [], unitId }, {}, today);
  const partnerTasks = views.filter((v) => v.leadUnitId !== unitId && v.status !== 'done');
  const parts = await ladderRepo.partsOfUnit(
    conn,
    unitId,
    partnerTasks.map((v) => v.id),
  );
  const written = new Set(parts.map((p) => `${p.taskId}|${p.cycle}`));

  for (const v of views) {
    if (v.status === 'done') continue;
    const label = taskLabel(v);
    const link = `/tasks/t/${v.id}`;
    if (v.leadUnitId === unitId) {
      if (v.claimStatus === 'pending') {
        items.push({
          key: `claim:${v.id}`,
          kind: 'claim',
          title: label,
          detail: `请认领或提出异议（完成时限：${v.deadlineText}）`,
          dueOn: v.row.claimDueOn,
          overdue: late(v.row.claimDueOn),
          link: '/tasks/claims',
        });
        continue;
      }
      if (v.claimStatus !== 'claimed') continue;
      if (v.currentFeedbackStatus && SUBMITTED.has(v.currentFeedbackStatus)) continue;
      const c = v.currentCycle;
      items.push({
        key: `feedback:${v.id}:${c.key}`,
        kind: 'feedback',
        title: label,
        detail: `${cycleText(c.key)}进展情况${
          v.currentFeedbackStatus === 'returned'
            ? '已被督查室退回，请修改后重新报送'
            : v.currentFeedbackStatus === 'draft'
              ? '已保存草稿，尚未报送'
              : '待报送'
        }`,
        dueOn: c.dueOn,
        overdue: late(c.dueOn),
        link,
      });
    } else {
      const c = v.currentCycle;
      if (written.has(`${v.id}|${c.key}`)) continue;
      if (v.currentFeedbackStatus && SUBMITTED.has(v.currentFeedbackStatus)) continue;
      items.push({
        key: `part:${v.id}:${c.key}`,
        kind: 'feedback_part',
        title: label,
        detail: `${cycleText(c.key)}配合单位反馈待填写 · 牵头单位：${v.leadUnitName}`,
        dueOn: c.dueOn,
        overdue: late(c.dueOn),
        link,
      });
    }
  }

  // steps addressed to the unit; an automatic reminder repeats a line above (the feedback, the claim), so it is left out
  for (const s of await ladderRepo.openForUnit(conn, unitId)) {
    if (s.origin !== 'manual') continue;
    const word =
      s.step === 'notice' && s.polarity
        ? NOTICE_POLARITY_LABELS[s.polarity as 'critical' | 'commending'].zh
        : LADDER_STEP_LABELS[s.step as LadderStep].zh;
    items.push({
      key: `step:${s.id}`,
      kind: 'step',
      title: `${s.number ?? word}：${s.objectLabel}`,
      detail: short(s.requirement ?? s.reason, 80),
      dueOn: s.dueOn,
      overdue: late(s.dueOn),
      link: stepLink(s.id),
    });
  }

  for (const i of await instructionsAwaitingUnit(conn, unitId, today)) {
    items.push({
      key: `instruction:${i.id}`,
      kind: 'instruction',
      title: `${i.leaderName}批示：${short(i.text)}`,
      detail: i.objectLabel,
      dueOn: i.dueOn,
      overdue: i.overdue,
      link: i.link,
    });
  }

  for (const r of await ladderRepo.rectificationsForUnit(conn, unitId)) {
    items.push({
      key: `rectification:${r.id}`,
      kind: 'rectification',
      title: `整改：${short(r.requirement)}`,
      detail: r.rejectReason ? `验收未通过：${r.rejectReason}` : null,
      dueOn: r.dueOn,
      overdue: late(r.dueOn),
      link: `/supervision/rectifications?id=${r.id}`,
    });
  }

  items.sort(
    (a, b) =>
      (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.title.localeCompare(b.title, 'zh'),
  );
  return { unitId, unitName: actor.unitName, asOf: today, items };
}
