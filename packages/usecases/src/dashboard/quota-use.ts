// Quotas of many systems beside what their groups and load balancers use, in two queries whatever their number: the
// dashboards' headroom and near-limit lists (the same sums as systemUsage in quotas/quota-usage.ts).
import { headroom, LB_POD_REQUESTS, quotaNearLimit, type ResourceName, type Resources } from "@capstan/domain";
import type { Context } from "../context";
import { reservedReplicasSql } from "../quotas/quota-usage";

const G_RESERVED = reservedReplicasSql("g");

/** One system's quota in one data centre, what its groups use there, what is free and which dimensions are near the limit. */
export interface QuotaUse {
  system: string;
  dataCentre: string;
  quota: Resources;
  used: Resources;
  free: Resources;
  nearLimit: ResourceName[];
}

interface UseRow {
  systemId: string;
  dataCentreId: string;
  cpu: number;
  mem: number;
  gpu: number;
  pods: number;
}

/** The quotas of the systems `systemIds` in every data centre, with their use, by system then data centre name. */
export async function quotaUse(db: Context["db"], systemIds: string[]): Promise<QuotaUse[]> {
  if (systemIds.length === 0) return [];
  const [quotas, use] = await Promise.all([
    db.systemQuota.findMany({
      where: { systemId: { in: systemIds } },
      select: {
        systemId: true,
        dataCentreId: true,
        cpuMillis: true,
        memoryMiB: true,
        gpu: true,
        instances: true,
        system: { select: { name: true } },
        dataCentre: { select: { name: true } },
      },
    }),
    db.$queryRaw<UseRow[]>`
      SELECT "systemId", "dataCentreId", sum(cpu)::float8 AS cpu, sum(mem)::float8 AS mem, sum(gpu)::float8 AS gpu, sum(pods)::float8 AS pods
      FROM (
        SELECT a."systemId", g."dataCentreId", ${G_RESERVED} * g."cpuMillis" AS cpu, ${G_RESERVED} * g."memoryMiB" AS mem,
          ${G_RESERVED} * g.gpu AS gpu, ${G_RESERVED} AS pods
        FROM "Group" g JOIN "Application" a ON a.id = g."applicationId"
        WHERE a."systemId" = ANY(${systemIds}::uuid[])
        UNION ALL
        SELECT a."systemId", lb."dataCentreId", lb.replicas::bigint * ${LB_POD_REQUESTS.cpuMillicores}, lb.replicas::bigint * ${LB_POD_REQUESTS.memoryMiB}, 0, lb.replicas
        FROM "LoadBalancer" lb JOIN "Application" a ON a.id = lb."applicationId"
        WHERE a."systemId" = ANY(${systemIds}::uuid[])
      ) u
      GROUP BY "systemId", "dataCentreId"`,
  ]);
  const used = new Map(use.map((u) => [`${u.systemId}/${u.dataCentreId}`, { cpuMillis: u.cpu, memoryMiB: u.mem, gpu: u.gpu, instances: u.pods }]));
  return quotas
    .map((q) => {
      const quota = { cpuMillis: q.cpuMillis, memoryMiB: q.memoryMiB, gpu: q.gpu, instances: q.instances };
      const u = used.get(`${q.systemId}/${q.dataCentreId}`) ?? { cpuMillis: 0, memoryMiB: 0, gpu: 0, instances: 0 };
      return { system: q.system.name, dataCentre: q.dataCentre.name, quota, used: u, free: headroom(quota, u), nearLimit: quotaNearLimit(quota, u) };
    })
    .sort((a, b) => a.system.localeCompare(b.system) || a.dataCentre.localeCompare(b.dataCentre));
}
