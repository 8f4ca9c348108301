import type { Tx } from "@capstan/db";
import { canWriteInSystem, changeCauseText, domainError, GroupUpdate, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { findGroup } from "./find-group";
import { GROUP_NAMES, revisionSpec, toGroupDto } from "./group-dto";
import { checkImageFirst, digestOf } from "./image-check";
import { reviseGroup } from "./revise-group";

/**
 * Changes a group's pod spec (image, resources, placement, env, health check): a new revision and a rolling
 * update; and what branch it follows (`follow`), which alone makes no revision.
 */
export async function updateGroup(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { version, cpu, memory, follow, ...changes } = parseInput(GroupUpdate, input);
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
    if (follow !== undefined) {
      if (before.deletionRequestedAt) throw domainError("group_being_deleted", { group: name });
      await tx.group.update({ where: { id: before.id }, data: { followBranch: follow?.branch ?? null } });
    }
    // Following a branch changes no pod: on its own it makes no revision, only a new version.
    const after =
      follow !== undefined && changed.length === 0
        ? await followOnly(tx, before.id, version ?? before.version, `${system}/${application}/${name}`)
        : await reviseGroup(tx, ctx.actor, s, before, {
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

/** A change of what the group follows alone: the version moves (optimistic concurrency), nothing else. */
async function followOnly(tx: Tx, id: string, version: number, path: string) {
  await bumpVersion((v) => tx.group.updateMany({ where: { id, ...v }, data: { version: { increment: 1 } } }), version, "Group", path);
  return toGroupDto(await tx.group.findUniqueOrThrow({ where: { id }, include: GROUP_NAMES }));
}
