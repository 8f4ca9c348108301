import { canManageFleet, notFound } from "@capstan/domain";
import type { Context } from "../context";
import { dataCentreFor, toDataCentreDto } from "./data-centre-dto";

export async function getDataCentre(ctx: Context, name: string) {
  const d = await ctx.db.dataCentre.findUnique({ where: { name }, include: { clusters: { select: { name: true, status: true }, orderBy: { name: "asc" } } } });
  if (!d) throw notFound("Data centre", name);
  return { ...dataCentreFor(ctx.actor, toDataCentreDto(d, d.clusters)), can: { manage: canManageFleet(ctx.actor) } };
}
