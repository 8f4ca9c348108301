import { listGroups } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

/** Groups across every system the caller can see (filters: system, dataCentre, q). */
export const GET = api(groups.listAllGroups, (ctx, req) => listGroups(ctx, query(req)));
