import { secrets } from "@capstan/db/secrets";
import { canManageFleet, ClusterCreate, forbidden, invalid, notFound, parseInput } from "@capstan/domain";
import { loadKubeconfig } from "@capstan/orchestrator";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toClusterDto } from "./cluster-dto";

/** Parses the kubeconfig or reports why it cannot be used, against the `kubeconfig` field. */
export function validKubeconfig(text: string): string {
  try {
    return loadKubeconfig(text).server;
  } catch (e) {
    throw invalid(`The kubeconfig ${(e as Error).message}.`, { kubeconfig: (e as Error).message });
  }
}

/** Registers a cluster from an uploaded kubeconfig (stored encrypted); the orchestrator checks it next. */
export async function registerCluster(ctx: Context, input: unknown) {
  if (!canManageFleet(ctx.actor)) throw forbidden("Only platform admins register clusters.");
  const { name, dataCentre, kubeconfig } = parseInput(ClusterCreate, input);
  const apiEndpoint = validKubeconfig(kubeconfig);
  return mutation(ctx, async (tx, audit) => {
    const dc = await tx.dataCentre.findUnique({ where: { name: dataCentre } });
    if (!dc) throw notFound("Data centre", dataCentre);
    const c = await tx.cluster.create({ data: { name, dataCentreId: dc.id, apiEndpoint, kubeconfigEnc: secrets().seal(kubeconfig) } });
    const dto = toClusterDto(c, dataCentre);
    await audit({ action: "cluster.register", targetType: "cluster", targetId: name, targetName: name, after: dto });
    return dto;
  });
}
