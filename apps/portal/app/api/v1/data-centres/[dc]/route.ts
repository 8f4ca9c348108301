import { deleteDataCentre, getDataCentre, updateDataCentre } from "@capstan/usecases";
import { fleet } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(fleet.getDataCentre, (ctx, _req, p) => getDataCentre(ctx, p.dc));
export const PATCH = api(fleet.updateDataCentre, async (ctx, req, p) => updateDataCentre(ctx, p.dc, await body(req)));
export const DELETE = api(fleet.deleteDataCentre, (ctx, _req, p) => deleteDataCentre(ctx, p.dc));
