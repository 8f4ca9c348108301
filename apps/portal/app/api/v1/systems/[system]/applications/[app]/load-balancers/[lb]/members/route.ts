import { setLoadBalancerMembers } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const PUT = api(loadBalancers.setLoadBalancerMembers, async (ctx, req, p) => setLoadBalancerMembers(ctx, p.system, p.app, p.lb, await body(req)));
