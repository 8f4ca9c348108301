// Input checks that must run before Next's router (issue 11, finding 7). A path that is not valid
// percent-encoded UTF-8 (e.g. /api/v1/systems/%ff) makes the router fail to decode its params and answer
// 500; a path or query with control characters would reach pages' lookups raw. Such a path names nothing
// (400 when it does not decode, 404 otherwise), and such a query is a 400 naming the parameter. api()
// applies the same rules to its routes, called in-process. Pages also get their list search `q` checked
// here by the API's own rule (ListQuery), since a page cannot answer a 400 itself: a refusal thrown while
// it renders would be a 500.
import { ListQuery, textProblem } from "@capstan/domain";
import { type NextRequest, NextResponse } from "next/server";

const UNDECODABLE = "is not valid percent-encoded UTF-8";

/** The refusal for a request whose path or query cannot be right, or null when it may go on. */
export function pathRefusal(request: NextRequest): NextResponse | null {
  const { pathname, searchParams } = request.nextUrl;
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return refuse(request, 400, `The path ${UNDECODABLE}.`, { path: UNDECODABLE });
  }
  const problem = textProblem(path);
  if (problem) return refuse(request, 404, `Nothing is at this path: it ${problem}.`, { path: problem });
  for (const [name, value] of searchParams) {
    const bad = textProblem(name) ?? textProblem(value);
    if (bad) return refuse(request, 400, `Invalid query: ${name} ${bad}`, { [name]: bad });
  }
  if (!pathname.startsWith("/api/")) {
    const q = searchParams.getAll("q");
    if (q.length > 1) return refuse(request, 400, "Invalid query: q must be given once", { q: "must be given once" });
    const checked = ListQuery.shape.q.safeParse(q[0]);
    if (!checked.success) {
      const reason = checked.error.issues[0]?.message ?? "is not valid";
      return refuse(request, 400, `Invalid query: q ${reason}`, { q: reason });
    }
  }
  return null;
}

/** The API's error shape under /api, plain text for pages. */
function refuse(request: NextRequest, status: 400 | 404, message: string, fields: Record<string, string>) {
  if (request.nextUrl.pathname.startsWith("/api/"))
    return NextResponse.json({ error: { code: status === 404 ? "not_found" : "bad_request", message, fields } }, { status });
  return new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
