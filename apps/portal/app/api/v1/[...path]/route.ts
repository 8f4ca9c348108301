// Any /api/v1 path no route serves: the API's JSON error, not the portal's HTML not-found page. Named
// routes take precedence over this catch-all (Next.js routing), so it answers only what nothing else does.
import { DomainError } from "@capstan/domain";
import { errorResponse } from "@/lib/server/api";

const notFound = () =>
  errorResponse(new DomainError("not_found", 404, "There is nothing at this API path; see /api/v1/openapi.json.", { path: "names no API resource" }));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
