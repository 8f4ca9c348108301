import { getNode } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(nodes.getNode, (ctx, _req, p) => getNode(ctx, p.cluster, p.node));
