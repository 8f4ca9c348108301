import { canManageFleet, canOperateFleet, notFound } from "@capstan/domain";
import type { Context } from "../context";
import { clusterFor, toClusterDto } from "./cluster-dto";

export async function getCluster(ctx: Context, name: string) {
  const c = await ctx.db.cluster.findUnique({ where: { name }, include: { dataCentre: { select: { name: true } } } });
  if (!c) throw notFound("Cluster", name);
  return { ...clusterFor(ctx.actor, toClusterDto(c, c.dataCentre.name)), can: { manage: canManageFleet(ctx.actor), check: canOperateFleet(ctx.actor) } };
}
