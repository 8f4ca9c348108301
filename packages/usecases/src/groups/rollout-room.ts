// The quota's room for one group's rollout in its cluster, from PostgreSQL: what the Deployment's
// strategy is chosen from (rolloutStrategy in packages/domain) at every apply, so it follows the
// namespace as it changes.
import { type Db, Prisma } from "@capstan/db";
import {
  add,
  groupFootprint,
  largerPod,
  LB_LABEL,
  LB_POD_REQUESTS,
  reservedFootprint,
  reservedReplicas,
  type Resources,
  type RolloutRoom,
  sum,
} from "@capstan/domain";

/** Pod phases the ResourceQuota no longer charges (k8s.io/kubernetes pkg/quota/v1/evaluator/core QuotaV1Pod). */
const TERMINAL = ["Succeeded", "Failed"];

type GroupRow = {
  id: string;
  clusterId: string;
  dataCentreId: string;
  replicas: number;
  cpuMillis: number;
  memoryMiB: number;
  gpu: number;
  autoscaling?: unknown;
};

/**
 * The room a group's rollout has under its namespace's ResourceQuota, which mirrors the system's quota
 * in the data centre into each of its clusters (controllers/system/reconcile.ts), so only what the system runs in
 * this cluster counts against it. `others`: the system's other groups here at their desired size, its load
 * balancers here at theirs (LB_POD_REQUESTS per LB pod, as systemUsage counts them), plus pods in the namespace
 * that belong to neither (made by hand), as the quota counts them. `perPod`: the
 * new spec's requests, or those of the group's pods still running an older spec when larger.
 */
export async function rolloutRoom(db: Db, g: GroupRow, system: { id: string; name: string }): Promise<RolloutRoom> {
  const live = { clusterId: g.clusterId, namespace: system.name, phase: { notIn: TERMINAL } };
  const [quota, siblings, balancers, foreign, own] = await Promise.all([
    db.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId: system.id, dataCentreId: g.dataCentreId } } }),
    db.group.findMany({
      where: { clusterId: g.clusterId, application: { systemId: system.id }, id: { not: g.id } },
      select: { replicas: true, cpuMillis: true, memoryMiB: true, gpu: true, autoscaling: true },
    }),
    db.loadBalancer.aggregate({ where: { clusterId: g.clusterId, application: { systemId: system.id } }, _sum: { replicas: true } }),
    // Pods of no group and no balancer (a balancer's own pods carry LB_LABEL and are counted at its desired size).
    db.$queryRaw<{ cpu: bigint | null; mem: bigint | null; gpu: bigint | null; pods: bigint }[]>`
      SELECT sum("cpuMillis") AS cpu, sum("memoryMiB") AS mem, sum(gpu) AS gpu, count(*) AS pods FROM "Pod"
      WHERE "clusterId" = ${g.clusterId}::uuid AND namespace = ${system.name} AND "groupId" IS NULL
        AND phase NOT IN (${Prisma.join(TERMINAL)}) AND NOT (labels ? ${LB_LABEL})`,
    db.pod.aggregate({ where: { ...live, groupId: g.id }, _max: { cpuMillis: true, memoryMiB: true, gpu: true } }),
  ]);
  const lbPods = balancers._sum.replicas ?? 0;
  const lbs: Resources = { cpuMillis: lbPods * LB_POD_REQUESTS.cpuMillicores, memoryMiB: lbPods * LB_POD_REQUESTS.memoryMiB, gpu: 0, instances: lbPods };
  const [f] = foreign;
  const unowned: Resources = { cpuMillis: Number(f?.cpu ?? 0), memoryMiB: Number(f?.mem ?? 0), gpu: Number(f?.gpu ?? 0), instances: Number(f?.pods ?? 0) };
  const older: Resources = { cpuMillis: own._max.cpuMillis ?? 0, memoryMiB: own._max.memoryMiB ?? 0, gpu: own._max.gpu ?? 0, instances: 1 };
  return {
    quota: quota && { cpuMillis: quota.cpuMillis, memoryMiB: quota.memoryMiB, gpu: quota.gpu, instances: quota.instances },
    others: add(add(sum(siblings.map(reservedFootprint)), lbs), unowned),
    // An autoscaled group may be at maxReplicas when the rollout runs.
    replicas: reservedReplicas(g),
    perPod: largerPod(groupFootprint({ ...g, replicas: 1 }), older),
  };
}
