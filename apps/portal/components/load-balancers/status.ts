// A balancer's one-word status for lists and its page, from what the API answers (LoadBalancerSchema).
import type { LoadBalancerDto } from "@capstan/domain";

/** The statuses, most pressing first; each has `loadBalancers.status<Name>` in the catalogues. */
export type LbStatus = "Deleting" | "Failing" | "Applying" | "NoDataPlane" | "Starting" | "Ready";

/**
 * Deleting once deletion was asked; Failing while the controller's last attempt failed (lastError);
 * Applying while it has not yet applied the latest settings (observedGeneration < generation, the
 * Kubernetes convention); NoDataPlane when its pods run without haproxy or nginx; Starting until every
 * wanted pod is ready; else Ready.
 */
export function lbStatus(
  lb: Pick<LoadBalancerDto, "deleting" | "lastError" | "generation" | "observedGeneration" | "dataPlane" | "readyReplicas" | "replicas">,
): LbStatus {
  if (lb.deleting) return "Deleting";
  if (lb.lastError) return "Failing";
  if (lb.observedGeneration < lb.generation) return "Applying";
  if (!lb.dataPlane) return "NoDataPlane";
  if (lb.readyReplicas < lb.replicas) return "Starting";
  return "Ready";
}
