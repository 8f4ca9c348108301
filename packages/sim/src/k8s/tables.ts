// Server-side printing (Accept: ...;as=Table) so `kubectl get` shows the familiar columns.
import type {
  DaemonSet,
  Deployment,
  Endpoints,
  Event,
  HorizontalPodAutoscaler,
  Job,
  KubeObject,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  ResourceQuota,
  Service,
} from "./objects.js";
const col = (name: string, type = "string", priority = 0, format = "") => ({ name, type, format, description: name, priority });

export function age(ts?: string): string {
  if (!ts) return "<unknown>";
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ""}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** The STATUS column of `kubectl get pods` (kubectl printers.go printPod, simplified). */
export function podStatus(p: Pod): string {
  if (p.metadata.deletionTimestamp) return "Terminating";
  for (const cs of p.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason && cs.state.waiting.reason !== "ContainerCreating") return cs.state.waiting.reason;
    if (cs.state?.terminated?.reason && p.status!.phase !== "Succeeded" && p.status!.phase !== "Failed") return cs.state.terminated.reason;
  }
  if (p.status?.phase === "Pending" && p.spec?.nodeName) return "ContainerCreating";
  if (p.status?.phase === "Succeeded") return "Completed";
  if (p.status?.phase === "Failed") return p.status?.reason ?? "Error";
  return p.status?.phase ?? "Pending";
}

const nodeReady = (n: Node) => {
  const c = (n.status?.conditions ?? []).find((x) => x.type === "Ready");
  let s = c?.status === "True" ? "Ready" : c ? "NotReady" : "Unknown";
  if (n.spec?.unschedulable) s += ",SchedulingDisabled";
  return s;
};

/**
 * Columns and row cells for one kind. `row` is a method so that each kind's printer may take its own
 * object type (method parameters are bivariant): the table below is looked up by the objects' kind.
 */
