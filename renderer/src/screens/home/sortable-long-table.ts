import type { TableProps } from 'antd';
import { useCallback, useMemo } from 'react';
import { LONG_TABLE } from '../../components/long-table';

export interface TableSort<K extends string> {
  key: K | null;
  order: 'ascend' | 'descend' | null;
}

/**
 * The props a long, sortable, virtual table of projects shares on both desks (the officer's home list, the bureau's
 * 项目库), each kept the same object from one render to the next so the memoised table does not render for them:
 * the scroll box (the columns' width, the height left in the window), the empty text, and the sort handed back as
 * a column key and order (none when the sort is cleared); the columns, rows, row and totals props pass through.
 */
export function useSortableLongTable<T, K extends string>(
  options: { width: number; height: number; emptyText: string; onSort: (sort: TableSort<K>) => void } & Pick<
    TableProps<T>,
    'columns' | 'dataSource' | 'loading' | 'onRow' | 'summary'
  >,
): TableProps<T> {
  const { width, height, emptyText, onSort, ...rest } = options;
  const scroll = useMemo(() => ({ x: width, y: height }), [width, height]);
  const locale = useMemo(() => ({ emptyText }), [emptyText]);
  const onChange = useCallback<NonNullable<TableProps<T>['onChange']>>(
    (_pagination, _filters, sorter) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = (s?.order ? (s.columnKey as K) : null) ?? null;
      onSort({ key, order: key ? (s?.order ?? null) : null });
    },
    [onSort],
  );
  return { ...LONG_TABLE, ...rest, showSorterTooltip: false, scroll, locale, onChange };
}
