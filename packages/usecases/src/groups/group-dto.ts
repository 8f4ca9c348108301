import type { Group } from "@capstan/db";
import { type AutoscalerStatus, autoscalingOf, type DeploymentStatusView, formatCpu, formatMemory, groupTrouble, type PodTrouble } from "@capstan/domain";

type Named = { application: { name: string; system: { name: string } }; dataCentre: { name: string }; cluster: { name: string } };

/**
 * Why a group is not where it should be. `statusReason` and `statusMessage`: why it is not converging,
 * as its cluster reports it (groupTrouble: e.g. FailedCreate on an exceeded quota, CrashLoopBackOff of a
 * pod, ProgressDeadlineExceeded), else null. `lastError`: Capstan's last failure to apply the group, else
 * that reason and message, else null. `lastErrorReason`, `lastErrorAt` (ISO 8601) and `failedAttempts`: the
 * worker's last failure to reconcile the group, as its controller records it (null, null, 0 once one succeeds).
 */
const statusOf = (g: Pick<Group, "conditions" | "podTrouble" | "lastError">) => {
  const trouble = groupTrouble(g.conditions as DeploymentStatusView["conditions"], g.podTrouble as PodTrouble | null);
  return {
    statusReason: trouble?.reason ?? null,
    statusMessage: trouble?.message ?? null,
    lastError: g.lastError ?? (trouble && `${trouble.reason}: ${trouble.message}`),
  };
};

/** A group loaded with GROUP_NAMES, as the API shows it. */
export const toGroupDto = (g: Group & Named) => ({
  name: g.name,
  system: g.application.system.name,
  application: g.application.name,
  dataCentre: g.dataCentre.name,
  cluster: g.cluster.name,
  imageTag: g.imageTag,
  imageDigest: g.imageDigest,
  follow: g.followBranch === null ? null : { branch: g.followBranch },
  replicas: g.replicas,
  cpu: formatCpu(g.cpuMillis),
  memory: formatMemory(g.memoryMiB),
  gpu: g.gpu,
  cpuMode: g.cpuMode,
  zone: g.zone,
  resourceLabels: g.resourceLabels,
  env: g.env as { name: string; value: string }[],
  healthCheck: g.healthCheck as { path: string; initialDelaySeconds: number; periodSeconds: number } | null,
  generation: g.generation,
  observedGeneration: g.observedGeneration,
  revision: g.revision,
  phase: g.phase,
  readyReplicas: g.readyReplicas,
  availableReplicas: g.availableReplicas,
  updatedReplicas: g.updatedReplicas,
  ...statusOf(g),
  lastErrorReason: g.lastErrorReason,
  lastErrorAt: g.lastErrorAt?.toISOString() ?? null,
  failedAttempts: g.failedAttempts,
  restartedAt: g.restartedAt?.toISOString() ?? null,
  autoscaling: autoscalingOf(g),
  autoscalingStatus: g.autoscaling === null ? null : ((g.autoscalingStatus as AutoscalerStatus | null) ?? null),
  deleting: g.deletionRequestedAt !== null,
  version: g.version,
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});
export type GroupDto = ReturnType<typeof toGroupDto>;

/** The include that gives toGroupDto its names. */
export const GROUP_NAMES = {
  application: { select: { name: true, system: { select: { name: true } } } },
  dataCentre: { select: { name: true } },
  cluster: { select: { name: true } },
} as const;

/**
 * What a revision records: the desired spec a rollback returns to, with the digest its tag had then
 * (`imageDigest`; null, or absent in revisions recorded before digests were pinned, when unknown).
 */
export const revisionSpec = (
  g: Pick<Group, "imageTag" | "imageDigest" | "cpuMillis" | "memoryMiB" | "gpu" | "cpuMode" | "zone" | "resourceLabels" | "env" | "healthCheck">,
) => ({
  imageTag: g.imageTag,
  imageDigest: g.imageDigest as string | null | undefined,
  cpuMillis: g.cpuMillis,
  memoryMiB: g.memoryMiB,
  gpu: g.gpu,
  cpuMode: g.cpuMode,
  zone: g.zone,
  resourceLabels: g.resourceLabels,
  env: g.env,
  healthCheck: g.healthCheck,
});
export type RevisionSpec = ReturnType<typeof revisionSpec>;

/** A recorded spec in the API's words (cpu "500m", memory "1Gi"), as the release history shows it. */
export const toSpecDto = (s: RevisionSpec) => ({
  imageTag: s.imageTag,
  imageDigest: s.imageDigest ?? null,
  cpu: formatCpu(s.cpuMillis),
  memory: formatMemory(s.memoryMiB),
  gpu: s.gpu,
  cpuMode: s.cpuMode,
  zone: s.zone,
  resourceLabels: s.resourceLabels,
  env: s.env,
  healthCheck: s.healthCheck,
});
