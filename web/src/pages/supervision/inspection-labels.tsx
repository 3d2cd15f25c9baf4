import { Tag } from 'antd';
import { useMemo } from 'react';
import {
  ANSWER_TYPE_LABELS,
  COMPARE_TO_LABELS,
  COMPARE_TOS,
  type CompareTo,
} from '../../../../domain/supervision/inspections.ts';
import {
  INSPECTION_STATUS_LABELS,
  INSPECTION_STATUSES,
  type InspectionStatus,
} from '../../../../domain/supervision/inspections-contracts.ts';
import {
  INSTRUCTION_KIND_LABELS,
  INSTRUCTION_KINDS,
  INSTRUCTION_STATE_LABELS,
  type InstructionKind,
  type InstructionState,
  UNIT_STATE_LABELS,
  type UnitState,
} from '../../../../domain/supervision/instructions.ts';
import {
  ANSWER_TYPES,
  type AnswerType,
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  type InspectionKind,
  PROBLEM_KIND_LABELS,
  PROBLEM_KINDS,
  type ProblemKind,
  RECTIFICATION_STATUS_LABELS,
  RECTIFICATION_STATUSES,
  type RectificationStatus,
} from '../../../../domain/supervision/model.ts';
import { useLabel } from '../../lib/i18n.ts';
import type { Option } from '../../lib/labels.ts';

/** Labels and options of the instructions' and inspections' vocabularies (domain/supervision), in the current language. */
export function useInspectionLabels() {
  const label = useLabel();
  return useMemo(() => {
    const kind = (k: InspectionKind) => label(INSPECTION_KIND_LABELS[k], k);
    const status = (s: InspectionStatus) => label(INSPECTION_STATUS_LABELS[s], s);
    const answerType = (a: AnswerType) => label(ANSWER_TYPE_LABELS[a], a);
    const compareTo = (c: CompareTo) => label(COMPARE_TO_LABELS[c], c);
    const problem = (p: ProblemKind) => label(PROBLEM_KIND_LABELS[p], p);
    const rectStatus = (s: RectificationStatus) => label(RECTIFICATION_STATUS_LABELS[s], s);
    const instructionKind = (k: InstructionKind) => label(INSTRUCTION_KIND_LABELS[k], k);
    const instructionState = (s: InstructionState) => label(INSTRUCTION_STATE_LABELS[s], s);
    const unitState = (s: UnitState) => label(UNIT_STATE_LABELS[s], s);
    return {
      kind,
      status,
      answerType,
      compareTo,
      problem,
      rectStatus,
      instructionKind,
      instructionState,
      unitState,
      kindOptions: INSPECTION_KINDS.map((k): Option<InspectionKind> => ({ value: k, label: kind(k) })),
      statusOptions: INSPECTION_STATUSES.map((s): Option<InspectionStatus> => ({ value: s, label: status(s) })),
      answerTypeOptions: ANSWER_TYPES.map((a): Option<AnswerType> => ({ value: a, label: answerType(a) })),
      compareToOptions: COMPARE_TOS.map((c): Option<CompareTo> => ({ value: c, label: compareTo(c) })),
      problemOptions: PROBLEM_KINDS.map((p): Option<ProblemKind> => ({ value: p, label: problem(p) })),
      rectStatusOptions: RECTIFICATION_STATUSES.map(
        (s): Option<RectificationStatus> => ({
          value: s,
          label: rectStatus(s),
        }),
      ),
      instructionKindOptions: INSTRUCTION_KINDS.map(
        (k): Option<InstructionKind> => ({
          value: k,
          label: instructionKind(k),
        }),
      ),
    };
  }, [label]);
}

const tagStyle = { marginInlineEnd: 0 } as const;

