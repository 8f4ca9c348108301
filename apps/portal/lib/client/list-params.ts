// A list's state in the URL (docs/lists.md): search `q`, `page`, `sort` ("field" or "-field") and each
// filter are query parameters, so a filtered view can be shared and survives reload and back.
import { parseSortText, sortText } from "@capstan/domain";
import type { SortingState } from "@tanstack/react-table";

/** The API's sort text as TanStack Table's sorting state (one column at most); none for undefined or "". */
export function parseSort(sort: string | undefined): SortingState {
  if (!sort) return [];
  const { field, desc } = parseSortText(sort);
  return [{ id: field, desc }];
}

/** TanStack Table's sorting state as the API's sort text ("" when unsorted). */
export function formatSort(sorting: SortingState): string {
  const first = sorting[0];
  return first ? sortText({ field: first.id, desc: first.desc }) : "";
}

/**
 * The list parameters to keep in the URL: every non-empty value, page only past the first. Keys in `owned`
 * that end up empty are removed, other query parameters of the page are kept as they are.
 */
export function listUrl(href: string, owned: Record<string, string | undefined>): string {
  const url = new URL(href);
  for (const [k, v] of Object.entries(owned)) {
    if (v && !(k === "page" && v === "1")) url.searchParams.set(k, v);
    else url.searchParams.delete(k);
  }
  return url.toString();
}
