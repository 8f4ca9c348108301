import { getLoadBalancerStats } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(loadBalancers.getLoadBalancerStats, (ctx, _req, p) => getLoadBalancerStats(ctx, p.system, p.app, p.lb));
