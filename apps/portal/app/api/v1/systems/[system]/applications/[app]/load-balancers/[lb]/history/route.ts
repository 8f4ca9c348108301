import { listLoadBalancerHistory } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(loadBalancers.listLoadBalancerHistory, (ctx, req, p) => listLoadBalancerHistory(ctx, p.system, p.app, p.lb, query(req)));
