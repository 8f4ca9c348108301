import { reconcile } from "@capstan/db/kinds";
import { canWriteInSystem, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { findLoadBalancer, toLoadBalancerDto } from "./load-balancer-rows";

/**
 * Marks a balancer for deletion (deletionRequestedAt); the orchestrator removes its Kubernetes objects and
 * DNS records, then the row. Asking again changes nothing more.
 * @throws DomainError 403 forbidden_change_load_balancer, 404.
 */
export async function deleteLoadBalancer(ctx: Context, system: string, application: string, name: string) {
  return mutation(ctx, async (tx, audit) => {
    const { system: s, loadBalancer: lb } = await findLoadBalancer(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_change_load_balancer", { system });
    if (!lb.deletionRequestedAt)
      await tx.loadBalancer.update({
        where: { id: lb.id },
        data: { deletionRequestedAt: new Date(), version: { increment: 1 }, generation: { increment: 1 } },
      });
    await reconcile.loadBalancer(tx, lb);
    await reconcile.dns(tx, lb);
    await audit({
      action: "load-balancer.delete",
      targetType: "load-balancer",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: toLoadBalancerDto(lb, new Set()),
    });
  });
}
