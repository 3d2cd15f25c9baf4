import {
  APPROVAL_ITEM_LABELS,
  APPROVAL_ITEMS,
  type ApprovalItem,
  assertIsoDate,
  type IsoDate,
  type ProjectFacts,
  STAGE_LABELS,
  STAGES,
  type Stage,
  type SuspendableStage,
} from './project.ts';

/**
 * The project lifecycle (阶段): pipeline → preparation → under_construction → completed → operating, with
 * `suspended` reachable from preparation/under_construction and back to where it came from, and `withdrawn` (退库)
 * from any stage. Every change of stage goes through `checkTransition`; there is no free editing of `stage`.
 */

/** 前期手续 items required to enter `under_construction` unless the settings say otherwise. */
export const DEFAULT_MANDATORY_APPROVALS: readonly ApprovalItem[] = ['project_approval', 'construction_permit'];

export const BLOCKER_CODES = [
  'NOT_ALLOWED',
  'ALREADY_WITHDRAWN',
  'PROJECT_CODE_REQUIRED',
  'APPROVAL_MISSING',
  'START_DATE_MISSING',
  'START_AFTER_COMPLETION',
  'REASON_REQUIRED',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/** Why a transition cannot happen now; `item` names the missing approval for APPROVAL_MISSING. */
export type Blocker = { code: BlockerCode; message: string; item?: ApprovalItem };

export type TransitionContext = {
  /** the business date (Asia/Shanghai) of the action */
  today: IsoDate;
  /** the setting: 前期手续 items that must be done before construction starts */
  mandatoryApprovals: readonly ApprovalItem[];
  /** why (required for 暂缓 and 退库) */
  reason?: string;
};

/**
 * What the transition writes. `stage` and `suspendedFrom` are always given (suspendedFrom is set on entering
 * `suspended` and cleared by every other transition); the dates and `newStart` only when this transition sets them.
 */
export type TransitionEffects = {
  stage: Stage;
  suspendedFrom: SuspendableStage | null;
  actualStartDate?: IsoDate;
  actualCompletionDate?: IsoDate;
  /** entering under_construction: 新开工 (true) or 续建 (false) */
  newStart?: boolean;
};

export type TransitionCheck = { ok: true; effects: TransitionEffects } | { ok: false; blockers: Blocker[] };

const NEXT: Record<Stage, readonly Stage[]> = {
  pipeline: ['preparation', 'withdrawn'],
  preparation: ['under_construction', 'suspended', 'withdrawn'],
  under_construction: ['completed', 'suspended', 'withdrawn'],
  completed: ['operating', 'withdrawn'],
  operating: ['withdrawn'],
  suspended: ['withdrawn'],
  withdrawn: [],
};

const REASON_STAGES: readonly Stage[] = ['suspended', 'withdrawn'];

/**
 * The stages the machine allows from `stage`, before any blocker is looked at. A suspended project goes back only
 * to the stage it was suspended from (or is withdrawn); without a recorded `suspendedFrom` it can only be withdrawn.
 */
export function allowedTargets(stage: Stage, suspendedFrom: SuspendableStage | null): Stage[] {
  if (stage === 'suspended' && suspendedFrom) return [suspendedFrom, ...NEXT.suspended];
  return [...NEXT[stage]];
}

/** 新开工: the project started in the year of `today`; otherwise it is 续建 (continuing). */
export const isNewStart = (actualStartDate: IsoDate, today: IsoDate): boolean =>
  actualStartDate.slice(0, 4) === today.slice(0, 4);

const label = (s: Stage) => STAGE_LABELS[s].zh;

/** The blockers of a transition the machine allows, with or without the reason check. */
function conditionBlockers(p: ProjectFacts, to: Stage, ctx: TransitionContext, checkReason: boolean): Blocker[] {
  const blockers: Blocker[] = [];
  if (to === 'preparation' && !p.hasValidProjectCode) {
    blockers.push({ code: 'PROJECT_CODE_REQUIRED', message: '进入前期阶段须有有效的项目代码' });
  }
  if (to === 'under_construction') {
    const done = new Set(p.approvalsDone);
    const mandatory = new Set(ctx.mandatoryApprovals);
    for (const item of APPROVAL_ITEMS) {
      if (mandatory.has(item) && !done.has(item)) {
        blockers.push({ code: 'APPROVAL_MISSING', message: `缺少${APPROVAL_ITEM_LABELS[item].zh}`, item });
      }
    }
  }
  if (to === 'completed') {
    const completion = p.actualCompletionDate ?? ctx.today;
    if (!p.actualStartDate) {
      blockers.push({ code: 'START_DATE_MISSING', message: '尚未记录实际开工日期,不能竣工' });
    } else if (p.actualStartDate > completion) {
      blockers.push({
        code: 'START_AFTER_COMPLETION',
        message: `实际开工日期 ${p.actualStartDate} 晚于竣工日期 ${completion},不能竣工`,
      });
    }
  }
  if (checkReason && REASON_STAGES.includes(to) && !ctx.reason?.trim()) {
    blockers.push({ code: 'REASON_REQUIRED', message: `${label(to)}须填写原因` });
  }
  return blockers;
}

function structuralBlocker(p: ProjectFacts, to: Stage): Blocker | null {
  if (p.stage === 'withdrawn') return { code: 'ALREADY_WITHDRAWN', message: '项目已退库,不能再变更阶段' };
  if (!allowedTargets(p.stage, p.suspendedFrom).includes(to)) {
    return { code: 'NOT_ALLOWED', message: `当前阶段“${label(p.stage)}”不能变更为“${label(to)}”` };
  }
  return null;
}

function effectsOf(p: ProjectFacts, to: Stage, today: IsoDate): TransitionEffects {
  const effects: TransitionEffects = {
    stage: to,
    suspendedFrom: to === 'suspended' ? (p.stage as SuspendableStage) : null,
  };
  if (to === 'under_construction') {
    if (!p.actualStartDate) effects.actualStartDate = today;
    effects.newStart = isNewStart(p.actualStartDate ?? today, today);
  }
  if (to === 'completed' && !p.actualCompletionDate) effects.actualCompletionDate = today;
  return effects;
}

/**
 * Can project `p` move to `to` today? A transition the machine does not allow gives exactly one blocker
 * (NOT_ALLOWED, or ALREADY_WITHDRAWN for a withdrawn project); otherwise every unmet condition is listed.
 */
export function checkTransition(p: ProjectFacts, to: Stage, ctx: TransitionContext): TransitionCheck {
  assertIsoDate('today', ctx.today);
  const structural = structuralBlocker(p, to);
  if (structural) return { ok: false, blockers: [structural] };
  const blockers = conditionBlockers(p, to, ctx, true);
  return blockers.length ? { ok: false, blockers } : { ok: true, effects: effectsOf(p, to, ctx.today) };
}

export type TargetExplanation = {
  stage: Stage;
  /** the action can be offered now */
  allowed: boolean;
  /** the action asks for a written reason (暂缓, 退库); a missing reason is not a blocker here */
  needsReason: boolean;
  blockers: Blocker[];
};

/**
 * Every stage, in STAGES order, with whether the project can move there now and why not: the web shows the allowed
 * actions and explains the others. The reason is asked for when the action is taken, so it does not block here.
 */
export function explainTargets(p: ProjectFacts, ctx: Omit<TransitionContext, 'reason'>): TargetExplanation[] {
  assertIsoDate('today', ctx.today);
  return STAGES.map((stage) => {
    const structural = structuralBlocker(p, stage);
    const blockers = structural ? [structural] : conditionBlockers(p, stage, ctx, false);
    return { stage, allowed: blockers.length === 0, needsReason: REASON_STAGES.includes(stage), blockers };
  });
}
