import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { NotificationBell } from '../components/notification-bell.tsx';
import { useT } from '../lib/i18n.ts';
import { findNav, isGroup, visibleNav } from './nav.tsx';
import { PageSpin } from './page-spin.tsx';
import { useMe } from './session.tsx';
import { UserMenu } from './user-menu.tsx';

const SIDER_BG = '#001529';
const COLLAPSED_KEY = 'luoshi.siderCollapsed';

function Brand({ collapsed }: { collapsed: boolean }) {
  const t = useT();
  return (
    <Link
      to="/"
      aria-label={t('app.fullName')}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        height: 56,
        paddingInline: collapsed ? 0 : 20,
        justifyContent: collapsed ? 'center' : 'flex-start',
        color: '#fff',
        textDecoration: 'none',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      <span
        aria-hidden
        style={{
          flex: 'none',
          width: 30,
          height: 30,
          borderRadius: 6,
          background: '#c0392b',
          display: 'grid',
          placeItems: 'center',
          fontWeight: 700,
          fontSize: 17,
        }}
      >
        实
      </span>
      {!collapsed && (
        <span style={{ lineHeight: 1.15 }}>
          <span style={{ display: 'block', fontSize: 16, fontWeight: 600 }}>{t('app.name')}</span>
          <span style={{ display: 'block', fontSize: 11, opacity: 0.65 }}>{t('app.subtitle')}</span>
        </span>
      )}
    </Link>
  );
}

function NavMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const me = useMe();
  const t = useT();
  const { pathname } = useLocation();
  const current = findNav(pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(current?.group ? [current.group.key] : []);

  useEffect(() => {
    const g = current?.group?.key;
    if (g) setOpenKeys((keys) => (keys.includes(g) ? keys : [...keys, g]));
  }, [current?.group?.key]);

  const items: MenuProps['items'] = useMemo(
    () =>
      visibleNav(me).map((e) =>
        isGroup(e)
          ? {
              key: e.key,
              icon: e.icon,
              label: t(e.label),
              children: e.children.map((c) => ({
                key: c.path,
                icon: c.icon,
                label: (
                  <Link to={c.path} onClick={onNavigate}>
                    {t(c.label)}
                  </Link>
                ),
              })),
            }
          : {
              key: e.path,
              icon: e.icon,
              label: (
                <Link to={e.path} onClick={onNavigate}>
                  {t(e.label)}
                </Link>
              ),
            },
      ),
    [me, t, onNavigate],
  );

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={current ? [current.leaf.path] : []}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
      style={{ borderInlineEnd: 0 }}
    />
  );
}

/** The signed-in frame: dark side menu by capability, header with the user menu; a drawer on phones. */
export function AppLayout() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const current = findNav(pathname);

  useEffect(() => {
    localStorage.setItem(COLLAPSED_KEY, collapsed ? '1' : '0');
  }, [collapsed]);

  // the drawer closes when the route changes (also on back/forward)
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the path only
  useEffect(() => setDrawerOpen(false), [pathname]);

  const crumbs = [
    ...(current?.group ? [{ title: t(current.group.label) }] : []),
    ...(current ? [{ title: t(current.leaf.label) }] : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Layout.Sider
          width={220}
          collapsedWidth={64}
          collapsed={collapsed}
          trigger={null}
          theme="dark"
          style={{ background: SIDER_BG, position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand collapsed={collapsed} />
          <nav aria-label={t('app.name')}>
            <NavMenu collapsed={collapsed} />
          </nav>
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: SIDER_BG } }}
        >
          <Brand collapsed={false} />
          <nav aria-label={t('app.name')}>
            <NavMenu collapsed={false} onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            paddingInline: isPhone ? 8 : 16,
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {isPhone ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.openMenu')}
              onClick={() => setDrawerOpen(true)}
            />
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? t('nav.expandMenu') : t('nav.collapseMenu')}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          {isPhone ? (
            <span style={{ fontWeight: 600 }}>{current ? t(current.leaf.label) : t('app.name')}</span>
          ) : (
            <Breadcrumb items={crumbs} />
          )}
          <div style={{ flex: 1 }} />
          <NotificationBell compact={isPhone} />
          <UserMenu compact={isPhone} />
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 8 : 16, minWidth: 0 }}>
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#999', padding: '12px 16px', fontSize: 12 }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
