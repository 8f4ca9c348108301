// Load balancers follow pods (docs/load-balancers.md, "Controller"): a balancer's backends are its member
// groups' pod IPs, so a member's pod that appears, goes, or changes readiness or IP (a group replaces its
// pods under new names, which are in by default) has the balancer reconciled; and so does a change of the
// balancer's own haproxy/nginx pods (its ready replicas, its names' addresses). Bursts coalesce by job key.
import type { Db } from "@capstan/db";
import { kinds, reconcile } from "@capstan/db/kinds";
import { LABEL, LB_LABEL } from "@capstan/domain";

/**
 * Requests a reconcile of every balancer having one of these groups as a member: one indexed query
 * (LoadBalancerMember's groupId) and one request statement per batch of pod writes, not per pod.
 */
export async function requestBalancersOfGroups(db: Db, groupIds: (string | null)[]): Promise<void> {
  const ids = [...new Set(groupIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const members = await db.loadBalancerMember.findMany({
    where: { groupId: { in: ids } },
    select: { loadBalancer: { select: { id: true, clusterId: true } } },
  });
  const balancers = new Map(members.map((m) => [m.loadBalancer.id, m.loadBalancer]));
  await kinds.loadBalancer.requestMany(
    db,
    [...balancers.values()].map((lb) => ({ loadBalancerId: lb.id, clusterId: lb.clusterId })),
  );
}

/**
 * Requests a reconcile of the balancer whose haproxy/nginx pod this is (labels LB_LABEL and the
 * application's, in its system's namespace), and of its DNS names (the pod's readiness or IP may have
 * changed, or it went), if it is one: nothing for any other pod. Bursts coalesce by job key.
 */
export async function requestBalancerOfPod(db: Db, clusterId: string, namespace: string, labels: Record<string, string> | undefined): Promise<void> {
  const name = labels?.[LB_LABEL];
  const application = labels?.[LABEL.application];
  if (!name || !application) return;
  const lb = await db.loadBalancer.findFirst({
    where: { clusterId, name, application: { name: application, system: { name: namespace } } },
    select: { id: true, clusterId: true },
  });
  if (!lb) return;
  await reconcile.loadBalancer(db, lb);
  await reconcile.dns(db, lb);
}
