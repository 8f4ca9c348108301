// Level-triggered: makes a system's namespace in one cluster match PostgreSQL (namespace, quota,
// limit defaults, network isolation, the pull secret of its Harbor robot), its project exist in the
// data centre's Harbor, and nothing of Capstan's that is no longer desired stay in the namespace. Idempotent.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { groupObjectName, systemManifests } from "@capstan/domain";
import { type ClusterClient, HarborClient, pruneGroups } from "@capstan/orchestrator";
import { clientFor } from "./clients";
import { pullRobot } from "./pull-robot";

type SystemInCluster = { systemId: string; clusterId: string };

// The last reconcile this worker started per (system, cluster), finished or in flight. A group's pods
// must not reach a cluster before its system's pull secret does: the kubelet would fail the first pull
// and back off for seconds (10 s in a real kubelet) before trying again.
const lastRun = new Map<string, Promise<Placed | undefined>>();

type Placed = { system: string; client: ClusterClient };

export async function reconcileSystem(db: Db, ref: SystemInCluster): Promise<void> {
  const key = `${ref.systemId}:${ref.clusterId}`;
  const run = putInPlace(db, ref).catch((e: unknown) => {
    if (lastRun.get(key) === run) lastRun.delete(key);
    throw e;
  });
  lastRun.set(key, run);
  const placed = await run;
  // Prune Capstan's objects in the namespace that no group accounts for (e.g. a group row removed while
  // the cluster was unreachable). Groups being deleted are left to their own reconciler.
  if (placed)
    await pruneGroups(placed.client, placed.system, async () => {
      const groups = await db.group.findMany({ where: { clusterId: ref.clusterId, application: { systemId: ref.systemId } }, select: { name: true, application: { select: { name: true } } } });
      return new Set(groups.map((g) => groupObjectName(g.application.name, g.name)));
    });
}

/** Resolves once the system's namespace, quota, policies and pull secret are in the cluster: at once if
 * this worker has put them there before, after the reconcile in flight, or after one it starts now. */
export async function systemInPlace(db: Db, ref: SystemInCluster): Promise<void> {
  await (lastRun.get(`${ref.systemId}:${ref.clusterId}`) ?? reconcileSystem(db, ref));
}

async function putInPlace(db: Db, { systemId, clusterId }: SystemInCluster): Promise<Placed | undefined> {
  const [system, cluster] = await Promise.all([db.system.findUnique({ where: { id: systemId } }), db.cluster.findUnique({ where: { id: clusterId }, include: { dataCentre: true } })]);
  if (!system || !cluster) return undefined; // deleted since the request: nothing to converge to
  const dc = cluster.dataCentre;
  const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
  const [quota] = await Promise.all([db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId, dataCentreId: dc.id } } }), harbor.ensureProject(system.name)]);
  const robot = await pullRobot(db, harbor, system, dc.id);
  const client = clientFor(cluster);
  await client.apply(systemManifests({ name: system.name, isolation: system.isolation, quota, pull: { registry: new URL(dc.harborUrl).host, ...robot } }));
  return { system: system.name, client };
}
