import { canOperateFleet, domainError, type NodeStatus, stuckFor } from "@capstan/domain";
import type { Context } from "../context";
import { CLUSTER_HEALTH_SELECT, clusterHealth } from "./cluster-health";
import { NODE_FROM } from "../nodes/node-filter";
import { stuckSql } from "../nodes/stuck-sql";

/** Rows each list shows; the counts are of all. */
const SHOWN = 8;

interface NodeRow {
  cluster: string;
  name: string;
  status: NodeStatus;
  ready: boolean;
  statusChangedAt: Date;
}

/**
 * The ops dashboard (platform admins and ops; 403 for others): nodes NotReady or stuck in their state
 * (stuckFor, DEFAULT_STUCK_THRESHOLDS) counted by PostgreSQL and the longest in their state, the latest
 * moves to OFFLINE (drains) with their result, and the clusters that are not healthy (unreachable or
 * degraded at the last probe). The answer's size does not grow with the fleet.
 */
export async function getOpsDashboard(ctx: Context, now = new Date()) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const stuck = stuckSql(now);
  const [[counts], nodes, drains, clusters] = await Promise.all([
    ctx.db.$queryRaw<{ notReady: number; stuck: number; attention: number }[]>`
      SELECT count(*) FILTER (WHERE NOT n.ready)::int AS "notReady", count(*) FILTER (WHERE ${stuck})::int AS stuck,
        count(*) FILTER (WHERE NOT n.ready OR ${stuck})::int AS attention
      FROM "Node" n`,
    ctx.db.$queryRaw<NodeRow[]>`
      SELECT c.name AS cluster, n.name, n.status::text AS status, n.ready, n."statusChangedAt"
      FROM ${NODE_FROM} WHERE NOT n.ready OR ${stuck}
      ORDER BY n."statusChangedAt", n.id LIMIT ${SHOWN}`,
    ctx.db.nodeTransition.findMany({
      where: { to: "OFFLINE" },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: SHOWN,
      select: { reason: true, result: true, createdAt: true, node: { select: { name: true, cluster: { select: { name: true } } } } },
    }),
    ctx.db.cluster.findMany({
      where: { status: { in: ["UNREACHABLE", "DEGRADED"] } },
      orderBy: { name: "asc" },
      select: CLUSTER_HEALTH_SELECT,
    }),
  ]);
  return {
    nodes: {
      notReady: counts?.notReady ?? 0,
      stuck: counts?.stuck ?? 0,
      total: counts?.attention ?? 0,
      items: nodes.map((n) => ({
        cluster: n.cluster,
        name: n.name,
        status: n.status,
        ready: n.ready,
        since: n.statusChangedAt.toISOString(),
        stuckForMs: stuckFor(n.status, n.statusChangedAt, now)?.elapsedMs ?? null,
      })),
    },
    recentDrains: drains.map((d) => ({ cluster: d.node.cluster.name, node: d.node.name, reason: d.reason, result: d.result, at: d.createdAt.toISOString() })),
    unhealthyClusters: clusters.map(clusterHealth),
  };
}
