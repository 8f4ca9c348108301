import { EventListQuery, groupObjectName, parseInput } from "@capstan/domain";
import { Prisma } from "@capstan/db";
import type { Context } from "../context";
import { findGroup } from "../groups/find-group";

import { eventPage } from "./event-page";

/**
 * A group's timeline: the Normal and Warning events of its Deployment (and autoscaler), ReplicaSets and
 * pods, newest first, in pages (`type` keeps one kind). Whoever may read the group may read it; events
 * are kept for an hour (the resync drops older ones). Throws not_found as for the group, 422 for a bad query.
 */
export async function listGroupEvents(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(EventListQuery, query, "query");
  const { group: g } = await findGroup(ctx.db, ctx.actor, system, application, name);
  return eventPage(ctx.db, groupEvents(g.clusterId, system, groupObjectName(application, name)), q);
}

/**
 * The events of a group's objects in its cluster, by kind and name as the balancer's are (loadBalancerEvents):
 * the Deployment, Service and HorizontalPodAutoscaler `<deployment>`, ReplicaSets `<deployment>-<pod-template-hash>`
 * and pods `<deployment>-<hash>-<suffix>`. Hash and suffix use Kubernetes' safe alphabet, which has no "-", and
 * each kind has its own pattern, so the objects of a group whose name extends this one's ("web-bcdfg" beside
 * "web": its Deployment looks like a ReplicaSet of web's, its ReplicaSets like web's pods) never match.
 */
export function groupEvents(clusterId: string, namespace: string, deployment: string): Prisma.Sql {
  const hash = "[a-z0-9]{5,10}";
  return Prisma.sql`e."clusterId" = ${clusterId}::uuid AND e.namespace = ${namespace} AND (
    (e."involvedKind" IN ('Deployment', 'Service', 'HorizontalPodAutoscaler') AND e."involvedName" = ${deployment})
    OR (e."involvedKind" = 'ReplicaSet' AND e."involvedName" ~ ${`^${deployment}-${hash}$`})
    OR (e."involvedKind" = 'Pod' AND e."involvedName" ~ ${`^${deployment}-${hash}-[a-z0-9]{5}$`}))`;
}
