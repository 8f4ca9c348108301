// Any /api/v1 path no route serves: the API's JSON error, not the portal's HTML not-found page. Named
// routes take precedence over this catch-all (Next.js routing), so it answers only what nothing else does.
import { domainError, fieldError } from "@capstan/domain";
import { errorResponse } from "@/lib/server/api";

const notFound = () => errorResponse(domainError("api_path_unknown", {}, { path: fieldError("path_unknown") }));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
