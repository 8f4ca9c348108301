import { secrets } from "@capstan/db/secrets";
import { canManageFleet, ClusterCreate, domainError, fieldError, notFound, parseInput } from "@capstan/domain";
import { destinationProblem, KubeconfigError, loadKubeconfig } from "@capstan/orchestrator";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toClusterDto } from "./cluster-dto";

/**
 * Parses the kubeconfig and checks its server against the outbound policy (every address it resolves
 * to), or reports why it cannot be used against the `kubeconfig` field (422). Resolves to the server URL.
 */
export async function validKubeconfig(text: string): Promise<string> {
  let server: string;
  try {
    server = loadKubeconfig(text).server;
  } catch (e) {
    if (!(e instanceof KubeconfigError)) throw e; // e.g. a malformed CAPSTAN_OUTBOUND_ALLOW: the operator's fault, not the upload's
    const problem = (e as Error).message;
    throw domainError("kubeconfig_unreadable", { problem }, { kubeconfig: fieldError("kubeconfig_unreadable", { problem }) });
  }
  const problem = await destinationProblem(server);
  if (problem) throw domainError("kubeconfig_server_refused", { problem }, { kubeconfig: fieldError("kubeconfig_server_refused", { problem }) });
  return server;
}

/** Registers a cluster from an uploaded kubeconfig (stored encrypted); the orchestrator checks it next. */
export async function registerCluster(ctx: Context, input: unknown) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden_register_cluster");
  const { name, dataCentre, kubeconfig } = parseInput(ClusterCreate, input);
  const apiEndpoint = await validKubeconfig(kubeconfig);
  return mutation(ctx, async (tx, audit) => {
    const dc = await tx.dataCentre.findUnique({ where: { name: dataCentre } });
    if (!dc) throw notFound("Data centre", dataCentre);
    const c = await tx.cluster.create({ data: { name, dataCentreId: dc.id, apiEndpoint, kubeconfigEnc: secrets().seal(kubeconfig) } });
    const dto = toClusterDto(c, dataCentre);
    await audit({ action: "cluster.register", targetType: "cluster", targetId: name, targetName: name, after: dto });
    return dto;
  });
}
