import { deleteGroup, getGroup, updateGroup } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(groups.getGroup, (ctx, _req, p) => getGroup(ctx, p.system, p.app, p.group));
export const PATCH = api(groups.updateGroup, async (ctx, req, p) => updateGroup(ctx, p.system, p.app, p.group, await body(req)));
/** 202: the orchestrator removes the group's objects from its cluster, then the group. */
export const DELETE = api(groups.deleteGroup, (ctx, _req, p) => deleteGroup(ctx, p.system, p.app, p.group));
