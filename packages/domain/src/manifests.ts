// The Kubernetes objects Capstan wants in a cluster, as plain data. Reconcilers apply them with
// server-side apply; tests validate them against the official schemas.
import { type Autoscaling, autoscalerManifest } from "./autoscaling";
import { formatCpu, formatMemory } from "./quantity";
import { type DeploymentStrategy, MAX_SURGE } from "./rollout-strategy";

export const LABEL = {
  managedBy: "app.kubernetes.io/managed-by",
  system: "capstan.io/system",
  application: "capstan.io/application",
  group: "capstan.io/group",
} as const;
export const MANAGED = { [LABEL.managedBy]: "capstan" } as const;
/** Nodes in dedicated zones (e.g. cicd) carry this taint; only groups placed there tolerate it. */
export const ZONE_TAINT = "zone";
export const ZONE_LABEL = "zone";
export const PULL_SECRET = "capstan-registry";
/** The pod-template annotation `kubectl rollout restart` sets: a new value rolls every pod. */
export const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
} & Record<string, unknown>;

/** Deployment and Service name of a group: "<application>-<group>", unique within the system's namespace. */
export const groupObjectName = (application: string, group: string) => `${application}-${group}`;

export interface SystemManifestInput {
  name: string;
  isolation: "ISOLATED" | "OPEN";
  /** The system's quota in this cluster's data centre, if one is set. */
  quota?: { cpuMillis: number; memoryMiB: number; gpu: number; instances: number } | null;
  /** The data centre's Harbor (host[:port]) and the system's pull-only robot there. */
  pull?: { registry: string; username: string; password: string };
}

export function systemManifests(s: SystemManifestInput): Manifest[] {
  const labels = { ...MANAGED, [LABEL.system]: s.name };
  const ns = s.name;
  const objects: Manifest[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels } },
    {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "capstan-defaults", namespace: ns, labels },
      spec: { limits: [{ type: "Container", default: { cpu: "1", memory: "512Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "capstan-isolation", namespace: ns, labels },
      spec:
        s.isolation === "OPEN"
          ? { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] }
          : { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] },
    },
  ];
  if (s.pull) {
    const { registry, username, password } = s.pull;
    // btoa, not Buffer: this module is also bundled for the browser. Robot names and secrets are ASCII.
    const auth = btoa(`${username}:${password}`);
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: PULL_SECRET, namespace: ns, labels },
      type: "kubernetes.io/dockerconfigjson",
      data: { ".dockerconfigjson": btoa(JSON.stringify({ auths: { [registry]: { username, password, auth } } })) },
    });
  }
  if (s.quota)
    objects.push({
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "capstan-quota", namespace: ns, labels },
      spec: {
        hard: {
          "requests.cpu": formatCpu(s.quota.cpuMillis),
          "requests.memory": formatMemory(s.quota.memoryMiB),
          "requests.nvidia.com/gpu": String(s.quota.gpu),
          pods: String(s.quota.instances),
        },
      },
    });
  return objects;
}

export interface GroupManifestInput {
  system: string;
  application: { name: string; runtime: string; port: number; protocol: string; healthCheckPath: string | null };
  group: {
    name: string;
    imageTag: string;
    /** The digest the revision pinned (`sha256:…`): the pod runs these bytes whatever the tag points at now.
     * Null or absent (unknown, or a group from before digests were pinned): the tag runs. */
    imageDigest?: string | null;
    replicas: number;
    cpuMillis: number;
    memoryMiB: number;
    gpu: number;
    cpuMode: "SHARED" | "EXCLUSIVE";
    zone: string;
    resourceLabels: string[];
    env: { name: string; value: string }[];
    healthCheck: { path: string; initialDelaySeconds: number; periodSeconds: number } | null;
    generation: number;
    revision: number;
    /** When a rolling restart was last asked for, if ever. */
    restartedAt: Date | null;
    /** Set when the group autoscales: an HPA is rendered and the Deployment leaves `replicas` to it. */
    autoscaling?: Autoscaling | null;
  };
  /** Registry host (and port) of the data centre's Harbor. */
  registry: string;
  dedicatedZones: string[];
  /** How pods are replaced (`rolloutStrategy`, from the quota's room); without one, a 25 % surge and
   * no pod unavailable, right only where the namespace has no ResourceQuota. */
  strategy?: DeploymentStrategy;
}

