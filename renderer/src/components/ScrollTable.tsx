/**
 * A plain table of any number of rows in a scrolling box, rendering only the rows in view
 * (TanStack Virtual): an import preview of 100,000 rows stays as light as one of ten. Rows may
 * differ in height (wrapped text, warnings): each rendered row is measured. The rows above and
 * below the view are stood in for by one empty spacer row each, so the table keeps its native
 * layout, its sticky header and its semantics (aria-rowcount, aria-rowindex for the rows shown).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/** A first guess of a row's height in pixels, before it is measured (one line of text). */
const ROW_ESTIMATE = 37;

export function ScrollTable<T>(props: {
  rows: readonly T[];
  /** The table's accessible name. */
  caption: string;
  testId: string;
  /** The header cells (th), in one row, and how many they are. */
  head: ReactNode;
  columns: number;
  /** The cells (td) of a row. */
  cells: (row: T, index: number) => ReactNode;
  rowClassName?: (row: T) => string | undefined;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const above = items[0]?.start ?? 0;
  const below = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    // focusable, so that the keyboard scrolls it too (its cells hold no link or button)
    <div className="table-wrap table-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label={props.caption}>
      <table className="table" data-testid={props.testId} aria-rowcount={props.rows.length + 1}>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr aria-rowindex={1}>{props.head}</tr>
        </thead>
        <tbody>
          {above > 0 && <Spacer height={above} columns={props.columns} />}
          {items.map((item) => {
            const row = props.rows[item.index]!;
            return (
              <tr key={item.key} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2} className={props.rowClassName?.(row)}>
                {props.cells(row, item.index)}
              </tr>
            );
          })}
          {below > 0 && <Spacer height={below} columns={props.columns} />}
        </tbody>
      </table>
    </div>
  );
}

/** The rows out of view, as one empty row of their height (a row needs a cell to take a height). */
function Spacer(props: { height: number; columns: number }) {
  return (
    <tr className="spacer-row" aria-hidden="true">
      <td colSpan={props.columns} style={{ height: props.height }} />
    </tr>
  );
}
