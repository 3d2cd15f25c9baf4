import { ReloadOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n.ts';

/** The toolbar of a list: 新增 and other actions on the left, 刷新 on the right. */
export function ListToolbar({
  left,
  right,
  onRefresh,
  refreshing,
}: {
  left?: ReactNode;
  right?: ReactNode;
  onRefresh: () => void;
  refreshing?: boolean;
}) {
  const t = useT();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
      <Space wrap style={{ flex: 1 }}>
        {left}
      </Space>
      <Space>
        {right}
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined spin={refreshing} />} onClick={onRefresh}>
            {t('common.refresh')}
          </Button>
        </Tooltip>
      </Space>
    </div>
  );
}
