import { canManageSystemsOf, domainError, email as emailSchema, notFound, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { mutation } from "../mutation";

/** Removes someone from a department, and from every system of it, in one transaction. */
export async function removeDepartmentMember(ctx: Context, department: string, email: string) {
  const address = parseInput(emailSchema, email);
  return mutation(ctx, async (tx, audit) => {
    const d = await findDepartment(tx, ctx.actor, department);
    if (!canManageSystemsOf(ctx.actor, d.id)) throw domainError("forbidden_manage_department_members", { department });
    const member = await tx.departmentMember.findFirst({ where: { departmentId: d.id, user: { email: address } } });
    if (!member) throw notFound("Member", address);
    const systems = await tx.systemMember.deleteMany({ where: { userId: member.userId, system: { departmentId: d.id } } });
    await tx.departmentMember.delete({ where: { departmentId_userId: { departmentId: d.id, userId: member.userId } } });
    await audit({
      action: "department.member.remove",
      targetType: "department",
      targetId: department,
      targetName: department,
      departmentId: d.id,
      before: { email: address, role: member.role, systemMemberships: systems.count },
    });
  });
}
