import { ApplicationUpdate, canWriteInSystem, domainError, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { bumpVersion, mutation } from "../mutation";
import { toApplicationDto } from "./application-dto";

export async function updateApplication(ctx: Context, system: string, name: string, input: unknown) {
  const { version, ...changes } = parseInput(ApplicationUpdate, input);
  return mutation(ctx, async (tx, audit) => {
    const { system: s, application: before } = await findApplication(tx, ctx.actor, system, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_change_application", { system });
    await bumpVersion(
      (v) => tx.application.updateMany({ where: { id: before.id, ...v }, data: { ...changes, version: { increment: 1 } } }),
      version,
      "Application",
      `${system}/${name}`,
    );
    const after = toApplicationDto(await tx.application.findUniqueOrThrow({ where: { id: before.id } }), system);
    await audit({
      action: "application.update",
      targetType: "application",
      targetId: `${system}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: toApplicationDto(before, system),
      after,
    });
    return after;
  });
}
