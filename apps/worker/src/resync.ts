// The periodic resync: re-requests a reconcile of everything each controller lists as desired, so drift
// in a cluster (someone deleted a Deployment by hand, a cluster came back) converges even when nothing
// changed in PostgreSQL.
import type { Db } from "@capstan/db";
import { probeAndRecord } from "@capstan/usecases/internal";
import { evictClients } from "./clients";
import type { DefinedController } from "./controllers/controller";
import { evictSystemRuns } from "./controllers/system/reconcile";
import { noteStuckNodes } from "./stuck-nodes";

/**
 * Kubernetes keeps events for an hour; so does Capstan, also for those no list deletes (a cluster no longer
 * synced, or one whose sync is failing).
 */
const EVENT_TTL_MS = 3_600_000;
/** A client retrying a POST does so within minutes; a day is generous. */
const IDEMPOTENCY_TTL_MS = 86_400_000;

/**
 * Drops expired events and idempotency keys, forgets removed clusters and systems, probes every cluster,
 * tells ops of nodes newly stuck in their state (stuck-nodes.ts), then re-requests, in one transaction, everything each controller lists as desired (in the list's order).
 */
export async function resync(db: Db, controllers: readonly DefinedController[]): Promise<void> {
  await db.clusterEvent.deleteMany({ where: { lastAt: { lt: new Date(Date.now() - EVENT_TTL_MS) } } });
  await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } });
  const clusters = await db.cluster.findMany({ select: { id: true, kubeconfigEnc: true } });
  // What this worker remembers of removed clusters and systems goes with them.
  const systemIds = await db.system.findMany({ where: { deletionRequestedAt: null }, select: { id: true } });
  evictClients(new Set(clusters.map((c) => c.id)));
  evictSystemRuns(new Set(clusters.map((c) => c.id)), new Set(systemIds.map((s) => s.id)));
  await Promise.all(clusters.map((c) => probeAndRecord(db, c.id, c.kubeconfigEnc)));
  await noteStuckNodes(db);
  // One statement per kind, not one per object: a fleet of thousands of groups is re-requested every minute.
  // A reconcile already waiting (backing off after a failure) keeps its time: the resync repairs drift,
  // it must not make a failing cluster's reconciles all run again every minute.
  const requests = await Promise.all(controllers.flatMap((c) => (c.resync ? [c.resync(db)] : [])));
  await db.$transaction(async (tx) => {
    for (const request of requests) await request(tx);
  });
}
