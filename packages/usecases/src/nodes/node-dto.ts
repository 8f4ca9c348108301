import type { Node } from "@capstan/db";
import { allowedTransitions, type InitCheckResult, stuckFor } from "@capstan/domain";

export type NodeRow = Node & { cluster: { name: string; dataCentre: { name: string } } };
export const NODE_NAMES = { cluster: { select: { name: true, dataCentre: { select: { name: true } } } } } as const;

/**
 * A node as lists and pages show it; `allowed` are the states it may move to now. `lastError`,
 * `lastErrorReason`, `lastErrorAt` (ISO 8601) and `failedAttempts`: the worker's last failure to reconcile the
 * node (cordon, taints, labels, drain, init checks) as its controller records it (null, null, null, 0 once one succeeds).
 */
export const toNodeDto = (n: NodeRow, now = new Date()) => ({
  cluster: n.cluster.name,
  dataCentre: n.cluster.dataCentre.name,
  name: n.name,
  status: n.status,
  allowed: allowedTransitions(n.status),
  stuckForMs: stuckFor(n.status, n.statusChangedAt, now)?.elapsedMs ?? null,
  statusChangedAt: n.statusChangedAt.toISOString(),
  zone: n.zone,
  ready: n.ready,
  unschedulable: n.unschedulable,
  kubeletVersion: n.kubeletVersion,
  internalIp: n.internalIp,
  cpuMillis: { allocatable: n.allocCpuMillis, requested: n.requestedCpuMillis, free: n.allocCpuMillis - n.requestedCpuMillis },
  memoryMiB: { allocatable: n.allocMemoryMiB, requested: n.requestedMemoryMiB, free: n.allocMemoryMiB - n.requestedMemoryMiB },
  gpu: { allocatable: n.allocGpu, requested: n.requestedGpu },
  podCapacity: { count: n.podCount, allocatable: n.allocPods },
  labels: n.labels as Record<string, string>,
  taints: n.taints as { key: string; value?: string; effect: string }[],
  checkResults: (n.checkResults as InitCheckResult[] | null) ?? null,
  lastError: n.lastError,
  lastErrorReason: n.lastErrorReason,
  lastErrorAt: n.lastErrorAt?.toISOString() ?? null,
  failedAttempts: n.failedAttempts,
  version: n.version,
});
export type NodeDto = ReturnType<typeof toNodeDto>;
