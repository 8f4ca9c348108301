// Next's proxy (formerly middleware), before routing. A path that is not valid percent-encoded UTF-8
// (e.g. /api/v1/systems/%ff) makes Next's router fail to decode its params and answer 500 (issue 11,
// finding 7); such a path names nothing, so it is a 400 here. api() checks the same for its routes.
import { type NextRequest, NextResponse } from "next/server";

const PROBLEM = "is not valid percent-encoded UTF-8";

export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    if (request.nextUrl.pathname.startsWith("/api/"))
      return NextResponse.json({ error: { code: "bad_request", message: `The path ${PROBLEM}.`, fields: { path: PROBLEM } } }, { status: 400 });
    return new NextResponse(`Bad request: the path ${PROBLEM}.`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

// Every path but Next's own assets.
export const config = { matcher: "/((?!_next/static|_next/image).*)" };
