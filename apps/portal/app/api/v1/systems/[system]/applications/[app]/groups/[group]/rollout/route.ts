import { rolloutGroup } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(groups.rolloutGroup, async (ctx, req, p) => rolloutGroup(ctx, p.system, p.app, p.group, await body(req)));
