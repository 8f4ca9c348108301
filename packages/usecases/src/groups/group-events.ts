import type { Db } from "@capstan/db";
import { groupObjectName } from "@capstan/domain";

/** The warnings a group's Deployment, ReplicaSets and pods have had: why pods are Pending or failing. */
export async function groupEvents(db: Db, g: { clusterId: string; name: string; application: { name: string; system: { name: string } } }, limit = 20) {
  const deployment = groupObjectName(g.application.name, g.name);
  // <deployment>, <deployment>-<pod-template-hash>, <deployment>-<hash>-<suffix>. Hash and suffix use
  // Kubernetes' safe alphabet, which has no "-": another group's longer name cannot match.
  const names = `^${deployment}(-[a-z0-9]{5,10}(-[a-z0-9]{5})?)?$`;
  const rows = await db.$queryRaw<{ involvedKind: string; involvedName: string; reason: string; message: string; count: number; lastAt: Date }[]>`
    SELECT "involvedKind", "involvedName", reason, message, count, "lastAt" FROM "ClusterEvent"
    WHERE "clusterId" = ${g.clusterId}::uuid AND namespace = ${g.application.system.name} AND "involvedName" ~ ${names}
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
