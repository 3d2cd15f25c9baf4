import {
  LADDER_STEP_LABELS,
  LADDER_STEPS,
  type LadderStep,
  ladderRank,
  type NoticePolarity,
  SUPERVISABLE_TYPE_LABELS,
  type SupervisableType,
} from './model.ts';

/**
 * The supervision ladder (催办 → 督办 → 通报 → 约谈 → 问责) as pure rules: whether a step may be issued on an object
 * given the steps it already received (a step above the next one in order needs a written reason, which is kept and
 * shown), the register numbers of the formal documents, and the escalation the facts suggest.
 *
 * Register numbers: the 督办单 ("督办〔2026〕12号") and the 通报 ("通报〔2026〕3号") are formal documents with a number
 * per year. A 催办 is not numbered: most are sent by the daily sweep before a due date, and a register of those would
 * say nothing (the lighter 工作提示 "提示〔2026〕…" some offices use is a separate document, not a ladder step). 约谈 is
 * recorded by its date and participants, 问责 by the decision's own reference (decisionRef).
 */

export type RuleResult = { ok: true } | { ok: false; code: string; zh: string; en: string };

const zhList = (steps: readonly LadderStep[]) => steps.map((s) => LADDER_STEP_LABELS[s].zh).join('、');
const enList = (steps: readonly LadderStep[]) => steps.map((s) => LADDER_STEP_LABELS[s].en.toLowerCase()).join(', ');

/** A step the object already received. A commending notice (通报表扬) is praise, not a rung of the ladder. */
export type PriorStep = { step: LadderStep; polarity?: string | null };

const escalates = (s: { step: LadderStep; polarity?: string | null }) =>
  !(s.step === 'notice' && s.polarity === 'commending');

/** The next rung for an object: one above the highest escalating step it received (催办 when none). */
export function nextStepInOrder(prior: readonly PriorStep[]): LadderStep {
  const top = prior.filter(escalates).reduce((m, s) => Math.max(m, ladderRank(s.step)), -1);
  return LADDER_STEPS[Math.min(top + 1, LADDER_STEPS.length - 1)]!;
}

/** The rungs between the next one in order and `step` (exclusive) that would be skipped. */
export function skippedSteps(step: LadderStep, prior: readonly PriorStep[]): LadderStep[] {
  const next = ladderRank(nextStepInOrder(prior));
  return LADDER_STEPS.filter((_, i) => i >= next && i < ladderRank(step));
}

/** The shortest reason that counts as written (two characters do not explain a skip). */
export const SKIP_REASON_MIN = 4;

/**
 * May `step` be issued on an object that already received `prior`? The next rung in order, a repeat of a lower one,
 * and a commending notice are always allowed; a step above the next rung needs a written `skipReason`.
 */
export function checkStep(
  step: LadderStep,
  prior: readonly PriorStep[],
  skipReason: string | null | undefined,
  opts: { polarity?: NoticePolarity | null } = {},
): RuleResult {
  if (step === 'notice' && opts.polarity === 'commending') return { ok: true };
  const skipped = skippedSteps(step, prior);
  if (skipped.length === 0) return { ok: true };
  if ((skipReason ?? '').trim().length >= SKIP_REASON_MIN) return { ok: true };
  const label = LADDER_STEP_LABELS[step];
  return {
    ok: false,
    code: 'SKIP_REASON_REQUIRED',
    zh: `该事项尚未${zhList(skipped)}，越级${label.zh}须写明理由(至少${SKIP_REASON_MIN}个字)`,
    en: `This object has had no ${enList(skipped)} yet: a ${label.en.toLowerCase()} that skips a step needs a written reason`,
  };
}

// ── register numbers ──────────────────────────────────────────────────────────────────────────────────────
/** The word of each numbered register: 督办〔2026〕12号, 通报〔2026〕3号. */
export const NUMBER_PREFIX: Partial<Record<LadderStep, string>> = { order: '督办', notice: '通报' };

export const isNumbered = (step: LadderStep): boolean => NUMBER_PREFIX[step] !== undefined;

/** "督办〔2026〕12号"; null for a step that is not numbered. */
export function stepNumber(step: LadderStep, year: number, seq: number): string | null {
  const prefix = NUMBER_PREFIX[step];
  return prefix ? `${prefix}〔${year}〕${seq}号` : null;
}

/** The next number of a register: one above the highest used this year (1 for the first). */
export const nextSeq = (maxUsed: number | null | undefined): number => (maxUsed ?? 0) + 1;

