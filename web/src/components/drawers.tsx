import { Alert, Button, Drawer, Grid, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n.ts';

/** The drawer width: comfortable on a desktop, the whole screen on a phone. */
export function useDrawerSize(desktop = 560): number | string {
  const screens = Grid.useBreakpoint();
  return screens.md === false ? '100%' : desktop;
}

/** A create/edit form in a drawer, with 取消 / 保存 at the bottom. */
export function FormDrawer({
  title,
  open,
  onClose,
  onSubmit,
  submitting,
  staleNotice,
  children,
  width,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: () => void;
  submitting?: boolean;
  staleNotice?: boolean;
  children: ReactNode;
  width?: number;
}) {
  const t = useT();
  const size = useDrawerSize(width);
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={size}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={onSubmit}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {staleNotice && <Alert type="warning" showIcon title={t('common.staleReloaded')} style={{ marginBottom: 16 }} />}
      {children}
    </Drawer>
  );
}

/** An object's detail in a drawer: its fields, then its history. */
export function DetailDrawer({
  title,
  open,
  onClose,
  extra,
  children,
  width,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  extra?: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  const size = useDrawerSize(width ?? 640);
  return (
    <Drawer title={title} open={open} onClose={onClose} size={size} extra={extra} destroyOnHidden>
      {children}
    </Drawer>
  );
}
