import { canManageDepartments, DepartmentUpdate, domainError, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { bumpVersion, mutation } from "../mutation";
import { toDepartmentDto } from "./department-dto";

export async function updateDepartment(ctx: Context, name: string, input: unknown) {
  const { version, ...changes } = parseInput(DepartmentUpdate, input);
  return mutation(ctx, async (tx, audit) => {
    const before = await findDepartment(tx, ctx.actor, name);
    if (!canManageDepartments(ctx.actor)) throw domainError("forbidden_edit_department");
    await bumpVersion(
      (v) => tx.department.updateMany({ where: { id: before.id, ...v }, data: { ...changes, version: { increment: 1 } } }),
      version,
      "Department",
      name,
    );
    const after = toDepartmentDto(await tx.department.findUniqueOrThrow({ where: { id: before.id } }));
    await audit({
      action: "department.update",
      targetType: "department",
      targetId: before.name,
      targetName: before.name,
      departmentId: before.id,
      before: toDepartmentDto(before),
      after,
    });
    return after;
  });
}
