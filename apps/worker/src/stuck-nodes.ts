// Ops (and platform admins, as their preferences say) hear of a node stuck in INIT, WAIT or OFFLINE once
// per stay in that state. The check is level-triggered: every resync looks for nodes past their state's
// threshold (stuckFor, as SQL) that were not told of since they entered it. One UPDATE claims them by
// setting Node.stuckNotifiedAt, so two workers resyncing at once cannot both notify; a later transition
// moves statusChangedAt past stuckNotifiedAt and so opens a new episode.
import type { Db } from "@capstan/db";
import { DEFAULT_STUCK_THRESHOLDS, type NodeStatus } from "@capstan/domain";
import { notify, opsPeople, platformAdmins, stuckSql } from "@capstan/usecases/internal";

/** Nodes told of per pass: a whole fleet stuck at once is told over a few passes, each transaction small. */
export const STUCK_NODES_PER_PASS = 100;

interface Claimed {
  node: string;
  cluster: string;
  status: NodeStatus;
}

/** Raises `node_stuck` for each node stuck at `now` and not yet told of in this stay; resolves to their number. */
export async function noteStuckNodes(db: Db, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<Claimed[]>`
      UPDATE "Node" n SET "stuckNotifiedAt" = ${now.toISOString()}::timestamp(3)
      FROM "Cluster" c
      WHERE c.id = n."clusterId" AND n.id IN (
        SELECT n.id FROM "Node" n
        WHERE ${stuckSql(now)} AND (n."stuckNotifiedAt" IS NULL OR n."stuckNotifiedAt" < n."statusChangedAt")
        ORDER BY n."statusChangedAt", n.id LIMIT ${STUCK_NODES_PER_PASS})
        AND (n."stuckNotifiedAt" IS NULL OR n."stuckNotifiedAt" < n."statusChangedAt")
      RETURNING n.name AS node, c.name AS cluster, n.status::text AS status`;
    if (claimed.length === 0) return 0;
    const recipients = [...(await opsPeople(tx)), ...(await platformAdmins(tx))];
    for (const c of claimed) {
      await notify(tx, {
        reason: "node_stuck",
        params: { node: c.node, cluster: c.cluster, status: c.status, hours: (DEFAULT_STUCK_THRESHOLDS[c.status] ?? 0) / 3_600_000 },
        link: `/nodes/${c.cluster}/${c.node}`,
        recipients,
      });
    }
    return claimed.length;
  });
}
