import { createLoadBalancer, listLoadBalancers } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(loadBalancers.listLoadBalancers, (ctx, req, p) => listLoadBalancers(ctx, p.system, p.app, query(req)));
export const POST = api(loadBalancers.createLoadBalancer, async (ctx, req, p) => {
  const lb = await createLoadBalancer(ctx, p.system, p.app, await body(req));
  return created(lb, `/api/v1/systems/${p.system}/applications/${p.app}/load-balancers/${lb.name}`);
});
