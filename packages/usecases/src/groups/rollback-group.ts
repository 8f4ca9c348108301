import { canWriteInSystem, changeCauseText, domainError, fieldError, GroupRollback, parseInput, specChanges } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { findGroup } from "./find-group";
import { type RevisionSpec, revisionSpec, toGroupDto, toSpecDto } from "./group-dto";
import { reviseGroup } from "./revise-group";

/** Returns a group to the spec recorded in one of its revisions, as a new revision; the replica count stays. */
export async function rollbackGroup(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { revision } = parseInput(GroupRollback, input);
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_roll_back_group", { system });
    const target = await tx.groupRevision.findUnique({ where: { groupId_revision: { groupId: before.id, revision } } });
    if (!target) throw domainError("revision_not_found", { revision, group: `${system}/${application}/${name}` }, { revision: fieldError("not_a_revision") });
    const spec = target.spec as RevisionSpec;
    if (specChanges(toSpecDto(revisionSpec(before)), toSpecDto(spec)).length === 0)
      throw domainError("group_already_at_revision", { group: name, revision }, { revision: fieldError("current_spec") });
    const after = await reviseGroup(tx, ctx.actor, s, before, { spec, changeCause: changeCauseText({ kind: "rolledBack", revision }) });
    await audit({
      action: "group.rollback",
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
