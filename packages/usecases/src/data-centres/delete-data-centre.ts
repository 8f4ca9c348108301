import { canManageFleet, domainError, notFound } from "@capstan/domain";
import type { Context } from "../context";
import { nameList } from "../lookups";
import { mutation } from "../mutation";
import { toDataCentreDto } from "./data-centre-dto";

export async function deleteDataCentre(ctx: Context, name: string) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden_remove_data_centre");
  return mutation(ctx, async (tx, audit) => {
    const d = await tx.dataCentre.findUnique({ where: { name } });
    if (!d) throw notFound("Data centre", name);
    await tx.$queryRaw`SELECT id FROM "DataCentre" WHERE id = ${d.id}::uuid FOR UPDATE`;
    const clusters = await tx.cluster.findMany({ where: { dataCentreId: d.id }, select: { name: true }, orderBy: { name: "asc" }, take: 5 });
    if (clusters.length > 0) {
      const total = await tx.cluster.count({ where: { dataCentreId: d.id } });
      throw domainError("data_centre_has_clusters", {
        dataCentre: name,
        clusters: nameList(
          clusters.map((c) => c.name),
          total,
        ),
      });
    }
    await tx.dataCentre.delete({ where: { id: d.id } });
    await audit({ action: "datacentre.delete", targetType: "datacentre", targetId: name, targetName: name, before: toDataCentreDto(d) });
  });
}
