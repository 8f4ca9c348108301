import { getNodeInitChecks, setNodeInitChecks } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

export const GET = api(async (ctx) => getNodeInitChecks(ctx));
export const PUT = api(async (ctx, req) => setNodeInitChecks(ctx, await body(req)));
