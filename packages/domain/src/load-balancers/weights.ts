// Members' weights → haproxy/nginx server weights. A member's weight is its GROUP's share of the
// traffic; a server weight applies to each pod, so a group's weight is divided among its pods.
import { MAX_WEIGHT } from "./data-plane";

/** A member group as `serverWeights` takes it: its weight (0–256) and how many of its pods are behind the balancer. */
export interface MemberWeight {
  group: string;
  weight: number;
  pods: number;
}

/**
 * The server weight (an integer 0–256) for each pod of each group, keyed by group, so that each group's
 * share of the traffic is its weight over the sum of the weights whatever its pod count: with round robin a
 * group receives pods × server weight, so each pod gets weight ÷ pods, scaled so the largest is 256 (the most
 * precision haproxy's weights allow) and rounded. A group with a weight above 0 gets at least 1, so it is not
 * taken out by rounding; a group with weight 0, or no pods, gets 0. Rounding is the only error: a server weight
 * is off by at most ½ (or by less than 1 where it was raised to 1).
 *
 * The same rule as OpenShift's router, which divides a route's service weight among the service's endpoints
 * and scales the largest endpoint weight to 256 (openshift/router, pkg/router/template/router.go,
 * calculateServiceWeights); that code truncates, this rounds.
 *
 * Throws a RangeError for a weight outside 0–256, a negative or fractional pod count, or a group listed twice.
 */
export function serverWeights(members: MemberWeight[]): Map<string, number> {
  const perPod = new Map<string, number>();
  for (const m of members) {
    if (!Number.isInteger(m.weight) || m.weight < 0 || m.weight > MAX_WEIGHT) throw new RangeError(`weight of ${m.group} must be an integer 0–${MAX_WEIGHT}`);
    if (!Number.isInteger(m.pods) || m.pods < 0) throw new RangeError(`pods of ${m.group} must be a whole number`);
    if (perPod.has(m.group)) throw new RangeError(`${m.group} is listed twice`);
    perPod.set(m.group, m.pods > 0 ? m.weight / m.pods : 0);
  }
  const largest = Math.max(0, ...perPod.values());
  const weights = new Map<string, number>();
  for (const [group, w] of perPod) weights.set(group, w === 0 ? 0 : Math.max(1, Math.round((w * MAX_WEIGHT) / largest)));
  return weights;
}
