// HorizontalPodAutoscaler controller (autoscaling/v2), as kube-controller-manager's podautoscaler runs it:
// every `timings.hpaSyncMs` (its --horizontal-pod-autoscaler-sync-period, 15 s) and when an HPA's spec
// changes, each HPA reads its target's scale and the usage of the target's pods (the load model behind
// metrics.k8s.io), computes a replica count per metric (hpa-algorithm.ts), follows the largest, holds it
// in the stabilisation windows and scaling policies of `spec.behavior`, writes the target's
// `spec.replicas` and the HPA's status, and records the real controller's Events.
// Supported: Resource metrics (cpu, memory) with a Utilization target, on Deployments and ReplicaSets;
// other metric types are invalid metrics here (no custom or external metrics API in the simulator).
import type { Cluster } from "../cluster.js";
import type { Deployment, HorizontalPodAutoscaler, Pod, ReplicaSet } from "../k8s/objects.js";
import { fromLabelSelector } from "../k8s/selectors.js";
import { parseQuantity } from "../k8s/quantity.js";
import { WINDOW_MS } from "../metrics/load-model.js";
import { isReady, nowIso, recordEvent } from "./util.js";
import {
  DEFAULT_SCALE_DOWN,
  DEFAULT_SCALE_UP,
  type PodSample,
  type Recommendation,
  type ResourceProposal,
  type ScaleEvent,
  type ScalingRules,
  largestProposal,
  limitRate,
  resourceReplicas,
  stabilize,
  withDefaults,
} from "./hpa-algorithm.js";

const KEY = "autoscaling/horizontalpodautoscalers";
const COMPONENT = "horizontal-pod-autoscaler";
type Hpa = HorizontalPodAutoscaler;
type HpaStatus = NonNullable<Hpa["status"]>;
type Condition = NonNullable<HpaStatus["conditions"]>[number];
type MetricStatus = NonNullable<HpaStatus["currentMetrics"]>[number];
/** The scalable kinds the simulator serves, by scaleTargetRef kind: store key and the error's resource. */
const TARGETS: Record<string, { key: string; resource: string }> = {
  Deployment: { key: "apps/deployments", resource: "deployments.apps" },
  ReplicaSet: { key: "apps/replicasets", resource: "replicasets.apps" },
};

/** What the controller remembers per HPA between syncs (the real one keeps these in memory too). */
interface Memory {
  recommendations: Recommendation[];
  ups: ScaleEvent[];
  downs: ScaleEvent[];
}

/** Installs the controller: a periodic sync of every HPA, and a sync of one whose spec changed. */
export function installHpa(c: Cluster) {
  const memory = new Map<string, Memory>();
  let last = 0;
  c.loop.periodic.push((now) => {
    if (now - last < c.timings.hpaSyncMs) return;
    last = now;
    for (const e of c.store.list(KEY)) syncHpa(c, memory, e.obj as Hpa);
  });
  c.store.listeners.push((ev) => {
    if (ev.key !== KEY) return;
    const { namespace, name } = ev.obj.metadata;
    if (ev.type === "DELETED") memory.delete(`${namespace}/${name}`);
    else if (ev.old?.metadata.generation !== ev.obj.metadata.generation)
      c.loop.coalesce(`hpa:${namespace}/${name}`, () => {
        const hpa: Hpa | undefined = c.store.get(KEY, namespace!, name);
        if (hpa) syncHpa(c, memory, hpa);
      });
  });
}

/** "cpu resource utilization (percentage of request)": the metric's name in conditions and events. */
const metricName = (resource: string) => `${resource} resource utilization (percentage of request)`;

/** A Quantity in resource.Quantity's DecimalSI canonical form (an integer: "250m" is formatted by the caller). */
function decimalSI(v: number): string {
  let n = Math.round(v);
  for (const s of ["", "k", "M", "G", "T"]) {
    if (n === 0 || n % 1000 !== 0 || s === "T") return `${n}${s}`;
    n /= 1000;
  }
  return String(n);
}

/** The target's pods as the replica calculator sees them, for `resource` (millicores for cpu, bytes else). */
function samples(c: Cluster, pods: Pod[], resource: string): PodSample[] {
  const window = Math.floor(Date.now() / WINDOW_MS);
  const unit = resource === "cpu" ? 1000 : 1;
  return pods.map((p) => {
    const missing = p.spec.containers.find((ctr) => ctr.resources?.requests?.[resource] === undefined);
    const request = missing
      ? { missingIn: missing.name }
      : p.spec.containers.reduce((a, ctr) => a + Math.round(parseQuantity(ctr.resources!.requests![resource]) * unit), 0);
    // metrics.k8s.io has figures for running pods on live nodes only (k8s/metrics.ts)
    const measured = p.status?.phase === "Running" && !!p.spec.nodeName && !c.deadNodes.has(p.spec.nodeName);
    const usage = measured ? c.load.podUsage(p, window).reduce((a, u) => a + Math.round((resource === "cpu" ? u.cpu : u.memory) * unit), 0) : undefined;
    return { name: p.metadata.name, phase: p.status?.phase ?? "Pending", ready: isReady(p), deleting: !!p.metadata.deletionTimestamp, usage, request };
  });
}

