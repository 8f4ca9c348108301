// Nodes seen for the first time enter INIT, recorded as done by the system, and are reconciled into that
// shape: a batch of them in one transaction, because a new cluster brings thousands at once.
import type { Db } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import type { nodeFields } from "./inventory";

export const APPEARED = "The node appeared in the cluster.";

export interface NewNode {
  name: string;
  data: ReturnType<typeof nodeFields>;
}

/**
 * Inserts the nodes not yet known in INIT, each with its transition {from: null, to: INIT, no actor} and a
 * reconcile-node request, in one transaction. A node already there (known before, or inserted meanwhile by
 * another sync) is skipped, not an error: returns per node, in order, whether it was entered here.
 */
export async function enterInit(db: Db, clusterId: string, nodes: NewNode[]): Promise<boolean[]> {
  // The same name twice in one INSERT … ON CONFLICT would fail; names in order, so that two batches
  // waiting on each other's unique keys take them in the same order and cannot deadlock.
  const names = [...new Set(nodes.map((n) => n.name))].sort();
  const byName = new Map(nodes.map((n) => [n.name, n.data]));
  const entered = await db.$transaction(
    async (tx) => {
      const rows = await tx.node.createManyAndReturn({
        data: names.map((name) => ({ clusterId, name, status: "INIT" as const, ...byName.get(name)! })),
        skipDuplicates: true,
        select: { id: true, name: true },
      });
      await tx.nodeTransition.createMany({ data: rows.map((r) => ({ nodeId: r.id, from: null, to: "INIT" as const, reason: APPEARED })) });
      await reconcile.nodes(
        tx,
        rows.map((r) => ({ id: r.id, clusterId })),
      );
      return new Set(rows.map((r) => r.name));
    },
    // Batches of several clusters may queue for a connection; on a busy event loop (the 4 × 5,000 bench) a
    // batch took longer than Prisma's default 5 s and was rolled back and retried (93 times in one run).
    { maxWait: 30_000, timeout: 30_000 },
  );
  const first = new Set<string>();
  // A name given twice counts as entered once, for its first occurrence.
  return nodes.map((n) => entered.has(n.name) && !first.has(n.name) && !!first.add(n.name));
}
