import { ListQuery, type LoadBalancerListItem, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { type Page, pageArgs } from "../page";
import { containsText } from "../search";
import { LB_NAMES, publishedNames, toLoadBalancerDto } from "./load-balancer-rows";

/** What a list item adds to the balancer's row: its members' weights and states, and its pods taken out. */
const LIST_ITEM = {
  ...LB_NAMES,
  members: { select: { weight: true, state: true, group: { select: { name: true } } }, orderBy: { group: { name: "asc" } } },
  podStates: { where: { state: { not: "IN" } }, select: { podName: true } },
} as const;

/**
 * An application's load balancers by name, `q` matching part of a name, in offset pages; each with its member
 * groups' weights and states and how many pods are taken out (LoadBalancerListItemSchema).
 * @throws DomainError 400 naming a bad query parameter; 404 for an application the actor cannot read.
 */
export async function listLoadBalancers(ctx: Context, system: string, application: string, query: unknown): Promise<Page<LoadBalancerListItem>> {
  const q = parseInput(ListQuery, query, "query");
  const { application: app } = await findApplication(ctx.db, ctx.actor, system, application);
  const where = { applicationId: app.id, ...(q.q ? { name: containsText(q.q) } : {}) };
  const [rows, total] = await Promise.all([
    ctx.db.loadBalancer.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageArgs(q), include: LIST_ITEM }),
    ctx.db.loadBalancer.count({ where }),
  ]);
  const published = await publishedNames(
    ctx.db,
    rows.flatMap((lb) => lb.domains.map((d) => d.name)),
  );
  const items = rows.map((lb) => ({
    ...toLoadBalancerDto(lb, published),
    members: lb.members.map((m) => ({ group: m.group.name, weight: m.weight, state: m.state })),
    podsOut: lb.podStates.length,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
