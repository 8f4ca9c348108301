// The inventory's hook for the DNS controller: an LB pod that changed (readiness, IP) or went asks for its
// balancer's names to be applied again.
import type { Db } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { LB_LABEL } from "@capstan/domain";

/**
 * Requests reconcile.dns for the balancer whose LB pod this is (label LB_LABEL, in its system's namespace of
 * `clusterId`); nothing for any other pod. Bursts coalesce into one job per balancer (its job key).
 */
export async function lbPodChanged(db: Db, clusterId: string, namespace: string, labels: Record<string, string> | undefined): Promise<void> {
  const name = labels?.[LB_LABEL];
  if (!name) return;
  const lb = await db.loadBalancer.findFirst({ where: { clusterId, name, application: { system: { name: namespace } } }, select: { id: true } });
  if (lb) await reconcile.dns(db, lb);
}
