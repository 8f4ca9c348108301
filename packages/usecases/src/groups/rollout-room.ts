// The quota's room for one group's rollout in its cluster, from PostgreSQL: what the Deployment's
// strategy is chosen from (rolloutStrategy in packages/domain) at every apply, so it follows the
// namespace as it changes.
import type { Db } from "@capstan/db";
import { add, groupFootprint, largerPod, type Resources, type RolloutRoom, sum } from "@capstan/domain";

/** Pod phases the ResourceQuota no longer charges (k8s.io/kubernetes pkg/quota/v1/evaluator/core QuotaV1Pod). */
const TERMINAL = ["Succeeded", "Failed"];

type GroupRow = { id: string; clusterId: string; dataCentreId: string; replicas: number; cpuMillis: number; memoryMiB: number; gpu: number };

/**
 * The room a group's rollout has under its namespace's ResourceQuota, which mirrors the system's quota
 * in the data centre into each of its clusters (controllers/system/reconcile.ts), so only what the system runs in
 * this cluster counts against it. `others`: the system's other groups here at their desired size, plus
 * pods in the namespace that belong to no group (made by hand), as the quota counts them. `perPod`: the
 * new spec's requests, or those of the group's pods still running an older spec when larger.
 */
export async function rolloutRoom(db: Db, g: GroupRow, system: { id: string; name: string }): Promise<RolloutRoom> {
  const live = { clusterId: g.clusterId, namespace: system.name, phase: { notIn: TERMINAL } };
  const [quota, siblings, foreign, own] = await Promise.all([
    db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId: system.id, dataCentreId: g.dataCentreId } } }),
    db.group.findMany({
      where: { clusterId: g.clusterId, application: { systemId: system.id }, id: { not: g.id } },
      select: { replicas: true, cpuMillis: true, memoryMiB: true, gpu: true },
    }),
    db.pod.aggregate({ where: { ...live, groupId: null }, _sum: { cpuMillis: true, memoryMiB: true, gpu: true }, _count: true }),
    db.pod.aggregate({ where: { ...live, groupId: g.id }, _max: { cpuMillis: true, memoryMiB: true, gpu: true } }),
  ]);
  const unowned: Resources = {
    cpuMillis: foreign._sum.cpuMillis ?? 0,
    memoryMiB: foreign._sum.memoryMiB ?? 0,
    gpu: foreign._sum.gpu ?? 0,
    instances: foreign._count,
  };
  const older: Resources = { cpuMillis: own._max.cpuMillis ?? 0, memoryMiB: own._max.memoryMiB ?? 0, gpu: own._max.gpu ?? 0, instances: 1 };
  return {
    quota: quota && { cpuMillis: quota.cpuMillis, memoryMiB: quota.memoryMiB, gpu: quota.gpu, instances: quota.instances },
    others: add(sum(siblings.map(groupFootprint)), unowned),
    replicas: g.replicas,
    perPod: largerPod(groupFootprint({ ...g, replicas: 1 }), older),
  };
}