// ── statuses ──────────────────────────────────────────────────────────────────────────────────────────────
export const STEP_STATUSES = ['open', 'answered', 'closed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_STATUS_LABELS: Record<StepStatus, { zh: string; en: string }> = {
  open: { zh: '待答复', en: 'Awaiting answer' },
  answered: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** Whether the addressed unit answers the step: everything but praise. */
export const expectsAnswer = (s: { step: LadderStep; polarity?: string | null }): boolean =>
  !(s.step === 'notice' && s.polarity === 'commending');

/** The unit may answer (or amend its answer) until the supervisor closes the step. */
export const canRespond = (s: { step: LadderStep; polarity?: string | null; status: string }): boolean =>
  expectsAnswer(s) && s.status !== 'closed';

export const canClose = (s: { status: string }): boolean => s.status !== 'closed';

/** 1–4 from a business date 'YYYY-MM-DD'. */
export const quarterOf = (date: string): number => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;

// ── the escalation the facts suggest ─────────────────────────────────────────────────────────────────────
export type EscalationRules = { orderAfterOverdueWorkingDays: number; noticesForAdmonition: number };

/** A task as the suggestions read it (a subset of the tasks module's TaskFact). */
export type TaskFactLike = {
  id: string;
  number: string;
  content: string;
  leadUnitId: string;
  leadUnitName: string;
  deadlineText: string;
  status: 'done' | 'overdue' | 'red' | 'yellow' | 'green';
  overdueWorkingDays: number | null;
  missedCycle: string | null;
};

export type StepFact = {
  id: string;
  objectType: SupervisableType;
  objectId: string;
  objectLabel: string;
  unitId: string;
  unitName: string;
  step: LadderStep;
  polarity: string | null;
  number: string | null;
  status: string;
  dueOn: string | null;
  /** business date of issue */
  issuedOn: string;
  /** `manual` or `auto:…` */
  origin: string;
};

/** An instruction still waiting for `unitIds`' responses. */
export type InstructionFact = {
  id: string;
  label: string;
  leaderName: string;
  dueOn: string | null;
  pending: { unitId: string; unitName: string }[];
};

export type Suggestion = {
  /** stable per object, unit and step: the page keys its rows by it */
  key: string;
  code: 'TASK_OVERDUE' | 'ORDER_OVERDUE' | 'NOTICES_IN_YEAR' | 'INSTRUCTION_OVERDUE' | 'FEEDBACK_MISSED';
  step: LadderStep;
  polarity: NoticePolarity | null;
  objectType: SupervisableType;
  objectId: string;
  objectLabel: string;
  unitId: string;
  unitName: string;
  /** why, in Chinese: becomes the step's reason when issued with one click */
  reason: string;
  /** filled when issuing would skip a rung: the rule is the written reason */
  skipReason: string | null;
};

export const taskLabel = (t: { number: string; content: string }): string => {
  const text = t.content.length > 60 ? `${t.content.slice(0, 60)}…` : t.content;
  return t.number ? `${t.number} ${text}` : text;
};

const cycleText = (cycle: string): string => {
  const m = /^(\d{4})-(\d{2})$/.exec(cycle);
  if (m) return `${Number(m[1])}年${Number(m[2])}月`;
  const q = /^(\d{4})-Q(\d)$/.exec(cycle);
  if (q) return `${q[1]}年第${q[2]}季度`;
  const w = /^(\d{4})-W(\d{2})$/.exec(cycle);
  if (w) return `${w[1]}年第${Number(w[2])}周`;
  return cycle;
};

const dateZh = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The escalation the facts call for, soonest rung first per object; each says why in Chinese. Pure: the service
 * gathers the facts (tasks with their computed status, the steps of the year, the open instructions).
 *
 * - a task overdue by ≥ `orderAfterOverdueWorkingDays` working days that has no 督办单 yet → 督办;
 * - a 督办单 past its 办理时限 and not closed, with no critical 通报 on the object since → 通报(批评);
 * - a unit with ≥ `noticesForAdmonition` critical notices this year and no 约谈 since the last → 约谈;
 * - an instruction past its deadline without every named unit's response → 催办 that unit, or 督办 once reminded;
 * - a red task whose last cycle has no feedback, not reminded since the cycle's due date → 催办.
 */
export function suggestEscalations(input: {
  today: string;
  rules: EscalationRules;
  tasks: readonly TaskFactLike[];
  steps: readonly StepFact[];
  instructions: readonly InstructionFact[];
  /** due date of each missed cycle, by task id (reminders issued on or after it count as sent) */
  missedCycleDueOn?: Readonly<Record<string, string>>;
}): Suggestion[] {
  const { today, rules } = input;
  const year = Number(today.slice(0, 4));
  const out: Suggestion[] = [];
  const byObject = new Map<string, StepFact[]>();
  for (const s of input.steps) {
    const k = `${s.objectType}:${s.objectId}`;
    const list = byObject.get(k) ?? [];
    list.push(s);
    byObject.set(k, list);
  }
  const stepsOn = (type: string, id: string) => byObject.get(`${type}:${id}`) ?? [];
  const withSkip = (s: Omit<Suggestion, 'skipReason' | 'key'>): Suggestion => {
    const prior = stepsOn(s.objectType, s.objectId);
    const skipped = s.polarity === 'commending' ? [] : skippedSteps(s.step, prior);
    return {
      ...s,
      key: `${s.step}:${s.objectType}:${s.objectId}:${s.unitId}`,
      skipReason: skipped.length ? `按督查规则直接${LADDER_STEP_LABELS[s.step].zh}：${s.reason}` : null,
    };
  };

  for (const t of input.tasks) {
    const steps = stepsOn('task', t.id);
    const label = taskLabel(t);
    if (
      t.status === 'overdue' &&
      (t.overdueWorkingDays ?? 0) >= rules.orderAfterOverdueWorkingDays &&
      !steps.some((s) => s.step === 'order')
    ) {
      out.push(
        withSkip({
          code: 'TASK_OVERDUE',
          step: 'order',
          polarity: null,
          objectType: 'task',
          objectId: t.id,
          objectLabel: label,
          unitId: t.leadUnitId,
          unitName: t.leadUnitName,
          reason: `已超过完成时限(${t.deadlineText})${t.overdueWorkingDays}个工作日仍未完成，尚未下发督办单`,
        }),
      );
    }
    if (t.status === 'red' && t.missedCycle) {
      const since = input.missedCycleDueOn?.[t.id] ?? null;
      const reminded = steps.some(
        (s) => s.step === 'reminder' && s.unitId === t.leadUnitId && (since === null || s.issuedOn >= since),
      );
      if (!reminded) {
        out.push(
          withSkip({
            code: 'FEEDBACK_MISSED',
            step: 'reminder',
            polarity: null,
            objectType: 'task',
            objectId: t.id,
            objectLabel: label,
            unitId: t.leadUnitId,
            unitName: t.leadUnitName,
            reason: `${cycleText(t.missedCycle)}进展情况逾期未报送(红灯)`,
          }),
        );
      }
    }
  }

  // orders past their deadline
  for (const o of input.steps) {
    if (o.step !== 'order' || o.status === 'closed' || !o.dueOn || o.dueOn >= today) continue;
    const noticed = stepsOn(o.objectType, o.objectId).some(
      (s) => s.step === 'notice' && s.polarity !== 'commending' && s.unitId === o.unitId && s.issuedOn >= o.issuedOn,
    );
    if (noticed) continue;
    out.push(
      withSkip({
        code: 'ORDER_OVERDUE',
        step: 'notice',
        polarity: 'critical',
        objectType: o.objectType,
        objectId: o.objectId,
        objectLabel: o.objectLabel,
        unitId: o.unitId,
        unitName: o.unitName,
        reason: `${o.number ?? '督办单'}办理时限${dateZh(o.dueOn)}已过，${o.status === 'answered' ? '答复后仍未办结' : '仍未答复办结'}`,
      }),
    );
  }

  // repeated critical notices to one unit this year
  const noticesByUnit = new Map<string, StepFact[]>();
  for (const s of input.steps) {
    if (s.step !== 'notice' || s.polarity === 'commending' || Number(s.issuedOn.slice(0, 4)) !== year) continue;
    const list = noticesByUnit.get(s.unitId) ?? [];
    list.push(s);
    noticesByUnit.set(s.unitId, list);
  }
  for (const [unitId, notices] of noticesByUnit) {
    if (notices.length < rules.noticesForAdmonition) continue;
    const sorted = [...notices].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.id.localeCompare(b.id));
    const last = sorted[sorted.length - 1]!;
    const admonished = input.steps.some(
      (s) => s.step === 'admonition' && s.unitId === unitId && s.issuedOn >= last.issuedOn,
    );
    if (admonished) continue;
    const numbers = sorted.map((n) => n.number).filter((n): n is string => !!n);
    out.push(
      withSkip({
        code: 'NOTICES_IN_YEAR',
        step: 'admonition',
        polarity: null,
        objectType: last.objectType,
        objectId: last.objectId,
        objectLabel: last.objectLabel,
        unitId,
        unitName: last.unitName,
        reason: `${year}年已被通报批评${notices.length}次${numbers.length ? `(${numbers.join('、')})` : ''}，达到约谈条件`,
      }),
    );
  }

  // instructions past their deadline
  for (const i of input.instructions) {
    if (!i.dueOn || i.dueOn >= today) continue;
    const steps = stepsOn('instruction', i.id);
    for (const u of i.pending) {
      const mine = steps.filter((s) => s.unitId === u.unitId);
      if (mine.some((s) => s.step === 'order')) continue;
      const reminded = mine.some((s) => s.step === 'reminder');
      out.push(
        withSkip({
          code: 'INSTRUCTION_OVERDUE',
          step: reminded ? 'order' : 'reminder',
          polarity: null,
          objectType: 'instruction',
          objectId: i.id,
          objectLabel: i.label,
          unitId: u.unitId,
          unitName: u.unitName,
          reason: `${i.leaderName}批示要求${dateZh(i.dueOn)}前办理，逾期未答复${reminded ? '，催办后仍未答复' : ''}`,
        }),
      );
    }
  }

  return out.sort(
    (a, b) =>
      ladderRank(b.step) - ladderRank(a.step) ||
      a.unitName.localeCompare(b.unitName, 'zh') ||
      a.key.localeCompare(b.key),
  );
}

export const objectTypeLabel = (t: SupervisableType) => SUPERVISABLE_TYPE_LABELS[t];
