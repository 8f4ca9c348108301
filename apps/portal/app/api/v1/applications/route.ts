import { listApplications } from "@capstan/usecases";
import { api, query } from "@/lib/server/api";

/** Applications across every system the caller can see (filter with ?system=). */
export const GET = api((ctx, req) => listApplications(ctx, query(req)));
