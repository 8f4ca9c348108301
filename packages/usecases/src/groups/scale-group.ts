import { reconcile } from "@capstan/db/kinds";
import { autoscalingOf, canWriteInSystem, domainError, groupFootprint, GroupScale, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { assertGroupFitsQuota } from "../quotas/quota-usage";
import { findGroup } from "./find-group";
import { GROUP_NAMES, toGroupDto } from "./group-dto";

/**
 * Sets a group's replica count. Not a new revision: rollbacks keep the current size, as in Kubernetes.
 * An autoscaled group's count is its autoscaler's: 409 group_autoscaled, saying to change min/max instead.
 */
export async function scaleGroup(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { replicas } = parseInput(GroupScale, input);
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_scale_group", { system });
    if (before.deletionRequestedAt) throw domainError("group_being_deleted", { group: name });
    const autoscaling = autoscalingOf(before);
    if (autoscaling) throw domainError("group_autoscaled", { group: name, minReplicas: autoscaling.minReplicas, maxReplicas: autoscaling.maxReplicas });
    await assertGroupFitsQuota(
      tx,
      s,
      { id: before.dataCentreId, name: before.dataCentre.name },
      groupFootprint(before),
      groupFootprint({ ...before, replicas }),
    );
    const { count } = await tx.group.updateMany({
      where: { id: before.id, deletionRequestedAt: null },
      data: { replicas, generation: { increment: 1 }, phase: "SCALING", version: { increment: 1 } },
    });
    if (count === 0) throw domainError("group_being_deleted", { group: name });
    const g = await tx.group.findUniqueOrThrow({ where: { id: before.id }, include: GROUP_NAMES });
    await reconcile.group(tx, g);
    const after = toGroupDto(g);
    await audit({
      action: "group.scale",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { replicas: before.replicas },
      after: { replicas },
    });
    return after;
  });
}
