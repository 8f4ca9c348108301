import { deleteSystem, getSystem, updateSystem } from "@capstan/usecases";
import { systems } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(systems.getSystem, (ctx, _req, p) => getSystem(ctx, p.system));
export const PATCH = api(systems.updateSystem, async (ctx, req, p) => updateSystem(ctx, p.system, await body(req)));
export const DELETE = api(systems.deleteSystem, (ctx, _req, p) => deleteSystem(ctx, p.system));
