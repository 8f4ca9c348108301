import { secrets } from "@capstan/db/secrets";
import { canManageFleet, ClusterUpdate, domainError, notFound, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { toClusterDto } from "./cluster-dto";
import { validKubeconfig } from "./register-cluster";

/** Replaces a cluster's kubeconfig, e.g. when its credentials rotate. */
export async function updateCluster(ctx: Context, name: string, input: unknown) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden_change_cluster");
  const { kubeconfig, version } = parseInput(ClusterUpdate, input);
  const apiEndpoint = await validKubeconfig(kubeconfig);
  return mutation(ctx, async (tx, audit) => {
    const before = await tx.cluster.findUnique({ where: { name }, include: { dataCentre: { select: { name: true } } } });
    if (!before) throw notFound("Cluster", name);
    await bumpVersion(
      (v) =>
        tx.cluster.updateMany({
          where: { id: before.id, ...v },
          data: { apiEndpoint, kubeconfigEnc: secrets().seal(kubeconfig), status: "PENDING", version: { increment: 1 } },
        }),
      version,
      "Cluster",
      name,
    );
    const after = toClusterDto(await tx.cluster.findUniqueOrThrow({ where: { id: before.id } }), before.dataCentre.name);
    await audit({
      action: "cluster.update",
      targetType: "cluster",
      targetId: name,
      targetName: name,
      before: toClusterDto(before, before.dataCentre.name),
      after: { ...after, kubeconfigChanged: true },
    });
    return after;
  });
}
