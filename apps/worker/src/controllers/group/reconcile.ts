// Level-triggered: makes a group's Deployment, Service and autoscaler in its cluster match PostgreSQL, or removes
// them (and then the group) when deletion was requested. Resolves to the generation it applied, which
// the group's status writer (./status.ts) records.
import type { Db } from "@capstan/db";
import { groupManifests, groupObjectName } from "@capstan/domain";
import { groupManifestInput } from "@capstan/usecases/internal";
import { clientFor } from "../../clients";
import { handOverReplicas } from "./hand-over-replicas";
import type { Applied } from "../controller";
import { reconcileSystem, systemInPlace } from "../system/reconcile";

const autoscaler = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" } as const;

/** Converges one group; resolves to its applied generation, or nothing when the group is gone or was removed. */
export async function reconcileGroup(db: Db, { groupId }: { groupId: string }): Promise<Applied | undefined> {
  const g = await db.group.findUnique({
    where: { id: groupId },
    include: { application: { include: { system: true } }, cluster: true, dataCentre: true },
  });
  if (!g) return undefined;
  const client = clientFor(g.cluster);
  const system = g.application.system.name;
  const name = groupObjectName(g.application.name, g.name);
  if (g.deletionRequestedAt) {
    await client.delete([
      { ...autoscaler, name, namespace: system },
      { apiVersion: "v1", kind: "Service", name, namespace: system },
      { apiVersion: "apps/v1", kind: "Deployment", name, namespace: system },
    ]);
    await db.group.deleteMany({ where: { id: g.id, deletionRequestedAt: { not: null } } });
    return undefined;
  }
  const input = await groupManifestInput(db, g);
  const systemRef = { systemId: g.application.systemId, clusterId: g.clusterId };
  await systemInPlace(db, systemRef);
  if (input.group.autoscaling) await handOverReplicas(client, system, name);
  try {
    await client.apply(groupManifests(input));
  } catch (e) {
    // The namespace is gone though this worker had made it (deleted by hand, or a cluster rebuilt): make it again.
    if ((e as { code?: number }).code !== 404) throw e;
    await reconcileSystem(db, systemRef);
    await client.apply(groupManifests(input));
  }
  // Autoscaling turned off: the HPA goes (idempotent). The status its watch wrote says one may still be
  // there; the watch clears it when the HPA is deleted.
  if (!input.group.autoscaling && g.autoscalingStatus !== null) await client.delete([{ ...autoscaler, name, namespace: system }]);
  return { generation: g.generation };
}
