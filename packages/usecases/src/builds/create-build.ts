import { BuildCreate, canWriteInSystem, domainError, parseInput, personName } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { mutation } from "../mutation";
import { toBuildDto } from "./build-dto";
import { queueBuild } from "./queue-build";

/**
 * Builds an application's image (`{ ref?, dataCentre?, tag? }`, see BuildCreate and queueBuild): resolves to
 * the queued build, or to the build of the same commit already queued, running or done. Developers of the
 * system (and its department's admins) may build.
 * @throws DomainError forbidden_build (403), and queueBuild's refusals
 */
export async function createBuild(ctx: Context, system: string, application: string, input: unknown) {
  const asked = parseInput(BuildCreate, input);
  return mutation(ctx, async (tx, audit) => {
    const { system: s, application: a } = await findApplication(tx, ctx.actor, system, application);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_build", { system });
    const { build, dataCentre, created } = await queueBuild(tx, { system: s, application: a, ...asked, trigger: "USER", triggeredById: ctx.actor.userId });
    const dto = toBuildDto(build, { system, application, dataCentre }, new Map([[ctx.actor.userId, personName(ctx.actor)]]));
    if (created)
      await audit({
        action: "build.create",
        targetType: "build",
        targetId: build.id,
        targetName: `${system}/${application}#${build.number}`,
        departmentId: s.departmentId,
        systemId: s.id,
        after: dto,
      });
    return dto;
  });
}
