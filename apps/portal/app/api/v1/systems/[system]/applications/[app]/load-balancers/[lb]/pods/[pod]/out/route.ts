import { takeOutPod } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(loadBalancers.takeOutPod, async (ctx, req, p) => takeOutPod(ctx, p.system, p.app, p.lb, p.pod, await body(req)));
