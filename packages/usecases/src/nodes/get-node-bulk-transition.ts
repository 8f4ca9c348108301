import { canOperateFleet, domainError, isUuid, notFound } from "@capstan/domain";
import type { Context } from "../context";

const SHOWN = 500;

/** Progress of a bulk transition and the result per node, failures first. */
export async function getNodeBulkTransition(ctx: Context, id: string) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_node_transitions");
  const bulk = isUuid(id) ? await ctx.db.nodeBulkTransition.findUnique({ where: { id } }) : null;
  if (!bulk) throw notFound("Bulk transition", id);
  const [items, transitions] = await Promise.all([
    ctx.db.nodeBulkTransitionItem.findMany({
      where: { bulkId: id },
      orderBy: [{ result: { sort: "asc", nulls: "last" } }, { nodeId: "asc" }],
      take: SHOWN,
      include: { node: { select: { name: true, cluster: { select: { name: true } } } } },
    }),
    ctx.db.nodeTransition.findMany({ where: { jobId: id }, select: { nodeId: true, result: true } }),
  ]);
  const applied = new Map(transitions.map((t) => [t.nodeId, t.result]));
  return {
    id: bulk.id,
    to: bulk.to,
    reason: bulk.reason,
    total: bulk.total,
    done: bulk.done,
    succeeded: bulk.succeeded,
    failed: bulk.failed,
    createdAt: bulk.createdAt.toISOString(),
    finishedAt: bulk.finishedAt?.toISOString() ?? null,
    items: items.map((i) => ({
      cluster: i.node.cluster.name,
      node: i.node.name,
      /** null: not reached yet; FAILED: refused (message says why); SUCCEEDED: the node's state was changed. */
      result: i.result,
      message: i.message,
      /** Why it was refused (ERROR_REASONS) and the values of its template; null when not refused or recorded without. */
      failureReason: i.reason,
      failureParams: (i.params ?? null) as Record<string, string | number> | null,
      /** How the worker's reshaping of the Node went (PENDING, SUCCEEDED, FAILED as in the node's history). */
      applied: applied.get(i.nodeId) ?? null,
    })),
  };
}
export type NodeBulkTransitionDto = Awaited<ReturnType<typeof getNodeBulkTransition>>;
