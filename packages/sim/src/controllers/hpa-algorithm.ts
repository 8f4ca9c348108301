// The HorizontalPodAutoscaler's arithmetic as pure functions, after kube-controller-manager's
// pkg/controller/podautoscaler (replica_calculator.go: GetResourceReplicas; horizontal.go:
// stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate) and
// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details.
// Times are ms since the epoch; windows and periods in the API's seconds.

/** `--horizontal-pod-autoscaler-tolerance`: no scaling while usage / target is within 10 % of 1. */
export const TOLERANCE = 0.1;

/** One pod of the target as the replica calculator sees it. */
export interface PodSample {
  name: string;
  /** status.phase: Pending, Running, Succeeded, Failed */
  phase: string;
  ready: boolean;
  deleting: boolean;
  /** Usage of the resource now (millicores or bytes); undefined when metrics.k8s.io has none for it. */
  usage?: number;
  /** Summed requests of its containers (same unit), or the name of the first container without one. */
  request: number | { missingIn: string };
}

/** A metric's proposal: replicas, utilisation (integer percent of request) and average usage per pod. */
export interface ResourceProposal {
  replicas: number;
  utilization: number;
  averageValue: number;
}

/** metricsclient.GetResourceUtilizationRatio: integer percent, as the real one truncates it. */
function utilizationRatio(usage: Map<string, number>, requests: Map<string, number>, target: number) {
  let used = 0,
    requested = 0,
    n = 0;
  for (const [name, u] of usage) {
    const r = requests.get(name);
    if (r === undefined) continue;
    used += u;
    requested += r;
    n++;
  }
  if (!requested) throw new Error("no metrics returned matched known pods");
  const utilization = Math.trunc((used * 100) / requested);
  return { ratio: utilization / target, utilization, averageValue: used / n };
}

/**
 * Replicas for one Resource metric with a Utilization target (`target`, percent), from the target's pods
 * and its current `spec.replicas`. Deleting and failed pods are ignored; pending and (for cpu) unready
 * pods count as using nothing when that would damp a scale-up; ready pods without metrics count as using
 * their request (at least the target) on a scale-down and nothing on a scale-up. Within the tolerance, or
 * when those assumptions flip the direction, the answer is `current`.
 * Throws, with the real controller's messages, when a pod lacks a request or no pod has metrics.
 */
export function resourceReplicas(resource: string, current: number, target: number, pods: PodSample[], tolerance = TOLERANCE): ResourceProposal {
  if (!pods.length) throw new Error("no pods returned by selector while calculating replica count");
  const requests = new Map<string, number>();
  for (const p of pods) {
    if (typeof p.request !== "number") throw new Error(`missing request for ${resource} in container ${p.request.missingIn} of Pod ${p.name}`);
    requests.set(p.name, p.request);
  }
  const usage = new Map<string, number>();
  const unready: string[] = [],
    missing: string[] = [];
  let ignored = 0;
  for (const p of pods) {
    if (p.deleting || p.phase === "Failed") ignored++;
    else if (p.phase === "Pending") unready.push(p.name);
    else if (p.usage === undefined) missing.push(p.name);
    else if (resource === "cpu" && !p.ready) unready.push(p.name);
    else usage.set(p.name, p.usage);
  }
  const readyCount = pods.length - unready.length - ignored;
  if (!usage.size) throw new Error("did not receive metrics for targeted pods (pods might be unready)");
  const { ratio, utilization, averageValue } = utilizationRatio(usage, requests, target);
  const keep = { replicas: current, utilization, averageValue };
  const scaleUpWithUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && !missing.length) {
    if (Math.abs(1 - ratio) <= tolerance) return keep;
    return { ...keep, replicas: Math.ceil(ratio * readyCount) };
  }
  if (ratio < 1) for (const n of missing) usage.set(n, (requests.get(n)! * Math.max(100, target)) / 100);
  else if (ratio > 1) for (const n of missing) usage.set(n, 0);
  if (scaleUpWithUnready) for (const n of unready) usage.set(n, 0);
  const next = utilizationRatio(usage, requests, target).ratio;
  if (Math.abs(1 - next) <= tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return keep;
  const replicas = Math.ceil(next * usage.size);
  if ((next < 1 && replicas > current) || (next > 1 && replicas < current)) return keep;
  return { ...keep, replicas };
}

/** autoscaling/v2 HPAScalingPolicy. */
export interface ScalingPolicy {
  type: "Pods" | "Percent";
  value: number;
  periodSeconds: number;
}
/** autoscaling/v2 HPAScalingRules with every default filled in. */
export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: "Max" | "Min" | "Disabled";
  policies: ScalingPolicy[];
}

/** The API's defaults (GenerateHPAScaleUpRules): no window; add max(4 pods, 100 %) per 15 s. */
export const DEFAULT_SCALE_UP: ScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};
/** The API's defaults (GenerateHPAScaleDownRules): 300 s window; remove up to 100 % per 15 s. */
export const DEFAULT_SCALE_DOWN: ScalingRules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: "Max",
  policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
};

