// The system controller: a system's namespace, quota mirror (its ResourceQuota), limits, network policy and
// pull Secret in each cluster (./reconcile.ts); and its finaliser, which removes all of that from every
// cluster and Harbor once the system's deletion is requested, then its rows (./finalize.ts).
import { kinds } from "@capstan/db/kinds";
import { defineController } from "../controller";
import { deleteSystemEverywhere, pruneNamespaces } from "./finalize";
import { reconcileSystem } from "./reconcile";

export const systemController = defineController({
  kind: kinds.system,
  lease: (p) => p.clusterId,
  // A system's namespace is wanted in every cluster of each data centre where it has a quota (a cluster
  // registered since included), and wherever it has groups.
  async listDesired(db) {
    const [groups, quotas] = await Promise.all([
      db.group.findMany({ select: { clusterId: true, application: { select: { systemId: true } } } }),
      db.systemQuota.findMany({
        where: { system: { deletionRequestedAt: null } },
        select: { systemId: true, dataCentre: { select: { clusters: { select: { id: true } } } } },
      }),
    ]);
    const pairs = [
      ...groups.map((g) => ({ systemId: g.application.systemId, clusterId: g.clusterId })),
      ...quotas.flatMap((q) => q.dataCentre.clusters.map((c) => ({ systemId: q.systemId, clusterId: c.id }))),
    ];
    return [...new Map(pairs.map((p) => [`${p.systemId}:${p.clusterId}`, p])).values()];
  },
  reconcile: reconcileSystem,
  // On the system page, per cluster.
  status: { table: "SystemNamespaceStatus", row: (p) => ({ systemId: p.systemId, clusterId: p.clusterId }), ownTable: true },
});

export const systemFinalizer = defineController({
  kind: kinds.systemDeletion,
  // Talks to every cluster in turn, each call with its deadline; the job's deadline bounds the whole.
  // Deletions still to finish (a job locked by a worker that died is superseded).
  listDesired: async (db) =>
    (await db.system.findMany({ where: { deletionRequestedAt: { not: null } }, select: { id: true } })).map((s) => ({ systemId: s.id })),
  reconcile: deleteSystemEverywhere,
});

/** Capstan's namespaces whose system is gone (a deletion interrupted, or a reconcile that raced one), in every cluster. */
export const namespacePruner = defineController({
  kind: kinds.namespacePrune,
  lease: (p) => p.clusterId,
  listDesired: async (db) => (await db.cluster.findMany({ select: { id: true } })).map((c) => ({ clusterId: c.id })),
  reconcile: pruneNamespaces,
});
