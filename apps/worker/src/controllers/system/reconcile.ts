// Level-triggered: makes a system's namespace in one cluster match PostgreSQL (namespace, quota,
// limit defaults, network isolation, the pull secret of its Harbor robot), its project exist in the
// data centre's Harbor, and nothing of Capstan's that is no longer desired stay in the namespace. Idempotent.
// Wanted in every cluster of each data centre where the system has a quota (set-system-quota and the
// resync request it), so the namespace is there before the system's first group.
import type { Db } from "@capstan/db";
import { groupObjectName, lbObjectName, reservedSystemName, systemManifests } from "@capstan/domain";
import { type ClusterClient, pruneGroups } from "@capstan/orchestrator";
import { systemManifestInput } from "@capstan/usecases/internal";
import { clientFor } from "../../clients";
import { harborOf, registryInPlace } from "../project/reconcile";

type SystemInCluster = { systemId: string; clusterId: string };

// The last reconcile this worker started per (system, cluster), finished or in flight. A group's pods
// must not reach a cluster before its system's pull secret does: the kubelet would fail the first pull
// and back off for seconds (10 s in a real kubelet) before trying again.
// Entries go with their system (deleteSystemEverywhere) or cluster (the resync's eviction).
const lastRun = new Map<string, Promise<Placed | undefined>>();

// The data centre's version at which this worker last checked, per (system, data centre), that Harbor still
// has the system's stored pull robot. A stored robot is trusted only once checked: after a worker starts, or
// once the data centre's Harbor settings change (a reinstalled Harbor, a restarted simulator with new
// credentials), Harbor may no longer have it, and a pull Secret of a robot Harbor does not know makes every
// new pod's pull fail with 401 until the per-data-centre reconcile-project renews the robot.
const robotChecked = new Map<string, number>();

/** Forgets what this worker put in place for a system that is gone. */
export function forgetSystem(systemId: string): void {
  for (const key of lastRun.keys()) if (key.startsWith(`${systemId}:`)) lastRun.delete(key);
  for (const key of robotChecked.keys()) if (key.startsWith(`${systemId}:`)) robotChecked.delete(key);
}

/** Forgets everything about clusters and systems not in these sets (removed since); returns how many entries went. */
export function evictSystemRuns(clusters: Set<string>, systems: Set<string>): number {
  let n = 0;
  for (const key of lastRun.keys()) {
    const [systemId, clusterId] = key.split(":") as [string, string];
    if (!clusters.has(clusterId) || !systems.has(systemId)) n += Number(lastRun.delete(key));
  }
  for (const key of robotChecked.keys()) if (!systems.has(key.split(":")[0]!)) robotChecked.delete(key);
  return n;
}

/** How many (system, cluster) pairs this worker remembers, of one system or of all (for tests of eviction). */
export const systemRunCount = (systemId?: string) => [...lastRun.keys()].filter((key) => !systemId || key.startsWith(`${systemId}:`)).length;

type Placed = { system: string; client: ClusterClient };

export async function reconcileSystem(db: Db, ref: SystemInCluster): Promise<void> {
  const key = `${ref.systemId}:${ref.clusterId}`;
  const forget = () => {
    if (lastRun.get(key) === run) lastRun.delete(key);
  };
  const run = putInPlace(db, ref).catch((e: unknown) => {
    forget();
    throw e;
  });
  lastRun.set(key, run);
  const placed = await run;
  // Nothing was put in place (the system is gone or being deleted): nothing to remember either, or a
  // reconcile that ran after deleteSystemEverywhere forgot the system would keep its entry for good.
  if (!placed) forget();
  // Prune Capstan's objects in the namespace that no group or load balancer accounts for (e.g. a group row removed while
  // the cluster was unreachable). Groups being deleted are left to their own reconciler.
  if (placed)
    await pruneGroups(placed.client, placed.system, async () => {
      const where = { clusterId: ref.clusterId, application: { systemId: ref.systemId } };
      const [groups, balancers] = await Promise.all([
        db.group.findMany({ where, select: { name: true, application: { select: { name: true } } } }),
        // A load balancer's Deployment and Service are Capstan's too (controllers/load-balancer).
        db.loadBalancer.findMany({ where, select: { name: true } }),
      ]);
      return new Set([...groups.map((g) => groupObjectName(g.application.name, g.name)), ...balancers.map((b) => lbObjectName(b.name))]);
    });
}

/** Resolves once the system's namespace, quota, policies and pull secret are in the cluster: at once if
 * this worker has put them there before, after the reconcile in flight, or after one it starts now. */
export async function systemInPlace(db: Db, ref: SystemInCluster): Promise<void> {
  await (lastRun.get(`${ref.systemId}:${ref.clusterId}`) ?? reconcileSystem(db, ref));
}

async function putInPlace(db: Db, { systemId, clusterId }: SystemInCluster): Promise<Placed | undefined> {
  const [system, cluster] = await Promise.all([
    db.system.findUnique({ where: { id: systemId } }),
    db.cluster.findUnique({ where: { id: clusterId }, include: { dataCentre: true } }),
  ]);
  // Deleted since the request, or being deleted: nothing to converge to (delete-system removes the namespace).
  if (!system || system.deletionRequestedAt || !cluster) return undefined;
  // A system named before reserved names were refused must not take over a namespace Kubernetes keeps for
  // itself: its groups' reconciles fail with this message on the group, and the namespace is left alone.
  const reserved = reservedSystemName(system.name);
  if (reserved)
    throw new Error(`system name ${system.name} ${reserved}; Capstan leaves that namespace alone. Make a new system and move its applications there`);
  const dc = cluster.dataCentre;
  const checkKey = `${systemId}:${dc.id}`;
  const [quota, robot] = await Promise.all([
    db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId, dataCentreId: dc.id } } }),
    registryInPlace(db, harborOf(dc), system, dc.id, { verify: robotChecked.get(checkKey) !== dc.version }),
  ]);
  robotChecked.set(checkKey, dc.version);
  const client = clientFor(cluster);
  await client.apply(systemManifests(systemManifestInput(system, dc, quota, robot)));
  return { system: system.name, client };
}
