import { EventListQuery, lbObjectName, parseInput } from "@capstan/domain";
import { Prisma } from "@capstan/db";
import type { Context } from "../context";
import { eventPage } from "../events/event-page";
import { findLoadBalancer } from "./load-balancer-rows";

/**
 * A balancer's timeline: the Normal and Warning events of its Deployment, ReplicaSets, haproxy/nginx pods and
 * Service, newest first, in pages (`type` keeps one kind), as a group's (docs/events.md). Whoever may read the
 * balancer may read it; events are kept for an hour.
 * @throws DomainError 404 for a balancer the actor cannot read; 400 naming the field for a bad query.
 */
export async function listLoadBalancerEvents(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(EventListQuery, query, "query");
  const { loadBalancer: lb } = await ctx.db.$transaction((tx) => findLoadBalancer(tx, ctx.actor, system, application, name));
  return eventPage(ctx.db, loadBalancerEvents(lb.clusterId, system, lbObjectName(lb.name)), q);
}

/**
 * The events of a balancer's objects in its cluster, by kind and name (lbObjectName): the Deployment and
 * Service `<object>`, ReplicaSets `<object>-<pod-template-hash>` and pods `<object>-<hash>-<suffix>`. Each kind
 * has its own exact pattern, and hash and suffix have no "-", so the objects of a balancer whose name extends
 * this one's ("front-abcde" beside "front") never match; the ConfigMap of the same name is left out.
 */
export function loadBalancerEvents(clusterId: string, namespace: string, object: string): Prisma.Sql {
  const hash = "[a-z0-9]{5,10}";
  return Prisma.sql`e."clusterId" = ${clusterId}::uuid AND e.namespace = ${namespace} AND (
    (e."involvedKind" IN ('Deployment', 'Service') AND e."involvedName" = ${object})
    OR (e."involvedKind" = 'ReplicaSet' AND e."involvedName" ~ ${`^${object}-${hash}$`})
    OR (e."involvedKind" = 'Pod' AND e."involvedName" ~ ${`^${object}-${hash}-[a-z0-9]{5}$`}))`;
}
