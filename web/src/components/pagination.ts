import type { TablePaginationConfig } from 'antd';
import type { T } from '../lib/i18n.ts';

/** Pagination at the bottom right with the total (共 N 条) and a page-size changer. */
export function tablePagination(
  t: T,
  p: { total: number | undefined; page: number; pageSize: number },
  onChange?: (page: number, pageSize: number) => void,
): TablePaginationConfig {
  return {
    total: p.total ?? 0,
    current: p.page,
    pageSize: p.pageSize,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => t('common.total', { total }),
    placement: ['bottomEnd'],
    onChange,
  };
}
