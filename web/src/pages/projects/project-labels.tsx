import { Tag } from 'antd';
import { useMemo } from 'react';
import { GATE_LABELS, type GateCode } from '../../../../domain/projects/admission.ts';
import {
  APPROVAL_ITEM_LABELS,
  type ApprovalItem,
  CATEGORIES,
  CATEGORY_LABELS,
  type Category,
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  type FundingSource,
  LEVEL_LABELS,
  LEVELS,
  type Level,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from '../../../../domain/projects/project.ts';
import { useLabel } from '../../lib/i18n.ts';
import type { Option } from '../../lib/labels.ts';

/** Labels and select options of the project vocabularies (domain/projects), in the current language. */
export function useProjectLabels() {
  const label = useLabel();
  return useMemo(
    () => ({
      stage: (s: string) => label(STAGE_LABELS[s as Stage], s),
      level: (l: string) => label(LEVEL_LABELS[l as Level], l),
      category: (c: string) => label(CATEGORY_LABELS[c as Category], c),
      fundingSource: (f: string) => label(FUNDING_SOURCE_LABELS[f as FundingSource], f),
      gate: (g: string) => label(GATE_LABELS[g as GateCode], g),
      approval: (a: string) => label(APPROVAL_ITEM_LABELS[a as ApprovalItem], a),
      stageOptions: STAGES.map((s): Option<Stage> => ({ value: s, label: label(STAGE_LABELS[s]) })),
      levelOptions: LEVELS.map((l): Option<Level> => ({ value: l, label: label(LEVEL_LABELS[l]) })),
      categoryOptions: CATEGORIES.map((c): Option<Category> => ({ value: c, label: label(CATEGORY_LABELS[c]) })),
      fundingSourceOptions: FUNDING_SOURCES.map(
        (f): Option<FundingSource> => ({ value: f, label: label(FUNDING_SOURCE_LABELS[f]) }),
      ),
    }),
    [label],
  );
}

/** One colour per stage, the same in the list, the statistics and the detail. */
export const STAGE_COLORS: Record<Stage, string> = {
  pipeline: 'purple',
  preparation: 'gold',
  under_construction: 'blue',
  completed: 'green',
  operating: 'cyan',
  suspended: 'orange',
  withdrawn: 'default',
};

export function StageTag({ stage }: { stage: Stage }) {
  const labels = useProjectLabels();
  return (
    <Tag color={STAGE_COLORS[stage]} style={{ marginInlineEnd: 0 }}>
      {labels.stage(stage)}
    </Tag>
  );
}
