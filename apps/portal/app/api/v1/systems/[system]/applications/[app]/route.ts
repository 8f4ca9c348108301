import { deleteApplication, getApplication, updateApplication } from "@capstan/usecases";
import { applications } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(applications.getApplication, (ctx, _req, p) => getApplication(ctx, p.system, p.app));
export const PATCH = api(applications.updateApplication, async (ctx, req, p) => updateApplication(ctx, p.system, p.app, await body(req)));
export const DELETE = api(applications.deleteApplication, (ctx, _req, p) => deleteApplication(ctx, p.system, p.app));
