"use client";
// Search + pagination over a /api/v1 list endpoint with TanStack Query. The server component renders
// the first page (passed as `initial`) from the same URL parameters; later pages, searches, sorts and
// filters come from the API, and the URL keeps ?q=&page=&sort= and every filter, so a list can be shared or
// reloaded as it is (docs/lists.md).
import type { ApiPage as Page } from "@capstan/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useErrorText, useT } from "@/lib/client/i18n";
import { listUrl } from "@/lib/client/list-params";
import { type Column, Table } from "@/components/ui/data-table";

export { type Column, Table };

/** A page of a list as /api/v1 answers it (packages/domain/src/responses.ts); `nextCursor` on keyset lists. */
export type { Page };

export interface PagedProps<T> {
  endpoint: string;
  initial: Page<T>;
  initialQ: string;
  /** Fixed query parameters of this list (e.g. mine=true on a dashboard); not put in the URL. */
  params?: Record<string, string | undefined>;
  /** The filters the user chose; kept in the URL beside q, page and sort. */
  filters?: Record<string, string | undefined>;
  /** The server sort the first page was read with ("field" or "-field"), for lists the API sorts. */
  initialSort?: string;
  /** Poll for live data (e.g. rollout status), in milliseconds. */
  refetchMs?: number;
}

/** `value`, once it has stopped changing for `ms` milliseconds (a search box's text before it is sent). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * Page numbers over a list. Keyset lists (those answering with nextCursor) reach page n+1 through page n's
 * cursor; cursors[i] opens page i + 2, so going back reuses the cursor that opened a page. A new `key`
 * (other filters, another search) starts again at page 1. `setPage(p, nextCursor)` takes the shown page's
 * nextCursor.
 */
export function useCursorPages(key: string, initialPage = 1) {
  const [at, setAt] = useState({ key, page: initialPage, cursors: [] as string[] });
  const { page, cursors } = at.key === key ? at : { page: 1, cursors: [] as string[] };
  const cursor = page > 1 ? cursors[page - 2] : undefined;
  const setPage = (p: number, next: string | null | undefined) =>
    setAt({ key, page: p, cursors: p === page + 1 && next ? [...cursors.slice(0, page - 1), next] : cursors });
  return { page, cursor, setPage };
}

export function usePagedList<T>({ endpoint, initial, initialQ, params = {}, filters: chosen = {}, initialSort = "", refetchMs }: PagedProps<T>) {
  const [q, setQ] = useState(initialQ);
  const [sort, setSort] = useState(initialSort);
  const search = useDebounced(q.trim(), 250);
  const filters = Object.fromEntries(Object.entries({ ...params, ...chosen }).filter(([, v]) => v)) as Record<string, string>;
  // New filters, a new sort or a new search start again at page 1.
  const key = JSON.stringify([filters, search, sort]);
  const pages = useCursorPages(key, initial.page);
  const { page, cursor } = pages;
  const cursorMode = initial.nextCursor !== undefined;
  const qs = new URLSearchParams({
    ...filters,
    ...(search ? { q: search } : {}),
    ...(sort ? { sort } : {}),
    ...(cursor ? { cursor } : {}),
    page: String(page),
    pageSize: String(initial.pageSize),
  });
  const [initialKey] = useState(key);
  const isInitial = search === initialQ && page === initial.page && key === initialKey;
  const urlState = JSON.stringify({
    ...Object.fromEntries(Object.keys(chosen).map((k) => [k, chosen[k] ?? ""])),
    q: search,
    sort,
    // A cursor page cannot be reopened from its number alone, so keyset lists keep no page number.
    page: cursorMode ? "" : String(page),
  });

  useEffect(() => {
    // Replaced, not pushed: typing a search is not a history entry; reload and back reopen the URL as left.
    // Only when it changes: Next's router takes every replaceState as a navigation of its own, which would
    // cancel one the user has just started.
    const next = listUrl(window.location.href, JSON.parse(urlState) as Record<string, string>);
    if (next !== window.location.href) window.history.replaceState(null, "", next);
  }, [urlState]);

  const query = useQuery({
    queryKey: [endpoint, qs.toString()],
    queryFn: () => apiFetch<Page<T>>(`${endpoint}?${qs}`),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: refetchMs,
  });
  const setPage = (p: number) => pages.setPage(p, query.data?.nextCursor);
  const onSearch = (value: string) => setQ(value);
  return { q, onSearch, page, setPage, search, sort, setSort, query };
}

