import { canManageSystemsOf, domainError, fieldError, parseInput, SystemMemberAdd } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { mutation } from "../mutation";

/** Adds a member of the system's department to the system, which lets developers deploy in it. */
export async function addSystemMember(ctx: Context, system: string, input: unknown) {
  const { email } = parseInput(SystemMemberAdd, input);
  return mutation(ctx, async (tx, audit) => {
    const s = await findSystem(tx, ctx.actor, system);
    if (!canManageSystemsOf(ctx.actor, s.departmentId)) throw domainError("forbidden_manage_system_members", { department: s.department.name });
    const user = await tx.user.findUnique({
      where: { email },
      include: { departmentMemberships: { where: { departmentId: s.departmentId } } },
    });
    if (!user) throw domainError("user_unknown", { email }, { email: fieldError("user_unknown") });
    if (user.departmentMemberships.length === 0)
      throw domainError(
        "not_department_member",
        { email, department: s.department.name },
        { email: fieldError("not_department_member", { department: s.department.name }) },
      );
    const existing = await tx.systemMember.findUnique({ where: { systemId_userId: { systemId: s.id, userId: user.id } } });
    if (existing) throw domainError("already_system_member", { email, system }, { email: fieldError("already_member") });
    await tx.systemMember.create({ data: { systemId: s.id, userId: user.id } });
    const member = { email: user.email, name: user.name, departmentRole: user.departmentMemberships[0]!.role };
    await audit({
      action: "system.member.add",
      targetType: "system",
      targetId: system,
      targetName: system,
      departmentId: s.departmentId,
      systemId: s.id,
      after: member,
    });
    return member;
  });
}
