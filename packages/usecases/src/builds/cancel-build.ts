import { reconcile } from "@capstan/db/kinds";
import { canWriteInSystem, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toBuildDto } from "./build-dto";
import { findBuild, triggerNames } from "./find-build";

/**
 * Cancels a build: a queued one at once (CANCELLED), a running one by asking the worker to delete its Job
 * (it is CANCELLED when the Job is gone). Developers of the system may cancel.
 * @throws DomainError forbidden_build (403), build_ended (409: it already succeeded, failed or was cancelled)
 */
export async function cancelBuild(ctx: Context, system: string, application: string, id: string) {
  return mutation(ctx, async (tx, audit) => {
    const { system: s, build } = await findBuild(tx, ctx.actor, system, application, id);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_build", { system });
    if (build.status !== "QUEUED" && build.status !== "RUNNING") throw domainError("build_ended", { number: build.number, status: build.status });
    const now = new Date();
    // Only while it is still queued or running: a build that ends meanwhile keeps its outcome.
    const queued = build.status === "QUEUED";
    const { count } = await tx.build.updateMany({
      where: { id: build.id, status: build.status },
      data: queued
        ? { status: "CANCELLED", reason: "Cancelled", message: "cancelled before it started", finishedAt: now, cancelRequestedAt: now }
        : { cancelRequestedAt: now },
    });
    if (count === 0) throw domainError("concurrent_change");
    await reconcile.builds(tx, [build.id]);
    const after = await tx.build.findUniqueOrThrow({ where: { id: build.id } });
    const dto = toBuildDto(after, { system, application, dataCentre: build.dataCentre.name }, await triggerNames(tx, [after]));
    await audit({
      action: "build.cancel",
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
