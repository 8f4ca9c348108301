import { canManageSystemsOf, domainError, email as emailSchema, notFound, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { mutation } from "../mutation";

export async function removeSystemMember(ctx: Context, system: string, email: string) {
  const address = parseInput(emailSchema, email);
  return mutation(ctx, async (tx, audit) => {
    const s = await findSystem(tx, ctx.actor, system);
    if (!canManageSystemsOf(ctx.actor, s.departmentId)) throw domainError("forbidden_manage_system_members", { department: s.department.name });
    const user = await tx.user.findUnique({ where: { email: address } });
    const removed = user ? await tx.systemMember.deleteMany({ where: { systemId: s.id, userId: user.id } }) : { count: 0 };
    if (removed.count === 0) throw notFound("Member", address);
    await audit({
      action: "system.member.remove",
      targetType: "system",
      targetId: system,
      targetName: system,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { email: address },
    });
  });
}
