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
 * The events of a group's objects in its cluster: <deployment> (Deployment, HorizontalPodAutoscaler),
 * <deployment>-<pod-template-hash> (ReplicaSets) and <deployment>-<hash>-<suffix> (pods). Hash and
 * suffix use Kubernetes' safe alphabet, which has no "-": another group's longer name cannot match.
 */
export function groupEvents(clusterId: string, namespace: string, deployment: string): Prisma.Sql {
  const names = `^${deployment}(-[a-z0-9]{5,10}(-[a-z0-9]{5})?)?$`;
  return Prisma.sql`e."clusterId" = ${clusterId}::uuid AND e.namespace = ${namespace} AND e."involvedName" ~ ${names}`;
}
