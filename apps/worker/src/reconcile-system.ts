// Level-triggered: makes a system's namespace in one cluster match PostgreSQL (namespace, quota,
// limit defaults, network isolation), its project exist in the data centre's Harbor, and nothing of
// Capstan's that is no longer desired stay in the namespace. Idempotent.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { groupObjectName, systemManifests } from "@capstan/domain";
import { HarborClient, pruneGroups } from "@capstan/orchestrator";
import { clientFor } from "./clients";

export async function reconcileSystem(db: Db, { systemId, clusterId }: { systemId: string; clusterId: string }): Promise<void> {
  const [system, cluster] = await Promise.all([db.system.findUnique({ where: { id: systemId } }), db.cluster.findUnique({ where: { id: clusterId }, include: { dataCentre: true } })]);
  if (!system || !cluster) return; // deleted since the request: nothing to converge to
  const quota = await db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId, dataCentreId: cluster.dataCentreId } } });
  const dc = cluster.dataCentre;
  await new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc)).ensureProject(system.name);
  const client = clientFor(cluster);
  await client.apply(systemManifests({ name: system.name, isolation: system.isolation, quota }));
  // Prune Capstan's objects in this namespace that no group accounts for (e.g. a group row removed
  // while the cluster was unreachable). Groups being deleted are left to their own reconciler.
  const groups = await db.group.findMany({ where: { clusterId, application: { systemId } }, select: { name: true, application: { select: { name: true } } } });
  await pruneGroups(client, system.name, new Set(groups.map((g) => groupObjectName(g.application.name, g.name))));
}
