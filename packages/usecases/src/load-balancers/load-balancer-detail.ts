// One balancer as its page and the API's GET show it: settings, members with their share of traffic, the
// member groups' pods with their own state, what is wrong (warnings) and the configuration rendered now.
import type { Tx } from "@capstan/db";
import { type Actor, canWriteInSystem, type LoadBalancerWarning, notFound, renderDataPlane, type SystemRef } from "@capstan/domain";
import { dataPlaneSpec, memberPods, type MemberPods, memberServerWeights } from "./data-plane-spec";
import { publishedNames, toLoadBalancerDto } from "./load-balancer-rows";

/** Pods of a member that take new traffic: with an IP and in. */
const podsIn = (m: MemberPods) => m.pods.filter((p) => p.ip !== null && p.state === "IN");

/**
 * Each member's share of new traffic in %, to one decimal: its pods in × their server weight over the sum
 * for every member in (memberServerWeights, as the data plane is given them). Members not in have 0.
 */
export function trafficShares(members: MemberPods[]): number[] {
  const weights = memberServerWeights(members);
  const taking = members.map((m) => (m.state === "IN" ? weights.get(m.group)! * podsIn(m).length : 0));
  const total = taking.reduce((a, b) => a + b, 0);
  return taking.map((t) => (total === 0 ? 0 : Math.round((t * 1000) / total) / 10));
}

/**
 * What may keep the balancer from serving: no member group; none in with a weight above 0 (allowed: a
 * member taken out last is warned of, not refused); members in but no ready pod of theirs in; LB pods
 * running without a data plane.
 */
export function loadBalancerWarnings(members: MemberPods[], dataPlane: boolean): LoadBalancerWarning[] {
  const warnings: LoadBalancerWarning[] = [];
  const serving = members.filter((m) => m.state === "IN" && m.weight > 0);
  if (members.length === 0) warnings.push("no_members");
  else if (serving.length === 0) warnings.push("no_member_in");
  else if (!serving.some((m) => podsIn(m).some((p) => p.ready))) warnings.push("no_pod_in");
  if (!dataPlane) warnings.push("no_data_plane");
  return warnings;
}

/**
 * The detail of a balancer loaded with LB_NAMES, for `actor` (whose `can.write` it answers) in system `s`.
 * @throws DomainError 404 when the row is gone meanwhile: each statement of a READ COMMITTED transaction sees
 * the rows committed when it starts, so the worker's delete of a balancer whose deletion was asked can land
 * between the read of `lb` and this one's.
 */
export async function loadBalancerDetail(tx: Tx, actor: Actor, s: SystemRef, lb: Parameters<typeof toLoadBalancerDto>[0]) {
  // One at a time: a transaction is one connection, where pg deprecates queueing queries.
  const members = await memberPods(tx, lb.id);
  const published = await publishedNames(
    tx,
    lb.domains.map((d) => d.name),
  );
  const spec = await dataPlaneSpec(tx, lb.id);
  if (!spec) throw notFound("Load balancer", `${lb.application.system.name}/${lb.application.name}/${lb.name}`);
  const shares = trafficShares(members);
  return {
    ...toLoadBalancerDto(lb, published),
    members: members.map((m, i) => ({
      group: m.group,
      weight: m.weight,
      share: shares[i]!,
      state: m.state,
      drainSeconds: m.drainSeconds,
      stateSince: m.stateSince.toISOString(),
    })),
    pods: members.flatMap((m) =>
      m.pods.map((p) => ({
        name: p.name,
        group: m.group,
        ip: p.ip,
        ready: p.ready,
        state: p.state,
        drainSeconds: p.drainSeconds,
        stateSince: p.stateSince?.toISOString() ?? null,
      })),
    ),
    warnings: loadBalancerWarnings(members, lb.dataPlane),
    configuration: renderDataPlane(spec),
    can: { write: canWriteInSystem(actor, s) },
  };
}
