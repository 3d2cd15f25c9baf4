import { Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import {
  LIGHTS,
  type Light,
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
  type ReportStatus,
  TIMINGS,
  type Timing,
} from '../../../../domain/dispatch/contracts.ts';
import { REPORT_TIMING_LABELS } from '../../../../domain/dispatch/schedule.ts';
import { LIGHT_LABELS } from '../../../../domain/dispatch/warnings.ts';
import { useLabel, useT } from '../../lib/i18n.ts';
import type { Option } from '../../lib/labels.ts';

/** A report's status, or 'none' for a week without one yet. */
export type BoardStatus = ReportStatus | 'none';
/** A status filter: a status, or `counted` (已报: submitted or accepted). */
export type StatusFilter = BoardStatus | 'counted';

/** Labels and select options of the weekly reports' vocabularies (domain/dispatch), in the current language. */
export function useDispatchLabels() {
  const label = useLabel();
  const t = useT();
  return useMemo(() => {
    const status = (s: BoardStatus) =>
      s === 'none' ? t('dispatch.status.none') : label(REPORT_STATUS_LABELS[s as ReportStatus], s);
    const timing = (x: Timing) => label(REPORT_TIMING_LABELS[x], x);
    const light = (l: Light) => label(LIGHT_LABELS[l], l);
    return {
      status,
      timing,
      light,
      statusOptions: [
        { value: 'counted', label: t('dispatch.count.submitted') } as Option<StatusFilter>,
        ...(['none', ...REPORT_STATUSES] as const).map(
          (s): Option<StatusFilter> => ({
            value: s,
            label: status(s),
          }),
        ),
      ],
      timingOptions: TIMINGS.map((x): Option<Timing> => ({ value: x, label: timing(x) })),
      lightOptions: LIGHTS.map((l): Option<Light> => ({ value: l, label: light(l) })),
    };
  }, [label, t]);
}

const STATUS_COLORS: Record<BoardStatus, string> = {
  none: 'default',
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  accepted: 'success',
};

export function ReportStatusTag({ status }: { status: BoardStatus }) {
  const labels = useDispatchLabels();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}

const TIMING_COLORS: Record<Timing, string> = {
  on_time: 'success',
  late: 'warning',
  missing: 'error',
  pending: 'default',
};

export function TimingTag({ timing }: { timing: Timing }) {
  const labels = useDispatchLabels();
  return (
    <Tag color={TIMING_COLORS[timing]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {labels.timing(timing)}
    </Tag>
  );
}

/** The traffic-light colours, the same on the board, the form and (later) the meeting page. */
export const LIGHT_COLORS: Record<Light, string> = {
  green: '#389e0d',
  yellow: '#d48806',
  red: '#cf1322',
  none: '#bfbfbf',
};

/** A coloured dot with the light's name (绿灯/黄灯/红灯), or only the dot with the name as its tooltip. */
export function LightBadge({ light, compact = false }: { light: Light; compact?: boolean }) {
  const labels = useDispatchLabels();
  const dot = (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: '50%',
        background: LIGHT_COLORS[light],
        flex: 'none',
      }}
    />
  );
  if (compact) {
    return (
      <Tooltip title={labels.light(light)}>
        <span role="img" aria-label={labels.light(light)} data-light={light} style={{ display: 'inline-flex' }}>
          {dot}
        </span>
      </Tooltip>
    );
  }
  return (
    <span
      data-light={light}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, color: LIGHT_COLORS[light], whiteSpace: 'nowrap' }}
    >
      {dot}
      {labels.light(light)}
    </span>
  );
}

/** "63.4%" — the server's one-decimal text, — when there is no annual plan. */
export const pctText = (v: string | null) => (v === null ? '—' : `${v}%`);
