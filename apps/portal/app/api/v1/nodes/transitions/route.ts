import { bulkTransitionNodes } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { accepted, api, body } from "@/lib/server/api";

/** Accepted: a background job moves the nodes; follow it at the returned location. */
export const POST = api(nodes.bulkTransitionNodes, async (ctx, req) => {
  const bulk = await bulkTransitionNodes(ctx, await body(req));
  return accepted(bulk, `/api/v1/nodes/transitions/${bulk.id}`);
});
