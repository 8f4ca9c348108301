import { listApplications } from "@capstan/usecases";
import { applications } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

/** Applications across every system the caller can see (filter with ?system=). */
export const GET = api(applications.listAllApplications, (ctx, req) => listApplications(ctx, query(req)));
