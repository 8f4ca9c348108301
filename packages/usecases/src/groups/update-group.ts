import { canWriteInSystem, changeCauseText, domainError, GroupUpdate, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { findGroup } from "./find-group";
import { revisionSpec, toGroupDto } from "./group-dto";
import { checkImageFirst, digestOf } from "./image-check";
import { reviseGroup } from "./revise-group";

/** Changes a group's pod spec (image, resources, placement, env, health check): a new revision and a rolling update. */
export async function updateGroup(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { version, cpu, memory, ...changes } = parseInput(GroupUpdate, input);
  const first = changes.imageTag === undefined ? undefined : await checkImageFirst(ctx, { system, application, group: name, tag: changes.imageTag });
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_change_group", { system });
    // A new tag pins the digest it has now; the same tag keeps the digest it pinned.
    const newTag = changes.imageTag !== undefined && changes.imageTag !== before.imageTag ? changes.imageTag : undefined;
    const spec = {
      ...revisionSpec(before),
      ...changes,
      ...(newTag === undefined ? {} : { imageDigest: await digestOf(tx, before, newTag, first) }),
      ...(cpu === undefined ? {} : { cpuMillis: cpu }),
      ...(memory === undefined ? {} : { memoryMiB: memory }),
    };
    const changed = Object.keys(changes).concat(cpu === undefined ? [] : ["cpu"], memory === undefined ? [] : ["memory"]);
    const after = await reviseGroup(tx, ctx, s, before, {
      spec,
      changeCause: changeCauseText({ kind: "changed", fields: changed }),
      version,
      imageResolved: newTag !== undefined,
    });
    await audit({
      action: "group.update",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: toGroupDto(before),
      after,
    });
    return after;
  });
}
