import { reconcile } from "@capstan/db/kinds";
import { canWriteInSystem, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { findGroup } from "./find-group";
import { toGroupDto } from "./group-dto";

/**
 * Marks a group for deletion; the orchestrator removes its objects from the cluster and then the row,
 * so nothing is left running that the portal no longer shows. A member of a load balancer is refused (409
 * group_is_balanced, naming the balancer): it must be taken out of the balancer's members first.
 */
export async function deleteGroup(ctx: Context, system: string, application: string, name: string) {
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: g } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_delete_group", { system });
    // A balancer's members must exist: its traffic would otherwise go nowhere without anyone having chosen that.
    const balanced = await tx.loadBalancerMember.findFirst({ where: { groupId: g.id }, select: { loadBalancer: { select: { name: true } } } });
    if (balanced) throw domainError("group_is_balanced", { group: name, loadBalancer: balanced.loadBalancer.name });
    if (!g.deletionRequestedAt)
      await tx.group.update({ where: { id: g.id }, data: { deletionRequestedAt: new Date(), phase: "DELETING", version: { increment: 1 } } });
    await reconcile.group(tx, g);
    await audit({
      action: "group.delete",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: toGroupDto(g),
    });
  });
}