interface Printer {
  cols: ReturnType<typeof col>[];
  row(o: KubeObject): unknown[];
}
const P: Record<string, Printer> = {
  Pod: {
    cols: [
      col("Name", "string", 0, "name"),
      col("Ready"),
      col("Status"),
      col("Restarts", "string"),
      col("Age"),
      col("IP", "string", 1),
      col("Node", "string", 1),
      col("Nominated Node", "string", 1),
      col("Readiness Gates", "string", 1),
    ],
    row: (p: Pod) => {
      const cs = p.status?.containerStatuses ?? [];
      return [
        p.metadata.name,
        `${cs.filter((c) => c.ready).length}/${p.spec?.containers?.length ?? 0}`,
        podStatus(p),
        String(cs.reduce((a: number, c) => a + (c.restartCount ?? 0), 0)),
        age(p.metadata.creationTimestamp),
        p.status?.podIP ?? "<none>",
        p.spec?.nodeName ?? "<none>",
        "<none>",
        "<none>",
      ];
    },
  },
  Node: {
    cols: [
      col("Name", "string", 0, "name"),
      col("Status"),
      col("Roles"),
      col("Age"),
      col("Version"),
      col("Internal-IP", "string", 1),
      col("External-IP", "string", 1),
      col("OS-Image", "string", 1),
      col("Kernel-Version", "string", 1),
      col("Container-Runtime", "string", 1),
    ],
    row: (n: Node) => [
      n.metadata.name,
      nodeReady(n),
      Object.keys(n.metadata.labels ?? {})
        .filter((k) => k.startsWith("node-role.kubernetes.io/"))
        .map((k) => k.split("/")[1])
        .join(",") || "<none>",
      age(n.metadata.creationTimestamp),
      n.status?.nodeInfo?.kubeletVersion ?? "",
      n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "<none>",
      "<none>",
      n.status?.nodeInfo?.osImage ?? "",
      n.status?.nodeInfo?.kernelVersion ?? "",
      n.status?.nodeInfo?.containerRuntimeVersion ?? "",
    ],
  },
  Deployment: {
    cols: [
      col("Name", "string", 0, "name"),
      col("Ready"),
      col("Up-to-date", "integer"),
      col("Available", "integer"),
      col("Age"),
      col("Containers", "string", 1),
      col("Images", "string", 1),
      col("Selector", "string", 1),
    ],
    row: (d: Deployment) => [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata.creationTimestamp),
      d.spec?.template?.spec?.containers?.map((c) => c.name).join(","),
      d.spec?.template?.spec?.containers?.map((c) => c.image).join(","),
      Object.entries(d.spec?.selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
    ],
  },
  DaemonSet: {
    cols: [
      col("Name", "string", 0, "name"),
      col("Desired", "integer"),
      col("Current", "integer"),
      col("Ready", "integer"),
      col("Up-to-date", "integer"),
      col("Available", "integer"),
      col("Node Selector"),
      col("Age"),
    ],
    row: (d: DaemonSet) => [
      d.metadata.name,
      d.status?.desiredNumberScheduled ?? 0,
      d.status?.currentNumberScheduled ?? 0,
      d.status?.numberReady ?? 0,
      d.status?.updatedNumberScheduled ?? 0,
      d.status?.numberAvailable ?? 0,
      Object.entries(d.spec?.template?.spec?.nodeSelector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(",") || "<none>",
      age(d.metadata.creationTimestamp),
    ],
  },
  ReplicaSet: {
    cols: [col("Name", "string", 0, "name"), col("Desired", "integer"), col("Current", "integer"), col("Ready", "integer"), col("Age")],
    row: (r: ReplicaSet) => [r.metadata.name, r.spec?.replicas ?? 0, r.status?.replicas ?? 0, r.status?.readyReplicas ?? 0, age(r.metadata.creationTimestamp)],
  },
  Service: {
    cols: [col("Name", "string", 0, "name"), col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), col("Age"), col("Selector", "string", 1)],
    row: (s: Service) => [
      s.metadata.name,
      s.spec?.type,
      s.spec?.clusterIP ?? "<none>",
      s.status?.loadBalancer?.ingress?.[0]?.ip ?? "<none>",
      (s.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? ":" + p.nodePort : ""}/${p.protocol ?? "TCP"}`).join(",") || "<none>",
      age(s.metadata.creationTimestamp),
      Object.entries(s.spec?.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(",") || "<none>",
    ],
  },
  Namespace: {
    cols: [col("Name", "string", 0, "name"), col("Status"), col("Age")],
    row: (n: Namespace) => [n.metadata.name, n.status?.phase ?? "Active", age(n.metadata.creationTimestamp)],
  },
  Job: {
    cols: [col("Name", "string", 0, "name"), col("Status"), col("Completions"), col("Duration"), col("Age")],
    row: (j: Job) => [
      j.metadata.name,
      j.status?.succeeded !== undefined && j.status.succeeded >= (j.spec?.completions ?? 1)
        ? "Complete"
        : j.status?.failed !== undefined && j.status.failed > (j.spec?.backoffLimit ?? 6)
          ? "Failed"
          : "Running",
      `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`,
      j.status?.startTime ? age(j.status.startTime) : "",
      age(j.metadata.creationTimestamp),
    ],
  },
  Event: {
    cols: [col("Last Seen"), col("Type"), col("Reason"), col("Object"), col("Message")],
    row: (e: Event) => [
      age(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp),
      e.type,
      e.reason,
      `${(e.involvedObject?.kind ?? "").toLowerCase()}/${e.involvedObject?.name}`,
      e.message,
    ],
  },
  Endpoints: {
    cols: [col("Name", "string", 0, "name"), col("Endpoints"), col("Age")],
    row: (e: Endpoints) => [
      e.metadata.name,
      (e.subsets ?? [])
        .flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? [{ port: undefined }]).map((p) => `${a.ip}${p.port ? ":" + p.port : ""}`)))
        .slice(0, 3)
        .join(",") || "<none>",
      age(e.metadata.creationTimestamp),
    ],
  },
  HorizontalPodAutoscaler: {
    cols: [
      col("Name", "string", 0, "name"),
      col("Reference"),
      col("Targets"),
      col("MinPods", "string"),
      col("MaxPods", "integer"),
      col("Replicas", "integer"),
      col("Age"),
    ],
    row: (h: HorizontalPodAutoscaler) => [
      h.metadata.name,
      `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`,
      hpaTargets(h),
      h.spec.minReplicas === undefined ? "<unset>" : String(h.spec.minReplicas),
      h.spec.maxReplicas,
      h.status?.currentReplicas ?? 0,
      age(h.metadata.creationTimestamp),
    ],
  },
  ResourceQuota: {
    cols: [col("Name", "string", 0, "name"), col("Age"), col("Request"), col("Limit")],
    row: (q: ResourceQuota) => {
      const f = (pfx: boolean) =>
        Object.entries(q.status?.hard ?? {})
          .filter(([k]) => k.startsWith("limits.") === pfx)
          .map(([k, v]) => `${k}: ${q.status?.used?.[k] ?? 0}/${v}`)
          .join(", ");
      return [q.metadata.name, age(q.metadata.creationTimestamp), f(false), f(true)];
    },
  },
};
/**
 * The TARGETS cell of `kubectl get hpa` (printers.go formatHPAMetrics, Kubernetes ≥ 1.30): per metric
 * "cpu: 60%/50%", "<unknown>" before the first measurement.
 */
function hpaTargets(h: HorizontalPodAutoscaler): string {
  const cells = (h.spec.metrics ?? []).map((m, i) => {
    if (m.type !== "Resource" || !m.resource) return `<${m.type}>`;
    const cur = h.status?.currentMetrics?.[i]?.resource?.current;
    const t = m.resource.target;
    const want = t.type === "Utilization" ? `${t.averageUtilization}%` : String(t.averageValue ?? t.value ?? "<unset>");
    const got =
      t.type === "Utilization"
        ? cur?.averageUtilization !== undefined
          ? `${cur.averageUtilization}%`
          : "<unknown>"
        : String(cur?.averageValue ?? "<unknown>");
    return `${m.resource.name}: ${got}/${want}`;
  });
  return cells.join(", ") || "<none>";
}

const DEFAULT: Printer = { cols: [col("Name", "string", 0, "name"), col("Age")], row: (o) => [o.metadata.name, age(o.metadata.creationTimestamp)] };

/** A meta.k8s.io/v1 Table of `items` (all of `kind`); `meta` is the list metadata (resourceVersion, continue). */
export function toTable(kind: string, items: KubeObject[], meta: { resourceVersion?: string; continue?: string }, includeObject = "Metadata", headers = true) {
  const p = P[kind] ?? DEFAULT;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: meta,
    columnDefinitions: headers ? p.cols : null,
    rows: items.map((o) => ({
      cells: p.row(o),
      object:
        includeObject === "None"
          ? undefined
          : includeObject === "Object"
            ? o
            : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    })),
  };
}
