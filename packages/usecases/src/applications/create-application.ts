import { ApplicationCreate, canWriteInSystem, domainError, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { mutation } from "../mutation";
import { toApplicationDto } from "./application-dto";

export async function createApplication(ctx: Context, system: string, input: unknown) {
  const data = parseInput(ApplicationCreate, input);
  return mutation(ctx, async (tx, audit) => {
    const s = await findSystem(tx, ctx.actor, system);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_create_application", { system });
    const dto = toApplicationDto(await tx.application.create({ data: { ...data, systemId: s.id } }), system, 0);
    await audit({
      action: "application.create",
      targetType: "application",
      targetId: `${system}/${dto.name}`,
      targetName: dto.name,
      departmentId: s.departmentId,
      systemId: s.id,
      after: dto,
    });
    return dto;
  });
}
