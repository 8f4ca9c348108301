import { ListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { type Page, pageArgs } from "../page";
import { containsText } from "../search";
import { LB_NAMES, type LoadBalancerRowDto, publishedNames, toLoadBalancerDto } from "./load-balancer-rows";

/**
 * An application's load balancers by name, `q` matching part of a name, in offset pages.
 * @throws DomainError 400 naming a bad query parameter; 404 for an application the actor cannot read.
 */
export async function listLoadBalancers(ctx: Context, system: string, application: string, query: unknown): Promise<Page<LoadBalancerRowDto>> {
  const q = parseInput(ListQuery, query, "query");
  const { application: app } = await findApplication(ctx.db, ctx.actor, system, application);
  const where = { applicationId: app.id, ...(q.q ? { name: containsText(q.q) } : {}) };
  const [rows, total] = await Promise.all([
    ctx.db.loadBalancer.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageArgs(q), include: LB_NAMES }),
    ctx.db.loadBalancer.count({ where }),
  ]);
  const published = await publishedNames(
    ctx.db,
    rows.flatMap((lb) => lb.domains.map((d) => d.name)),
  );
  return { items: rows.map((lb) => toLoadBalancerDto(lb, published)), total, page: q.page, pageSize: q.pageSize };
}
