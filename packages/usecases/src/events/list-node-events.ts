import { canOperateFleet, domainError, EventListQuery, parseInput } from "@capstan/domain";
import { Prisma } from "@capstan/db";
import type { Context } from "../context";
import { findNode } from "../nodes/find-node";

import { eventPage } from "./event-page";

/**
 * A node's timeline: the events of the node itself (NodeReady, NodeNotReady …) and of the pods on it now
 * (Scheduled, Pulled, Started, Killing …), newest first, in pages (`type` keeps one kind). Platform
 * admins and ops, as for the node page (403 forbidden_read_nodes otherwise); 404 for an unknown node.
 */
export async function listNodeEvents(ctx: Context, cluster: string, name: string, query: unknown) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const q = parseInput(EventListQuery, query, "query");
  const n = await findNode(ctx.db, cluster, name);
  const where = Prisma.sql`e."clusterId" = ${n.clusterId}::uuid AND (
    (e."involvedKind" = 'Node' AND e."involvedName" = ${n.name})
    OR (e."involvedKind" = 'Pod' AND (e.namespace, e."involvedName") IN (
      SELECT p.namespace, p.name FROM "Pod" p WHERE p."clusterId" = ${n.clusterId}::uuid AND p."nodeName" = ${n.name})))`;
  return eventPage(ctx.db, where, q);
}
