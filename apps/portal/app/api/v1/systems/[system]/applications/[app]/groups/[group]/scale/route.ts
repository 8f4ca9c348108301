import { scaleGroup } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(groups.scaleGroup, async (ctx, req, p) => scaleGroup(ctx, p.system, p.app, p.group, await body(req)));
