import type { Context } from "../context";
import { changeLoadBalancer } from "./change-load-balancer";
import { findMember } from "./take-out-member";

/**
 * Puts member group `group` back in a balancer (IN, since now), whether it was draining or out; one
 * already in stays as it is. Its pods taken out on their own stay out.
 * @throws DomainError 403, 404 (unknown balancer, or `group` not a member), 409 being deleted.
 */
export async function putBackMember(ctx: Context, system: string, application: string, name: string, group: string) {
  return changeLoadBalancer(ctx, { system, application, name }, { action: "load-balancer.member-in", version: undefined }, async (tx, { loadBalancer: lb }) => {
    const member = await findMember(tx, lb, group);
    if (member.state === "IN") return null;
    await tx.loadBalancerMember.update({
      where: { loadBalancerId_groupId: { loadBalancerId: lb.id, groupId: member.groupId } },
      data: { state: "IN", drainSeconds: null, stateSince: new Date() },
    });
    return { before: { group, state: member.state }, after: { group, state: "IN" } };
  });
}
