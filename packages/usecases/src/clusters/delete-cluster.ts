import { canManageFleet, domainError, notFound } from "@capstan/domain";
import type { Context } from "../context";
import { nameList } from "../lookups";
import { mutation } from "../mutation";
import { toClusterDto } from "./cluster-dto";

export async function deleteCluster(ctx: Context, name: string) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden_remove_cluster");
  return mutation(ctx, async (tx, audit) => {
    const c = await tx.cluster.findUnique({ where: { name }, include: { dataCentre: { select: { name: true } } } });
    if (!c) throw notFound("Cluster", name);
    await tx.$queryRaw`SELECT id FROM "Cluster" WHERE id = ${c.id}::uuid FOR UPDATE`;
    const groups = await tx.group.findMany({
      where: { clusterId: c.id },
      select: { name: true, application: { select: { name: true, system: { select: { name: true } } } } },
      take: 5,
    });
    if (groups.length > 0) {
      const total = await tx.group.count({ where: { clusterId: c.id } });
      const names = groups.map((g) => `${g.application.system.name}/${g.application.name}/${g.name}`);
      throw domainError("cluster_runs_groups", { cluster: name, groups: nameList(names, total) });
    }
    await tx.cluster.delete({ where: { id: c.id } });
    await audit({ action: "cluster.delete", targetType: "cluster", targetId: name, targetName: name, before: toClusterDto(c, c.dataCentre.name) });
  });
}
