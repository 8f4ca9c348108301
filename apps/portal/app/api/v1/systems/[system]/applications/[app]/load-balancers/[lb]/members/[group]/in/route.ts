import { putBackMember } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(loadBalancers.putBackMember, (ctx, _req, p) => putBackMember(ctx, p.system, p.app, p.lb, p.group));
