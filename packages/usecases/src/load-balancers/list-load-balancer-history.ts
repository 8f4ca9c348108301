import { LoadBalancerHistoryQuery, parseInput } from "@capstan/domain";
import { auditEventPage } from "../audit/audit-page";
import type { Context } from "../context";
import { findLoadBalancer } from "./load-balancer-rows";

/**
 * A balancer's history: its audited changes (created, settings, members, taken out and put back), newest
 * first, in keyset pages like the audit log's (`cursor` from the previous page's `nextCursor`). Anyone who
 * may read the balancer may read its history. Events of an earlier balancer of the same name are left out.
 * @throws DomainError 404 for a balancer the actor cannot read; 400 for a bad cursor.
 */
export async function listLoadBalancerHistory(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(LoadBalancerHistoryQuery, query, "query");
  const { loadBalancer: lb } = await ctx.db.$transaction((tx) => findLoadBalancer(tx, ctx.actor, system, application, name));
  const where = { targetType: "load-balancer", targetId: `${system}/${application}/${name}`, at: { gte: lb.createdAt } };
  return auditEventPage(ctx.db, where, q);
}
