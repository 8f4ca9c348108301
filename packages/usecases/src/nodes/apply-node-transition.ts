// Moving one node to another state: the rule check, the row, its history and the reconcile request, in
// the caller's transaction. Shared by people (transition-node), bulk jobs and the worker's own moves.
import { Prisma, type Tx } from "@capstan/db";
import { requestReconcile } from "@capstan/db/queue";
import { assertTransition, conflict, type NodeStatus } from "@capstan/domain";

export async function applyNodeTransition(
  tx: Pick<Tx, "node" | "nodeTransition" | "$executeRaw">,
  node: { id: string; clusterId: string; name: string; status: NodeStatus },
  to: NodeStatus,
  reason: string,
  by: { actorId: string | null; jobId?: string },
) {
  assertTransition(node.status, to);
  const { count } = await tx.node.updateMany({
    where: { id: node.id, status: node.status },
    // Entering INIT again means preparing again: earlier check results no longer count.
    data: { status: to, statusChangedAt: new Date(), version: { increment: 1 }, ...(to === "INIT" ? { checkResults: Prisma.DbNull } : {}) },
  });
  if (count === 0) throw conflict(`Node "${node.name}" changed state meanwhile. Reload and try again.`);
  const transition = await tx.nodeTransition.create({ data: { nodeId: node.id, from: node.status, to, reason, actorId: by.actorId, jobId: by.jobId ?? null } });
  await requestReconcile(tx, "reconcile-node", { nodeId: node.id }, `node:${node.id}`, node.clusterId);
  return transition;
}
