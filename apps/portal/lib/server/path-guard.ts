// Input checks that must run before Next's router (issue 11, finding 7). A path that is not valid
// percent-encoded UTF-8 (e.g. /api/v1/systems/%ff) makes the router fail to decode its params and answer
// 500; a path or query with control characters would reach pages' lookups raw. Such a path names nothing
// (400 when it does not decode, 404 otherwise), and such a query is a 400 naming the parameter. api()
// applies the same rules to its routes, called in-process. Pages also get their list search `q` checked
// here by the API's own rule (ListQuery), since a page cannot answer a 400 itself: a refusal thrown while
// it renders would be a 500.
import { type DomainError, domainError, errorBody, fieldError, fieldProblems, ListQuery, textFault } from "@capstan/domain";
import { type NextRequest, NextResponse } from "next/server";

/** The refusal for a request whose path or query cannot be right, or null when it may go on. */
export function pathRefusal(request: NextRequest): NextResponse | null {
  const refusal = pathProblem(request);
  return refusal && refuse(request, refusal);
}

function pathProblem(request: NextRequest): DomainError | null {
  const { pathname, searchParams } = request.nextUrl;
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return domainError("path_not_utf8", {}, { path: fieldError("path_not_utf8") });
  }
  const fault = textFault(path);
  if (fault) return domainError("path_refused", { problem: fault.message }, { path: fault });
  for (const [name, value] of searchParams) {
    const bad = textFault(name) ?? textFault(value);
    if (bad) return domainError("query_value_refused", { parameter: name, problem: bad.message }, { [name]: bad });
  }
  if (!pathname.startsWith("/api/")) {
    const q = searchParams.getAll("q");
    if (q.length > 1) return domainError("query_repeated", { parameter: "q" }, { q: fieldError("given_twice") });
    const checked = ListQuery.shape.q.safeParse(q[0]);
    if (!checked.success) {
      const problem = Object.values(fieldProblems(checked.error, q[0]))[0]!;
      return domainError("query_value_refused", { parameter: "q", problem: problem.message }, { q: problem });
    }
  }
  return null;
}

/** The API's error shape under /api, plain text for pages. */
function refuse(request: NextRequest, e: DomainError) {
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: errorBody(e) }, { status: e.status });
  return new NextResponse(e.message, { status: e.status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
