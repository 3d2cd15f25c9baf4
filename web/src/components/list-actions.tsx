import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useT } from '../lib/i18n.ts';

/** 新增: the first button of a list's toolbar. */
export function AddButton({ onClick }: { onClick: () => void }) {
  const t = useT();
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick}>
      {t('common.add')}
    </Button>
  );
}

/** 编辑 in an object's detail. */
export function EditButton({ onClick, style }: { onClick: () => void; style?: CSSProperties }) {
  const t = useT();
  return (
    <Button icon={<EditOutlined />} style={style} onClick={onClick}>
      {t('common.edit')}
    </Button>
  );
}

/** A table row's 查看 and, when it may be edited, 编辑; then the row's other actions. */
export function RowActions({
  onView,
  onEdit,
  wrap,
  children,
}: {
  onView: () => void;
  onEdit?: () => void;
  wrap?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Space size={0} wrap={wrap}>
      <Button type="link" size="small" onClick={onView}>
        {t('common.view')}
      </Button>
      {onEdit && (
        <Button type="link" size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      {children}
    </Space>
  );
}
