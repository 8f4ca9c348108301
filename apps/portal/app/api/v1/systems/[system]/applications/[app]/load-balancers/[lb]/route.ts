import { deleteLoadBalancer, getLoadBalancer, updateLoadBalancer } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(loadBalancers.getLoadBalancer, (ctx, _req, p) => getLoadBalancer(ctx, p.system, p.app, p.lb));
export const PATCH = api(loadBalancers.updateLoadBalancer, async (ctx, req, p) => updateLoadBalancer(ctx, p.system, p.app, p.lb, await body(req)));
/** 202: the orchestrator removes the balancer's objects and DNS records, then the balancer. */
export const DELETE = api(loadBalancers.deleteLoadBalancer, (ctx, _req, p) => deleteLoadBalancer(ctx, p.system, p.app, p.lb));
