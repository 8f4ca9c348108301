// A list's sort as a query parameter: "field" ascending, "-field" descending (the convention of JSON:API
// §6.5 "Sorting" and of most REST APIs), the field one of a whitelist per list, so no column outside it
// can be sorted on (or probed through ORDER BY).
import { z } from "zod";

/** A parsed sort: the whitelisted field and whether it runs descending. */
export interface ListSort<F extends string = string> {
  field: F;
  desc: boolean;
}

/** "name" → { field: "name", desc: false }; "-name" → { field: "name", desc: true }. No validation: see sortParam. */
export function parseSortText(text: string): ListSort {
  return text.startsWith("-") ? { field: text.slice(1), desc: true } : { field: text, desc: false };
}

/** The inverse of parseSortText. */
export function sortText(sort: ListSort): string {
  return `${sort.desc ? "-" : ""}${sort.field}`;
}

/**
 * The `sort` query parameter of a list over `fields`: "field" or "-field", defaulting to `fallback`.
 * Anything else is refused (a 400 naming `sort` when parsed with parseInput(…, "query")).
 */
export function sortParam<const F extends string>(fields: readonly [F, ...F[]], fallback: F | `-${F}`) {
  const allowed = fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z
    .enum(allowed, { error: `must be one of ${allowed.join(", ")}` })
    .default(fallback)
    .transform((s) => parseSortText(s) as ListSort<F>);
}

/** The sort fields of each large list, for the contract, the use cases and the portal's sortable columns. */
export const GROUP_SORTS = ["name", "application", "dataCentre", "phase", "replicas", "createdAt"] as const;
export const SYSTEM_SORTS = ["name", "displayName", "department", "createdAt"] as const;
export const APPLICATION_SORTS = ["system", "name", "displayName", "runtime", "createdAt"] as const;
export const USER_SORTS = ["email", "name", "createdAt"] as const;
