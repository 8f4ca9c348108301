import { finalize } from "@capstan/db/kinds";
import { canManageSystemsOf, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem, nameList } from "../lookups";
import { mutation } from "../mutation";
import { toSystemDto } from "./system-dto";

/**
 * Deletes an empty system (409 while it has applications). The deletion is reconciled: the namespace (with
 * its pull Secret, quota, limits and policy) leaves every cluster and the pull robot every Harbor, the
 * Harbor project too when it holds no images, and then the rows (docs/security/worker.md).
 */
export async function deleteSystem(ctx: Context, name: string) {
  return mutation(ctx, async (tx, audit) => {
    const s = await findSystem(tx, ctx.actor, name);
    if (!canManageSystemsOf(ctx.actor, s.departmentId)) throw domainError("forbidden_delete_system", { department: s.department.name });
    await tx.$queryRaw`SELECT id FROM "System" WHERE id = ${s.id}::uuid FOR UPDATE`;
    const apps = await tx.application.findMany({ where: { systemId: s.id }, select: { name: true }, orderBy: { name: "asc" }, take: 5 });
    if (apps.length > 0) {
      const total = await tx.application.count({ where: { systemId: s.id } });
      throw domainError("system_has_applications", {
        system: name,
        applications: nameList(
          apps.map((a) => a.name),
          total,
        ),
      });
    }
    // Rows go only once the cluster and registry objects are gone (the worker's delete-system): until then
    // the system is hidden from every page and request, and its name stays taken.
    await tx.system.update({ where: { id: s.id }, data: { deletionRequestedAt: new Date() } });
    await finalize.system(tx, s.id);
    await audit({
      action: "system.delete",
      targetType: "system",
      targetId: name,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: toSystemDto(s),
    });
  });
}
