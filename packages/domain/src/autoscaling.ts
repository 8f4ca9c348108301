// Autoscaling a group within its quota: the HorizontalPodAutoscaler Capstan applies beside the group's
// Deployment, the behaviour presets, and what the quota holds for an autoscaled group (docs/autoscaling.md).
import { groupObjectName, LABEL, type Manifest, MANAGED } from "./manifests";

/**
 * How fast the autoscaler follows the load, as stabilisation windows in seconds: it acts on the highest
 * recommendation of the last `scaleDownStabilisationSeconds` before scaling down, and on the lowest of the
 * last `scaleUpStabilisationSeconds` before scaling up (Kubernetes' HPA `spec.behavior.*.stabilizationWindowSeconds`).
 */
export interface AutoscalingWindows {
  scaleUpStabilisationSeconds: number;
  scaleDownStabilisationSeconds: number;
}

/**
 * The named behaviours. `default` is Kubernetes' own (scale up at once, scale down on the highest
 * recommendation of the last 5 minutes: https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#default-behavior);
 * `fast` scales down after one quiet minute (bursty batch-like load, where idle pods cost quota others want);
 * `conservative` waits a minute before scaling up and ten before scaling down (services slow to start, or
 * load that flaps).
 */
export const AUTOSCALING_PRESETS = {
  default: { scaleUpStabilisationSeconds: 0, scaleDownStabilisationSeconds: 300 },
  fast: { scaleUpStabilisationSeconds: 0, scaleDownStabilisationSeconds: 60 },
  conservative: { scaleUpStabilisationSeconds: 60, scaleDownStabilisationSeconds: 600 },
} as const satisfies Record<string, AutoscalingWindows>;
export type AutoscalingPreset = keyof typeof AUTOSCALING_PRESETS;
export const AUTOSCALING_PRESET_NAMES = Object.keys(AUTOSCALING_PRESETS) as [AutoscalingPreset, ...AutoscalingPreset[]];

/** The longest stabilisation window Kubernetes accepts (1 hour, HPAScalingRules validation). */
export const MAX_STABILISATION_SECONDS = 3600;
/** The most replicas an autoscaled group may reach: as many as a manual scale may ask for. */
export const MAX_AUTOSCALED_REPLICAS = 500;

/**
 * A group's autoscaling as Capstan stores it (Group.autoscaling) and the API shows it: the replica range,
 * the target utilisations in % of the pods' requests (at least one), and a preset or explicit windows.
 */
export interface Autoscaling {
  minReplicas: number;
  maxReplicas: number;
  cpuUtilisation?: number;
  memoryUtilisation?: number;
  behaviour: AutoscalingPreset | AutoscalingWindows;
}

/** The windows a behaviour stands for. */
export const autoscalingWindows = (b: Autoscaling["behaviour"]): AutoscalingWindows => (typeof b === "string" ? AUTOSCALING_PRESETS[b] : b);

/**
 * The stored autoscaling of a group row (Group.autoscaling, JSON), or null when it does not autoscale.
 * Only Capstan's use cases write the column, through the GroupAutoscaling schema.
 */
export const autoscalingOf = (g: { autoscaling?: unknown }): Autoscaling | null => (g.autoscaling ? (g.autoscaling as Autoscaling) : null);

/**
 * How many replicas a group holds of its system's quota: `maxReplicas` while it autoscales, so that the
 * autoscaler never meets the quota in the middle of a spike; its replica count otherwise.
 */
export const reservedReplicas = (g: { replicas: number; autoscaling?: unknown }): number => autoscalingOf(g)?.maxReplicas ?? g.replicas;

/** The HPA's status as the worker reads it back (Group.autoscalingStatus). Utilisations in % of request. */
export interface AutoscalerStatus {
  currentReplicas: number;
  desiredReplicas: number;
  /** ISO 8601; null before the autoscaler first scaled. */
  lastScaleTime: string | null;
  currentCpuUtilisation: number | null;
  currentMemoryUtilisation: number | null;
  /** status.conditions: AbleToScale, ScalingActive, ScalingLimited (k8s.io/api autoscaling/v2). */
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

/** A V2 HorizontalPodAutoscaler's status as the API server sends it (the fields Capstan reads). */
export interface HpaStatusView {
  currentReplicas?: number;
  desiredReplicas?: number;
  lastScaleTime?: Date | string | null;
  currentMetrics?: { type?: string; resource?: { name?: string; current?: { averageUtilization?: number } } }[] | null;
  conditions?: { type: string; status: string; reason?: string; message?: string }[] | null;
}

/** The status Capstan keeps of an HPA: counts, last scale time, current utilisations and conditions. */
export function autoscalerStatus(s: HpaStatusView | undefined): AutoscalerStatus {
  const utilisation = (name: string) =>
    s?.currentMetrics?.find((m) => m.type === "Resource" && m.resource?.name === name)?.resource?.current?.averageUtilization ?? null;
  const last = s?.lastScaleTime ? new Date(s.lastScaleTime) : null;
  return {
    currentReplicas: s?.currentReplicas ?? 0,
    desiredReplicas: s?.desiredReplicas ?? 0,
    lastScaleTime: last && !Number.isNaN(last.getTime()) ? last.toISOString() : null,
    currentCpuUtilisation: utilisation("cpu"),
    currentMemoryUtilisation: utilisation("memory"),
    conditions: (s?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
  };
}

/**
 * The `autoscaling/v2` HorizontalPodAutoscaler of a group: named as its Deployment, scaling it between
 * `minReplicas` and `maxReplicas` on the average utilisation of the pods' requests, with the windows of
 * its behaviour (only the windows: the scaling policies keep the API server's defaults).
 */
export function autoscalerManifest(system: string, application: string, group: string, a: Autoscaling): Manifest {
  const name = groupObjectName(application, group);
  const windows = autoscalingWindows(a.behaviour);
  const target = (resource: string, utilisation: number) => ({
    type: "Resource",
    resource: { name: resource, target: { type: "Utilization", averageUtilization: utilisation } },
  });
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name, namespace: system, labels: { ...MANAGED, [LABEL.system]: system, [LABEL.application]: application, [LABEL.group]: group } },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics: [
        ...(a.cpuUtilisation === undefined ? [] : [target("cpu", a.cpuUtilisation)]),
        ...(a.memoryUtilisation === undefined ? [] : [target("memory", a.memoryUtilisation)]),
      ],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: windows.scaleUpStabilisationSeconds },
        scaleDown: { stabilizationWindowSeconds: windows.scaleDownStabilisationSeconds },
      },
    },
  };
}
