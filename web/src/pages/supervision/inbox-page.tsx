import { RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Empty, Grid, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { dateLabel } from '../../../../domain/common/calendar.ts';
import { INBOX_KINDS, type InboxItem, type InboxKind } from '../../../../domain/supervision/ladder-contracts.ts';
import { supervisionApi } from '../../api/supervision.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { type MessageKey, useLang, useT } from '../../lib/i18n.ts';

const KIND_KEYS: Record<InboxKind, MessageKey> = {
  feedback: 'sup.inbox.kind.feedback',
  feedback_part: 'sup.inbox.kind.feedback_part',
  claim: 'sup.inbox.kind.claim',
  step: 'sup.inbox.kind.step',
  instruction: 'sup.inbox.kind.instruction',
  rectification: 'sup.inbox.kind.rectification',
};
const KIND_COLORS: Record<InboxKind, string> = {
  feedback: 'blue',
  feedback_part: 'geekblue',
  claim: 'purple',
  step: 'orange',
  instruction: 'magenta',
  rectification: 'volcano',
};

/** One thing to do: the whole card is the link; the date (red when late) on the right, like a phone's to-do list. */
function InboxCard({ item }: { item: InboxItem }) {
  const t = useT();
  const [lang] = useLang();
  const thisYear = new Date().getFullYear();
  const due = item.dueOn
    ? dateLabel(item.dueOn, lang === 'zh-CN' ? 'zh' : 'en', !item.dueOn.startsWith(String(thisYear)))
    : null;
  return (
    <Link
      to={item.link}
      data-testid="inbox-item"
      data-kind={item.kind}
      style={{
        display: 'flex',
        gap: 10,
        alignItems: 'center',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${item.overdue ? '#cf1322' : '#f0f0f0'}`,
        borderRadius: 8,
        padding: '10px 12px',
        minHeight: 56,
      }}
    >
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center', marginBottom: 2 }}>
          <Tag color={KIND_COLORS[item.kind]} style={{ marginInlineEnd: 0 }}>
            {t(KIND_KEYS[item.kind])}
          </Tag>
          {item.overdue && <Tag color="error">{t('sup.inbox.overdue')}</Tag>}
        </div>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 15 }} strong>
          {item.title}
        </Typography.Paragraph>
        {item.detail && (
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
            {item.detail}
          </Typography.Text>
        )}
      </div>
      <div style={{ textAlign: 'end', flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
        <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
          {due ? t('sup.inbox.due', { date: due }) : t('sup.inbox.noDue')}
        </Typography.Text>
        <div>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.25)', fontSize: 12 }} aria-label={t('sup.inbox.open')} />
        </div>
      </div>
    </Link>
  );
}

/** 本单位待办: everything the unit must do, soonest first, one tap from where it is done. */
export function InboxPage() {
  const t = useT();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const q = useQuery({ queryKey: ['sup-inbox'], queryFn: () => supervisionApi.inbox() });
  const [kind, setKind] = useState<InboxKind | 'all'>('all');
  const items = q.data?.items ?? [];
  const shown = kind === 'all' ? items : items.filter((i) => i.kind === kind);
  const present = INBOX_KINDS.filter((k) => items.some((i) => i.kind === k));
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <Page title={t('sup.inbox.title')}>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={
            q.data && (
              <Typography.Text type="secondary">
                {t('sup.inbox.subtitle', { unit: q.data.unitName, date: q.data.asOf })} ·{' '}
                {t('sup.inbox.count', { count: items.length, overdue })}
              </Typography.Text>
            )
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['sup-inbox'] })}
          refreshing={q.isFetching}
        />
        {present.length > 1 && (
          <div style={{ overflowX: 'auto', marginBottom: 12 }}>
            <Segmented<InboxKind | 'all'>
              value={kind}
              onChange={setKind}
              options={[
                { value: 'all', label: `${t('sup.inbox.filterAll')} ${items.length}` },
                ...present.map((k) => ({
                  value: k,
                  label: `${t(KIND_KEYS[k])} ${items.filter((i) => i.kind === k).length}`,
                })),
              ]}
            />
          </div>
        )}
        {q.isLoading && <Skeleton active />}
        {q.isError && <Alert type="error" showIcon title={q.error.message} />}
        {q.data && shown.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.inbox.empty')} />
        )}
        <div
          data-testid="inbox"
          style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: phone ? undefined : 880 }}
        >
          {shown.map((i) => (
            <InboxCard key={i.key} item={i} />
          ))}
        </div>
      </Panel>
    </Page>
  );
}
