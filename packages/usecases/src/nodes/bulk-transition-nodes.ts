import { Prisma } from "@capstan/db";
import { requestNodeBulkTransition } from "@capstan/db/queue";
import { canOperateFleet, domainError, fieldError, NodeBulkTransitionRequest, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { NODE_FROM, nodeWhere } from "./node-filter";

/**
 * Asks for one transition on many nodes: the selected nodes, or every node the filter matches now.
 * A background job moves them one by one (progress and per-node results: getNodeBulkTransition). The drain
 * options of OFFLINE (`force`, `deleteEmptyDirData`) apply to every node and are audited.
 */
export async function bulkTransitionNodes(ctx: Context, input: unknown): Promise<{ id: string; total: number }> {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_transition_nodes");
  const { to, reason, nodes, filter, force, deleteEmptyDirData } = parseInput(NodeBulkTransitionRequest, input);
  return mutation(ctx, async (tx, audit) => {
    let ids: string[];
    if (filter) ids = (await tx.$queryRaw<{ id: string }[]>`SELECT n.id FROM ${NODE_FROM} WHERE ${nodeWhere(filter)}`).map((r) => r.id);
    else {
      const found = await tx.node.findMany({
        where: { OR: nodes!.map((n) => ({ name: n.name, cluster: { name: n.cluster } })) },
        select: { id: true, name: true, cluster: { select: { name: true } } },
      });
      const known = new Set(found.map((n) => `${n.cluster.name}/${n.name}`));
      const missing = nodes!.map((n) => `${n.cluster}/${n.name}`).filter((n) => !known.has(n));
      if (missing.length)
        throw missing.length > 10
          ? domainError("nodes_unknown_more", { nodes: missing.slice(0, 10).join(", "), more: missing.length - 10 }, { nodes: fieldError("nodes_unknown") })
          : domainError("nodes_unknown", { nodes: missing.join(", ") }, { nodes: fieldError("nodes_unknown") });
      ids = found.map((n) => n.id);
    }
    if (ids.length === 0) throw domainError("no_node_matches", {}, { filter: fieldError("matches_no_node") });
    const bulk = await tx.nodeBulkTransition.create({
      data: { to, reason, force, deleteEmptyDirData, actorId: ctx.actor.userId, filter: filter ?? Prisma.DbNull, total: ids.length },
    });
    await tx.nodeBulkTransitionItem.createMany({ data: ids.map((nodeId) => ({ bulkId: bulk.id, nodeId })) });
    await requestNodeBulkTransition(tx, bulk.id);
    await audit({
      action: "node.bulk-transition",
      targetType: "node-bulk-transition",
      targetId: bulk.id,
      targetName: `${ids.length} nodes`,
      after: { to, reason, filter, nodes, ...(to === "OFFLINE" ? { force, deleteEmptyDirData } : {}) },
    });
    return { id: bulk.id, total: ids.length };
  });
}