/** Sets one condition, keeping its lastTransitionTime while its status stays (setCondition in horizontal.go). */
function setCondition(conds: Condition[], type: string, status: "True" | "False", reason: string, message: string) {
  const i = conds.findIndex((x) => x.type === type);
  const prior = conds[i];
  const next = { type, status, reason, message, lastTransitionTime: prior?.status === status ? prior.lastTransitionTime : nowIso() };
  if (i < 0) conds.push(next);
  else conds[i] = next;
}

/** One reconcile of one HPA (reconcileAutoscaler in horizontal.go). */
function syncHpa(c: Cluster, memory: Map<string, Memory>, hpa: Hpa) {
  const ns = hpa.metadata.namespace!;
  const key = `${ns}/${hpa.metadata.name}`;
  const now = Date.now();
  const conds: Condition[] = [...(hpa.status?.conditions ?? [])];
  const writeStatus = (s: Omit<HpaStatus, "conditions" | "observedGeneration">) => {
    const order = ["AbleToScale", "ScalingActive", "ScalingLimited"];
    conds.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    const status: HpaStatus = { observedGeneration: hpa.metadata.generation, ...s, conditions: conds };
    if (JSON.stringify(status) === JSON.stringify(hpa.status)) return;
    c.store.mutate(
      KEY,
      ns,
      hpa.metadata.name,
      (h: Hpa) => {
        h.status = status;
      },
      { subresource: "status" },
    );
  };
  const ref = hpa.spec.scaleTargetRef;
  const kind = TARGETS[ref.kind];
  const target: Deployment | ReplicaSet | undefined = kind && c.store.get(kind.key, ns, ref.name);
  if (!target) {
    const err = kind ? `${kind.resource} "${ref.name}" not found` : `no matches for kind "${ref.kind}" in group "${ref.apiVersion?.split("/")[0] ?? ""}"`;
    recordEvent(c, hpa, "Warning", "FailedGetScale", err, COMPONENT);
    setCondition(conds, "AbleToScale", "False", "FailedGetScale", `the HPA controller was unable to get the target's current scale: ${err}`);
    writeStatus({ ...hpa.status, desiredReplicas: hpa.status?.desiredReplicas ?? 0 });
    return;
  }
  setCondition(conds, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale");
  const specReplicas = target.spec.replicas ?? 1;
  const statusReplicas = target.status?.replicas ?? 0;
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  const mem = memory.get(key) ?? { recommendations: [{ at: now, replicas: specReplicas }], ups: [], downs: [] };
  memory.set(key, mem);

  let desired = 0;
  let rescaleReason = "";
  let currentMetrics: MetricStatus[] | undefined = hpa.status?.currentMetrics;
  if (specReplicas === 0 && min !== 0) {
    setCondition(conds, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero");
  } else if (specReplicas > max) {
    desired = max;
    rescaleReason = "Current number of replicas above Spec.MaxReplicas";
  } else if (specReplicas < min) {
    desired = min;
    rescaleReason = "Current number of replicas below Spec.MinReplicas";
  } else {
    const pods = c.store
      .list("pods", ns, fromLabelSelector(target.spec.selector))
      .map((e) => e.obj as Pod)
      .filter((p) => p.status?.phase !== "Succeeded");
    const computed = computeReplicas(c, hpa, pods, specReplicas, conds);
    currentMetrics = computed.statuses;
    if (computed.error) {
      recordEvent(c, hpa, "Warning", "FailedComputeMetricsReplicas", computed.error, COMPONENT);
      writeStatus({ ...hpa.status, currentReplicas: statusReplicas, desiredReplicas: hpa.status?.desiredReplicas ?? 0, currentMetrics });
      return;
    }
    const proposal = computed.replicas;
    if (proposal > specReplicas) rescaleReason = `${computed.metric} above target`;
    else if (proposal < specReplicas) rescaleReason = "All metrics below target";
    desired = normalize(hpa, mem, now, specReplicas, proposal, min, conds);
  }

  const rescale = desired !== specReplicas;
  let lastScaleTime = hpa.status?.lastScaleTime;
  if (rescale) {
    c.store.mutate(kind.key, ns, ref.name, (t: Deployment) => {
      t.spec.replicas = desired;
    });
    setCondition(conds, "AbleToScale", "True", "SucceededRescale", `the HPA controller was able to update the target scale to ${desired}`);
    recordEvent(c, hpa, "Normal", "SuccessfulRescale", `New size: ${desired}; reason: ${rescaleReason}`, COMPONENT);
    if (desired > specReplicas) mem.ups.push({ at: now, change: desired - specReplicas });
    else mem.downs.push({ at: now, change: specReplicas - desired });
    lastScaleTime = nowIso();
  }
  const longest = Math.max(...[...behavior(hpa).scaleUp.policies, ...behavior(hpa).scaleDown.policies].map((p) => p.periodSeconds)) * 1000;
  mem.ups = mem.ups.filter((e) => e.at + longest > now);
  mem.downs = mem.downs.filter((e) => e.at + longest > now);
  writeStatus({ ...(lastScaleTime ? { lastScaleTime } : {}), currentReplicas: statusReplicas, desiredReplicas: desired, currentMetrics });
}

/** spec.behavior with the API's defaults filled in (GenerateHPAScaleUpRules / GenerateHPAScaleDownRules). */
function behavior(hpa: Hpa): { scaleUp: ScalingRules; scaleDown: ScalingRules } {
  const b = hpa.spec.behavior as { scaleUp?: Partial<ScalingRules>; scaleDown?: Partial<ScalingRules> } | undefined;
  return { scaleUp: withDefaults(b?.scaleUp, DEFAULT_SCALE_UP), scaleDown: withDefaults(b?.scaleDown, DEFAULT_SCALE_DOWN) };
}

/**
 * computeReplicasForMetrics: a proposal per metric (the default is cpu at 80 %), the largest wins. An
 * invalid metric records FailedGetResourceMetric and sets ScalingActive False; with every metric invalid
 * the result is `error` (the FailedComputeMetricsReplicas message); with some invalid, no scale-down.
 */
function computeReplicas(
  c: Cluster,
  hpa: Hpa,
  pods: Pod[],
  current: number,
  conds: Condition[],
): { replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
  const metrics = hpa.spec.metrics?.length
    ? hpa.spec.metrics
    : [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
  const proposals: (ResourceProposal & { metric: string })[] = [];
  const statuses: MetricStatus[] = [];
  let firstError = "";
  let invalid = 0;
  for (const m of metrics) {
    const resource = m.resource?.name ?? "";
    const target = m.resource?.target;
    try {
      if (m.type !== "Resource" || target?.type !== "Utilization" || target.averageUtilization === undefined)
        throw new Error(`the simulator supports Resource metrics with a Utilization target only, not ${m.type}${target ? `/${target.type}` : ""}`);
      const p = resourceReplicas(resource, current, target.averageUtilization, samples(c, pods, resource));
      proposals.push({ ...p, metric: metricName(resource) });
      statuses.push({
        type: "Resource",
        resource: {
          name: resource,
          current: { averageUtilization: p.utilization, averageValue: resource === "cpu" ? `${Math.round(p.averageValue)}m` : decimalSI(p.averageValue) },
        },
      });
    } catch (e) {
      const err = `failed to get ${resource} utilization: ${(e as Error).message}`;
      invalid++;
      firstError ||= err;
      recordEvent(c, hpa, "Warning", "FailedGetResourceMetric", err, COMPONENT);
      setCondition(conds, "ScalingActive", "False", "FailedGetResourceMetric", `the HPA was unable to compute the replica count: ${err}`);
      statuses.push({ type: "" });
    }
  }
  if (invalid === metrics.length)
    return { replicas: 0, metric: "", statuses, error: `invalid metrics (${invalid} invalid out of ${metrics.length}), first error is: ${firstError}` };
  const best = largestProposal(proposals)!;
  if (!invalid)
    setCondition(conds, "ScalingActive", "True", "ValidMetricFound", `the HPA was able to successfully calculate a replica count from ${best.metric}`);
  return { replicas: invalid && best.replicas < current ? current : best.replicas, metric: best.metric, statuses };
}

/** normalizeDesiredReplicasWithBehaviors: stabilise, then limit to [min, max] and the policies' rate. */
function normalize(hpa: Hpa, mem: Memory, now: number, current: number, proposal: number, min: number, conds: Condition[]): number {
  const b = behavior(hpa);
  const st = stabilize(mem.recommendations, now, current, proposal, b.scaleUp.stabilizationWindowSeconds, b.scaleDown.stabilizationWindowSeconds);
  mem.recommendations = st.history;
  if (st.replicas !== proposal) setCondition(conds, "AbleToScale", "True", st.reason, st.message);
  else setCondition(conds, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size");
  const limited = limitRate({
    current,
    desired: st.replicas,
    min,
    max: hpa.spec.maxReplicas,
    scaleUp: b.scaleUp,
    scaleDown: b.scaleDown,
    ups: mem.ups,
    downs: mem.downs,
    now,
  });
  setCondition(conds, "ScalingLimited", limited.replicas === st.replicas ? "False" : "True", limited.reason, limited.message);
  return limited.replicas;
}
