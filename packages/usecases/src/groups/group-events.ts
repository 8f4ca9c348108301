import type { Db } from "@capstan/db";
import { groupObjectName } from "@capstan/domain";
import { groupEvents as groupEventsWhere } from "../events/list-group-events";

/** The warnings a group's Deployment, ReplicaSets and pods have had: why pods are Pending or failing
 * (the whole timeline, Normal events too, is listGroupEvents'). */
export async function groupEvents(db: Db, g: { clusterId: string; name: string; application: { name: string; system: { name: string } } }, limit = 20) {
  const where = groupEventsWhere(g.clusterId, g.application.system.name, groupObjectName(g.application.name, g.name));
  const rows = await db.$queryRaw<{ involvedKind: string; involvedName: string; reason: string; message: string; count: number; lastAt: Date }[]>`
    SELECT "involvedKind", "involvedName", reason, message, count, "lastAt" FROM "ClusterEvent" e
    WHERE ${where} AND e.type = 'Warning'
    ORDER BY "lastAt" DESC LIMIT ${limit}`;
  return rows.map((e) => ({
    kind: e.involvedKind,
    name: e.involvedName,
    reason: e.reason,
    message: e.message,
    count: e.count,
    lastAt: e.lastAt.toISOString(),
  }));
}
