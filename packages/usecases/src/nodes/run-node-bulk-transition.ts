// The background half of bulkTransitionNodes, run by the worker: each node in its own transaction, so
// progress is visible and one refused node does not hold back the others. Re-running it continues
// where it stopped.
import type { Db } from "@capstan/db";
import { canOperateFleet, DomainError, domainError } from "@capstan/domain";
import { loadActor } from "../context";
import { mutation } from "../mutation";
import { applyNodeTransition } from "./apply-node-transition";

const BATCH = 100;

export async function runNodeBulkTransition(db: Db, bulkId: string): Promise<void> {
  const bulk = await db.nodeBulkTransition.findUnique({ where: { id: bulkId } });
  if (!bulk || bulk.finishedAt) return;
  // The requester's role is asked again: one revoked meanwhile stops the rest.
  const actor = await loadActor(db, bulk.actorId).catch(() => null);
  const ctx = actor && canOperateFleet(actor) ? { db, actor } : null;
  for (;;) {
    const items = await db.nodeBulkTransitionItem.findMany({
      where: { bulkId, result: null },
      take: BATCH,
      include: { node: { include: { cluster: { select: { name: true } } } } },
    });
    if (items.length === 0) break;
    for (const { node } of items) {
      // A refusal is kept as its English message with its reason and params, for the reader's language.
      // One at a time: `tx` may be a transaction, one connection, where pg deprecates queueing queries.
      const record = async (tx: Pick<Db, "nodeBulkTransitionItem" | "nodeBulkTransition">, refusal: DomainError | null) => {
        await tx.nodeBulkTransitionItem.update({
          where: { bulkId_nodeId: { bulkId, nodeId: node.id } },
          data: refusal ? { result: "FAILED", message: refusal.message, reason: refusal.reason, params: refusal.params } : { result: "SUCCEEDED", message: "" },
        });
        await tx.nodeBulkTransition.update({
          where: { id: bulkId },
          data: { done: { increment: 1 }, ...(refusal ? { failed: { increment: 1 } } : { succeeded: { increment: 1 } }) },
        });
      };
      if (!ctx) {
        await record(db, domainError("forbidden_transition_nodes"));
        continue;
      }
      try {
        // The node's move and its result commit together, so a re-run never moves a node twice.
        await mutation(ctx, async (tx, audit) => {
          const current = await tx.node.findUniqueOrThrow({ where: { id: node.id } });
          const drain = { force: bulk.force, deleteEmptyDirData: bulk.deleteEmptyDirData };
          await applyNodeTransition(tx, current, bulk.to, bulk.reason, { actorId: bulk.actorId, jobId: bulkId }, drain);
          const after = { status: bulk.to, reason: bulk.reason, bulkId, ...(bulk.to === "OFFLINE" ? drain : {}) };
          await audit({
            action: "node.transition",
            targetType: "node",
            targetId: `${node.cluster.name}/${node.name}`,
            targetName: node.name,
            before: { status: current.status },
            after,
          });
          await record(tx, null);
        });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        await record(db, e);
      }
    }
  }
  await db.nodeBulkTransition.update({ where: { id: bulkId }, data: { finishedAt: new Date() } });
}
