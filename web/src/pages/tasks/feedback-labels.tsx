import { PaperClipOutlined, WarningOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import {
  CLAIM_STATUS_LABELS,
  type ClaimStatus,
  CONFIDENCE_LABELS,
  CONFIDENCES,
  type Confidence,
  FEEDBACK_STATUS_LABELS,
  type FeedbackStatus,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type TaskStatus,
} from '../../../../domain/tasks/model.ts';
import type { TaskFile } from '../../../../domain/tasks/tasks-contracts.ts';
import { useLabel, useLang, useT } from '../../lib/i18n.ts';

/** The lights' colours, as on the 督查室's tables: green, yellow, red; overdue darker; done blue. */
export const STATUS_COLORS: Record<TaskStatus, string> = {
  done: '#1d5fd6',
  overdue: '#a8071a',
  red: '#f5222d',
  yellow: '#d4b106',
  green: '#389e0d',
};
const STATUS_TAG: Record<TaskStatus, string> = {
  done: 'blue',
  overdue: '#a8071a',
  red: 'red',
  yellow: 'gold',
  green: 'green',
};
const CONFIDENCE_TAG: Record<Confidence, string> = { on_track: 'green', at_risk: 'gold', off_track: 'red' };
const FEEDBACK_TAG: Record<FeedbackStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

export type Reason = { code: string; zh: string; en: string };

export function useTaskLabels() {
  const label = useLabel();
  return useMemo(
    () => ({
      status: (s: TaskStatus) => label(TASK_STATUS_LABELS[s], s),
      confidence: (c: Confidence) => label(CONFIDENCE_LABELS[c], c),
      feedback: (s: FeedbackStatus) => label(FEEDBACK_STATUS_LABELS[s], s),
      claim: (s: ClaimStatus) => label(CLAIM_STATUS_LABELS[s], s),
      reason: (r: Reason) => label(r),
      statusOptions: TASK_STATUSES.map((s) => ({ value: s, label: label(TASK_STATUS_LABELS[s]) })),
      confidenceOptions: CONFIDENCES.map((c) => ({ value: c, label: label(CONFIDENCE_LABELS[c]) })),
    }),
    [label],
  );
}

/** 绿灯 / 黄灯 / 红灯 / 逾期 / 已销号 — the ledger's words — with the reasons on hover. */
export function TaskStatusTag({ status, reasons }: { status: TaskStatus; reasons?: Reason[] }) {
  const labels = useTaskLabels();
  const tag = (
    <Tag color={STATUS_TAG[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {labels.status(status)}
    </Tag>
  );
  if (!reasons?.length) return tag;
  return (
    <Tooltip
      title={
        <div>
          {reasons.map((r) => (
            <div key={`${r.code}-${r.zh}`}>{labels.reason(r)}</div>
          ))}
        </div>
      }
    >
      {tag}
    </Tooltip>
  );
}

export function ConfidenceTag({ value }: { value: Confidence | null }) {
  const t = useT();
  const labels = useTaskLabels();
  if (!value) return <Typography.Text type="secondary">{t('tasks.rating.none')}</Typography.Text>;
  return (
    <Tag color={CONFIDENCE_TAG[value]} style={{ marginInlineEnd: 0 }}>
      {labels.confidence(value)}
    </Tag>
  );
}

export function FeedbackStatusTag({ status }: { status: FeedbackStatus | null }) {
  const t = useT();
  const labels = useTaskLabels();
  if (!status) return <Tag style={{ marginInlineEnd: 0 }}>{t('tasks.feedback.none')}</Tag>;
  return (
    <Tag color={FEEDBACK_TAG[status]} style={{ marginInlineEnd: 0 }}>
      {labels.feedback(status)}
    </Tag>
  );
}

/** 单位自评 vs 督查评估, side by side; a divergence is highlighted. */
export function RatingPair({
  unit,
  supervisor,
  divergent,
  compact = false,
}: {
  unit: Confidence | null;
  supervisor: Confidence | null;
  divergent: boolean;
  compact?: boolean;
}) {
  const t = useT();
  if (compact) {
    return (
      <div
        data-divergent={divergent || undefined}
        title={divergent ? t('tasks.rating.divergentHelp') : undefined}
        style={{
          display: 'inline-flex',
          flexDirection: 'column',
          gap: 2,
          ...(divergent
            ? { background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 4, padding: '2px 4px' }
            : {}),
        }}
      >
        <span>
          <ConfidenceTag value={unit} />
        </span>
        <span style={{ whiteSpace: 'nowrap' }}>
          <ConfidenceTag value={supervisor} />
          {divergent && (
            <WarningOutlined
              style={{ color: '#d46b08', marginInlineStart: 4 }}
              aria-label={t('tasks.rating.divergent')}
            />
          )}
        </span>
      </div>
    );
  }
  return (
    <Space
      size={4}
      wrap
      data-divergent={divergent || undefined}
      style={
        divergent
          ? { background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 4, padding: '1px 4px' }
          : undefined
      }
    >
      <Typography.Text type="secondary">{t('tasks.rating.unit')}</Typography.Text>
      <ConfidenceTag value={unit} />
      <Typography.Text type="secondary">{t('tasks.rating.supervisor')}</Typography.Text>
      <ConfidenceTag value={supervisor} />
      {divergent && (
        <Tooltip title={t('tasks.rating.divergentHelp')}>
          <WarningOutlined style={{ color: '#d46b08' }} aria-label={t('tasks.rating.divergent')} />
        </Tooltip>
      )}
    </Space>
  );
}

/** 数据更新: the date of the last accepted feedback, grey when recent, orange after 45 days, red when never. */
export function Freshness({ on, today, stacked = false }: { on: string | null; today: string; stacked?: boolean }) {
  const t = useT();
  if (!on) return <Typography.Text type="danger">{t('tasks.freshness.never')}</Typography.Text>;
  const days = dayjs(today).diff(dayjs(on), 'day');
  return (
    <Tooltip title={t('tasks.freshness.help')}>
      <span
        style={{
          display: stacked ? 'inline-flex' : 'inline',
          flexDirection: 'column',
          whiteSpace: 'nowrap',
          color: days > 45 ? '#d46b08' : undefined,
          lineHeight: stacked ? 1.4 : undefined,
        }}
      >
        <span>{on}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: stacked ? 0 : 4 }}>
          {days <= 0 ? t('tasks.freshness.today') : t('tasks.freshness.daysAgo', { days })}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** The evidence files of a feedback, a part or the 销号 request, as links that open or download them. */
export function FileLinks({ files, onRemove }: { files: TaskFile[]; onRemove?: (f: TaskFile) => void }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <Space orientation="vertical" size={2}>
      {files.map((f) => (
        <Space key={f.id} size={6}>
          <PaperClipOutlined />
          <a href={f.url} target="_blank" rel="noreferrer">
            {f.name}
          </a>
          {f.caption && <Typography.Text type="secondary">{f.caption}</Typography.Text>}
          {onRemove && (
            <Typography.Link type="danger" onClick={() => onRemove(f)}>
              {t('tasks.file.remove')}
            </Typography.Link>
          )}
        </Space>
      ))}
    </Space>
  );
}

/** The reasons of a status as text lines in the current language. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  const [lang] = useLang();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {reasons.map((r) => (
        <li key={`${r.code}-${r.zh}`}>{lang === 'zh-CN' ? r.zh : r.en}</li>
      ))}
    </ul>
  );
}
