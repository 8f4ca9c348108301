import { canOperateFleet, domainError, type DrainBlock, type DrainWarning, personName, repeatsDrain } from "@capstan/domain";
import type { Context } from "../context";
import { findNode } from "./find-node";
import { toNodeDto } from "./node-dto";

const HISTORY = 50;

/** A node with its pods (from the Pod table), conditions and the latest transitions. */
export async function getNode(ctx: Context, cluster: string, name: string) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const n = await findNode(ctx.db, cluster, name);
  const [pods, transitions] = await Promise.all([
    ctx.db.pod.findMany({ where: { clusterId: n.clusterId, nodeName: n.name }, orderBy: [{ namespace: "asc" }, { name: "asc" }] }),
    ctx.db.nodeTransition.findMany({ where: { nodeId: n.id }, orderBy: { createdAt: "desc" }, take: HISTORY }),
  ]);
  const actors = new Map(
    (
      await ctx.db.user.findMany({
        where: { id: { in: transitions.flatMap((t) => (t.actorId ? [t.actorId] : [])) } },
        select: { id: true, email: true, name: true },
      })
    ).map((u) => [u.id, personName(u)]),
  );
  const dto = toNodeDto(n);
  return {
    ...dto,
    // A drain that has not succeeded may be run again (with other options): OFFLINE is offered again.
    allowed: repeatsDrain(n.status, "OFFLINE", transitions[0]?.result) ? [...dto.allowed, "OFFLINE" as const] : dto.allowed,
    conditions: n.conditions as { type: string; status: string; reason?: string; message?: string }[],
    desiredLabels: n.desiredLabels as Record<string, string> | null,
    pods: pods.map((p) => ({ namespace: p.namespace, name: p.name, phase: p.phase, ready: p.ready, ip: p.ip, cpuMillis: p.cpuMillis, memoryMiB: p.memoryMiB })),
    transitions: transitions.map((t) => ({
      from: t.from,
      to: t.to,
      reason: t.reason,
      /** null: the system (a new node, passed checks). */
      by: t.actorId ? (actors.get(t.actorId) ?? t.actorId) : null,
      bulkId: t.jobId,
      result: t.result,
      /** The drain options chosen for OFFLINE (false for other moves). */
      force: t.force,
      deleteEmptyDirData: t.deleteEmptyDirData,
      detail: t.detail as TransitionDetail | null,
      at: t.createdAt.toISOString(),
      finishedAt: t.finishedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * What the worker's drain did, on the transition: `evictions` per pod (`reason` when a PodDisruptionBudget
 * refused, `warning` when an option let it go); `blocked`, the pods that stopped the drain before anything
 * was evicted (`reason` as in drain.ts, `message` in words); `error` for other failures.
 */
export interface TransitionDetail {
  evictions?: { pod: string; evicted: boolean; reason?: string; warning?: DrainWarning }[];
  blocked?: { pod: string; reason: DrainBlock; message: string }[];
  error?: string;
}
export type NodeDetail = Awaited<ReturnType<typeof getNode>>;
