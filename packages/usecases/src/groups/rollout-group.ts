import { canWriteInSystem, changeCauseText, domainError, fieldError, GroupRollout, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { findGroup } from "./find-group";
import { revisionSpec } from "./group-dto";
import { checkImageFirst } from "./image-check";
import { reviseGroup } from "./revise-group";

/** Rolls a group out to another image tag: a new revision, and pods replaced a few at a time. */
export async function rolloutGroup(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { image, version } = parseInput(GroupRollout, input);
  const imageChecked = await checkImageFirst(ctx, { system, application, group: name, tag: image });
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_roll_out_group", { system });
    // The same tag would change nothing in the pod template; a rolling restart re-pulls a moved tag.
    if (image === before.imageTag) throw domainError("group_already_runs_image", { group: name, image }, { image: fieldError("current_image") });
    const after = await reviseGroup(tx, ctx, s, before, {
      spec: { ...revisionSpec(before), imageTag: image },
      changeCause: changeCauseText({ kind: "rolledOut", image }),
      version,
      imageChecked,
    });
    await audit({
      action: "group.rollout",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { imageTag: before.imageTag, revision: before.revision },
      after: { imageTag: image, revision: after.revision },
    });
    return after;
  });
}
