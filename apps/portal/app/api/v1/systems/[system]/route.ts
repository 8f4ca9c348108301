import { deleteSystem, getSystem, updateSystem } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { system: string };
export const GET = api<P>((ctx, _req, p) => getSystem(ctx, p.system));
export const PATCH = api<P>(async (ctx, req, p) => updateSystem(ctx, p.system, await body(req)));
export const DELETE = api<P>((ctx, _req, p) => deleteSystem(ctx, p.system));
