// The stuck rule (stuckFor in packages/domain/src/node-lifecycle.ts) as SQL over Node.statusChangedAt, so
// PostgreSQL counts and picks stuck nodes with the statusChangedAt index instead of loading the fleet.
import { Prisma } from "@capstan/db";
import { DEFAULT_STUCK_THRESHOLDS, NODE_STATUSES } from "@capstan/domain";

/**
 * A condition on the node aliased `n`: true when it has been in its state longer than that state's
 * threshold (DEFAULT_STUCK_THRESHOLDS) at `now`. States without a threshold (ONLINE) are never stuck.
 */
export function stuckSql(now: Date): Prisma.Sql {
  const parts = NODE_STATUSES.flatMap((s) => {
    const ms = DEFAULT_STUCK_THRESHOLDS[s];
    return ms === undefined
      ? []
      : [Prisma.sql`(n.status = ${s}::"NodeStatus" AND n."statusChangedAt" < ${new Date(now.getTime() - ms).toISOString()}::timestamp(3))`];
  });
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}
