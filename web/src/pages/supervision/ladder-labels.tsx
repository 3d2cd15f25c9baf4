import { Tag } from 'antd';
import { useMemo } from 'react';
import { STEP_STATUS_LABELS, STEP_STATUSES, type StepStatus } from '../../../../domain/supervision/ladder.ts';
import {
  LADDER_STEP_LABELS,
  LADDER_STEPS,
  type LadderStep,
  NOTICE_POLARITIES,
  NOTICE_POLARITY_LABELS,
  type NoticePolarity,
  SUPERVISABLE_TYPE_LABELS,
  SUPERVISABLE_TYPES,
  type SupervisableType,
} from '../../../../domain/supervision/model.ts';
import { useLabel } from '../../lib/i18n.ts';
import type { Option } from '../../lib/labels.ts';

/** Labels and options of the ladder's vocabularies (domain/supervision), in the current language. */
export function useLadderLabels() {
  const label = useLabel();
  return useMemo(() => {
    const step = (s: LadderStep) => label(LADDER_STEP_LABELS[s], s);
    const status = (s: StepStatus) => label(STEP_STATUS_LABELS[s], s);
    const polarity = (p: NoticePolarity) => label(NOTICE_POLARITY_LABELS[p], p);
    const objectType = (o: SupervisableType) => label(SUPERVISABLE_TYPE_LABELS[o], o);
    return {
      step,
      status,
      polarity,
      objectType,
      stepOptions: LADDER_STEPS.map((s): Option<LadderStep> => ({ value: s, label: step(s) })),
      statusOptions: STEP_STATUSES.map((s): Option<StepStatus> => ({ value: s, label: status(s) })),
      polarityOptions: NOTICE_POLARITIES.map((p): Option<NoticePolarity> => ({ value: p, label: polarity(p) })),
      objectTypeOptions: SUPERVISABLE_TYPES.map((o): Option<SupervisableType> => ({ value: o, label: objectType(o) })),
    };
  }, [label]);
}

export const STEP_COLORS: Record<LadderStep, string> = {
  reminder: 'blue',
  order: 'orange',
  notice: 'red',
  admonition: 'volcano',
  accountability: 'magenta',
};

/** 催办 / 督办 / 通报批评 / 通报表扬 / 约谈 / 问责 */
export function StepTag({ step, polarity }: { step: LadderStep; polarity?: NoticePolarity | null }) {
  const labels = useLadderLabels();
  const praise = step === 'notice' && polarity === 'commending';
  return (
    <Tag color={praise ? 'green' : STEP_COLORS[step]} style={{ marginInlineEnd: 0 }} data-step={step}>
      {step === 'notice' && polarity ? labels.polarity(polarity) : labels.step(step)}
    </Tag>
  );
}

const STATUS_COLORS: Record<StepStatus, string> = { open: 'warning', answered: 'processing', closed: 'success' };

export function StepStatusTag({ status }: { status: StepStatus }) {
  const labels = useLadderLabels();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}
