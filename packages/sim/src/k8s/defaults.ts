// Defaulting done by the real API server that clients (kubectl describe, rollout status) rely on.
import { type AdmissionCtx } from "./store.js";
import type { PodSpec } from "./objects.js";
import { DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP, withDefaults } from "../controllers/hpa-algorithm.js";

// the client's object before validation: defaulting only fills unset fields, validation follows
function podSpecDefaults(s: PodSpec | undefined) {
  if (!s) return;
  s.restartPolicy ??= "Always";
  s.dnsPolicy ??= "ClusterFirst";
  s.schedulerName ??= "default-scheduler";
  s.terminationGracePeriodSeconds ??= 30;
  s.securityContext ??= {};
  s.serviceAccountName ??= s.serviceAccount ?? "default";
  s.enableServiceLinks ??= true;
  s.preemptionPolicy ??= "PreemptLowerPriority";
  s.priority ??= 0;
  for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) {
    const tag = String(c.image ?? "")
      .split("/")
      .pop()!;
    c.imagePullPolicy ??= !tag.includes(":") || tag.endsWith(":latest") ? "Always" : "IfNotPresent";
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    c.resources ??= {};
    // limits without requests imply requests == limits
    if (c.resources.limits) c.resources.requests = { ...c.resources.limits, ...c.resources.requests };
    for (const p of c.ports ?? []) p.protocol ??= "TCP";
  }
}

let ipCounter = 10;
export function defaults(ctx: AdmissionCtx) {
  const o = ctx.obj;
  if (ctx.subresource === "status" || ctx.op === "delete") return;
  switch (ctx.def.kind) {
    case "Namespace":
      o.spec ??= { finalizers: ["kubernetes"] };
      o.status ??= { phase: "Active" };
      o.metadata.labels = { ...o.metadata.labels, "kubernetes.io/metadata.name": o.metadata.name };
      break;
    case "Pod":
      podSpecDefaults(o.spec);
      if (ctx.op === "create") o.status = { phase: "Pending", qosClass: qos(o.spec) };
      break;
    case "Deployment":
      o.spec ??= {};
      o.spec.replicas ??= 1;
      o.spec.revisionHistoryLimit ??= 10;
      o.spec.progressDeadlineSeconds ??= 600;
      o.spec.strategy ??= { type: "RollingUpdate" };
      if (o.spec.strategy.type === "RollingUpdate")
        o.spec.strategy.rollingUpdate = { maxSurge: "25%", maxUnavailable: "25%", ...o.spec.strategy.rollingUpdate };
      podSpecDefaults(o.spec.template?.spec);
      break;
    case "DaemonSet":
      o.spec ??= {};
      o.spec.revisionHistoryLimit ??= 10;
      o.spec.updateStrategy ??= { type: "RollingUpdate" };
      if (o.spec.updateStrategy.type === "RollingUpdate")
        o.spec.updateStrategy.rollingUpdate = { maxUnavailable: 1, maxSurge: 0, ...o.spec.updateStrategy.rollingUpdate };
      podSpecDefaults(o.spec.template?.spec);
      break;
    case "ReplicaSet":
      o.spec ??= {};
      o.spec.replicas ??= 1;
      podSpecDefaults(o.spec.template?.spec);
      break;
    case "Job": {
      o.spec ??= {};
      o.spec.completions ??= 1;
      o.spec.parallelism ??= 1;
      o.spec.backoffLimit ??= 6;
      o.spec.completionMode ??= "NonIndexed";
      o.spec.suspend ??= false;
      if (ctx.op === "create" && !o.spec.manualSelector && o.spec.template) {
        const uid = o.metadata.uid ?? (o.metadata.uid = crypto.randomUUID());
        const l = {
          "batch.kubernetes.io/controller-uid": uid,
          "batch.kubernetes.io/job-name": o.metadata.name,
          "controller-uid": uid,
          "job-name": o.metadata.name,
        };
        o.spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
        o.spec.template.metadata = { ...o.spec.template.metadata, labels: { ...o.spec.template.metadata?.labels, ...l } };
      }
      podSpecDefaults(o.spec.template?.spec);
      break;
    }
    case "Service":
      o.spec ??= {};
      o.spec.type ??= "ClusterIP";
      o.spec.sessionAffinity ??= "None";
      if (ctx.op === "create" && !o.spec.clusterIP) {
        const n = ipCounter++;
        o.spec.clusterIP = `10.96.${(n >> 8) & 255}.${n & 255}`;
      }
      if (o.spec.clusterIP && o.spec.clusterIP !== "None") o.spec.clusterIPs ??= [o.spec.clusterIP];
      o.spec.ipFamilies ??= ["IPv4"];
      o.spec.ipFamilyPolicy ??= "SingleStack";
      o.spec.internalTrafficPolicy ??= "Cluster";
      for (const p of o.spec.ports ?? []) {
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
      o.status ??= { loadBalancer: {} };
      break;
    case "HorizontalPodAutoscaler":
      // autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: min 1, cpu at 80 %, a given behavior completed
      o.spec ??= {};
      o.spec.minReplicas ??= 1;
      if (!o.spec.metrics?.length) o.spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
      if (o.spec.behavior)
        o.spec.behavior = {
          scaleUp: withDefaults(o.spec.behavior.scaleUp, DEFAULT_SCALE_UP),
          scaleDown: withDefaults(o.spec.behavior.scaleDown, DEFAULT_SCALE_DOWN),
        };
      break;
    case "Secret":
      o.type ??= "Opaque";
      if (o.stringData) {
        o.data = { ...o.data };
        for (const [k, v] of Object.entries(o.stringData)) o.data[k] = Buffer.from(String(v)).toString("base64");
        delete o.stringData;
      }
      break;
    case "Node":
      if (ctx.op === "create") o.status ??= {};
      break;
  }
}

function qos(spec: PodSpec | undefined): string {
  const cs = spec?.containers ?? [];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return "BestEffort";
  const guaranteed = cs.every((c) => ["cpu", "memory"].every((r) => c.resources?.limits?.[r] && c.resources.limits[r] === c.resources.requests?.[r]));
  return guaranteed ? "Guaranteed" : "Burstable";
}
