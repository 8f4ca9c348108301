import { rollbackGroup } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(groups.rollbackGroup, async (ctx, req, p) => rollbackGroup(ctx, p.system, p.app, p.group, await body(req)));
