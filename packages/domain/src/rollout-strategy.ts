// How a group's Deployment replaces its pods, so that a rolling change (update, rollout, rollback,
// restart, a scale with a change) never dead-ends on the namespace's ResourceQuota.
//
// The ResourceQuota admits a pod only while the namespace's requests stay within it
// (https://kubernetes.io/docs/concepts/policy/resource-quotas/); a Deployment with maxUnavailable 0
// must create surge pods before it deletes old ones
// (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment).
// At quota no surge pod fits, so such a rollout never progresses. The rule: surge by what fits under
// the quota (at most 25 %, Kubernetes' default); when not one pod fits, replace pods in place: one at a
// time (maxSurge 0, maxUnavailable 1) for several replicas, stop-then-start (Recreate) for one.
import { add, fits, headroom, RESOURCE_NAMES, type Resources, scale, type Shortfall, sub } from "./quota";

/** `spec.strategy` of a Deployment (apps/v1 DeploymentStrategy). */
export type DeploymentStrategy = { type: "RollingUpdate"; rollingUpdate: { maxSurge: number | string; maxUnavailable: number } } | { type: "Recreate" };

/** The share of replicas a rollout may add above the desired count when the quota allows it. */
export const MAX_SURGE = "25%";

/** What decides a group's rollout strategy in one cluster. All amounts in quota units (quota.ts). */
export interface RolloutRoom {
  /** The ResourceQuota's hard limits in the group's namespace, i.e. its system's quota in the data
   * centre (mirrored into every cluster of it); null when the system has none (no ResourceQuota). */
  quota: Resources | null;
  /** What the rest of the namespace holds against that quota: the system's other groups in this
   * cluster and its load balancers there, and any pod there that belongs to neither. */
  others: Resources;
  /** The group's desired replica count. */
  replicas: number;
  /** One pod's requests (instances 1): per resource the larger of the new spec's and of any pod the
   * group may still run from an older one, so every mix of old and new pods is covered. */
  perPod: Resources;
}

/** How many more pods than `replicas` fit under the quota (0 when none; Infinity without a quota). */
export function surgeRoom({ quota, others, replicas, perPod }: RolloutRoom): number {
  if (!quota) return Infinity;
  const free = sub(quota, add(others, scale(perPod, replicas)));
  return Math.min(...RESOURCE_NAMES.filter((r) => perPod[r] > 0).map((r) => Math.max(0, Math.floor(free[r] / perPod[r]))));
}

/**
 * The Deployment strategy for a group: `maxSurge` up to 25 % (rounded up, as Kubernetes resolves it)
 * and `maxUnavailable` 0 (no capacity lost) while that many surge pods fit under the quota; fewer
 * surge pods when fewer fit; when none fits, `maxSurge` 0 and `maxUnavailable` 1 for two or more
 * replicas (one pod at a time is replaced, the others keep serving), and `Recreate` for one replica
 * (the old pod is gone before the new one is created, so the quota is freed first; Kubernetes refuses
 * maxSurge and maxUnavailable both 0). The peak of any such rollout is `others + (replicas + surge) ×
 * perPod`, within the quota whenever `rolloutShortfall` is empty.
 */
export function rolloutStrategy(room: RolloutRoom): DeploymentStrategy {
  const wanted = Math.ceil(room.replicas / 4);
  const fitting = surgeRoom(room);
  if (fitting >= wanted) return { type: "RollingUpdate", rollingUpdate: { maxSurge: MAX_SURGE, maxUnavailable: 0 } };
  if (fitting >= 1) return { type: "RollingUpdate", rollingUpdate: { maxSurge: fitting, maxUnavailable: 0 } };
  if (room.replicas <= 1) return { type: "Recreate" };
  return { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
}

/**
 * What keeps a rolling change from ever completing: the resources where the group's replicas at
 * `perPod` and `others` together exceed the quota, so even replacing one pod at a time cannot make
 * room. Empty when the change can complete (an exact fit can, by `rolloutStrategy`) or there is no quota.
 * `asked` is what the group needs, `free` what the quota leaves beside `others`.
 */
export function rolloutShortfall({ quota, others, replicas, perPod }: RolloutRoom): Shortfall[] {
  if (!quota) return [];
  return fits(scale(perPod, replicas), headroom(quota, others));
}

/** Per resource, the larger of two pods' requests. */
export const largerPod = (a: Resources, b: Resources): Resources =>
  Object.fromEntries(RESOURCE_NAMES.map((r) => [r, Math.max(a[r], b[r])])) as unknown as Resources;
