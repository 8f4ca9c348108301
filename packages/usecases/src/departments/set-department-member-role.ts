import { canManageSystemsOf, DepartmentMemberSet, domainError, email as emailSchema, notFound, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { mutation } from "../mutation";

export async function setDepartmentMemberRole(ctx: Context, department: string, email: string, input: unknown) {
  const address = parseInput(emailSchema, email);
  const { role } = parseInput(DepartmentMemberSet, input);
  return mutation(ctx, async (tx, audit) => {
    const d = await findDepartment(tx, ctx.actor, department);
    if (!canManageSystemsOf(ctx.actor, d.id)) throw domainError("forbidden_manage_department_members", { department });
    const member = await tx.departmentMember.findFirst({ where: { departmentId: d.id, user: { email: address } }, include: { user: true } });
    if (!member) throw notFound("Member", address);
    await tx.departmentMember.update({ where: { departmentId_userId: { departmentId: d.id, userId: member.userId } }, data: { role } });
    const after = { email: address, name: member.user.name, role };
    await audit({
      action: "department.member.role",
      targetType: "department",
      targetId: department,
      targetName: department,
      departmentId: d.id,
      before: { email: address, role: member.role },
      after,
    });
    return after;
  });
}
