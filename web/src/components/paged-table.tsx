// <PagedTable>: one page of a paged list ({ items, total, limit, offset }) as a table with its
// <Pager>, behind <Async>. Pages declare only their columns, rows and where the offset goes, so
// every list renders the same markup (class names the end-to-end tests and styles rely on).
import type { ReactNode } from 'react';
import type { Paged } from '../api-client.js';
import type { ApiState } from '../use-api.js';
import { Pager } from './pager.js';
import { Async } from './states.js';

export interface Column<Row> {
  /** Header text; also the React key, so unique within a table. */
  head: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned figures: class "num" on the header and the cells. */
  isNumeric?: boolean;
  /** Flags a cell in red (class "bad"), e.g. a risk of one half or more. */
  isBad?: (row: Row) => boolean;
}

function classOf(isNumeric: boolean | undefined, isBad: boolean | undefined): string | undefined {
  const names = [isNumeric ? 'num' : '', isBad ? 'bad' : ''].filter(Boolean).join(' ');
  return names || undefined;
}

export function PagedTable<P extends Paged<unknown>>({
  state,
  columns,
  rowKey,
  rowClass,
  onOffset,
  intro,
  empty,
  testId,
  shouldScroll,
}: {
  state: ApiState<P>;
  columns: Column<P['items'][number]>[];
  rowKey: (row: P['items'][number]) => string;
  rowClass?: (row: P['items'][number]) => string | undefined;
  /** Called with the new offset; pages keep it in the URL. */
  onOffset: (offset: number) => void;
  /** Text above the table, from the whole answer (its summary fields). */
  intro?: (page: P) => ReactNode;
  /** Shown when the list has no rows at all (default: "Nothing in this period"). */
  empty?: ReactNode;
  testId?: string;
  /** Wide tables scroll sideways instead of squeezing their columns. */
  shouldScroll?: boolean;
}) {
  return (
    <Async state={state} isEmpty={(d) => d.total === 0} empty={empty}>
      {(d) => {
        const table = (
          <table className="table" data-testid={testId}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.head} className={classOf(c.isNumeric, false)}>
                    {c.head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.items.map((row) => (
                <tr key={rowKey(row)} className={rowClass?.(row)}>
                  {columns.map((c) => (
                    <td key={c.head} className={classOf(c.isNumeric, c.isBad?.(row))}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
        return (
          <>
            {intro?.(d)}
            {shouldScroll ? <div className="scroll-x">{table}</div> : table}
            <Pager total={d.total} limit={d.limit} offset={d.offset} onOffset={onOffset} />
          </>
        );
      }}
    </Async>
  );
}
