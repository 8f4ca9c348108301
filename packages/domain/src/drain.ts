// Which pods a drain may evict: the rules of `kubectl drain` (k8s.io/kubectl/pkg/drain/filters.go,
// makeFilters), applied to every pod on the node before anything is evicted. A pod that no filter lets go
// and that is not merely skipped blocks the whole drain, as kubectl refuses to evict anything then.

/** The part of a core/v1 Pod the filters read (structurally a V1Pod). */
export interface DrainPod {
  metadata?: {
    namespace?: string;
    name?: string;
    annotations?: Record<string, string>;
    deletionTimestamp?: Date | string;
    ownerReferences?: { kind: string; name: string; controller?: boolean }[];
  };
  spec?: { volumes?: { emptyDir?: object }[] };
  status?: { phase?: string };
}

/**
 * The options a person chose for a drain (kubectl drain's flags of the same meaning).
 * - `force`: also evict pods that declare no controller (nothing recreates them) and pods of a DaemonSet
 *   that no longer exists (`--force`).
 * - `deleteEmptyDirData`: also evict pods with emptyDir volumes, whose data is lost (`--delete-emptydir-data`).
 * - `ignoreDaemonSets`: DaemonSet pods are left on the node (they tolerate the cordon and would come back);
 *   false refuses the drain while any run there, as kubectl without `--ignore-daemonsets`. Capstan passes
 *   true: platform DaemonSets run on every node, whatever its state.
 */
export interface DrainOptions {
  force: boolean;
  deleteEmptyDirData: boolean;
  ignoreDaemonSets: boolean;
}

/** Why a pod is blocking the drain; each is lifted by the option named in `BLOCK_MESSAGES`. */
export type DrainBlock = "unreplicated" | "localStorage" | "daemonSet" | "orphanedDaemonSet";
/** Why a pod is left alone without blocking. */
export type DrainSkip = "terminating" | "daemonSet" | "mirror";
/** Why a pod is evicted although it would block without an option (kubectl prints these as warnings). */
export type DrainWarning = "unreplicated" | "localStorage" | "orphanedDaemonSet";

export type PodDrainDecision = { action: "evict"; warning?: DrainWarning } | { action: "skip"; reason: DrainSkip } | { action: "block"; reason: DrainBlock };

/** kubectl's messages, so an operator who knows `kubectl drain` recognises them. */
export const BLOCK_MESSAGES: Record<DrainBlock, string> = {
  unreplicated: "declares no controller, so nothing would recreate it (choose force to evict it)",
  localStorage: "has emptyDir (local) storage whose data would be lost (choose deleteEmptyDirData to evict it)",
  daemonSet: "is managed by a DaemonSet",
  orphanedDaemonSet: "names a DaemonSet that no longer exists (choose force to evict it)",
};

const finished = (p: DrainPod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
const controllerOf = (p: DrainPod) => p.metadata?.ownerReferences?.find((o) => o.controller === true);
/** kubectl's hasLocalStorage: any emptyDir volume (hostPath and others are not counted). */
export const hasLocalStorage = (p: DrainPod) => (p.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined && v.emptyDir !== null);
const MIRROR = "kubernetes.io/config.mirror";

/**
 * The decision for one pod: kubectl's filters in kubectl's order (deleted, DaemonSet, mirror, local
 * storage, unreplicated); the first that does not let the pod go decides. Finished pods (Succeeded,
 * Failed) may always be evicted. One difference: a pod already terminating is skipped (kubectl would
 * evict it again and wait); its deletion is under way and the reconciler does not wait for deletions.
 * `daemonSetExists` answers whether the pod's controlling DaemonSet (same namespace) still exists.
 */
export function drainDecision(pod: DrainPod, options: DrainOptions, daemonSetExists: (namespace: string, name: string) => boolean): PodDrainDecision {
  if (pod.metadata?.deletionTimestamp) return { action: "skip", reason: "terminating" };
  const controller = controllerOf(pod);
  if (controller?.kind === "DaemonSet" && !finished(pod)) {
    if (!daemonSetExists(pod.metadata?.namespace ?? "", controller.name))
      return options.force ? { action: "evict", warning: "orphanedDaemonSet" } : { action: "block", reason: "orphanedDaemonSet" };
    return options.ignoreDaemonSets ? { action: "skip", reason: "daemonSet" } : { action: "block", reason: "daemonSet" };
  }
  if (pod.metadata?.annotations?.[MIRROR] !== undefined) return { action: "skip", reason: "mirror" };
  let warning: DrainWarning | undefined;
  if (hasLocalStorage(pod) && !finished(pod)) {
    if (!options.deleteEmptyDirData) return { action: "block", reason: "localStorage" };
    warning = "localStorage";
  }
  if (!controller && !finished(pod)) {
    if (!options.force) return { action: "block", reason: "unreplicated" };
    warning = "unreplicated";
  }
  return warning ? { action: "evict", warning } : { action: "evict" };
}

export interface DrainPlan<P extends DrainPod> {
  /** Pods to evict, in the order given; empty whenever `blocked` is not. */
  evict: { pod: P; warning?: DrainWarning }[];
  skipped: { pod: P; reason: DrainSkip }[];
  /** Pods that stop the drain; nothing is evicted while any remain. */
  blocked: { pod: P; reason: DrainBlock }[];
}

/** Decides every pod first, as kubectl drain does: if any pod blocks, the plan evicts none. */
export function planDrain<P extends DrainPod>(
  pods: readonly P[],
  options: DrainOptions,
  daemonSetExists: (namespace: string, name: string) => boolean,
): DrainPlan<P> {
  const plan: DrainPlan<P> = { evict: [], skipped: [], blocked: [] };
  for (const pod of pods) {
    const d = drainDecision(pod, options, daemonSetExists);
    if (d.action === "skip") plan.skipped.push({ pod, reason: d.reason });
    else if (d.action === "block") plan.blocked.push({ pod, reason: d.reason });
    else plan.evict.push(d.warning ? { pod, warning: d.warning } : { pod });
  }
  if (plan.blocked.length) plan.evict = [];
  return plan;
}

/** The DaemonSets the pods name as their controller, as `namespace/name`: what `daemonSetExists` must know. */
export const controllingDaemonSets = (pods: readonly DrainPod[]): string[] => [
  ...new Set(
    pods.flatMap((p) => {
      const c = controllerOf(p);
      return c?.kind === "DaemonSet" ? [`${p.metadata?.namespace ?? ""}/${c.name}`] : [];
    }),
  ),
];

/**
 * Whether moving a node to `to` repeats its drain: an OFFLINE node whose latest drain has not succeeded
 * (`lastResult` of its latest transition: PENDING or FAILED) may be sent to OFFLINE again, typically with
 * `force` or `deleteEmptyDirData` after a drain those options would have let through. Any other move to the
 * node's own status is refused by `assertTransition`.
 */
export const repeatsDrain = (from: string | null, to: string, lastResult: "PENDING" | "SUCCEEDED" | "FAILED" | null | undefined): boolean =>
  from === "OFFLINE" && to === "OFFLINE" && (lastResult === "PENDING" || lastResult === "FAILED");
