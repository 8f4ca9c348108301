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
  // One statement inserts the nodes and their transitions (Prisma's createManyAndReturn and createMany of
  // 200 nodes took 0.7–1 s of this process's CPU on the 2-core bench machine, the INIT entry's largest cost;
  // rows as JSON through json_to_recordset take milliseconds). Timestamps are UTC, as Prisma keeps them.
  const rows = JSON.stringify(names.map((name) => ({ name, ...byName.get(name)! })));
  const entered = await db.$transaction(
    async (tx) => {
      const inserted = await tx.$queryRaw<{ id: string; name: string }[]>`
        WITH n AS (
          INSERT INTO "Node" (id, "clusterId", name, status, zone, labels, taints, conditions, ready, unschedulable, "kubeletVersion", "internalIp",
            "capacityCpuMillis", "capacityMemoryMiB", "capacityGpu", "capacityPods", "allocCpuMillis", "allocMemoryMiB", "allocGpu", "allocPods",
            "lastSeenAt", "resourceVersion", "statusChangedAt", "createdAt", "updatedAt")
          SELECT gen_random_uuid(), ${clusterId}::uuid, r.name, 'INIT', r.zone, r.labels, r.taints, r.conditions, r.ready, r.unschedulable, r."kubeletVersion",
            r."internalIp", r."capacityCpuMillis", r."capacityMemoryMiB", r."capacityGpu", r."capacityPods", r."allocCpuMillis", r."allocMemoryMiB",
            r."allocGpu", r."allocPods", r."lastSeenAt", r."resourceVersion", now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM json_to_recordset(${rows}::json) AS r(name text, zone text, labels jsonb, taints jsonb, conditions jsonb, ready boolean,
            unschedulable boolean, "kubeletVersion" text, "internalIp" text, "capacityCpuMillis" int, "capacityMemoryMiB" int, "capacityGpu" int,
            "capacityPods" int, "allocCpuMillis" int, "allocMemoryMiB" int, "allocGpu" int, "allocPods" int, "lastSeenAt" timestamp(3),
            "resourceVersion" text)
          ORDER BY r.name
          ON CONFLICT ("clusterId", name) DO NOTHING
          RETURNING id, name
        ), t AS (
          INSERT INTO "NodeTransition" (id, "nodeId", "from", "to", reason, "createdAt")
          SELECT gen_random_uuid(), n.id, NULL, 'INIT', ${APPEARED}, now() AT TIME ZONE 'UTC' FROM n
        )
        SELECT id::text, name FROM n`;
      await reconcile.nodes(
        tx,
        inserted.map((r) => ({ id: r.id, clusterId })),
      );
      return new Set(inserted.map((r) => r.name));
    },
    // Batches of several clusters may queue for a connection; on a busy event loop (the 4 × 5,000 bench) a
    // batch took longer than Prisma's default 5 s and was rolled back and retried (93 times in one run).
    { maxWait: 30_000, timeout: 30_000 },
  );
  const first = new Set<string>();
  // A name given twice counts as entered once, for its first occurrence.
  return nodes.map((n) => entered.has(n.name) && !first.has(n.name) && !!first.add(n.name));
}
