// A balancer's one-word status for lists and its page, from what the API answers (LoadBalancerSchema).
import type { LoadBalancerDto } from "@capstan/domain";

/** The statuses, most pressing first; each has `loadBalancers.status<Name>` in the catalogues. */
export type LbStatus = "Deleting" | "Failing" | "Applying" | "NoDataPlane" | "Starting" | "ReadyDnsFailing" | "ReadyDnsPending" | "Ready";

/**
 * Deleting once deletion was asked; Failing while the controller's last attempt failed (lastError);
 * Applying while it has not yet applied the latest settings (observedGeneration < generation, the
 * Kubernetes convention); NoDataPlane when its pods run without haproxy or nginx; Starting until every
 * wanted pod is ready. Then its names, as the DNS controller's status says (issue 14: a status tells the
 * truth): ReadyDnsFailing while its last pass failed (dnsFailure); ReadyDnsPending while they wait for the
 * Service's external address (dnsWaiting) or a name has no record yet in the built-in server (a domain's
 * `published` false; null for PowerDNS, whose records are not read). Else Ready.
 */
export function lbStatus(
  lb: Pick<
    LoadBalancerDto,
    "deleting" | "lastError" | "generation" | "observedGeneration" | "dataPlane" | "readyReplicas" | "replicas" | "dnsFailure" | "dnsWaiting" | "domains"
  >,
): LbStatus {
  if (lb.deleting) return "Deleting";
  if (lb.lastError) return "Failing";
  if (lb.observedGeneration < lb.generation) return "Applying";
  if (!lb.dataPlane) return "NoDataPlane";
  if (lb.readyReplicas < lb.replicas) return "Starting";
  if (lb.dnsFailure) return "ReadyDnsFailing";
  if (lb.dnsWaiting || lb.domains.some((d) => d.published === false)) return "ReadyDnsPending";
  return "Ready";
}
