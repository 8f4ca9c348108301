// Level-triggered: makes a system's namespace in one cluster match PostgreSQL (namespace, quota,
// limit defaults, network isolation, the pull secret of its Harbor robot), its project exist in the
// data centre's Harbor, and nothing of
// Capstan's that is no longer desired stay in the namespace. Idempotent.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { groupObjectName, systemManifests } from "@capstan/domain";
import { HarborClient, pruneGroups } from "@capstan/orchestrator";
import { clientFor } from "./clients";
import { pullRobot } from "./pull-robot";

export async function reconcileSystem(db: Db, { systemId, clusterId }: { systemId: string; clusterId: string }): Promise<void> {
  const [system, cluster] = await Promise.all([db.system.findUnique({ where: { id: systemId } }), db.cluster.findUnique({ where: { id: clusterId }, include: { dataCentre: true } })]);
  if (!system || !cluster) return; // deleted since the request: nothing to converge to
  const quota = await db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId, dataCentreId: cluster.dataCentreId } } });
  const dc = cluster.dataCentre;
  const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
  await harbor.ensureProject(system.name);
  const robot = await pullRobot(db, harbor, system, dc.id);
  const client = clientFor(cluster);
  await client.apply(systemManifests({ name: system.name, isolation: system.isolation, quota, pull: { registry: new URL(dc.harborUrl).host, ...robot } }));
  // Prune Capstan's objects in this namespace that no group accounts for (e.g. a group row removed
  // while the cluster was unreachable). Groups being deleted are left to their own reconciler.
  await pruneGroups(client, system.name, async () => {
    const groups = await db.group.findMany({ where: { clusterId, application: { systemId } }, select: { name: true, application: { select: { name: true } } } });
    return new Set(groups.map((g) => groupObjectName(g.application.name, g.name)));
  });
}