/** `spec.behavior.scaleUp`/`scaleDown` as given (any field may be missing) with the defaults filled in. */
export function withDefaults(given: Partial<ScalingRules> | undefined, defaults: ScalingRules): ScalingRules {
  return {
    stabilizationWindowSeconds: given?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: given?.selectPolicy ?? defaults.selectPolicy,
    policies: given?.policies?.length ? given.policies : defaults.policies,
  };
}

/** An unstabilised recommendation, kept per HPA for the windows. */
export interface Recommendation {
  at: number;
  replicas: number;
}

/** Outcome of a step, with the condition reason and message the real controller writes for it. */
export interface Step {
  replicas: number;
  reason: string;
  message: string;
}

/**
 * Stabilisation: the recommendation is held between the lowest of the last `scaleUp` window's
 * recommendations (with `desired`) and the highest of the last `scaleDown` window's, starting from
 * `current`. Returns the stabilised count and the history to keep (with `desired` recorded at `now`).
 */
export function stabilize(
  history: Recommendation[],
  now: number,
  current: number,
  desired: number,
  upWindowS: number,
  downWindowS: number,
): Step & { history: Recommendation[] } {
  const upCutoff = now - upWindowS * 1000,
    downCutoff = now - downWindowS * 1000;
  let up = desired,
    down = desired;
  for (const r of history) {
    if (r.at > upCutoff) up = Math.min(up, r.replicas);
    if (r.at > downCutoff) down = Math.max(down, r.replicas);
  }
  const replicas = Math.min(Math.max(current, up), down);
  const kept = history.filter((r) => r.at > Math.min(upCutoff, downCutoff));
  kept.push({ at: now, replicas: desired });
  return desired >= current
    ? {
        replicas,
        history: kept,
        reason: "ScaleUpStabilized",
        message: "recent recommendations were lower than current one, applying the lowest recent recommendation",
      }
    : {
        replicas,
        history: kept,
        reason: "ScaleDownStabilized",
        message: "recent recommendations were higher than current one, applying the highest recent recommendation",
      };
}

/** A rescale the controller made: `change` replicas added (scale-up list) or removed (scale-down list). */
export interface ScaleEvent {
  at: number;
  change: number;
}

/** getReplicasChangePerPeriod: replicas changed within the last `periodSeconds`. */
function changedWithin(periodSeconds: number, events: ScaleEvent[], now: number) {
  return events.filter((e) => e.at + periodSeconds * 1000 > now).reduce((a, e) => a + e.change, 0);
}

/** calculateScaleUpLimitWithScalingRules: the most replicas the policies allow now. */
export function scaleUpLimit(current: number, ups: ScaleEvent[], downs: ScaleEvent[], rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  const pick = rules.selectPolicy === "Min" ? Math.min : Math.max;
  let result = rules.selectPolicy === "Min" ? Infinity : -Infinity;
  for (const p of rules.policies) {
    const start = current - changedWithin(p.periodSeconds, ups, now) + changedWithin(p.periodSeconds, downs, now);
    result = pick(result, p.type === "Pods" ? start + p.value : Math.ceil(start * (1 + p.value / 100)));
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors: the fewest replicas the policies allow now. */
export function scaleDownLimit(current: number, ups: ScaleEvent[], downs: ScaleEvent[], rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  const pick = rules.selectPolicy === "Min" ? Math.max : Math.min;
  let result = rules.selectPolicy === "Min" ? -Infinity : Infinity;
  for (const p of rules.policies) {
    const start = current - changedWithin(p.periodSeconds, ups, now) + changedWithin(p.periodSeconds, downs, now);
    result = pick(result, p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100)));
  }
  return result;
}

/** What limitRate needs: the counts, the bounds, the rules and the rescales made so far. */
export interface RateArgs {
  current: number;
  desired: number;
  min: number;
  max: number;
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
  ups: ScaleEvent[];
  downs: ScaleEvent[];
  now: number;
}

/**
 * convertDesiredReplicasWithBehaviorRate: clamps `desired` to [min, max] and to what the scaling
 * policies allow now; the reason says which bound held (the ScalingLimited condition's).
 */
export function limitRate(a: RateArgs): Step {
  if (a.desired > a.current) {
    const limit = Math.max(scaleUpLimit(a.current, a.ups, a.downs, a.scaleUp, a.now), a.current);
    const [bound, reason, message] =
      a.max > limit
        ? [limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"]
        : [a.max, "TooManyReplicas", "the desired replica count is more than the maximum replica count"];
    if (a.desired > bound) return { replicas: bound, reason, message };
  } else if (a.desired < a.current) {
    const limit = Math.min(scaleDownLimit(a.current, a.ups, a.downs, a.scaleDown, a.now), a.current);
    const [bound, reason, message] =
      a.min < limit
        ? [limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"]
        : [a.min, "TooFewReplicas", "the desired replica count is less than the minimum replica count"];
    if (a.desired < bound) return { replicas: bound, reason, message };
  }
  return { replicas: a.desired, reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" };
}

/** With several metrics the controller follows the largest proposal (and names that metric). */
export function largestProposal<T extends { replicas: number }>(proposals: T[]): T | undefined {
  return proposals.reduce<T | undefined>((best, p) => (!best || p.replicas > best.replicas ? p : best), undefined);
}
