import { deleteApplication, getApplication, updateApplication } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { system: string; app: string };
export const GET = api<P>((ctx, _req, p) => getApplication(ctx, p.system, p.app));
export const PATCH = api<P>(async (ctx, req, p) => updateApplication(ctx, p.system, p.app, await body(req)));
export const DELETE = api<P>((ctx, _req, p) => deleteApplication(ctx, p.system, p.app));
