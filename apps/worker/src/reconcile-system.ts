// Level-triggered: makes a system's namespace in one cluster match PostgreSQL (namespace, quota,
// limit defaults, network isolation) and its project exist in the data centre's Harbor. Idempotent.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { systemManifests } from "@capstan/domain";
import { HarborClient } from "@capstan/orchestrator";
import { clientFor } from "./clients";

export async function reconcileSystem(db: Db, { systemId, clusterId }: { systemId: string; clusterId: string }): Promise<void> {
  const [system, cluster] = await Promise.all([db.system.findUnique({ where: { id: systemId } }), db.cluster.findUnique({ where: { id: clusterId }, include: { dataCentre: true } })]);
  if (!system || !cluster) return; // deleted since the request: nothing to converge to
  const quota = await db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId, dataCentreId: cluster.dataCentreId } } });
  const dc = cluster.dataCentre;
  await new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc)).ensureProject(system.name);
  await clientFor(cluster).apply(systemManifests({ name: system.name, isolation: system.isolation, quota }));
}
