import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { canOperateFleet, forbidden, notFound } from "@capstan/domain";
import { loadKubeconfig, probeCluster } from "@capstan/orchestrator";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toClusterDto } from "./cluster-dto";

/**
 * Contacts a cluster and records what it said: version, node count and last contact, or the error
 * that made it unreachable. The orchestrator calls probeAndRecord on its own schedule; people call
 * checkCluster from the portal, which is audited.
 */
export async function probeAndRecord(db: Pick<Db, "cluster">, clusterId: string, kubeconfigEnc: Uint8Array) {
  try {
    const probe = await probeCluster(loadKubeconfig(secrets().open(kubeconfigEnc)).config);
    return db.cluster.update({
      where: { id: clusterId },
      data: { status: "HEALTHY", kubernetesVersion: probe.version, nodeCount: probe.nodeCount, lastContactAt: new Date(), lastError: null },
    });
  } catch (e) {
    return db.cluster.update({ where: { id: clusterId }, data: { status: "UNREACHABLE", lastError: (e as Error).message.slice(0, 1000) } });
  }
}

export async function checkCluster(ctx: Context, name: string) {
  if (!canOperateFleet(ctx.actor)) throw forbidden("Only platform admins and ops check clusters.");
  const c = await ctx.db.cluster.findUnique({ where: { name }, include: { dataCentre: { select: { name: true } } } });
  if (!c) throw notFound("Cluster", name);
  // The probe talks to the network, so it runs outside the transaction; the result is then audited.
  const after = toClusterDto(await probeAndRecord(ctx.db, c.id, c.kubeconfigEnc), c.dataCentre.name);
  await mutation(ctx, (_tx, audit) => audit({ action: "cluster.check", targetType: "cluster", targetId: name, targetName: name, after: { status: after.status, lastError: after.lastError } }));
  return after;
}
