import { Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { dateLabel } from '../../../../domain/common/calendar.ts';
import {
  ESCALATION_LABELS,
  type EscalationLevel,
  ITEM_ACTION_LABELS,
  ITEM_CATEGORIES,
  ITEM_CATEGORY_LABELS,
  ITEM_OPEN_STATUSES,
  ITEM_STATUS_LABELS,
  ITEM_STATUSES,
  type ItemAction,
  type ItemCategory,
  type ItemStatus,
} from '../../../../domain/dispatch/items.ts';
import type { Item } from '../../api/dispatch-items.ts';
import { type MessageKey, useLabel, useT } from '../../lib/i18n.ts';
import type { Option } from '../../lib/labels.ts';
import { useShortLang } from './week-picker.tsx';

/** A status filter of the list: a status, or `unfinished` (待签收, 已签收, 办理中, 重新办理). */
export type ItemStatusFilter = ItemStatus | 'unfinished';

/** The words of the history: what each event records (coordination_item_events.action). */
const EVENT_KEYS: Record<string, MessageKey> = {
  raised: 'items.event.raised',
  accepted: 'items.event.accepted',
  responded: 'items.event.responded',
  resolved: 'items.event.resolved',
  closed_out: 'items.event.closed_out',
  reopened: 'items.event.reopened',
  escalated: 'items.event.escalated',
};

/** Labels and select options of the coordination items' vocabularies (domain/dispatch/items), in the language. */
export function useItemLabels() {
  const label = useLabel();
  const t = useT();
  return useMemo(() => {
    const status = (s: ItemStatus) => label(ITEM_STATUS_LABELS[s], s);
    const category = (c: ItemCategory) => label(ITEM_CATEGORY_LABELS[c], c);
    const action = (a: ItemAction) => label(ITEM_ACTION_LABELS[a], a);
    const escalation = (l: number) => label(ESCALATION_LABELS[Math.min(2, Math.max(0, l)) as EscalationLevel]);
    const event = (e: string) => (EVENT_KEYS[e] ? t(EVENT_KEYS[e]) : e);
    return {
      status,
      category,
      action,
      escalation,
      event,
      statusOptions: [
        { value: 'unfinished', label: t('items.status.unfinished') } as Option<ItemStatusFilter>,
        ...ITEM_STATUSES.map((s): Option<ItemStatusFilter> => ({ value: s, label: status(s) })),
      ],
      categoryOptions: ITEM_CATEGORIES.map((c): Option<ItemCategory> => ({ value: c, label: category(c) })),
    };
  }, [label, t]);
}

const STATUS_COLORS: Record<ItemStatus, string> = {
  open: 'warning',
  accepted: 'processing',
  in_progress: 'processing',
  resolved: 'cyan',
  closed_out: 'success',
  reopened: 'error',
};

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const labels = useItemLabels();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: ItemCategory }) {
  const labels = useItemLabels();
  return (
    <Tag variant="outlined" style={{ marginInlineEnd: 0 }}>
      {labels.category(category)}
    </Tag>
  );
}

/**
 * The level an item has reached: 市项目办督办 in orange, 提交领导调度 in red; at the assigned unit (level 0) a dash in
 * a list, the words where the whole record is shown (`always`).
 */
export function EscalationTag({ level, always = false }: { level: number; always?: boolean }) {
  const labels = useItemLabels();
  if (level <= 0) {
    return always ? (
      <Typography.Text data-escalation={0}>{labels.escalation(0)}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  }
  return (
    <Tag color={level >= 2 ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }} data-escalation={level}>
      {labels.escalation(level)}
    </Tag>
  );
}

const isOpen = (s: ItemStatus) => ITEM_OPEN_STATUSES.includes(s);

/** 办理时限: the due date, and in red how many working days it is overdue while the unit still owes an answer. */
export function DueCell({
  item,
  stacked = false,
  full = false,
}: {
  item: Pick<Item, 'dueDate' | 'overdueDays' | 'status'>;
  stacked?: boolean;
  /** the date as yyyy-MM-dd (the item's record), else 12月3日 (with the year only when it is not this year's) */
  full?: boolean;
}) {
  const t = useT();
  const lang = useShortLang();
  const thisYear = String(new Date().getFullYear());
  const text = full ? item.dueDate : dateLabel(item.dueDate, lang, !item.dueDate.startsWith(thisYear));
  return (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      <Typography.Text type={isOpen(item.status) ? undefined : 'secondary'}>{text}</Typography.Text>
      {item.overdueDays > 0 && (
        <Typography.Text
          type="danger"
          data-testid="overdue-days"
          style={stacked ? { display: 'block', fontSize: 12 } : { marginInlineStart: 6 }}
        >
          {t('items.overdueDays', { n: item.overdueDays })}
        </Typography.Text>
      )}
    </span>
  );
}
