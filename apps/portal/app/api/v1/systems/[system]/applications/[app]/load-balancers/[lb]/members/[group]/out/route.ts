import { takeOutMember } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(loadBalancers.takeOutMember, async (ctx, req, p) => takeOutMember(ctx, p.system, p.app, p.lb, p.group, await body(req)));
