import { canWriteInSystem, changeCauseText, domainError, fieldError, GroupRollout, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { findGroup } from "./find-group";
import { revisionSpec } from "./group-dto";
import { checkImageFirst, digestOf } from "./image-check";
import { reviseGroup } from "./revise-group";

/**
 * Rolls a group out to an image tag as it is now in the group's Harbor: a new revision pinning the tag's
 * digest, and pods replaced a few at a time. The tag the group already runs rolls out when it was pushed
 * again since (another digest); otherwise 409 group_already_runs_image.
 */
export async function rolloutGroup(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { image, version } = parseInput(GroupRollout, input);
  const first = await checkImageFirst(ctx, { system, application, group: name, tag: image });
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_roll_out_group", { system });
    const digest = await digestOf(tx, before, image, first);
    // The same tag and digest would change nothing in the pod template.
    if (image === before.imageTag && digest === before.imageDigest)
      throw domainError("group_already_runs_image", { group: name, image }, { image: fieldError("current_image") });
    const after = await reviseGroup(tx, ctx.actor, s, before, {
      spec: { ...revisionSpec(before), imageTag: image, imageDigest: digest },
      changeCause: changeCauseText({ kind: "rolledOut", image }),
      version,
      imageResolved: true,
    });
    await audit({
      action: "group.rollout",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { imageTag: before.imageTag, imageDigest: before.imageDigest, revision: before.revision },
      after: { imageTag: image, imageDigest: digest, revision: after.revision },
    });
    return after;
  });
}
