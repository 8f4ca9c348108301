// Level-triggered deletion of a system, requested by DELETE /systems/{s} (deletionRequestedAt): its
// namespace leaves every cluster (with it the pull Secret, ResourceQuota, LimitRange and NetworkPolicy),
// its pull robot every data centre's Harbor, its Harbor project too when it holds no images (otherwise the
// project is kept and an audit event says so), and only then its rows. Every step is idempotent, so a
// retry or a worker restarted mid-way carries on where the last run stopped. Also: Capstan's namespaces
// whose system no longer exists (left by a deletion interrupted before this existed, or made again by a
// reconcile that raced one) are deleted by pruneNamespaces, which the resync requests for every cluster.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { LABEL, reservedSystemName } from "@capstan/domain";
import { type ClusterClient, HarborClient } from "@capstan/orchestrator";
import { CoreV1Api } from "@kubernetes/client-node";
import { clientFor } from "../../clients";
import { PULL_ROBOT_NAME } from "../../pull-robot";
import { forgetSystem } from "./reconcile";

const MANAGED = `${LABEL.managedBy}=capstan`;
/** Who the audit log names for what the worker decides on its own. */
const WORKER_ACTOR = "capstan-worker";

const isNotFound = (e: unknown) => (e as { code?: number }).code === 404;

/** Asks the cluster to delete the namespace; resolves to true once it is gone (Kubernetes empties it first). */
async function namespaceGone(client: ClusterClient, name: string): Promise<boolean> {
  await client.delete([{ apiVersion: "v1", kind: "Namespace", name }]);
  try {
    await client.api(CoreV1Api).readNamespace({ name });
    return false;
  } catch (e) {
    if (isNotFound(e)) return true;
    throw e;
  }
}

/** Finishes the deletion of one system; throws (to be retried) while a namespace is still terminating. */
export async function deleteSystemEverywhere(db: Db, { systemId }: { systemId: string }): Promise<void> {
  const system = await db.system.findUnique({ where: { id: systemId } });
  if (!system?.deletionRequestedAt) return; // finished already
  // A system named before reserved names were refused never owned the namespace or project of that name
  // (kube-system, library…): they are not Capstan's to delete; its robot and rows are.
  const reserved = reservedSystemName(system.name) !== undefined;
  const clusters = reserved ? [] : await db.cluster.findMany({ orderBy: { name: "asc" } });
  const terminating: string[] = [];
  for (const c of clusters) if (!(await namespaceGone(clientFor(c), system.name))) terminating.push(c.name);

  const kept: string[] = [];
  for (const dc of await db.dataCentre.findMany({ orderBy: { name: "asc" } })) {
    const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
    await harbor.deleteRobot(`robot$${system.name}+${PULL_ROBOT_NAME}`);
    await db.systemPullRobot.deleteMany({ where: { systemId, dataCentreId: dc.id } });
    if (!reserved && (await harbor.deleteProjectIfEmpty(system.name)) === "kept") kept.push(dc.name);
  }
  if (terminating.length > 0) throw new Error(`namespace ${system.name} is still terminating in ${terminating.join(", ")}`);

  await db.$transaction(async (tx) => {
    if (kept.length > 0)
      await tx.auditEvent.create({
        data: {
          actorEmail: WORKER_ACTOR,
          action: "system.delete.project-kept",
          targetType: "system",
          targetId: system.name,
          targetName: system.name,
          departmentId: system.departmentId,
          after: {
            dataCentres: kept,
            reason: "The Harbor project still holds images; it was kept, without robots. Delete the images, then the project, in Harbor.",
          },
        },
      });
    await tx.system.deleteMany({ where: { id: systemId, deletionRequestedAt: { not: null } } });
  });
  forgetSystem(systemId);
}

/** Deletes the Capstan namespaces of one cluster whose system no longer exists (or is being deleted). */
export async function pruneNamespaces(db: Db, { clusterId }: { clusterId: string }): Promise<void> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId } });
  if (!cluster) return;
  const client = clientFor(cluster);
  const namespaces = await client.api(CoreV1Api).listNamespace({ labelSelector: MANAGED });
  const names = namespaces.items.map((n) => n.metadata?.labels?.[LABEL.system]).filter((n): n is string => !!n);
  if (names.length === 0) return;
  const live = new Set((await db.system.findMany({ where: { name: { in: names }, deletionRequestedAt: null }, select: { name: true } })).map((s) => s.name));
  for (const n of namespaces.items) {
    const system = n.metadata?.labels?.[LABEL.system];
    // Never a namespace Kubernetes keeps for itself, even one labelled as Capstan's (see deleteSystemEverywhere).
    if (system && !live.has(system) && n.metadata?.name === system && !n.metadata.deletionTimestamp && !reservedSystemName(system))
      await client.delete([{ apiVersion: "v1", kind: "Namespace", name: system }]);
  }
}
