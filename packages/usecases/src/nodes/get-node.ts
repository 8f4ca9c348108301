import { canOperateFleet, forbidden } from "@capstan/domain";
import type { Context } from "../context";
import { findNode } from "./find-node";
import { toNodeDto } from "./node-dto";

const HISTORY = 50;

/** A node with its pods (from the Pod table), conditions and the latest transitions. */
export async function getNode(ctx: Context, cluster: string, name: string) {
  if (!canOperateFleet(ctx.actor)) throw forbidden("Only platform admins and ops see the node fleet.");
  const n = await findNode(ctx.db, cluster, name);
  const [pods, transitions] = await Promise.all([
    ctx.db.pod.findMany({ where: { clusterId: n.clusterId, nodeName: n.name }, orderBy: [{ namespace: "asc" }, { name: "asc" }] }),
    ctx.db.nodeTransition.findMany({ where: { nodeId: n.id }, orderBy: { createdAt: "desc" }, take: HISTORY }),
  ]);
  const actors = new Map(
    (await ctx.db.user.findMany({ where: { id: { in: transitions.flatMap((t) => (t.actorId ? [t.actorId] : [])) } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
  );
  return {
    ...toNodeDto(n),
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
      detail: t.detail as TransitionDetail | null,
      at: t.createdAt.toISOString(),
      finishedAt: t.finishedAt?.toISOString() ?? null,
    })),
  };
}

export interface TransitionDetail {
  evictions?: { pod: string; evicted: boolean; reason?: string }[];
  error?: string;
}
export type NodeDetail = Awaited<ReturnType<typeof getNode>>;
