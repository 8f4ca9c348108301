// The node state machine INIT → WAIT → ONLINE → OFFLINE, and the Kubernetes Node each state needs.
// Statuses are the Prisma NodeStatus enum values, so rows and NodeTransition.from/to need no mapping.
import { type ErrorParams, type InitCheckReason, renderInitCheckReason } from "./error-reasons";
import { domainError, fieldError } from "./errors";

export type NodeStatus = "INIT" | "WAIT" | "ONLINE" | "OFFLINE";
export const NODE_STATUSES: readonly NodeStatus[] = ["INIT", "WAIT", "ONLINE", "OFFLINE"];

// Why each edge exists (everything else is refused):
// INIT→WAIT      preparation done and the init checks passed.
// WAIT→ONLINE    an operator admits the node into service.
// WAIT→INIT      checks went stale or admission found a problem (kernel, labels): prepare again.
// ONLINE→OFFLINE maintenance or decommission; the node is cordoned and drained first.
// OFFLINE→ONLINE back from short maintenance (a reboot) without re-preparing.
// OFFLINE→INIT   back from repair or reinstall, which must be prepared and checked again.
// Not allowed: INIT→ONLINE skips the checks; ONLINE→INIT/WAIT would keep serving pods on a node
// being reworked (go OFFLINE first so it is drained); OFFLINE→WAIT would pass checks it never ran.
const NEXT: Record<NodeStatus, readonly NodeStatus[]> = {
  INIT: ["WAIT"],
  WAIT: ["ONLINE", "INIT"],
  ONLINE: ["OFFLINE"],
  OFFLINE: ["ONLINE", "INIT"],
};

/** States reachable from `from`; a node first seen (from = null, as in NodeTransition.from) can only enter INIT. */
export const allowedTransitions = (from: NodeStatus | null): readonly NodeStatus[] => (from === null ? ["INIT"] : NEXT[from]);

export const canTransition = (from: NodeStatus | null, to: NodeStatus): boolean => allowedTransitions(from).includes(to);

/** Throws 409 naming from, to and what is allowed; `fields.to` carries the reason for forms. */
export function assertTransition(from: NodeStatus | null, to: NodeStatus): void {
  if (canTransition(from, to)) return;
  const allowed = allowedTransitions(from).join(" or ");
  if (from === to) throw domainError("node_already_in_status", { status: to }, { to: fieldError("node_already_in_status") });
  const where = from === null ? "A new node" : `A node in ${from}`;
  throw domainError(
    "node_transition_not_allowed",
    { node: where, status: to, allowed },
    {
      to: from === null ? fieldError("node_transition_not_allowed_new", { allowed }) : fieldError("node_transition_not_allowed", { allowed, from }),
    },
  );
}

// ───── What the Kubernetes Node must look like ─────

export interface Taint {
  key: string;
  value: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}
/** Capstan's lifecycle taint. Platform DaemonSets (CNI, log and metrics agents) must tolerate it
 * (operator Exists), since unlike cordoning a taint also keeps DaemonSet pods away. */
export const STATUS_TAINT_KEY = "capstan.io/status";
const statusTaint = (value: string): Taint => ({ key: STATUS_TAINT_KEY, value, effect: "NoSchedule" });

export interface NodeShape {
  /** spec.unschedulable (cordoned) */
  unschedulable: boolean;
  /** Taints the node must carry. */
  taints: Taint[];
  /** Taints that must not be on the node (the other lifecycle taints). */
  removeTaints: Taint[];
  /** Evict every non-DaemonSet pod through the Eviction API, so PodDisruptionBudgets are honoured. */
  drainRequired: boolean;
}

// Every non-ONLINE state keeps a status taint as well as the cordon: `kubectl uncordon` (or a
// drain tool's cleanup) cannot put the node into service by accident, and `kubectl describe node`
// shows the Capstan state. WAIT has its own taint rather than none for the same reason. OFFLINE
// uses NoSchedule, not NoExecute: NoExecute would delete pods at once and bypass PDBs; the drain
// evicts them politely instead.
const TAINT_VALUE: Record<NodeStatus, string | null> = { INIT: "init", WAIT: "wait", ONLINE: null, OFFLINE: "offline" };

export function desiredNodeShape(status: NodeStatus): NodeShape {
  const own = TAINT_VALUE[status];
  const others = NODE_STATUSES.map((s) => TAINT_VALUE[s]).filter((v): v is string => v !== null && v !== own);
  return {
    unschedulable: status !== "ONLINE",
    taints: own ? [statusTaint(own)] : [],
    removeTaints: others.map(statusTaint),
    drainRequired: status === "OFFLINE",
  };
}

// ───── Init checks (INIT → WAIT) ─────