const INSTRUCTION_STATE_COLORS: Record<InstructionState, string> = {
  open: 'processing',
  answered: 'success',
  overdue: 'error',
  closed: 'default',
  for_reading: 'cyan',
};
export function InstructionStateTag({ state }: { state: InstructionState }) {
  const l = useInspectionLabels();
  return (
    <Tag color={INSTRUCTION_STATE_COLORS[state]} style={tagStyle} data-state={state}>
      {l.instructionState(state)}
    </Tag>
  );
}

const UNIT_STATE_COLORS: Record<UnitState, string> = {
  pending: 'processing',
  responded: 'success',
  overdue: 'error',
  informed: 'default',
};
export function UnitStateTag({ state }: { state: UnitState }) {
  const l = useInspectionLabels();
  return (
    <Tag color={UNIT_STATE_COLORS[state]} style={tagStyle} data-state={state}>
      {l.unitState(state)}
    </Tag>
  );
}

const CAMPAIGN_COLORS: Record<InspectionStatus, string> = {
  planned: 'default',
  active: 'processing',
  closed: 'success',
};
export function CampaignStatusTag({ status }: { status: InspectionStatus }) {
  const l = useInspectionLabels();
  return (
    <Tag color={CAMPAIGN_COLORS[status]} style={tagStyle} data-status={status}>
      {l.status(status)}
    </Tag>
  );
}

const RECT_COLORS: Record<RectificationStatus, string> = {
  open: 'warning',
  submitted: 'processing',
  closed: 'success',
};
export function RectStatusTag({ status }: { status: RectificationStatus }) {
  const l = useInspectionLabels();
  return (
    <Tag color={RECT_COLORS[status]} style={tagStyle} data-status={status}>
      {l.rectStatus(status)}
    </Tag>
  );
}

const PROBLEM_COLORS: Record<ProblemKind, string> = {
  not_started: 'volcano',
  progress_mismatch: 'orange',
  investment_mismatch: 'orange',
  safety: 'red',
  other: 'default',
};
export function ProblemTags({ kinds }: { kinds: readonly ProblemKind[] }) {
  const l = useInspectionLabels();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, maxWidth: '100%' }}>
      {kinds.map((k) => (
        <Tag key={k} color={PROBLEM_COLORS[k]} style={{ marginInlineEnd: 0 }} data-problem={k}>
          {l.problem(k)}
        </Tag>
      ))}
    </span>
  );
}

/** A count that is a filter: a tile on top of a list (as the coordination items' tiles). */
export function CountTiles<K extends string>({
  tiles,
  active,
  onPick,
  phone,
}: {
  tiles: { key: K; label: string; value: number; color: string }[];
  active: K | null;
  onPick: (key: K) => void;
  phone: boolean;
}) {
  return (
    <section
      style={{
        display: 'grid',
        gridTemplateColumns: phone
          ? `repeat(${Math.min(tiles.length, 4)}, minmax(0, 1fr))`
          : `repeat(${tiles.length}, minmax(110px, 150px))`,
        gap: phone ? 6 : 8,
      }}
    >
      {tiles.map((tile) => {
        const on = active === tile.key;
        return (
          <button
            key={tile.key}
            type="button"
            data-tile={tile.key}
            aria-pressed={on}
            onClick={() => onPick(tile.key)}
            style={{
              textAlign: 'start',
              cursor: 'pointer',
              background: on ? '#e6f0ff' : '#fafafa',
              border: `1px solid ${on ? '#1d5fd6' : '#f0f0f0'}`,
              borderRadius: 6,
              padding: phone ? '6px 8px' : '8px 12px',
              font: 'inherit',
              minWidth: 0,
            }}
          >
            <div style={{ fontSize: phone ? 12 : 13, color: 'rgba(0,0,0,0.65)', whiteSpace: 'nowrap' }}>
              {tile.label}
            </div>
            <div
              style={{
                fontSize: phone ? 18 : 22,
                fontWeight: 600,
                lineHeight: 1.25,
                color: tile.value ? tile.color : undefined,
                fontVariantNumeric: 'tabular-nums',
              }}
            >
              {tile.value}
            </div>
          </button>
        );
      })}
    </section>
  );
}
