// The periodic resync: re-requests a reconcile of everything desired, so drift in a cluster (someone
// deleted a Deployment by hand, a cluster came back) converges even when nothing changed in PostgreSQL.
import type { Db } from "@capstan/db";
import { requestNamespacePrune, requestProjectReconciles, requestReconciles, requestSystemDeletion } from "@capstan/db/queue";
import { probeAndRecord } from "@capstan/usecases/internal";
import { evictClients } from "./clients";
import { evictSystemRuns } from "./reconcile-system";

/** Kubernetes keeps events for an hour; so does Capstan, also for those deleted while no one watched. */
const EVENT_TTL_MS = 3_600_000;
/** A client retrying a POST does so within minutes; a day is generous. */
const IDEMPOTENCY_TTL_MS = 86_400_000;

export async function resync(db: Db): Promise<void> {
  await db.clusterEvent.deleteMany({ where: { lastAt: { lt: new Date(Date.now() - EVENT_TTL_MS) } } });
  await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } });
  const clusters = await db.cluster.findMany({ select: { id: true, kubeconfigEnc: true } });
  // What this worker remembers of removed clusters and systems goes with them.
  const systemIds = await db.system.findMany({ where: { deletionRequestedAt: null }, select: { id: true } });
  evictClients(new Set(clusters.map((c) => c.id)));
  evictSystemRuns(new Set(clusters.map((c) => c.id)), new Set(systemIds.map((s) => s.id)));
  await Promise.all(clusters.map((c) => probeAndRecord(db, c.id, c.kubeconfigEnc)));
  const groups = await db.group.findMany({ select: { id: true, clusterId: true, application: { select: { systemId: true } } } });
  // A system's namespace is wanted in every cluster of each data centre where it has a quota (a cluster
  // registered since included), and wherever it has groups; its project and robot in that data centre's Harbor.
  const quotas = await db.systemQuota.findMany({ where: { system: { deletionRequestedAt: null } }, select: { systemId: true, dataCentreId: true, dataCentre: { select: { clusters: { select: { id: true } } } } } });
  const systems = new Map([
    ...groups.map((g) => ({ systemId: g.application.systemId, clusterId: g.clusterId })),
    ...quotas.flatMap((q) => q.dataCentre.clusters.map((c) => ({ systemId: q.systemId, clusterId: c.id }))),
  ].map((p) => [`${p.systemId}:${p.clusterId}`, p]));
  // One statement per kind, not one per object: a fleet of thousands of groups is re-requested every minute.
  // A reconcile already waiting (backing off after a failure) keeps its time: the resync repairs drift,
  // it must not make a failing cluster's reconciles all run again every minute.
  await db.$transaction(async (tx) => {
    await requestProjectReconciles(tx, quotas, { keepRunAt: true });
    await requestReconciles(tx, "reconcile-system", [...systems].map(([key, p]) => ({ payload: { systemId: p.systemId }, key: `system:${key}`, clusterId: p.clusterId })), { keepRunAt: true });
    await requestReconciles(tx, "reconcile-group", groups.map((g) => ({ payload: { groupId: g.id }, key: `group:${g.id}`, clusterId: g.clusterId })), { keepRunAt: true });
    // Deletions still to finish (a job locked by a worker that died is superseded), and namespaces whose
    // system is gone: level-triggered, like the rest.
    for (const s of await tx.system.findMany({ where: { deletionRequestedAt: { not: null } }, select: { id: true } })) await requestSystemDeletion(tx, s.id, { keepRunAt: true });
    for (const c of clusters) await requestNamespacePrune(tx, c.id);
  });
}
