import { reconcile } from "@capstan/db/kinds";
import { canManageSystemsOf, domainError, parseInput, SystemUpdate } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { bumpVersion, mutation } from "../mutation";
import { toSystemDto } from "./system-dto";

export async function updateSystem(ctx: Context, name: string, input: unknown) {
  const { version, ...changes } = parseInput(SystemUpdate, input);
  return mutation(ctx, async (tx, audit) => {
    const before = await findSystem(tx, ctx.actor, name);
    if (!canManageSystemsOf(ctx.actor, before.departmentId)) throw domainError("forbidden_edit_system", { department: before.department.name });
    await bumpVersion(
      (v) => tx.system.updateMany({ where: { id: before.id, ...v }, data: { ...changes, version: { increment: 1 } } }),
      version,
      "System",
      name,
    );
    const after = toSystemDto(await tx.system.findUniqueOrThrow({ where: { id: before.id }, include: { department: { select: { name: true } } } }));
    // The isolation is the namespace's NetworkPolicy: ask every cluster where the namespace is wanted
    // (the data centres where the system has a quota, and clusters with its groups) to apply it now.
    if (changes.isolation !== undefined && changes.isolation !== before.isolation) {
      const clusters = await tx.cluster.findMany({
        where: { OR: [{ dataCentre: { systemQuotas: { some: { systemId: before.id } } } }, { groups: { some: { application: { systemId: before.id } } } }] },
        select: { id: true },
      });
      await reconcile.systems(
        tx,
        clusters.map((c) => ({ systemId: before.id, clusterId: c.id })),
      );
    }
    await audit({
      action: "system.update",
      targetType: "system",
      targetId: name,
      targetName: name,
      departmentId: before.departmentId,
      systemId: before.id,
      before: toSystemDto(before),
      after,
    });
    return after;
  });
}
