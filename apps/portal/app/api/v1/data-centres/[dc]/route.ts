import { deleteDataCentre, getDataCentre, updateDataCentre } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { dc: string };
export const GET = api<P>((ctx, _req, p) => getDataCentre(ctx, p.dc));
export const PATCH = api<P>(async (ctx, req, p) => updateDataCentre(ctx, p.dc, await body(req)));
export const DELETE = api<P>((ctx, _req, p) => deleteDataCentre(ctx, p.dc));
