// Moving one node to another state: the rule check, the row, its history and the reconcile request, in
// the caller's transaction. Shared by people (transition-node), bulk jobs and the worker's own moves.
import { Prisma, type Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { assertTransition, domainError, type NodeStatus, repeatsDrain } from "@capstan/domain";

/** kubectl drain's --force and --delete-emptydir-data, recorded on the transition the worker drains for. */
export interface DrainChoice {
  force: boolean;
  deleteEmptyDirData: boolean;
}
const NO_OPTIONS: DrainChoice = { force: false, deleteEmptyDirData: false };

/**
 * Moves the node (409 when the state machine forbids it or the node changed meanwhile). OFFLINE → OFFLINE is
 * allowed while the node's latest drain has not succeeded (`repeatsDrain`): it records a new transition with
 * the new drain options and drains again; the node's status and statusChangedAt stay as they are.
 */
export async function applyNodeTransition(
  tx: Pick<Tx, "node" | "nodeTransition" | "$executeRaw">,
  node: { id: string; clusterId: string; name: string; status: NodeStatus },
  to: NodeStatus,
  reason: string,
  by: { actorId: string | null; jobId?: string },
  drain: DrainChoice = NO_OPTIONS,
) {
  const latest =
    node.status === to ? await tx.nodeTransition.findFirst({ where: { nodeId: node.id }, orderBy: { createdAt: "desc" }, select: { result: true } }) : null;
  const repeat = repeatsDrain(node.status, to, latest?.result);
  if (!repeat) assertTransition(node.status, to);
  const { count } = await tx.node.updateMany({
    where: { id: node.id, status: node.status },
    // Entering INIT again means preparing again: earlier check results no longer count.
    data: repeat
      ? { version: { increment: 1 } }
      : { status: to, statusChangedAt: new Date(), version: { increment: 1 }, ...(to === "INIT" ? { checkResults: Prisma.DbNull } : {}) },
  });
  if (count === 0) throw domainError("node_changed_meanwhile", { node: node.name });
  const transition = await tx.nodeTransition.create({
    data: { nodeId: node.id, from: node.status, to, reason, actorId: by.actorId, jobId: by.jobId ?? null, ...(to === "OFFLINE" ? drain : {}) },
  });
  await reconcile.node(tx, node);
  return transition;
}
