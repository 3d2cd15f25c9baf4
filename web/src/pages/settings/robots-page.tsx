import { DeleteOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Grid,
  Popconfirm,
  Space,
  Spin,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { z } from 'zod';
import type { Robot } from '../../../../domain/notifications/contracts.ts';
import { ROBOT_PROVIDER_LABELS } from '../../../../domain/notifications/robot-message.ts';
import { isApiError, STALE_WRITE } from '../../api/client.ts';
import { robotsApi } from '../../api/notifications.ts';
import { useMe } from '../../app/session.tsx';
import { AddButton } from '../../components/list-actions.tsx';
import { tableEmptyText } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { formatMinute } from '../../lib/format.ts';
import { useLabel, useT } from '../../lib/i18n.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { RobotDeliveriesDrawer } from './robot-deliveries-drawer.tsx';
import { ROBOTS_KEY, RobotFormDrawer, type RobotFormTarget } from './robot-form-drawer.tsx';

const RobotFilter = z.object({ unitId: z.uuid().optional() });

/**
 * 群机器人: the DingTalk / WeCom group robots that receive a unit's reminders and notices. An admin manages every
 * unit's (and filters by unit); a unit's own staff manage their unit's. Enable or disable in the list, 测试发送, and
 * the delivery log with each delivery's attempts and the robot's last error.
 */
export function RobotsPage() {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const qc = useQueryClient();
  const isAdmin = me.roles.includes('admin');
  const isPhone = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useUrlFilter(RobotFilter);
  const [formTarget, setFormTarget] = useState<RobotFormTarget | null>(null);
  const [logOf, setLogOf] = useState<Robot | null>(null);
  const list = useQuery({
    queryKey: [...ROBOTS_KEY, 'list', filter.unitId ?? null],
    queryFn: () => robotsApi.list({ unitId: filter.unitId }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ROBOTS_KEY });

  const toggle = useMutation({
    mutationFn: (r: Robot) => robotsApi.update(r.id, { enabled: !r.enabled, version: r.version }),
    onSuccess: (saved) => {
      toast.success(saved.enabled ? t('robots.enabledToast') : t('robots.disabledToast'));
      void refresh();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === STALE_WRITE) void refresh();
      showError(e);
    },
  });
  const test = useMutation({
    mutationFn: (r: Robot) => robotsApi.test(r.id),
    onSuccess: (res) => {
      if (res.delivered) toast.success(t('robots.testOk'));
      else toast.error(t('robots.testFailed', { error: res.error ?? '' }));
      void refresh();
    },
    onError: (e) => showError(e),
  });
  const remove = useMutation({
    mutationFn: (r: Robot) => robotsApi.remove(r.id),
    onSuccess: () => {
      toast.success(t('robots.removed'));
      void refresh();
    },
    onError: (e) => showError(e),
  });

  const providerTag = (p: Robot['provider']) => (
    <Tag color={p === 'dingtalk' ? 'blue' : 'green'}>{label(ROBOT_PROVIDER_LABELS[p])}</Tag>
  );
  const address = (r: Robot) => (
    <div style={{ minWidth: 0 }}>
      <Typography.Text code style={{ fontSize: 12, maxWidth: '100%' }} ellipsis={{ tooltip: r.url }}>
        {r.url}
      </Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.secret ? t('robots.secretSet', { secret: r.secret }) : t('robots.secretNone')}
        </Typography.Text>
      </div>
    </div>
  );
  const deliveries = (r: Robot) => (
    <div style={{ fontSize: 12, lineHeight: 1.7 }}>
      <Space size={4} wrap>
        <Tag color={r.deliveries.delivered > 0 ? 'success' : 'default'}>
          {t('robots.count.delivered', { n: r.deliveries.delivered })}
        </Tag>
        {r.deliveries.pending > 0 && (
          <Tag color="processing">{t('robots.count.pending', { n: r.deliveries.pending })}</Tag>
        )}
        {r.deliveries.failed > 0 && <Tag color="error">{t('robots.count.failed', { n: r.deliveries.failed })}</Tag>}
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.deliveries.lastDeliveredAt
            ? t('robots.lastDelivered', { time: formatMinute(r.deliveries.lastDeliveredAt) })
            : t('robots.neverDelivered')}
        </Typography.Text>
      </div>
    </div>
  );
  const enabledSwitch = (r: Robot) => (
    <Switch
      size="small"
      checked={r.enabled}
      disabled={!r.can.edit}
      loading={toggle.isPending && toggle.variables?.id === r.id}
      onChange={() => toggle.mutate(r)}
      aria-label={r.enabled ? t('robots.disable') : t('robots.enable')}
    />
  );
  const actions = (r: Robot) => (
    <Space size={0} wrap>
      <Button
        type="link"
        size="small"
        icon={<SendOutlined />}
        loading={test.isPending && test.variables?.id === r.id}
        disabled={!r.can.test}
        onClick={() => test.mutate(r)}
      >
        {t('robots.test')}
      </Button>
      <Button type="link" size="small" onClick={() => setLogOf(r)}>
        {t('robots.log.open')}
      </Button>
      {r.can.edit && (
        <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'edit', robot: r })}>
          {t('common.edit')}
        </Button>
      )}
      {r.can.edit && (
        <Popconfirm title={t('robots.confirmRemove')} onConfirm={() => remove.mutate(r)}>
          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('robots.remove')} />
        </Popconfirm>
      )}
    </Space>
  );

  const columns: TableColumnsType<Robot> = [
    ...(isAdmin ? [{ title: t('robots.unit'), dataIndex: 'unitName', width: 180, ellipsis: true } as const] : []),
    { title: t('robots.provider'), dataIndex: 'provider', width: 140, render: providerTag },
    { title: t('robots.url'), dataIndex: 'url', ellipsis: true, render: (_v, r) => address(r) },
    { title: t('robots.deliveries'), key: 'deliveries', width: 200, render: (_v, r) => deliveries(r) },
    { title: t('common.status'), dataIndex: 'enabled', width: 90, render: (_v, r) => enabledSwitch(r) },
    { title: t('common.actions'), key: 'actions', width: 250, render: (_v, r) => actions(r) },
  ];

  const items = list.data?.items ?? [];
  const emptyText = tableEmptyText(t, list.error, Boolean(filter.unitId));
  /** on a phone, one card per robot instead of a table too wide to read */
  const cards = (
    <Spin spinning={list.isFetching}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {items.map((r) => (
            <Card key={r.id} size="small" styles={{ body: { display: 'grid', gap: 6 } }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Typography.Text strong ellipsis style={{ flex: 1 }}>
                  {r.unitName}
                </Typography.Text>
                {enabledSwitch(r)}
              </div>
              <div>{providerTag(r.provider)}</div>
              {address(r)}
              {deliveries(r)}
              <div style={{ marginInline: -8 }}>{actions(r)}</div>
            </Card>
          ))}
        </Space>
      )}
    </Spin>
  );

  return (
    <Page title={t('robots.title')}>
      <Alert type="info" showIcon title={isAdmin ? t('robots.introAdmin') : t('robots.intro')} />
      {isAdmin && (
        <Panel>
          <SearchForm<{ unitId?: string }>
            values={{ unitId: filter.unitId }}
            onSearch={(v) => setFilter(compact(v))}
            onReset={() => setFilter({})}
          >
            <Form.Item name="unitId" label={t('robots.unit')}>
              <EntitySelect kind="unit" placeholder={t('common.all')} />
            </Form.Item>
          </SearchForm>
        </Panel>
      )}
      <Panel>
        <ListToolbar
          left={
            <>
              <AddButton onClick={() => setFormTarget({ mode: 'create', unitId: filter.unitId })} />
              {!isAdmin && (
                <Typography.Text type="secondary">{t('robots.ownUnit', { unit: me.unit.name })}</Typography.Text>
              )}
            </>
          }
          onRefresh={() => void list.refetch()}
          refreshing={list.isFetching}
        />
        {isPhone ? (
          cards
        ) : (
          <Table<Robot>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            scroll={{ x: 900 }}
            pagination={false}
            locale={{ emptyText }}
          />
        )}
      </Panel>
      <RobotFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
      <RobotDeliveriesDrawer robot={logOf} onClose={() => setLogOf(null)} />
    </Page>
  );
}
