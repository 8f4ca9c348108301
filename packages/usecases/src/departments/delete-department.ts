import { canManageDepartments, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment, nameList } from "../lookups";
import { mutation } from "../mutation";
import { toDepartmentDto } from "./department-dto";

export async function deleteDepartment(ctx: Context, name: string) {
  return mutation(ctx, async (tx, audit) => {
    const d = await findDepartment(tx, ctx.actor, name);
    if (!canManageDepartments(ctx.actor)) throw domainError("forbidden_delete_department");
    // Lock the row so a system cannot be created in it while we check for children.
    await tx.$queryRaw`SELECT id FROM "Department" WHERE id = ${d.id}::uuid FOR UPDATE`;
    const systems = await tx.system.findMany({ where: { departmentId: d.id }, select: { name: true }, orderBy: { name: "asc" }, take: 5 });
    if (systems.length > 0) {
      const total = await tx.system.count({ where: { departmentId: d.id } });
      throw domainError("department_has_systems", {
        department: name,
        systems: nameList(
          systems.map((s) => s.name),
          total,
        ),
      });
    }
    await tx.department.delete({ where: { id: d.id } });
    await audit({ action: "department.delete", targetType: "department", targetId: name, targetName: name, departmentId: d.id, before: toDepartmentDto(d) });
  });
}
