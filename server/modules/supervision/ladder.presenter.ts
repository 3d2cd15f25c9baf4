import { canClose, canRespond, type StepStatus } from '../../../domain/supervision/ladder.ts';
import type { LadderStepView } from '../../../domain/supervision/ladder-contracts.ts';
import type { LadderStep, NoticePolarity, SupervisableType } from '../../../domain/supervision/model.ts';
import { actorMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StepView } from './ladder.repository.ts';
import { objectLink } from './supervisable.ts';

/** A step as the API answers it, with what the caller may do next. */
export function presentStep(actor: Actor, s: StepView, today: string): LadderStepView {
  const step = s.step as LadderStep;
  const status = s.status as StepStatus;
  const facts = { step, polarity: s.polarity, status };
  return {
    id: s.id,
    objectType: s.objectType as SupervisableType,
    objectId: s.objectId,
    objectLabel: s.objectLabel,
    objectLink: objectLink(s.objectType as SupervisableType, s.objectId),
    unitId: s.unitId,
    unitName: s.unitName,
    step,
    number: s.number,
    polarity: (s.polarity as NoticePolarity | null) ?? null,
    reason: s.reason,
    requirement: s.requirement,
    dueOn: s.dueOn,
    skipReason: s.skipReason,
    meetingOn: s.meetingOn,
    participants: s.participants,
    record: s.record,
    decision: s.decision,
    decisionRef: s.decisionRef,
    origin: s.origin,
    issuedByName: s.issuedByName,
    issuedAt: s.issuedAt.toISOString(),
    response: s.response,
    respondedAt: s.respondedAt?.toISOString() ?? null,
    respondedByName: s.respondedByName,
    status,
    closedAt: s.closedAt?.toISOString() ?? null,
    closedByName: s.closedByName,
    overdue: status !== 'closed' && s.dueOn !== null && s.dueOn < today,
    version: s.version,
    can: {
      respond: actorMay(actor, 'task.answer') && actor.unitId === s.unitId && canRespond(facts),
      close: actorMay(actor, 'supervision.issue') && canClose(facts),
      orderDocx: step === 'order',
    },
  };
}
