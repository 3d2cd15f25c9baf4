import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { systemApi } from '../../api/system.ts';
import type { Permission } from '../../app/nav.tsx';
import { useMe } from '../../app/session.tsx';
import { Page } from '../../components/page.tsx';
import { formatMinute } from '../../lib/format.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { useEnumLabels } from '../../lib/labels.ts';

const SHORTCUTS: { path: string; label: MessageKey; icon: ReactNode; can: Permission }[] = [
  { path: '/org/regions', label: 'nav.regions', icon: <ApartmentOutlined />, can: 'viewDirectory' },
  { path: '/org/units', label: 'nav.units', icon: <BankOutlined />, can: 'viewDirectory' },
  { path: '/org/leaders', label: 'nav.leaders', icon: <TeamOutlined />, can: 'viewDirectory' },
  { path: '/org/users', label: 'nav.users', icon: <UserOutlined />, can: 'viewDirectory' },
  { path: '/org/handover', label: 'nav.handover', icon: <SwapOutlined />, can: 'administer' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, can: 'viewAudit' },
  {
    path: '/settings/security-policy',
    label: 'nav.securityPolicy',
    icon: <SafetyCertificateOutlined />,
    can: 'editSettings',
  },
];

/** The workbench: who I am, where I belong, what I may see, and where to go. */
export function HomePage() {
  const t = useT();
  const me = useMe();
  const labels = useEnumLabels();
  const navigate = useNavigate();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: systemApi.health,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  const shortcuts = SHORTCUTS.filter((s) => me.can[s.can]);

  return (
    <Page title={t('nav.home')}>
      {me.passwordExpired && !me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title={t('home.passwordExpired')}
          action={
            <Button size="small" onClick={() => navigate('/change-password')}>
              {t('user.changePassword')}
            </Button>
          }
        />
      )}
      <Card variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.greeting', { name: me.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 1, md: 2, xl: 2 }} size="small">
          <Descriptions.Item label={t('home.account')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('home.unit')}>
            {me.unit.name}
            <Tag style={{ marginInlineStart: 8 }}>{labels.unitKind(me.unit.kind)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            <Space size={[4, 4]} wrap>
              {me.roles.map((r) => (
                <Tag color="blue" key={r}>
                  {labels.role(r)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.scope')}>
            <Tag color="geekblue">{me.scope.label}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.session')} span="filled">
            {t('home.sessionInfo', { idle: me.session.idleMinutes, time: formatMinute(me.session.expiresAt) })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card variant="borderless" title={t('home.quickLinks')} style={{ height: '100%' }}>
            {shortcuts.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noQuickLinks')} />
            ) : (
              <Row gutter={[12, 12]}>
                {shortcuts.map((s) => (
                  <Col xs={12} sm={8} md={6} key={s.path}>
                    <Button
                      block
                      style={{ height: 72, display: 'flex', flexDirection: 'column', gap: 4 }}
                      onClick={() => navigate(s.path)}
                    >
                      <span style={{ fontSize: 20, color: '#1d5fd6' }}>{s.icon}</span>
                      <span>{t(s.label)}</span>
                    </Button>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card variant="borderless" title={t('home.system')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('home.serviceStatus')}>
                {health.data ? (
                  <Tag color="green">{t('home.serviceOk')}</Tag>
                ) : health.isError ? (
                  <Tag color="red">—</Tag>
                ) : (
                  '…'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('home.database')}>
                {health.data ? (health.data.database === 'postgres' ? t('home.dbPostgres') : t('home.dbPglite')) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.version')}>{health.data?.version ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </Page>
  );
}
