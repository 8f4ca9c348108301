import { getNodeInitChecks, setNodeInitChecks } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(nodes.getNodeInitChecks, async (ctx) => getNodeInitChecks(ctx));
export const PUT = api(nodes.setNodeInitChecks, async (ctx, req) => setNodeInitChecks(ctx, await body(req)));
