import type { Tx } from "@capstan/db";
import { dnsLabel, LoadBalancerTakeOut, notFound, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { changeLoadBalancer } from "./change-load-balancer";

/**
 * Takes member group `group` out of a balancer: it drains (DRAINING: no new connections or requests; those
 * in flight may go on for `drainSeconds`, since now), after which the worker's controller makes it OUT; with
 * `drainSeconds` 0 it is out at once. A member already draining or out stays as it is. Taking out the last
 * member in is allowed: the answer's `warnings` then say that no member is in.
 * @throws DomainError 403, 404 (unknown balancer, or `group` not a member), 409 being deleted, 422 drainSeconds.
 */
export async function takeOutMember(ctx: Context, system: string, application: string, name: string, group: string, input: unknown) {
  const { drainSeconds } = parseInput(LoadBalancerTakeOut, input ?? {});
  return changeLoadBalancer(
    ctx,
    { system, application, name },
    { action: "load-balancer.member-out", version: undefined },
    async (tx, { loadBalancer: lb }) => {
      const member = await findMember(tx, lb, group);
      if (member.state !== "IN") return null;
      const state = drainSeconds === 0 ? "OUT" : "DRAINING";
      await tx.loadBalancerMember.update({
        where: { loadBalancerId_groupId: { loadBalancerId: lb.id, groupId: member.groupId } },
        data: { state, drainSeconds, stateSince: new Date() },
      });
      return { before: { group, state: member.state }, after: { group, state, drainSeconds } };
    },
  );
}

/** The member row of group `group` of balancer `lb`. @throws DomainError 404 when the group is not a member. */
export async function findMember(tx: Tx, lb: { id: string; applicationId: string; name: string }, group: string) {
  if (!dnsLabel.safeParse(group).success) throw notFound("Member group", `${lb.name}/${group}`);
  const member = await tx.loadBalancerMember.findFirst({ where: { loadBalancerId: lb.id, group: { name: group, applicationId: lb.applicationId } } });
  if (!member) throw notFound("Member group", `${lb.name}/${group}`);
  return member;
}
