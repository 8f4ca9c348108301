import { canWriteInSystem, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication, nameList } from "../lookups";
import { mutation } from "../mutation";
import { toApplicationDto } from "./application-dto";

export async function deleteApplication(ctx: Context, system: string, name: string) {
  return mutation(ctx, async (tx, audit) => {
    const { system: s, application: a } = await findApplication(tx, ctx.actor, system, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_delete_application", { system });
    await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${a.id}::uuid FOR UPDATE`;
    // One at a time: a transaction is one connection, where pg deprecates queueing queries.
    const groups = await tx.group.findMany({ where: { applicationId: a.id }, select: { name: true }, orderBy: { name: "asc" }, take: 5 });
    const lbs = await tx.loadBalancer.findMany({ where: { applicationId: a.id }, select: { name: true }, orderBy: { name: "asc" }, take: 5 });
    if (groups.length > 0) {
      const total = await tx.group.count({ where: { applicationId: a.id } });
      throw domainError("application_has_groups", {
        application: name,
        groups: nameList(
          groups.map((g) => g.name),
          total,
        ),
      });
    }
    if (lbs.length > 0) throw domainError("application_has_load_balancers", { application: name, loadBalancers: lbs.map((l) => l.name).join(", ") });
    await tx.application.delete({ where: { id: a.id } });
    await audit({
      action: "application.delete",
      targetType: "application",
      targetId: `${system}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: toApplicationDto(a, system),
    });
  });
}