/** JVMs size heap and threads from the host unless told otherwise (the seed's GC lesson). */
export function jvmOptions(cpuMillis: number): string {
  const cpus = Math.max(1, Math.ceil(cpuMillis / 1000));
  return `-XX:+UseContainerSupport -XX:ActiveProcessorCount=${cpus} -XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError`;
}

/** A group's CPU limit per pod in millicores: twice its request when shared, its request when exclusive (below). */
export const cpuLimitMillis = (cpuMillis: number, cpuMode: "SHARED" | "EXCLUSIVE") => (cpuMode === "EXCLUSIVE" ? cpuMillis : cpuMillis * 2);

/**
 * A group's Deployment and Service, and its HorizontalPodAutoscaler when it autoscales. An autoscaled
 * Deployment carries no `spec.replicas`: the HPA owns the field, and server-side apply by Capstan must not
 * set it back (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling).
 */
export function groupManifests(input: GroupManifestInput): Manifest[] {
  const { system, application: app, group: g } = input;
  const name = groupObjectName(app.name, g.name);
  const selector = { [LABEL.application]: app.name, [LABEL.group]: g.name };
  const labels = { ...MANAGED, [LABEL.system]: system, ...selector };
  // shared: requests below limits, the CPU is shared by weight (cpushare); exclusive: requests equal
  // limits in whole CPUs, so the pod is Guaranteed and the static CPU manager pins cores (cpuset).
  const cpuLimit = cpuLimitMillis(g.cpuMillis, g.cpuMode);
  const gpu = g.gpu > 0 ? { "nvidia.com/gpu": String(g.gpu) } : {};
  const resources = {
    requests: { cpu: formatCpu(g.cpuMillis), memory: formatMemory(g.memoryMiB), ...gpu },
    limits: { cpu: formatCpu(cpuLimit), memory: formatMemory(g.memoryMiB), ...gpu },
  };
  const env = [...g.env];
  if (app.runtime === "JAVA" && !env.some((e) => e.name === "JAVA_TOOL_OPTIONS")) env.push({ name: "JAVA_TOOL_OPTIONS", value: jvmOptions(g.cpuMillis) });
  const checkPath = g.healthCheck?.path ?? app.healthCheckPath;
  const handler = app.protocol === "HTTP" && checkPath ? { httpGet: { path: checkPath, port: app.port } } : { tcpSocket: { port: app.port } };
  const timing = { initialDelaySeconds: g.healthCheck?.initialDelaySeconds ?? 5, periodSeconds: g.healthCheck?.periodSeconds ?? 10 };
  const placement = [{ key: ZONE_LABEL, operator: "In", values: [g.zone] }, ...g.resourceLabels.map((l) => ({ key: l, operator: "In", values: ["true"] }))];
  const objects: Manifest[] = [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: system, labels, annotations: { "capstan.io/generation": String(g.generation), "capstan.io/revision": String(g.revision) } },
      spec: {
        ...(g.autoscaling ? {} : { replicas: g.replicas }),
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        strategy: input.strategy ?? { type: "RollingUpdate", rollingUpdate: { maxSurge: MAX_SURGE, maxUnavailable: 0 } },
        template: {
          metadata: { labels, ...(g.restartedAt ? { annotations: { [RESTARTED_AT]: g.restartedAt.toISOString() } } : {}) },
          spec: {
            imagePullSecrets: [{ name: PULL_SECRET }],
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: placement }] } } },
            ...(input.dedicatedZones.includes(g.zone) ? { tolerations: [{ key: ZONE_TAINT, operator: "Equal", value: g.zone, effect: "NoSchedule" }] } : {}),
            containers: [
              {
                name: app.name,
                image: `${input.registry}/${system}/${app.name}${g.imageDigest ? `@${g.imageDigest}` : `:${g.imageTag}`}`,
                ports: [{ name: "app", containerPort: app.port, protocol: "TCP" }],
                env,
                resources,
                readinessProbe: { ...handler, ...timing },
                livenessProbe: { ...handler, initialDelaySeconds: timing.initialDelaySeconds + 30, periodSeconds: timing.periodSeconds },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: system, labels },
      spec: { type: "ClusterIP", selector, ports: [{ name: "app", port: app.port, targetPort: "app", protocol: "TCP" }] },
    },
  ];
  if (g.autoscaling) objects.push(autoscalerManifest(system, app.name, g.name, g.autoscaling));
  return objects;
}
