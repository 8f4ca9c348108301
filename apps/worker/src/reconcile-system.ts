// Level-triggered: makes a system's namespace in one cluster match PostgreSQL (namespace, quota,
// limit defaults, network isolation). Safe to run any number of times.
import type { Db } from "@capstan/db";
import { systemManifests } from "@capstan/domain";
import { clientFor } from "./clients";

export async function reconcileSystem(db: Db, { systemId, clusterId }: { systemId: string; clusterId: string }): Promise<void> {
  const [system, cluster] = await Promise.all([db.system.findUnique({ where: { id: systemId } }), db.cluster.findUnique({ where: { id: clusterId } })]);
  if (!system || !cluster) return; // deleted since the request: nothing to converge to
  const quota = await db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId, dataCentreId: cluster.dataCentreId } } });
  await clientFor(cluster).apply(systemManifests({ name: system.name, isolation: system.isolation, quota }));
}
