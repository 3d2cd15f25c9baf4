import {
  CheckOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  RobotOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, type MenuProps, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth.ts';
import { toast } from '../lib/feedback.ts';
import { type Lang, useLang, useT } from '../lib/i18n.ts';
import { ME_KEY, useMe } from './session.tsx';

/** Signs out on the server, then forgets everything cached in the browser. */
export function useSignOut() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const t = useT();
  return async () => {
    try {
      await authApi.logout();
    } catch {
      // the session may already be gone; signing out locally is what matters
    }
    qc.setQueryData(ME_KEY, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    navigate('/login', { replace: true });
    toast.success(t('user.loggedOut'));
  };
}

/** Switches the interface language; server texts (scope labels, messages) are fetched again in it. */
export function useSwitchLang() {
  const qc = useQueryClient();
  const [, setLang] = useLang();
  return (lang: Lang) => {
    setLang(lang);
    void qc.invalidateQueries();
  };
}

export function UserMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  const t = useT();
  const [lang] = useLang();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const switchLang = useSwitchLang();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div style={{ maxWidth: 240 }}>
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.unit.name}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
    // a unit's staff manage their own unit's group robots here; an admin finds them under 系统设置
    ...(me.can.manageRobots && !me.can.editSettings
      ? [{ key: 'robots', icon: <RobotOutlined />, label: t('user.unitRobots') }]
      : []),
    { type: 'divider' },
    {
      key: 'lang',
      type: 'group',
      label: (
        <span>
          <GlobalOutlined aria-hidden /> {t('user.language')}
        </span>
      ),
      children: [
        {
          key: 'lang:zh-CN',
          label: t('user.langZh'),
          icon: lang === 'zh-CN' ? <CheckOutlined /> : <span style={{ width: 14, display: 'inline-block' }} />,
        },
        {
          key: 'lang:en-US',
          label: t('user.langEn'),
          icon: lang === 'en-US' ? <CheckOutlined /> : <span style={{ width: 14, display: 'inline-block' }} />,
        },
      ],
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/change-password');
    else if (key === 'robots') navigate('/settings/robots');
    else if (key === 'logout') void signOut();
    else if (key.startsWith('lang:')) switchLang(key.slice(5) as Lang);
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" aria-haspopup="menu" style={{ height: 48, paddingInline: 8 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
        <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-start', lineHeight: 1.3 }}>
          <span>{me.displayName}</span>
          {!compact && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {me.unit.name}
            </Typography.Text>
          )}
        </span>
      </Button>
    </Dropdown>
  );
}
