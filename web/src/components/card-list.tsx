import { Empty, Pagination, Skeleton } from 'antd';
import type { ReactNode } from 'react';

/**
 * A list's phone form: one card per row, a skeleton while the first page loads, the empty state, and a simple
 * pager below when there is more than one page. The pages show a table on wider screens.
 */
export function CardList<T>(props: {
  items: readonly T[] | undefined;
  card: (item: T) => ReactNode;
  loading: boolean;
  emptyText: ReactNode;
  total: number | undefined;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  testId?: string;
}) {
  const { items, total } = props;
  return (
    <div data-testid={props.testId} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {props.loading && <Skeleton active />}
      {items?.map(props.card)}
      {items && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.emptyText} />}
      {total !== undefined && total > props.pageSize && (
        <Pagination
          simple
          align="center"
          current={props.page}
          pageSize={props.pageSize}
          total={total}
          onChange={props.onPage}
          style={{ marginTop: 8 }}
        />
      )}
    </div>
  );
}

/** A label and its value on one line of a phone card (负责单位 示范市住建局). */
export const cardLine = (label: string, value: ReactNode) => (
  <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', fontSize: 13, lineHeight: 1.6 }}>
    <span style={{ color: 'rgba(0,0,0,0.45)', flex: 'none' }}>{label}</span>
    <span style={{ minWidth: 0 }}>{value}</span>
  </div>
);
