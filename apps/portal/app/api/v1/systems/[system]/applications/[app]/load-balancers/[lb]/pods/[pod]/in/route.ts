import { putBackPod } from "@capstan/usecases";
import { loadBalancers } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(loadBalancers.putBackPod, (ctx, _req, p) => putBackPod(ctx, p.system, p.app, p.lb, p.pod));
