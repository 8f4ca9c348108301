import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { Prisma } from "@capstan/db";
import { canOperateFleet, domainError, notFound, probeFailureOf } from "@capstan/domain";
import { loadKubeconfig, ProbeError, probeCluster } from "@capstan/orchestrator";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toClusterDto } from "./cluster-dto";

/**
 * Contacts a cluster and records what it said: version, node count and last contact, or the error
 * that made it unreachable, in English and as a reason with params (CLUSTER_PROBE_REASONS; an error that is
 * not the probe's, e.g. an unreadable kubeconfig, is `probe_failed` with its English as `detail`). The orchestrator calls probeAndRecord on its own schedule; people call
 * checkCluster from the portal, which is audited.
 */
export async function probeAndRecord(db: Pick<Db, "cluster">, clusterId: string, kubeconfigEnc: Uint8Array): Promise<void> {
  let data;
  try {
    const probe = await probeCluster(loadKubeconfig(secrets().open(kubeconfigEnc)).config);
    data = {
      status: "HEALTHY" as const,
      kubernetesVersion: probe.version,
      nodeCount: probe.nodeCount,
      lastContactAt: new Date(),
      lastError: null,
      lastErrorReason: null,
      lastErrorParams: Prisma.DbNull,
    };
  } catch (e) {
    const lastError = (e as Error).message.slice(0, 1000);
    const { reason, params } = e instanceof ProbeError ? e : probeFailureOf(lastError);
    data = { status: "UNREACHABLE" as const, lastError, lastErrorReason: reason, lastErrorParams: params };
  }
  await db.cluster.updateMany({ where: { id: clusterId }, data }); // a cluster removed meanwhile is fine
}

export async function checkCluster(ctx: Context, name: string) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_check_cluster");
  const c = await ctx.db.cluster.findUnique({ where: { name }, include: { dataCentre: { select: { name: true } } } });
  if (!c) throw notFound("Cluster", name);
  // The probe talks to the network, so it runs outside the transaction; the result is then audited.
  await probeAndRecord(ctx.db, c.id, c.kubeconfigEnc);
  const after = toClusterDto(await ctx.db.cluster.findUniqueOrThrow({ where: { id: c.id } }), c.dataCentre.name);
  await mutation(ctx, (_tx, audit) =>
    audit({ action: "cluster.check", targetType: "cluster", targetId: name, targetName: name, after: { status: after.status, lastError: after.lastError } }),
  );
  return after;
}
