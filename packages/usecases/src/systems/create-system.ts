import { canManageSystemsOf, forbidden, parseInput, SystemCreate } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { mutation } from "../mutation";
import { toSystemDto } from "./system-dto";

export async function createSystem(ctx: Context, input: unknown) {
  const { department, ...data } = parseInput(SystemCreate, input);
  return mutation(ctx, async (tx, audit) => {
    const d = await findDepartment(tx, ctx.actor, department);
    if (!canManageSystemsOf(ctx.actor, d.id)) throw forbidden(`Only admins of department "${department}" create systems in it.`);
    const s = await tx.system.create({ data: { ...data, departmentId: d.id }, include: { department: { select: { name: true } } } });
    const dto = toSystemDto(s, { applications: 0, members: 0 });
    await audit({ action: "system.create", targetType: "system", targetId: s.name, targetName: s.name, departmentId: d.id, systemId: s.id, after: dto });
    return dto;
  });
}
