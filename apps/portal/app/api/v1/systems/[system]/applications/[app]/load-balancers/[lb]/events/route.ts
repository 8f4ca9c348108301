import { listLoadBalancerEvents } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(loadBalancers.listLoadBalancerEvents, (ctx, req, p) => listLoadBalancerEvents(ctx, p.system, p.app, p.lb, query(req)));
