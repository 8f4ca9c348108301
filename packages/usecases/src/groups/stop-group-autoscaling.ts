import { Prisma } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { autoscalingOf, canWriteInSystem, domainError, GroupAutoscalingOff, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { findGroup } from "./find-group";
import { GROUP_NAMES, toGroupDto } from "./group-dto";

/**
 * Turns a group's autoscaling off (the worker deletes its HPA). The group keeps the replica count the
 * autoscaler last set, as Kubernetes leaves a Deployment whose HPA is deleted, and from then on holds that
 * much of the quota, never more than at `maxReplicas`. Idempotent: a group that does not autoscale is
 * answered as it is. `version` (optional) as the caller saw the group: 409 stale_version otherwise.
 */
export async function stopGroupAutoscaling(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const { version } = parseInput(GroupAutoscalingOff, query, "query");
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_autoscale_group", { system });
    const was = autoscalingOf(before);
    if (!was) return toGroupDto(before);
    if (before.deletionRequestedAt) throw domainError("group_being_deleted", { group: name });
    await bumpVersion(
      (v) =>
        tx.group.updateMany({
          where: { id: before.id, deletionRequestedAt: null, ...v },
          // autoscalingStatus stays: it tells the group controller an HPA is there to delete.
          data: { autoscaling: Prisma.DbNull, generation: { increment: 1 }, version: { increment: 1 } },
        }),
      version ?? before.version,
      "Group",
      `${system}/${application}/${name}`,
    );
    const g = await tx.group.findUniqueOrThrow({ where: { id: before.id }, include: GROUP_NAMES });
    await reconcile.group(tx, g);
    await audit({
      action: "group.autoscale-off",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { replicas: before.replicas, autoscaling: was },
      after: { replicas: g.replicas },
    });
    return toGroupDto(g);
  });
}
