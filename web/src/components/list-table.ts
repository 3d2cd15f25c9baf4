import type { TablePaginationConfig } from 'antd';
import type { T } from '../lib/i18n.ts';
import type { FilterValue } from '../lib/url-filter.ts';

type PagedFilter = { page: number; pageSize: number } & Record<string, FilterValue>;

/**
 * Pagination at the bottom right with the total (共 N 条) and a page-size changer, for a list whose page and page
 * size live in the URL filter: another page size starts again at page 1.
 */
export function tablePagination(
  t: T,
  total: number | undefined,
  filter: PagedFilter,
  setFilter: (next: Record<string, FilterValue>) => void,
): TablePaginationConfig {
  return {
    total: total ?? 0,
    current: filter.page,
    pageSize: filter.pageSize,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t('common.total', { total: n }),
    placement: ['bottomEnd'],
    onChange: (page, pageSize) => setFilter({ ...filter, page: pageSize === filter.pageSize ? page : 1, pageSize }),
  };
}

/** What an empty list table says: why it did not load, that nothing matches the filters, or that there is nothing. */
export function tableEmptyText(t: T, error: Error | null, filtering: boolean): string {
  return error ? error.message : filtering ? t('common.noMatch') : t('common.empty');
}
