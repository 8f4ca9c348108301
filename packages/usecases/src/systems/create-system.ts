import { canManageSystemsOf, canReadDepartment, domainError, fieldError, parseInput, SystemCreate } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { mutation } from "../mutation";
import { toSystemDto } from "./system-dto";

/**
 * Creates a system in a department the actor manages (403 otherwise; 404 for one they cannot read). System
 * names are global, because each becomes a namespace in every cluster and a Harbor project: a name in use
 * anywhere is a 409 that says only that it is taken, never by which department nor in what state; only
 * those who can read the owning department learn that it is still being deleted (docs/security/names.md).
 */
export async function createSystem(ctx: Context, input: unknown) {
  const { department, ...data } = parseInput(SystemCreate, input);
  return mutation(ctx, async (tx, audit) => {
    const d = await findDepartment(tx, ctx.actor, department);
    if (!canManageSystemsOf(ctx.actor, d.id)) throw domainError("forbidden_create_system", { department });
    // The name is the namespace and the Harbor project: it is free again only once the old ones are gone.
    const deleting = await tx.system.findFirst({ where: { name: data.name, deletionRequestedAt: { not: null } }, select: { departmentId: true } });
    if (deleting && !canReadDepartment(ctx.actor, deleting.departmentId)) throw domainError("name_taken", {}, { name: fieldError("taken") });
    if (deleting) throw domainError("system_still_being_deleted", { system: data.name }, { name: fieldError("being_deleted") });
    const s = await tx.system.create({ data: { ...data, departmentId: d.id }, include: { department: { select: { name: true } } } });
    const dto = toSystemDto(s, { applications: 0, members: 0 });
    await audit({ action: "system.create", targetType: "system", targetId: s.name, targetName: s.name, departmentId: d.id, systemId: s.id, after: dto });
    return dto;
  });
}
