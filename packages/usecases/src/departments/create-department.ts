import { canManageDepartments, DepartmentCreate, domainError, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toDepartmentDto } from "./department-dto";

export async function createDepartment(ctx: Context, input: unknown) {
  if (!canManageDepartments(ctx.actor)) throw domainError("forbidden_create_department");
  const data = parseInput(DepartmentCreate, input);
  return mutation(ctx, async (tx, audit) => {
    const d = toDepartmentDto(await tx.department.create({ data }), 0);
    await audit({ action: "department.create", targetType: "department", targetId: d.name, targetName: d.name, after: d });
    return d;
  });
}
