import { canManageSystemsOf, DepartmentMemberAdd, domainError, fieldError, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { mutation } from "../mutation";

export async function addDepartmentMember(ctx: Context, department: string, input: unknown) {
  const { email, role } = parseInput(DepartmentMemberAdd, input);
  return mutation(ctx, async (tx, audit) => {
    const d = await findDepartment(tx, ctx.actor, department);
    if (!canManageSystemsOf(ctx.actor, d.id)) throw domainError("forbidden_manage_department_members", { department });
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw domainError("user_unknown", { email }, { email: fieldError("user_unknown") });
    const existing = await tx.departmentMember.findUnique({ where: { departmentId_userId: { departmentId: d.id, userId: user.id } } });
    if (existing) throw domainError("already_department_member", { email, department }, { email: fieldError("already_member") });
    await tx.departmentMember.create({ data: { departmentId: d.id, userId: user.id, role } });
    const member = { email, name: user.name, role };
    await audit({ action: "department.member.add", targetType: "department", targetId: department, targetName: department, departmentId: d.id, after: member });
    return member;
  });
}
