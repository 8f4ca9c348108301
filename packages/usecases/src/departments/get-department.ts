import { canManageDepartments, canManageSystemsOf } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { toDepartmentDto } from "./department-dto";

export async function getDepartment(ctx: Context, name: string) {
  const d = await findDepartment(ctx.db, ctx.actor, name);
  const systemCount = await ctx.db.system.count({ where: { departmentId: d.id } });
  return { ...toDepartmentDto(d, systemCount), can: { manage: canManageDepartments(ctx.actor), manageSystems: canManageSystemsOf(ctx.actor, d.id) } };
}
