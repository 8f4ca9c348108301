import { setGroupAutoscaling, stopGroupAutoscaling } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, body, query } from "@/lib/server/api";

export const PUT = api(groups.setGroupAutoscaling, async (ctx, req, p) => setGroupAutoscaling(ctx, p.system, p.app, p.group, await body(req)));
export const DELETE = api(groups.stopGroupAutoscaling, async (ctx, req, p) => stopGroupAutoscaling(ctx, p.system, p.app, p.group, query(req)));
