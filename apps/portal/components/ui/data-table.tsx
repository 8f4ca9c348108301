"use client";
// The one table every list renders, on TanStack Table (headless): column definitions are TanStack's
// `ColumnDef`, the markup, states and accessibility are ours. Sorting is either the server's (large lists:
// `sort`/`onSort`, the API's `sort` parameter, docs/lists.md) or done here over the rows given (short lists).
import { type ColumnDef, flexRender, getCoreRowModel, getExpandedRowModel, getSortedRowModel, type SortingState, useReactTable } from "@tanstack/react-table";
import { useState } from "react";
import { parseSort, formatSort } from "@/lib/client/list-params";

export type { ColumnDef };

/**
 * A column of a table of T. A column with an accessor (`accessorKey`/`accessorFn`) is sortable; on a
 * server-sorted table its `id` (or `accessorKey`) is the API's sort field. Columns with only `cell` are not.
 */
// TanStack's own examples type column arrays as ColumnDef<T, any>: a column's value type differs per column.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Column<T> = ColumnDef<T, any>;

/**
 * A table of rows. With `onSort` the rows come sorted by the server and a header click asks for another
 * `sort` ("field" ascending, "-field" descending); without it, sortable columns sort the given rows here.
 * Sortable headers carry `aria-sort` and a button (keyboard-operable); wide tables scroll in their own box.
 * Pivots (the fleet overview's) use `subRows` (shown indented under their row, always expanded, sorted within
 * it), `rowHeader` (the first cell is the row's `<th scope="row">`) and columns' `footer` (a `<tfoot>` row
 * that sorting leaves last, e.g. a total).
 */
export function Table<T>({
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  label,
  subRows,
  rowHeader,
}: {
  columns: Column<T>[];
  rows: T[];
  /** A row's React key: unique among the rows (its index, `i`, when nothing else is). */
  rowKey: (row: T, i: number) => string;
  /** The server's current sort, "field" or "-field". */
  sort?: string;
  onSort?: (sort: string) => void;
  /** The table's accessible name, when the page has several. */
  label?: string;
  /** A row's own rows (a cluster's zones), listed under it. */
  subRows?: (row: T) => T[] | undefined;
  /** The first cell names the row (`<th scope="row">`), as in a pivot. */
  rowHeader?: boolean;
}) {
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const server = onSort !== undefined;
  const sorting: SortingState = server ? parseSort(sort) : localSorting;
  // The React Compiler is off here (next.config has no reactCompiler), so the table's unmemoisable
  // functions are not a hazard; TanStack Table v8 documents useReactTable as re-rendering with its owner.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row, i) => rowKey(row, i),
    getCoreRowModel: getCoreRowModel(),
    ...(subRows ? { getSubRows: subRows, getExpandedRowModel: getExpandedRowModel() } : {}),
    ...(server ? { manualSorting: true } : { getSortedRowModel: getSortedRowModel() }),
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, ...(subRows ? { expanded: true as const } : {}) },
    onSortingChange: (update) => {
      const next = typeof update === "function" ? update(sorting) : update;
      if (server) onSort(formatSort(next));
      else setLocalSorting(next);
    },
  });
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200" aria-label={label}>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const canSort = header.column.getCanSort();
                const dir = header.column.getIsSorted();
                const content = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="th"
                    aria-sort={canSort ? (dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none") : undefined}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        <span>{content}</span>
                        <span aria-hidden="true" className="text-slate-400">
                          {dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      content
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.depth > 0 ? "text-slate-600 hover:bg-slate-50" : "hover:bg-slate-50"}>
              {row.getVisibleCells().map((cell, i) => {
                const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                return rowHeader && i === 0 ? (
                  <th key={cell.id} scope="row" className={`td text-left font-medium ${row.depth > 0 ? "pl-8 font-normal" : ""}`}>
                    {content}
                  </th>
                ) : (
                  <td key={cell.id} className="td">
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {columns.some((c) => c.footer !== undefined) ? (
          <tfoot className="border-t border-slate-300 font-medium">
            {table.getFooterGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header, i) =>
                  rowHeader && i === 0 ? (
                    <th key={header.id} scope="row" className="td text-left">
                      {flexRender(header.column.columnDef.footer, header.getContext())}
                    </th>
                  ) : (
                    <td key={header.id} className="td">
                      {flexRender(header.column.columnDef.footer, header.getContext())}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
