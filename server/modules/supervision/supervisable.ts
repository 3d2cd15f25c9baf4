import { businessDate } from '../../../domain/common/business-date.ts';
import { taskLabel } from '../../../domain/supervision/ladder.ts';
import type { SupervisableType } from '../../../domain/supervision/model.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Conn } from '../../platform/db/database.ts';
import { findCoordinationItemRef, findWeeklyReportRef } from '../dispatch/index.ts';
import { findProjectRef } from '../projects/index.ts';
import { findTaskRef, listTaskFacts, seesAllTasks } from '../tasks/index.ts';
import { ladderRepo } from './ladder.repository.ts';

/**
 * Anything the ladder can address, resolved to what a step needs: its label, the unit answerable for it (the task's
 * lead unit, the project's responsible unit, the unit asked to solve an item…), its page, and where it came from
 * (the 督办单's 任务来源). Each module answers through its index.ts; `actor` null = the system (every object).
 */
export type SupervisableRef = {
  type: SupervisableType;
  id: string;
  label: string;
  /** the responsible unit; null when the object names several (an instruction) and the step must say which */
  unitId: string | null;
  /** the units it also concerns (a task's partners, an instruction's named units) */
  otherUnitIds: string[];
  link: string;
  /** 任务来源 */
  source: string;
};

export const objectLink = (type: SupervisableType, id: string): string => {
  switch (type) {
    case 'task':
      return `/tasks/t/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'coordination_item':
      return `/dispatch/items/${id}`;
    case 'weekly_report':
      return `/supervision/steps?objectType=weekly_report&objectId=${id}`;
    case 'instruction':
      return `/supervision/instructions/${id}`;
    case 'rectification':
      return `/supervision/rectifications?id=${id}`;
  }
};

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

export async function resolveSupervisable(
  ctx: Ctx,
  conn: Conn,
  actor: Actor | null,
  type: SupervisableType,
  id: string,
): Promise<SupervisableRef | null> {
  switch (type) {
    case 'task': {
      const t = await findTaskRef(conn, actor, id);
      if (!t) return null;
      // the label a step keeps is the task's number and words (the plan is the 督办单's 任务来源)
      const [fact] = await listTaskFacts(ctx, conn, null, { ids: [t.id] }, businessDate(ctx.now()));
      return {
        type,
        id: t.id,
        label: fact ? taskLabel(fact) : t.label,
        unitId: t.unitId,
        otherUnitIds: t.partnerUnitIds,
        link: t.link,
        source: '重点任务',
      };
    }
    case 'project': {
      const p = await findProjectRef(conn, actor, id);
      return p
        ? { type, id: p.id, label: p.label, unitId: p.unitId, otherUnitIds: [], link: p.link, source: '重点项目' }
        : null;
    }
    case 'coordination_item': {
      const i = await findCoordinationItemRef(conn, actor, id);
      return i ? { type, ...i, otherUnitIds: [], source: '周调度协调事项' } : null;
    }
    case 'weekly_report': {
      const r = await findWeeklyReportRef(conn, actor, id);
      return r ? { type, ...r, otherUnitIds: [], source: '重点项目周调度' } : null;
    }
    case 'instruction': {
      if (!UUID_RE.test(id)) return null;
      const i = await ladderRepo.instruction(conn, id);
      if (!i) return null;
      // a unit reaches an instruction only when it is named in it
      if (actor && !seesAllTasks(actor) && !i.unitIds.includes(actor.unitId)) return null;
      return {
        type,
        id: i.id,
        label: `${i.leaderName}批示:${short(i.text)}`,
        unitId: i.unitIds.length === 1 ? i.unitIds[0]! : null,
        otherUnitIds: i.unitIds,
        link: objectLink(type, i.id),
        source: `领导批示(${i.leaderName})`,
      };
    }
    case 'rectification': {
      if (!UUID_RE.test(id)) return null;
      const r = await ladderRepo.rectification(conn, id);
      if (!r) return null;
      if (actor && !seesAllTasks(actor) && r.unitId !== actor.unitId) return null;
      return {
        type,
        id: r.id,
        label: `整改:${short(r.requirement)}`,
        unitId: r.unitId,
        otherUnitIds: [],
        link: objectLink(type, r.id),
        source: '督查整改',
      };
    }
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
