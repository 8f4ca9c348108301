import { canWriteInSystem, changeCauseText, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { findGroup } from "./find-group";
import { revisionSpec } from "./group-dto";
import { reviseGroup } from "./revise-group";

/**
 * A rolling restart, as `kubectl rollout restart` does it: the same spec with a new restart time in the
 * pod template, so the Deployment replaces every pod a few at a time. Recorded as a revision.
 */
export async function restartGroup(ctx: Context, system: string, application: string, name: string) {
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_restart_group", { system });
    const after = await reviseGroup(tx, ctx.actor, s, before, {
      spec: revisionSpec(before),
      changeCause: changeCauseText({ kind: "restarted" }),
      restartedAt: new Date(),
    });
    await audit({
      action: "group.restart",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      after: { revision: after.revision, restartedAt: after.restartedAt },
    });
    return after;
  });
}
