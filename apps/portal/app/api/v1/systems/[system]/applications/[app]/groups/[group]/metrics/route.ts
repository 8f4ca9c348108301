import { getGroupMetrics } from "@capstan/usecases";
import { metrics } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(metrics.getGroupMetrics, (ctx, req, p) => getGroupMetrics(ctx, p.system, p.app, p.group, query(req)));
