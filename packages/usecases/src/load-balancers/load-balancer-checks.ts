// The rules a balancer's settings obey beyond their schemas, which need the database or the whole result
// (docs/load-balancers.md, "API"): names in the data centre's zone and not taken, member groups of the same
// application in the balancer's cluster, an algorithm of the balancer's kind.
import type { Tx } from "@capstan/db";
import { algorithmOfKind, domainError, fieldError, LOAD_BALANCER_ALGORITHMS, type LoadBalancerKindName } from "@capstan/domain";

/**
 * Refuses names outside the data centre's DNS zone (422 naming `domains.<i>`; 422 on `domains` when the data
 * centre has no zone) and names another balancer has (409). A name must lie strictly under the zone: the
 * zone's apex holds its SOA and NS records.
 */
export async function assertDomainsAllowed(
  tx: Pick<Tx, "loadBalancerDomain">,
  dc: { name: string; dnsZone: string | null },
  domains: string[],
  loadBalancerId: string | null,
): Promise<void> {
  if (domains.length === 0) return;
  const zone = dc.dnsZone;
  if (!zone) throw domainError("lb_no_dns_zone", { dataCentre: dc.name }, { domains: fieldError("lb_no_dns_zone", { dataCentre: dc.name }) });
  const outside = domains.findIndex((d) => !d.endsWith(`.${zone}`));
  if (outside >= 0)
    throw domainError(
      "lb_domain_outside_zone",
      { domain: domains[outside]!, zone, dataCentre: dc.name },
      { [`domains.${outside}`]: fieldError("lb_domain_outside_zone", { zone, dataCentre: dc.name }) },
    );
  const taken = await tx.loadBalancerDomain.findFirst({
    where: { name: { in: domains }, ...(loadBalancerId ? { loadBalancerId: { not: loadBalancerId } } : {}) },
    select: { name: true },
  });
  if (taken) throw domainError("lb_domain_taken", { domain: taken.name }, { [`domains.${domains.indexOf(taken.name)}`]: fieldError("taken") });
}

/**
 * The member groups named in `members`, each of application `app` in the balancer's cluster and not being
 * deleted; refuses (422 naming `members.<i>.group`) the first that is not.
 */
export async function memberGroups(
  tx: Pick<Tx, "group">,
  app: { id: string; name: string },
  cluster: { id: string; name: string },
  members: { group: string }[],
) {
  const groups = await tx.group.findMany({
    where: { applicationId: app.id, name: { in: members.map((m) => m.group) } },
    select: { id: true, name: true, clusterId: true, deletionRequestedAt: true, cluster: { select: { name: true } } },
  });
  const byName = new Map(groups.map((g) => [g.name, g]));
  return members.map((m, i) => {
    const field = `members.${i}.group`;
    const g = byName.get(m.group);
    if (!g)
      throw domainError("lb_group_unknown", { application: app.name, group: m.group }, { [field]: fieldError("lb_group_unknown", { application: app.name }) });
    if (g.clusterId !== cluster.id) {
      const params = { groupCluster: g.cluster.name, cluster: cluster.name };
      throw domainError("lb_group_other_cluster", { group: m.group, ...params }, { [field]: fieldError("lb_group_other_cluster", params) });
    }
    if (g.deletionRequestedAt) throw domainError("lb_group_being_deleted", { group: m.group }, { [field]: fieldError("being_deleted") });
    return g;
  });
}

/** Refuses (422 naming `algorithm`) an algorithm that is not one of the kind's (LOAD_BALANCER_ALGORITHMS). */
export function assertAlgorithmOfKind(kind: LoadBalancerKindName, algorithm: string): void {
  if (algorithmOfKind(kind, algorithm)) return;
  const algorithms = LOAD_BALANCER_ALGORITHMS[kind].join(", ");
  throw domainError("lb_algorithm_not_of_kind", { algorithm, kind, algorithms }, { algorithm: fieldError("algorithm_not_of_kind", { kind, algorithms }) });
}
