// The console's table: a sticky header inside its own scroll area, rows that can be links
// (click anywhere on the row; ctrl/cmd-click opens a new tab), optional checkboxes for bulk
// actions, optional client-side sorting, and an empty state instead of a blank grid.
import { useMemo, useState } from "react";
import type { CSSProperties, MouseEvent, ReactNode } from "react";
import { navigate } from "../app/router";
import { EmptyState } from "./empty-state";

/** One column of a DataTable. */
export interface Column<T> {
  /** Stable id (also the `data-col` attribute of its cells). */
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** CSS width, e.g. "12rem" or "20%". */
  width?: string;
  align?: "left" | "right" | "center";
  /** Makes the header clickable to sort by this value (client-side, on the rows given). */
  sortValue?: (row: T) => string | number;
  /** Don't wrap or clip: numbers, ids, times. */
  nowrap?: boolean;
}

/** Rows that may be picked with checkboxes (the caller keeps the set). */
export interface Selection {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}

/** Props of `<DataTable>`. */
export interface DataTableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Makes each row a link to this path. */
  rowHref?: (row: T) => string;
  /** Called on a row click (when there is no rowHref). */
  onRowClick?: (row: T) => void;
  selection?: Selection;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Largest height before the body scrolls (CSS length; default: the viewport minus the shell). */
  maxHeight?: string;
  /** Extra class per row, e.g. to mark failures. */
  rowClassName?: (row: T) => string | undefined;
  testId?: string;
  /** `data-testid` of each row, from the row (default `${testId}-row`). */
  rowTestId?: (row: T) => string;
}

const INTERACTIVE = "a,button,input,select,textarea,label,summary,[role=button]";

/** A table of rows with a sticky header. */
export function DataTable<T>(props: DataTableProps<T>): ReactNode {
  const { columns, rows, rowKey, rowHref, onRowClick, selection, empty, maxHeight, rowClassName, testId = "data-table", rowTestId } = props;
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);

  const sorted = useMemo(() => {
    const column = sort === null ? undefined : columns.find((c) => c.key === sort.key);
    if (sort === null || column?.sortValue === undefined) return rows;
    const value = column.sortValue;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
  }, [rows, columns, sort]);

  if (rows.length === 0) return <>{empty ?? <EmptyState title="Nothing to show" />}</>;

  const clickRow = (row: T, event: MouseEvent<HTMLTableRowElement>): void => {
    if ((event.target as Element).closest(INTERACTIVE) !== null) return;
    if (window.getSelection()?.toString()) return; // the user is selecting text
    if (rowHref !== undefined) {
      const href = rowHref(row);
      if (event.ctrlKey || event.metaKey || event.button === 1) window.open(href, "_blank");
      else navigate(href);
    } else onRowClick?.(row);
  };

  const allKeys = rows.map(rowKey);
  const allSelected = selection !== undefined && allKeys.every((k) => selection.selected.has(k));
  const toggleAll = (): void => selection?.onChange(allSelected ? new Set() : new Set(allKeys));
  const toggle = (key: string): void => {
    if (selection === undefined) return;
    const next = new Set(selection.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  };
  const style = maxHeight === undefined ? undefined : ({ maxHeight } as CSSProperties);
  const clickable = rowHref !== undefined || onRowClick !== undefined;

  return (
    <div className="data-table" style={style} data-testid={testId}>
      <table>
        <thead>
          <tr>
            {selection !== undefined && (
              <th className="data-table__check">
                <input type="checkbox" aria-label="Select all" checked={allSelected} onChange={toggleAll} data-testid={`${testId}-select-all`} />
              </th>
            )}
            {columns.map((c) => {
              const active = sort?.key === c.key;
              const onSort = c.sortValue === undefined ? undefined : () => setSort(active && sort.dir === -1 ? null : { key: c.key, dir: active ? -1 : 1 });
              return (
                <th key={c.key} style={{ width: c.width, textAlign: c.align }} aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : undefined}>
                  {onSort === undefined ? (
                    c.header
                  ) : (
                    <button type="button" className="data-table__sort" onClick={onSort}>
                      {c.header}
                      <span aria-hidden="true">{active ? (sort.dir === 1 ? " ▲" : " ▼") : ""}</span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const key = rowKey(row);
            const classes = [clickable ? "is-clickable" : "", selection?.selected.has(key) === true ? "is-selected" : "", rowClassName?.(row) ?? ""].filter(Boolean).join(" ");
            return (
              <tr key={key} className={classes || undefined} onClick={clickable ? (e) => clickRow(row, e) : undefined} data-testid={rowTestId?.(row) ?? `${testId}-row`} data-key={key}>
                {selection !== undefined && (
                  <td className="data-table__check">
                    <input type="checkbox" aria-label="Select row" checked={selection.selected.has(key)} onChange={() => toggle(key)} />
                  </td>
                )}
                {columns.map((c) => (
                  <td key={c.key} data-col={c.key} style={{ textAlign: c.align }} className={c.nowrap === true ? "nowrap" : undefined}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
