// Global search: the portal's Ctrl-K palette asks it.
import { SearchQuery, SearchResultsSchema } from "@capstan/domain";
import { route } from "./route";

export const search = route({
  method: "GET",
  path: "/search",
  tag: "search",
  summary: "Find systems, applications, groups, nodes and people by name",
  description:
    "Names containing `q` (1–100 characters, taken literally, ignoring case), only among what the caller may read: nodes for platform admins and ops, people of the caller's departments (everyone for platform roles). At most `limit` (1–20, default 5) of each kind, exact and prefix matches first.",
  query: SearchQuery,
  response: { status: 200, description: "The hits, grouped by kind", body: { SearchResultsSchema } },
  errors: [400, 401],
});
