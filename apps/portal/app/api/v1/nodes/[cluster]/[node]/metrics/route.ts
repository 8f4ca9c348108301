import { getNodeMetrics } from "@capstan/usecases";
import { metrics } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(metrics.getNodeMetrics, (ctx, req, p) => getNodeMetrics(ctx, p.cluster, p.node, query(req)));
