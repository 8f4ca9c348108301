import { setNodeLabels } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

export const PUT = api<{ cluster: string; node: string }>(async (ctx, req, p) => setNodeLabels(ctx, p.cluster, p.node, await body(req)));
