import type { Context } from "../context";
import { findDepartment } from "../lookups";

export async function listDepartmentMembers(ctx: Context, department: string) {
  const d = await findDepartment(ctx.db, ctx.actor, department);
  const rows = await ctx.db.departmentMember.findMany({
    where: { departmentId: d.id },
    include: { user: { select: { email: true, name: true, disabled: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return rows.map((m) => ({ email: m.user.email, name: m.user.name, role: m.role, disabled: m.user.disabled, addedAt: m.createdAt.toISOString() }));
}
