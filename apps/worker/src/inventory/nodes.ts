// Nodes → Node rows: new ones enter INIT (node-admission.ts), known ones are updated and reconciled when
// they drifted from their shape.
import type { Db } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { nodePatch, parseCpu, parseMemory } from "@capstan/domain";
import type { V1Node } from "@kubernetes/client-node";
import { batcher } from "../batcher";
import { enterInit, type NewNode } from "../node-admission";
import { noteNotReady } from "./node-not-ready";
import type { InventoryWatch } from "./watch";

const cpu = (q?: string) => (q ? (parseCpu(q) ?? 0) : 0);
const mem = (q?: string) => (q ? (parseMemory(q) ?? 0) : 0);

export const nodes: InventoryWatch<V1Node> = {
  kind: "nodes",
  path: "/api/v1/nodes",
  start: ({ db, cluster, requestsChanged }) => {
    const nodesSeen = new Map<string, { hash: string; at: number }>();
    // A new cluster reports thousands of unknown nodes at once: enter a list page's worth (500) per
    // transaction, two transactions at a time, rather than one each (thousands of transactions time out
    // waiting for a connection). The reflector hands on the next page once this page's writes are done, so
    // one transaction per page rather than three halved the rounds a first sync waits for.
    const admit = batcher((batch: NewNode[]) => enterInit(db, cluster.id, batch), { max: 500, waitMs: 50, concurrency: 2 });
    // Nodes seen again unchanged only refresh lastSeenAt (at most once a minute each): at 20,000 nodes
    // that is hundreds of one-row updates a second, gathered here into one statement a second.
    const touch = batcher((rows: Heartbeat[]) => touchNodes(db, cluster.id, rows), { max: 1_000, waitMs: 1_000, concurrency: 1 });
    // The names stored when the sync began, read once: a name not among them is tried as new first, so a
    // first sync does not spend one UPDATE per node (20,000 queued queries) that finds nothing. Only an
    // order of attempts: entering skips a node already there, and then it is updated as before.
    let stored: Promise<Set<string>> | undefined;
    const storedNames = () =>
      (stored ??= db.node.findMany({ where: { clusterId: cluster.id }, select: { name: true } }).then(
        (rows) => new Set(rows.map((r) => r.name)),
        (e) => ((stored = undefined), Promise.reject(e)),
      ));
    return {
      async upsert(n) {
        // Kubelets heartbeat every few seconds; write only when something a person would see changed,
        // and refresh lastSeenAt at most once a minute, so 20,000 nodes do not mean 2,000 writes a second.
        const name = n.metadata!.name!;
        const { lastSeenAt, resourceVersion, ...meaningful } = nodeFields(n);
        const hash = JSON.stringify(meaningful);
        const seen = nodesSeen.get(name);
        if (seen && seen.hash === hash) {
          if (lastSeenAt.getTime() - seen.at < 60_000) return;
          await touch({ name, lastSeenAt, resourceVersion });
          seen.at = lastSeenAt.getTime();
          return;
        }
        const data = { ...meaningful, lastSeenAt, resourceVersion };
        // Not update(): a missing row would throw, and on a first sync 20,000 errors with their stack traces
        // (source-mapped under tsx) were the CPU profile's largest item.
        const update = async () =>
          (await db.node.updateManyAndReturn({ where: { clusterId: cluster.id, name }, data, select: { id: true, status: true, desiredLabels: true } }))[0] ??
          null;
        if (!meaningful.ready && (await storedNames()).has(name)) await noteNotReady(db, cluster, name);
        let row = (await storedNames()).has(name) ? await update() : null;
        // Entered here: its transaction also requested its reconcile. Remembered only once stored, so that a
        // retry after a failed write writes it.
        if (!row && (await admit({ name, data }))) {
          requestsChanged(); // its sums start at 0, whatever its pods already stored ask for
          (await storedNames()).add(name);
          nodesSeen.set(name, { hash, at: lastSeenAt.getTime() });
          return;
        }
        // Another sync entered it meanwhile: store what this one saw (gone again: the retry starts over).
        row ??= await update();
        if (!row) throw new Error(`node ${name} vanished while it was entered`);
        (await storedNames()).add(name);
        nodesSeen.set(name, { hash, at: lastSeenAt.getTime() });
        // INIT nodes are checked again whenever they change; others only when they drifted from their shape.
        if (row.status === "INIT" || nodePatch(meaningful, row.status, row.desiredLabels as Record<string, string> | null))
          await reconcile.node(db, { id: row.id, clusterId: cluster.id });
      },
      stored: async () => (await db.node.findMany({ where: { clusterId: cluster.id }, select: { name: true } })).map((r) => ({ metadata: { name: r.name } })),
      delete: async (n) => {
        nodesSeen.delete(n.metadata!.name!);
        (await storedNames().catch(() => new Set<string>())).delete(n.metadata!.name!);
        await db.node.deleteMany({ where: { clusterId: cluster.id, name: n.metadata!.name! } });
      },
    };
  },
};

interface Heartbeat {
  name: string;
  lastSeenAt: Date;
  resourceVersion: string | null;
}

/**
 * Stores when nodes of a cluster were last seen (and their resourceVersion), all in one statement; a name
 * with no row (deleted meanwhile) is skipped. Resolves with one (empty) result per row, as `batcher` needs.
 * Timestamps are stored as UTC, as Prisma keeps them.
 */
async function touchNodes(db: Db, clusterId: string, rows: Heartbeat[]): Promise<void[]> {
  await db.$executeRaw`
    UPDATE "Node" AS n SET "lastSeenAt" = r."lastSeenAt", "resourceVersion" = r."resourceVersion", "updatedAt" = now() AT TIME ZONE 'UTC'
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(name text, "lastSeenAt" timestamp(3), "resourceVersion" text)
    WHERE n."clusterId" = ${clusterId}::uuid AND n.name = r.name`;
  return rows.map(() => undefined);
}

/** What Capstan stores of a node (model or plain JSON), `lastSeenAt` now. */
export function nodeFields(n: V1Node) {
  const cap = n.status?.capacity ?? {};
  const alloc = n.status?.allocatable ?? {};
  const labels = n.metadata?.labels ?? {};
  const conditions = (n.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message }));
  return {
    zone: labels.zone ?? "default",
    labels,
    taints: (n.spec?.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    conditions,
    ready: conditions.some((c) => c.type === "Ready" && c.status === "True"),
    unschedulable: n.spec?.unschedulable ?? false,
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? null,
    internalIp: n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? null,
    capacityCpuMillis: cpu(cap.cpu),
    capacityMemoryMiB: mem(cap.memory),
    capacityGpu: Number(cap["nvidia.com/gpu"] ?? 0),
    capacityPods: Number(cap.pods ?? 0),
    allocCpuMillis: cpu(alloc.cpu),
    allocMemoryMiB: mem(alloc.memory),
    allocGpu: Number(alloc["nvidia.com/gpu"] ?? 0),
    allocPods: Number(alloc.pods ?? 0),
    lastSeenAt: new Date(),
    resourceVersion: n.metadata?.resourceVersion ?? null,
  };
}
