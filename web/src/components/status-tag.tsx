import { Tag } from 'antd';
import { useT } from '../lib/i18n.ts';

/** 启用 / 停用 */
export function StatusTag({ active }: { active: boolean }) {
  const t = useT();
  return active ? <Tag color="success">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>;
}
