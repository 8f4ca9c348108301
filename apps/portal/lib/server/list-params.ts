// What a list page reads from its URL for the first render (docs/lists.md): the same parameters the API
// takes, so the server's first page is the page the client would ask for and nothing flashes.
import type { z } from "zod";

/** A page's searchParams as Next hands them over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The parameters of `sp` that `schema` (a list's query schema, e.g. GroupListQuery) declares, each kept
 * only when valid on its own: a stale or hand-edited one (`?sort=bogus`) is dropped, so the page opens as
 * if it were absent instead of failing; the API itself still refuses it with a 400.
 */
export function listParams(sp: SearchParams, schema: z.ZodObject): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = sp[key];
    if (typeof value === "string" && value !== "" && (field as z.ZodType).safeParse(value).success) kept[key] = value;
  }
  return kept;
}
