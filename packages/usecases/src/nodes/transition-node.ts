import { canOperateFleet, domainError, NodeTransitionRequest, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { applyNodeTransition } from "./apply-node-transition";
import { findNode } from "./find-node";
import { NODE_NAMES, toNodeDto } from "./node-dto";

/**
 * Moves a node to another state (409 naming both when the state machine forbids it); the worker then reshapes
 * the Node. For OFFLINE, `force` and `deleteEmptyDirData` (kubectl drain's options) let the drain evict pods
 * that would otherwise block it; the audit event records both.
 */
export async function transitionNode(ctx: Context, cluster: string, name: string, input: unknown) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_transition_nodes");
  const { to, reason, force, deleteEmptyDirData } = parseInput(NodeTransitionRequest, input);
  return mutation(ctx, async (tx, audit) => {
    const node = await findNode(tx, cluster, name);
    await applyNodeTransition(tx, node, to, reason, { actorId: ctx.actor.userId }, { force, deleteEmptyDirData });
    const after = { status: to, reason, ...(to === "OFFLINE" ? { force, deleteEmptyDirData } : {}) };
    await audit({ action: "node.transition", targetType: "node", targetId: `${cluster}/${name}`, targetName: name, before: { status: node.status }, after });
    return toNodeDto(await tx.node.findUniqueOrThrow({ where: { id: node.id }, include: NODE_NAMES }));
  });
}
