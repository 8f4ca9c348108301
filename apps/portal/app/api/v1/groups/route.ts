import { listGroups } from "@capstan/usecases";
import { api, query } from "@/lib/server/api";

/** Groups across every system the caller can see (filters: system, dataCentre, q). */
export const GET = api((ctx, req) => listGroups(ctx, query(req)));
