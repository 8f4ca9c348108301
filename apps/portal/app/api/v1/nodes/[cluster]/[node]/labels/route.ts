import { setNodeLabels } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const PUT = api(nodes.setNodeLabels, async (ctx, req, p) => setNodeLabels(ctx, p.cluster, p.node, await body(req)));