export function SearchBox({ value, onChange, label }: { value: string; onChange: (v: string) => void; label?: string }) {
  const t = useT();
  return (
    <label className="block max-w-sm">
      <span className="sr-only">{label ?? t("common.search")}</span>
      <input type="search" className="input" placeholder={label ?? t("common.searchPlaceholder")} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function Pagination({ data, onPage }: { data: Page<unknown>; onPage: (p: number) => void }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <nav className="flex items-center justify-between gap-2 pt-3 text-sm text-slate-600" aria-label={t("nav.pagination")}>
      <span>{t("common.pageOf", { page: data.page, pages, total: data.total })}</span>
      <span className="flex gap-2">
        <button type="button" className="btn-secondary" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
          {t("common.previous")}
        </button>
        <button type="button" className="btn-secondary" disabled={data.page >= pages || data.nextCursor === null} onClick={() => onPage(data.page + 1)}>
          {t("common.next")}
        </button>
      </span>
    </nav>
  );
}

/** A table with its loading, error, empty and no-match states, and paging; `sort`/`onSort` for server sorting. */
export function DataTable<T>({
  query,
  columns,
  rowKey,
  search,
  onPage,
  empty,
  filtered = false,
  sort,
  onSort,
}: {
  query: ReturnType<typeof usePagedList<T>>["query"];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  search: string;
  onPage: (p: number) => void;
  empty?: React.ReactNode;
  /** Filters are set: an empty page is "no match", not "nothing yet". */
  filtered?: boolean;
  sort?: string;
  onSort?: (sort: string) => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  if (query.isError && !query.data)
    return (
      <div role="alert" className="card flex items-center justify-between text-sm text-red-800">
        {t("common.loadFailed", { message: errorText(query.error) })}
        <button type="button" className="btn-secondary" onClick={() => query.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  const data = query.data;
  if (!data)
    return (
      <div className="card animate-pulse text-sm text-slate-500" aria-busy="true">
        …
      </div>
    );
  if (data.items.length === 0)
    return (
      <div className="card text-sm text-slate-600">
        {search ? t("common.noMatch", { q: search }) : filtered ? t("common.noFilterMatch") : (empty ?? t("common.empty"))}
      </div>
    );
  return (
    <div aria-busy={query.isFetching}>
      <Table columns={columns} rows={data.items} rowKey={rowKey} sort={sort} onSort={onSort} />
      <Pagination data={data} onPage={onPage} />
    </div>
  );
}

/** A searchable, paged list in one piece: the search box (and any filters) above the table. */
export function SearchableTable<T>({
  columns,
  rowKey,
  empty,
  controls,
  sortable = false,
  ...paging
}: PagedProps<T> & {
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty?: React.ReactNode;
  /** Filter controls shown beside the search box (their values go in `filters`). */
  controls?: React.ReactNode;
  /** The API sorts this list (`sort`): sortable columns' ids are its sort fields. */
  sortable?: boolean;
}) {
  const list = usePagedList(paging);
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-end gap-4">
        <SearchBox value={list.q} onChange={list.onSearch} />
        {controls}
      </div>
      <DataTable
        query={list.query}
        search={list.search}
        onPage={list.setPage}
        rowKey={rowKey}
        empty={empty}
        columns={columns}
        filtered={Object.values(paging.filters ?? {}).some(Boolean)}
        {...(sortable ? { sort: list.sort, onSort: list.setSort } : {})}
      />
    </section>
  );
}
