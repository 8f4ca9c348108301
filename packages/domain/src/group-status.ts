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

/**
 * PROGRESSING ("Rolling out": pods of an older revision are being replaced), SCALING (every pod runs the
 * current revision; the count is moving towards the desired one), DEGRADED (something is wrong: pods
 * cannot be created, e.g. FailedCreate on an exceeded quota), FAILED (the rollout gave up: no progress for
 * progressDeadlineSeconds).
 */
export type GroupPhase = "PENDING" | "PROGRESSING" | "SCALING" | "AVAILABLE" | "DEGRADED" | "FAILED";

/**
 * A group's phase from its Deployment, decided as `kubectl rollout status` decides whether a rollout is
 * done (k8s.io/kubectl pkg/polymorphichelpers/rollout_status.go): the spec must be observed
 * (observedGeneration ≥ generation), all desired replicas updated, no old replicas left, and every updated
 * replica available. Until then the group is in a healthy transition, named for what moves:
 * - pods of an older revision remain (replicas > updatedReplicas) → PROGRESSING (a rollout, rollback or
 *   restart);
 * - otherwise every pod runs the current revision and only the count moves → SCALING.
 * The worker keeps the kind of transition a use case recorded (scale → SCALING, rollout → PROGRESSING)
 * until the Deployment is done, since the tail of a rollout looks like a scale (isTransition).
 * A transition is never DEGRADED: that needs a fault the cluster reports, ReplicaFailure=True (the
 * ReplicaSet cannot create pods); Progressing=False (ProgressDeadlineExceeded) is FAILED.
 * @param desiredReplicas the Deployment's spec.replicas
 */
export function groupPhase(d: DeploymentStatusView, desiredReplicas: number): GroupPhase {
  const condition = (type: string) => d.conditions.find((c) => c.type === type);
  if (condition("Progressing")?.status === "False") return "FAILED";
  if (condition("ReplicaFailure")?.status === "True") return "DEGRADED";
  const oldPods = d.replicas > d.updatedReplicas;
  if (d.observedGeneration < d.generation) {
    // The controller has not seen the change yet: a different count with no old pods is a scale.
    return !oldPods && d.replicas !== desiredReplicas ? "SCALING" : "PROGRESSING";
  }
  const done = d.updatedReplicas >= desiredReplicas && !oldPods && d.availableReplicas >= d.updatedReplicas && d.replicas === desiredReplicas;
  if (done) return "AVAILABLE";
  return oldPods ? "PROGRESSING" : "SCALING";
}

/** The phases of a healthy transition, which the worker does not overwrite with one another. */
export const TRANSITION_PHASES = ["PROGRESSING", "SCALING"] as const satisfies readonly GroupPhase[];

/** Whether a phase is a healthy transition (PROGRESSING or SCALING). */
export const isTransition = (phase: string): phase is (typeof TRANSITION_PHASES)[number] => (TRANSITION_PHASES as readonly string[]).includes(phase);

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

/**
 * Ready pods of the group's current revision, at least: a Deployment reports ready pods of all revisions
 * together, so the old pods that may still be ready (replicas − updatedReplicas) are taken off, and the
 * result never exceeds the updated pods. Drives the rollout bar, which so never runs ahead of the truth.
 */
export function readyUpdatedReplicas(s: { replicas: number; updatedReplicas: number; readyReplicas: number }): number {
  const old = Math.max(0, s.replicas - s.updatedReplicas);
  return Math.max(0, Math.min(s.updatedReplicas, s.readyReplicas - old));
}

/** A pod of a group whose container keeps crashing: the pod's name and its container's waiting reason and message. */
export interface PodTrouble {
  pod: string;
  /** CrashLoopBackOff */
  reason: string;
  /** kubelet's, e.g. `back-off 40s restarting failed container=app pod=web-7d9c-x2k4q_shop(…)` */
  message: string;
}

/**
 * Container waiting reasons that mean a container keeps failing. The kubelet shows CrashLoopBackOff in the
 * back-off it waits before each restart of a container that exited (k8s.io/kubernetes pkg/kubelet/kuberuntime:
 * the back-off doubles from 10 s to 5 min and resets after 10 min of running).
 */
export const CRASH_LOOP_REASONS = ["CrashLoopBackOff"] as const;

/** A pod as the inventory stores it (the Pod row's fields that tell a crash loop). */
export interface PodView {
  name: string;
  /** Pending, Running … or Terminating */
  phase: string;
  ready: boolean;
  /** restarts of all its containers */
  restarts: number;
  /** its first waiting container's reason, e.g. CrashLoopBackOff */
  reason: string | null;
  message: string | null;
}

/**
 * Whether a pod is crash-looping: a container waits in CrashLoopBackOff, or the pod has restarted and has not
 * been ready since (between two crashes its container runs for a while before failing again, which is not a
 * recovery; a restart that recovers makes the pod ready). Terminating pods are leaving and do not count.
 */
export function isCrashLooping(p: Omit<PodView, "name" | "message">): boolean {
  if (p.phase === "Terminating") return false;
  if ((CRASH_LOOP_REASONS as readonly (string | null)[]).includes(p.reason)) return true;
  return p.phase === "Running" && p.restarts > 0 && !p.ready;
}

/** The first of a group's pods that is crash-looping (isCrashLooping), as a PodTrouble, or null. */
export function podTrouble(pods: readonly PodView[]): PodTrouble | null {
  const p = pods.find(isCrashLooping);
  if (!p) return null;
  const waiting = (CRASH_LOOP_REASONS as readonly (string | null)[]).includes(p.reason);
  return {
    pod: p.name,
    reason: waiting ? p.reason! : "CrashLoopBackOff",
    message: waiting ? (p.message ?? "") : `restarted ${p.restarts} times, not ready since`,
  };
}

/**
 * The phase people see: the Deployment's (groupPhase), except that a group with a crash-looping pod is
 * DEGRADED, whatever its replica counts say (its Deployment only sees pods that are not ready, which a
 * healthy scale or rollout also has). FAILED (the rollout gave up) stays FAILED.
 */
export function withPodTrouble(phase: GroupPhase, trouble: PodTrouble | null): GroupPhase {
  return trouble && phase !== "FAILED" ? "DEGRADED" : phase;
}

/**
 * Why a group is not converging: a ReplicaFailure of its Deployment first (pods cannot even be created),
 * then a crash-looping pod (reason CrashLoopBackOff, message naming the pod), then the rest of
 * rolloutTrouble (ProgressDeadlineExceeded); null when nothing is wrong.
 */
export function groupTrouble(conditions: DeploymentStatusView["conditions"], pods: PodTrouble | null): RolloutTrouble | null {
  const rollout = rolloutTrouble(conditions);
  if (rollout && conditions.some((c) => c.type === "ReplicaFailure" && c.status === "True")) return rollout;
  if (pods) return { reason: pods.reason, message: `pod ${pods.pod}: ${pods.message}` };
  return rollout;
}