export interface InitCheckNode {
  ready: boolean;
  /** status.nodeInfo.kubeletVersion, e.g. "v1.29.3"; null before the kubelet reported it. */
  kubeletVersion: string | null;
  labels: Record<string, string>;
}
export interface InitCheckConfig {
  requireReady: boolean;
  /** e.g. "v1.29.0"; no version check when absent. */
  minKubeletVersion?: string;
  /** Label keys the node must carry with a non-empty value, e.g. ["zone"]. */
  requiredLabels: string[];
}
/** The checks when platform admins have set none: the worker's environment, as documented in docs/nodes.md
 * (CAPSTAN_NODE_CHECK_READY=false, CAPSTAN_NODE_MIN_KUBELET=v1.29.0, CAPSTAN_NODE_REQUIRED_LABELS=zone,…). */
export function initChecksFromEnv(env: Record<string, string | undefined>): InitCheckConfig {
  const min = env.CAPSTAN_NODE_MIN_KUBELET?.trim();
  return {
    requireReady: env.CAPSTAN_NODE_CHECK_READY !== "false",
    ...(min ? { minKubeletVersion: min } : {}),
    requiredLabels: (env.CAPSTAN_NODE_REQUIRED_LABELS ?? "zone")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
export interface InitCheckResult {
  /** "ready", "kubeletVersion" or "label:<key>"; stored per check in Node.checkResults. */
  check: string;
  ok: boolean;
  /** The outcome, from INIT_CHECK_REASONS (error-reasons.ts); absent on results stored before it was recorded. */
  reason?: InitCheckReason;
  params?: ErrorParams;
  /** The outcome's English text. */
  message: string;
}

/** One check's result with its English rendered from the catalogue. */
const result = (check: string, ok: boolean, reason: InitCheckReason, params: ErrorParams = {}): InitCheckResult => ({
  check,
  ok,
  reason,
  params,
  message: renderInitCheckReason(reason, params),
});

/** "v1.29.3", "1.30", "v1.29.3+k3s1", "v1.28.5-eks-5e0fdde" → [1, 29, 3]. Build and distribution
 * suffixes are ignored: "-eks-…" is not a pre-release, so semver's pre-release ordering would mislead. */
export function parseKubeletVersion(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** Negative, zero or positive as a is older than, equal to or newer than b. */
export const compareVersions = (a: readonly number[], b: readonly number[]): number => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

/** Runs only the checks the config asks for; the node may go to WAIT when every result is ok. */
export function runInitChecks(node: InitCheckNode, config: InitCheckConfig): InitCheckResult[] {
  const results: InitCheckResult[] = [];
  if (config.requireReady) results.push(result("ready", node.ready, node.ready ? "node_ready" : "node_not_ready"));
  if (config.minKubeletVersion !== undefined) results.push(kubeletCheck(node.kubeletVersion, config.minKubeletVersion));
  for (const key of config.requiredLabels) {
    const value = node.labels[key];
    results.push(
      value
        ? result(`label:${key}`, true, "label_set", { key, value })
        : result(`label:${key}`, false, value === undefined ? "label_missing" : "label_empty", { key }),
    );
  }
  return results;
}

function kubeletCheck(actual: string | null, minimum: string): InitCheckResult {
  const check = "kubeletVersion";
  const min = parseKubeletVersion(minimum);
  if (!min) return result(check, false, "kubelet_minimum_invalid", { minimum });
  if (!actual) return result(check, false, "kubelet_unreported");
  const v = parseKubeletVersion(actual);
  if (!v) return result(check, false, "kubelet_unreadable", { version: actual });
  return compareVersions(v, min) >= 0
    ? result(check, true, "kubelet_recent_enough", { version: actual, minimum })
    : result(check, false, "kubelet_too_old", { version: actual, minimum });
}

export const initChecksPassed = (results: readonly InitCheckResult[]) => results.every((r) => r.ok);

// ───── Stuck nodes ─────

/** Milliseconds a node may stay in a state before it is flagged; a state without one never is. */
export type StuckThresholds = Partial<Record<NodeStatus, number>>;
/** Preparation is automatic and quick; admission waits for a person; OFFLINE is maintenance that
 * should end in a week or a decommission. ONLINE is where nodes belong, so it has no limit. */
export const DEFAULT_STUCK_THRESHOLDS: StuckThresholds = { INIT: 30 * 60_000, WAIT: 24 * 3_600_000, OFFLINE: 7 * 86_400_000 };

/** How long the node has been in `status` (from Node.statusChangedAt) when that is past its
 * threshold, else null. A clock behind `enteredAt` counts as no time spent. */
export function stuckFor(
  status: NodeStatus,
  enteredAt: Date,
  now: Date,
  thresholds: StuckThresholds = DEFAULT_STUCK_THRESHOLDS,
): { elapsedMs: number; thresholdMs: number } | null {
  const thresholdMs = thresholds[status];
  if (thresholdMs === undefined) return null;
  const elapsedMs = Math.max(0, now.getTime() - enteredAt.getTime());
  return elapsedMs > thresholdMs ? { elapsedMs, thresholdMs } : null;
}
