import { canOperateFleet, domainError, type NodeStatus, personName, stuckFor } from "@capstan/domain";
import type { Context } from "../context";
import { NODE_FROM } from "./node-filter";
import { type GroupRow, rollUp } from "./fleet-rollup";
import { stuckSql } from "./stuck-sql";

const ATTENTION = 50,
  RECENT = 20;

interface AttentionRow {
  cluster: string;
  dataCentre: string;
  name: string;
  status: NodeStatus;
  zone: string;
  ready: boolean;
  statusChangedAt: Date;
  lastAt: Date | null;
  lastBy: string | null;
  lastByName: string | null;
  lastReason: string | null;
}
interface TransitionRow {
  cluster: string;
  node: string;
  from: NodeStatus | null;
  to: NodeStatus;
  reason: string;
  result: "PENDING" | "SUCCEEDED" | "FAILED";
  by: string | null;
  byName: string | null;
  at: Date;
}

/** Counts, capacity and the nodes needing attention, aggregated in PostgreSQL: the answer's size
 * depends on the number of clusters, zones and states, never on the number of nodes. */
export async function getFleetOverview(ctx: Context, now = new Date()) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const stuck = stuckSql(now);
  const [groups, attention, transitions] = await Promise.all([
    ctx.db.$queryRaw<GroupRow[]>`
      SELECT d.name AS "dataCentre", c.name AS cluster, n.zone, n.status::text AS status, count(*)::int AS nodes,
        count(*) FILTER (WHERE NOT n.ready)::int AS "notReady", count(*) FILTER (WHERE ${stuck})::int AS stuck,
        count(*) FILTER (WHERE NOT n.ready OR ${stuck})::int AS attention,
        sum(n."capacityCpuMillis")::float8 AS "cpuCapacity", sum(n."allocCpuMillis")::float8 AS "cpuAllocatable", sum(n."requestedCpuMillis")::float8 AS "cpuRequested",
        sum(n."capacityMemoryMiB")::float8 AS "memoryCapacity", sum(n."allocMemoryMiB")::float8 AS "memoryAllocatable", sum(n."requestedMemoryMiB")::float8 AS "memoryRequested",
        sum(n."capacityGpu")::float8 AS "gpuCapacity", sum(n."allocGpu")::float8 AS "gpuAllocatable", sum(n."requestedGpu")::float8 AS "gpuRequested"
      FROM ${NODE_FROM} GROUP BY d.name, c.name, n.zone, n.status`,
    ctx.db.$queryRaw<AttentionRow[]>`
      SELECT c.name AS cluster, d.name AS "dataCentre", n.name, n.status::text AS status, n.zone, n.ready, n."statusChangedAt",
        t."createdAt" AS "lastAt", u.email AS "lastBy", u.name AS "lastByName", t.reason AS "lastReason"
      FROM ${NODE_FROM}
      LEFT JOIN LATERAL (SELECT "createdAt", "actorId", reason FROM "NodeTransition" WHERE "nodeId" = n.id ORDER BY "createdAt" DESC LIMIT 1) t ON TRUE
      LEFT JOIN "User" u ON u.id = t."actorId"
      WHERE NOT n.ready OR ${stuck}
      ORDER BY n."statusChangedAt", n.id LIMIT ${ATTENTION}`,
    ctx.db.$queryRaw<TransitionRow[]>`
      SELECT c.name AS cluster, n.name AS node, t."from"::text AS "from", t."to"::text AS "to", t.reason, t.result::text AS result, u.email AS by, u.name AS "byName", t."createdAt" AS at
      FROM "NodeTransition" t JOIN "Node" n ON n.id = t."nodeId" JOIN "Cluster" c ON c.id = n."clusterId" LEFT JOIN "User" u ON u.id = t."actorId"
      ORDER BY t."createdAt" DESC LIMIT ${RECENT}`,
  ]);
  return {
    generatedAt: now.toISOString(),
    ...rollUp(groups),
    attention: attention.map((a) => ({
      cluster: a.cluster,
      dataCentre: a.dataCentre,
      name: a.name,
      status: a.status,
      zone: a.zone,
      ready: a.ready,
      statusChangedAt: a.statusChangedAt.toISOString(),
      stuckForMs: stuckFor(a.status, a.statusChangedAt, now)?.elapsedMs ?? null,
      /** The transition that put the node in its state; null by: the system. */
      lastTransition: a.lastAt
        ? { at: a.lastAt.toISOString(), by: a.lastBy === null ? null : personName({ name: a.lastByName ?? "", email: a.lastBy }), reason: a.lastReason ?? "" }
        : null,
    })),
    // Who moved a node, as people are shown (personName); null: the system.
    recentTransitions: transitions.map(({ byName, ...t }) => ({
      ...t,
      by: t.by === null ? null : personName({ name: byName ?? "", email: t.by }),
      at: t.at.toISOString(),
    })),
  };
}
