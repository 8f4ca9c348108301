// Ops (and platform admins, as their preferences say) hear of a node that turned NotReady once per episode: the Ready → NotReady flip of an ONLINE node is
// claimed by one conditional UPDATE (ready true → false) that only the first report of the episode can
// win, and the notification is raised in the same transaction. The node becoming Ready again (stored by
// the inventory as usual) ends the episode. Nodes in INIT, WAIT or OFFLINE are not expected to be Ready.
import type { Db } from "@capstan/db";
import { notify, opsPeople, platformAdmins } from "@capstan/usecases/internal";

/**
 * Called when the cluster reports node `name` not Ready; resolves to whether this report began a
 * NotReady episode (and so told ops).
 */
export async function noteNotReady(db: Db, cluster: { id: string; name: string }, name: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.node.updateMany({ where: { clusterId: cluster.id, name, ready: true, status: "ONLINE" }, data: { ready: false } });
    if (count === 0) return false;
    await notify(tx, {
      reason: "node_not_ready",
      params: { node: name, cluster: cluster.name },
      link: `/nodes/${cluster.name}/${name}`,
      recipients: [...(await opsPeople(tx)), ...(await platformAdmins(tx))],
    });
    return true;
  });
}
