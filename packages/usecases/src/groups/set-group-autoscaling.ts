import { reconcile } from "@capstan/db/kinds";
import { autoscalingOf, canWriteInSystem, domainError, GroupAutoscalingSet, parseInput, reservedFootprint, type Resources } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { assertGroupFitsQuota } from "../quotas/quota-usage";
import { findGroup } from "./find-group";
import { GROUP_NAMES, toGroupDto } from "./group-dto";

/** The request field each resource of an autoscaled group's footprint grows with: every one with maxReplicas, pod sizes aside. */
const AUTOSCALING_FIELD: Record<keyof Resources, string> = { cpuMillis: "cpu", memoryMiB: "memory", gpu: "gpu", instances: "maxReplicas" };

/**
 * Turns a group's autoscaling on, or changes it (GroupAutoscalingSet: range, targets, behaviour, `version`).
 * The system's quota must hold the group at `maxReplicas` (reservedReplicas), so the autoscaler never meets
 * the quota in the middle of a spike: a refusal is the 409 a scale gets (quota_exceeded, naming each
 * resource). The replica count is brought into the new range at once; from then on it follows the HPA.
 * Not a new revision: the pods' spec does not change. 409 stale_version when `version` is not the group's.
 */
export async function setGroupAutoscaling(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { version, ...autoscaling } = parseInput(GroupAutoscalingSet, input);
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_autoscale_group", { system });
    if (before.deletionRequestedAt) throw domainError("group_being_deleted", { group: name });
    await assertGroupFitsQuota(
      tx,
      s,
      { id: before.dataCentreId, name: before.dataCentre.name },
      reservedFootprint(before),
      reservedFootprint({ ...before, autoscaling }),
      (r) => AUTOSCALING_FIELD[r],
    );
    const replicas = Math.min(autoscaling.maxReplicas, Math.max(autoscaling.minReplicas, before.replicas));
    await bumpVersion(
      (v) =>
        tx.group.updateMany({
          where: { id: before.id, deletionRequestedAt: null, ...v },
          data: { autoscaling, replicas, generation: { increment: 1 }, version: { increment: 1 } },
        }),
      version,
      "Group",
      `${system}/${application}/${name}`,
    );
    const g = await tx.group.findUniqueOrThrow({ where: { id: before.id }, include: GROUP_NAMES });
    await reconcile.group(tx, g);
    await audit({
      action: "group.autoscale",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { replicas: before.replicas, autoscaling: autoscalingOf(before) },
      after: { replicas, ...autoscaling },
    });
    return toGroupDto(g);
  });
}
