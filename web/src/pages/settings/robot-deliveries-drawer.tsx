import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Grid, Pagination, Segmented, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  DELIVERY_STATUS_LABELS,
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryStatus,
  type Robot,
} from '../../../../domain/notifications/contracts.ts';
import { ROBOT_PROVIDER_LABELS } from '../../../../domain/notifications/robot-message.ts';
import { robotsApi } from '../../api/notifications.ts';
import { DetailDrawer } from '../../components/drawers.tsx';
import { formatMinute } from '../../lib/format.ts';
import { useLabel, useT } from '../../lib/i18n.ts';
import { ROBOTS_KEY } from './robot-form-drawer.tsx';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error' };

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const label = useLabel();
  return <Tag color={STATUS_COLORS[status]}>{label(DELIVERY_STATUS_LABELS[status])}</Tag>;
}

/** 发送记录: every delivery to one robot, newest first, with its attempts and the robot's last error. */
export function RobotDeliveriesDrawer({ robot, onClose }: { robot: Robot | null; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const isPhone = Grid.useBreakpoint().md === false;
  const robotId = robot?.id;
  // another robot's log starts again at page 1, every status
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the robot only
  useEffect(() => {
    setStatus('all');
    setPage((p) => ({ ...p, page: 1 }));
  }, [robotId]);
  const q = useQuery({
    queryKey: [...ROBOTS_KEY, robot?.id, 'deliveries', status, page],
    queryFn: () => robotsApi.deliveries(robot!.id, { ...page, ...(status === 'all' ? {} : { status }) }),
    enabled: robot !== null,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });

  const items = q.data?.items ?? [];
  const emptyText = q.error ? q.error.message : t('robots.log.empty');
  const pagination = {
    total: q.data?.total ?? 0,
    current: page.page,
    pageSize: page.pageSize,
    showTotal: (n: number) => t('common.total', { total: n }),
    onChange: (p: number, size: number) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
  };
  const title = (d: Delivery) => (
    <span>
      {d.kind === 'robot.test' && <Tag>{t('robots.log.test')}</Tag>}
      {d.title || '—'}
    </span>
  );
  const result = (d: Delivery) =>
    d.status === 'delivered' ? (
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('robots.log.deliveredAt', { time: formatMinute(d.deliveredAt) })}
      </Typography.Text>
    ) : (
      <div>
        {d.lastError && (
          <Typography.Text type="danger" style={{ display: 'block', wordBreak: 'break-all' }}>
            {d.lastError}
          </Typography.Text>
        )}
        {d.status === 'pending' && d.nextAttemptAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('robots.log.nextAttempt', { time: formatMinute(d.nextAttemptAt) })}
          </Typography.Text>
        )}
      </div>
    );

  const columns: TableColumnsType<Delivery> = [
    { title: t('robots.log.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatMinute(v) },
    { title: t('robots.log.title'), dataIndex: 'title', render: (_v, d) => title(d) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 96,
      render: (s: DeliveryStatus) => <DeliveryStatusTag status={s} />,
    },
    {
      title: t('robots.log.attempts'),
      dataIndex: 'attempts',
      width: 80,
      render: (n: number, d) => `${n}/${d.maxAttempts}`,
    },
    { title: t('robots.log.result'), key: 'result', render: (_v, d) => result(d) },
  ];

  return (
    <DetailDrawer
      title={
        robot ? `${t('robots.log.titleOf')} · ${robot.unitName} · ${label(ROBOT_PROVIDER_LABELS[robot.provider])}` : ''
      }
      open={robot !== null}
      onClose={onClose}
      width={860}
    >
      <Segmented<DeliveryStatus | 'all'>
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={[
          { value: 'all', label: t('common.all') },
          ...DELIVERY_STATUSES.map((s) => ({ value: s, label: label(DELIVERY_STATUS_LABELS[s]) })),
        ]}
        style={{ marginBottom: 12 }}
      />
      {isPhone ? (
        <Spin spinning={q.isFetching}>
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
          ) : (
            <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
              {items.map((d) => (
                <li key={d.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                    <span style={{ flex: 1, minWidth: 0 }}>{title(d)}</span>
                    <DeliveryStatusTag status={d.status} />
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatMinute(d.createdAt)} · {t('robots.log.attempts')} {d.attempts}/{d.maxAttempts}
                  </Typography.Text>
                  {result(d)}
                </li>
              ))}
            </ul>
          )}
          <Pagination simple style={{ marginTop: 12, textAlign: 'center' }} {...pagination} />
        </Spin>
      ) : (
        <Table<Delivery>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={q.isFetching}
          scroll={{ x: 640 }}
          locale={{ emptyText }}
          pagination={{ ...pagination, showSizeChanger: true, pageSizeOptions: [10, 20, 50] }}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t('robots.log.retryHelp')}
      </Typography.Paragraph>
    </DetailDrawer>
  );
}
