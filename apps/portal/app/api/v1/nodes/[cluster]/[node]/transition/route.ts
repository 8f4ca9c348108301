import { transitionNode } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

/** `{ "to": "OFFLINE", "reason": "…" }`; the worker then cordons, taints or drains the node. */
export const POST = api(nodes.transitionNode, async (ctx, req, p) => transitionNode(ctx, p.cluster, p.node, await body(req)));
