// A group's phase, from what its Deployment reports.

export interface DeploymentStatusView {
  /** metadata.generation and status.observedGeneration of the Deployment */
  generation: number;
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  updatedReplicas: number;
  /** status.conditions, e.g. Progressing=False with reason ProgressDeadlineExceeded */
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

export type GroupPhase = "PENDING" | "PROGRESSING" | "AVAILABLE" | "DEGRADED" | "FAILED";

export function groupPhase(d: DeploymentStatusView, desiredReplicas: number): GroupPhase {
  const progressing = d.conditions.find((c) => c.type === "Progressing");
  if (progressing?.status === "False") return "FAILED";
  if (d.observedGeneration < d.generation || d.updatedReplicas < desiredReplicas) return "PROGRESSING";
  if (d.availableReplicas >= desiredReplicas && d.replicas === desiredReplicas) return "AVAILABLE";
  if (d.availableReplicas > 0) return "DEGRADED";
  return desiredReplicas === 0 ? "AVAILABLE" : "PROGRESSING";
}

/** Why a group is not converging, in Kubernetes' words: a condition's reason and message. */
export interface RolloutTrouble {
  /** e.g. FailedCreate, ProgressDeadlineExceeded */
  reason: string;
  /** e.g. `pods "web-7d9c-x2k4q" is forbidden: exceeded quota: capstan-quota, requested: …` */
  message: string;
}

/**
 * What a Deployment's conditions say is keeping its rollout from completing, or null when nothing
 * does. `ReplicaFailure` (the deployment controller copies it from a ReplicaSet that cannot create or
 * delete pods, e.g. FailedCreate on an exceeded quota) names the cause, so it comes first;
 * `Progressing=False` (ProgressDeadlineExceeded: no progress for progressDeadlineSeconds) is the
 * verdict, appended when both hold. Condition types as in k8s.io/api apps/v1 DeploymentConditionType.
 */
export function rolloutTrouble(conditions: DeploymentStatusView["conditions"]): RolloutTrouble | null {
  const failure = conditions.find((c) => c.type === "ReplicaFailure" && c.status === "True");
  const stalled = conditions.find((c) => c.type === "Progressing" && c.status === "False");
  const text = (c: { reason?: string; message?: string }) => c.message || c.reason || "";
  if (failure) return { reason: failure.reason || "ReplicaFailure", message: [text(failure), stalled && text(stalled)].filter(Boolean).join(" ") };
  if (stalled) return { reason: stalled.reason || "ProgressDeadlineExceeded", message: text(stalled) };
  return null;
}
