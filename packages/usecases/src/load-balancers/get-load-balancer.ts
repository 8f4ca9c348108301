import type { Context } from "../context";
import { loadBalancerDetail } from "./load-balancer-detail";
import { findLoadBalancer } from "./load-balancer-rows";

/**
 * A balancer with its members (weights and shares of traffic), the pods of its member groups with their
 * state, whether its names are published, warnings, and whether the actor may change it.
 * @throws DomainError 404 for a system, application or balancer the actor cannot read.
 */
export async function getLoadBalancer(ctx: Context, system: string, application: string, name: string) {
  return ctx.db.$transaction(async (tx) => {
    const { system: s, loadBalancer: lb } = await findLoadBalancer(tx, ctx.actor, system, application, name);
    return loadBalancerDetail(tx, ctx.actor, s, lb);
  });
}
