import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Popover, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Notification, NotificationList } from '../../../domain/notifications/contracts.ts';
import { notificationsApi } from '../api/notifications.ts';
import { showError } from '../lib/feedback.ts';
import { formatMinute } from '../lib/format.ts';
import { type T, useT } from '../lib/i18n.ts';

/** Every query of the bell starts with this key: marking read refreshes them all. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
const BELL_KEY = [...NOTIFICATIONS_KEY, 'bell'] as const;
/** how many notices the bell lists (unread first, then newest) */
const BELL_SIZE = 20;
const POLL_MS = 60_000;

/** "刚刚", "5分钟前", "3小时前", then the date and time. */
export function noticeTime(t: T, iso: string, now = Date.now()): string {
  const minutes = Math.floor((now - dayjs(iso).valueOf()) / 60_000);
  if (minutes < 1) return t('bell.justNow');
  if (minutes < 60) return t('bell.minutesAgo', { n: minutes });
  if (minutes < 24 * 60) return t('bell.hoursAgo', { n: Math.floor(minutes / 60) });
  return formatMinute(iso);
}

function NoticeRow({ n, onPick }: { n: Notification; onPick: (n: Notification) => void }) {
  const t = useT();
  const unread = n.readAt === null;
  return (
    <li style={{ listStyle: 'none' }}>
      <button
        type="button"
        onClick={() => onPick(n)}
        aria-label={`${unread ? `${t('bell.unread')} ` : ''}${n.title}`}
        className="luoshi-notice"
        style={{
          display: 'flex',
          gap: 10,
          width: '100%',
          textAlign: 'left',
          padding: '10px 16px',
          border: 0,
          borderBottom: '1px solid #f0f0f0',
          background: unread ? '#f5f9ff' : '#fff',
          cursor: 'pointer',
          font: 'inherit',
        }}
      >
        <span aria-hidden style={{ flex: 'none', width: 8, paddingTop: 7 }}>
          {unread && <span style={{ display: 'block', width: 8, height: 8, borderRadius: 4, background: '#ff4d4f' }} />}
        </span>
        <span style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={unread} style={{ display: 'block' }} ellipsis={{ tooltip: n.title }}>
            {n.title}
          </Typography.Text>
          {n.body && (
            <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', fontSize: 13 }} ellipsis={{ rows: 2 }}>
              {n.body}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {noticeTime(t, n.createdAt)}
          </Typography.Text>
        </span>
      </button>
    </li>
  );
}

function NoticePanel({
  data,
  loading,
  error,
  onPick,
  onReadAll,
  readingAll,
}: {
  data: NotificationList | undefined;
  loading: boolean;
  error: Error | null;
  onPick: (n: Notification) => void;
  onReadAll: () => void;
  readingAll: boolean;
}) {
  const t = useT();
  const unread = data?.unreadCount ?? 0;
  const items = data?.items ?? [];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          padding: '10px 16px',
          borderBottom: '1px solid #f0f0f0',
          gap: 8,
        }}
      >
        <Typography.Text strong style={{ flex: 1 }}>
          {t('bell.title')}
          {unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
              {t('bell.unreadCount', { count: unread })}
            </Typography.Text>
          )}
        </Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} loading={readingAll} onClick={onReadAll}>
          {t('bell.readAll')}
        </Button>
      </div>
      <div style={{ overflowY: 'auto', flex: 1 }}>
        {loading && !data ? (
          <div style={{ padding: 32, textAlign: 'center' }}>
            <Spin />
          </div>
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={error ? error.message : t('bell.empty')}
            style={{ padding: '24px 0' }}
          />
        ) : (
          <ul style={{ margin: 0, padding: 0 }} aria-label={t('bell.title')}>
            {items.map((n) => (
              <NoticeRow key={n.id} n={n} onPick={onPick} />
            ))}
          </ul>
        )}
      </div>
      {data && data.total > items.length && (
        <div style={{ padding: '8px 16px', textAlign: 'center', borderTop: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('bell.showingLatest', { shown: items.length, total: data.total })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/**
 * The bell in the header: the unread count (asked every minute and when the window regains focus), a panel of the
 * latest notices — a popover on a desktop, a drawer on a phone. Opening a notice marks it read and goes to its page.
 */
export function NotificationBell({ compact }: { compact: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: BELL_KEY,
    queryFn: () => notificationsApi.list({ pageSize: BELL_SIZE, order: 'unread_first' }),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
    // a failed poll does not pop a message every minute; the panel says it when opened
    meta: { silent: true },
  });
  const refresh = () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const read = useMutation({
    mutationFn: notificationsApi.read,
    onSuccess: (r) => {
      qc.setQueryData<NotificationList>(BELL_KEY, (old) =>
        old
          ? {
              ...old,
              unreadCount: r.unreadCount,
              items: old.items.map((n) => (n.id === r.notification.id ? r.notification : n)),
            }
          : old,
      );
      void refresh();
    },
    onError: (e) => showError(e),
  });
  const readAll = useMutation({
    mutationFn: notificationsApi.readAll,
    onSuccess: () => void refresh(),
    onError: (e) => showError(e),
  });

  const onPick = (n: Notification) => {
    if (n.readAt === null) read.mutate(n.id);
    if (n.link) {
      setOpen(false);
      navigate(n.link);
    }
  };
  const count = q.data?.unreadCount ?? 0;
  const panel = (
    <NoticePanel
      data={q.data}
      loading={q.isLoading}
      error={q.error}
      onPick={onPick}
      onReadAll={() => readAll.mutate()}
      readingAll={readAll.isPending}
    />
  );
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) void q.refetch();
  };
  const bell = (
    <Button
      type="text"
      aria-label={count > 0 ? t('bell.labelUnread', { count }) : t('bell.title')}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={compact ? () => onOpenChange(true) : undefined}
      style={{ height: 40, width: 40, padding: 0 }}
    >
      <Badge count={count} size="small" overflowCount={99} offset={[2, -2]}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );

  if (compact) {
    return (
      <>
        {bell}
        <Drawer
          title={null}
          closable={false}
          placement="right"
          size="100%"
          open={open}
          onClose={() => setOpen(false)}
          styles={{ body: { padding: 0 } }}
          footer={
            <Button block onClick={() => setOpen(false)}>
              {t('common.close')}
            </Button>
          }
        >
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      arrow={false}
      open={open}
      onOpenChange={onOpenChange}
      content={<div style={{ width: 380, maxHeight: 480, display: 'flex', flexDirection: 'column' }}>{panel}</div>}
      styles={{ container: { padding: 0 } }}
    >
      {bell}
    </Popover>
  );
}
