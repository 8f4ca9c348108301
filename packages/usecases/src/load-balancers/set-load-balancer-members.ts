import { LoadBalancerMembersSet, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { changeLoadBalancer } from "./change-load-balancer";
import { memberGroups } from "./load-balancer-checks";

/**
 * Replaces a balancer's member groups and weights (`{ members: [{ group, weight }], version }`): groups of
 * the same application in the balancer's cluster, weights 0–256. A member kept keeps its state (in,
 * draining, out); a new one is in. Pods of groups no longer members lose their taken-out state.
 * @throws DomainError 403, 404, 409 (stale version, being deleted), 422 naming `members.<i>.group` or `.weight`.
 */
export async function setLoadBalancerMembers(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { members, version } = parseInput(LoadBalancerMembersSet, input);
  return changeLoadBalancer(
    ctx,
    { system, application, name },
    { action: "load-balancer.members", version: version },
    async (tx, { application: app, loadBalancer: lb }) => {
      const groups = await memberGroups(tx, app, { id: lb.clusterId, name: lb.cluster.name }, members);
      const current = await tx.loadBalancerMember.findMany({ where: { loadBalancerId: lb.id }, include: { group: { select: { name: true } } } });
      const wanted = new Map(members.map((m, i) => [groups[i]!.id, m.weight]));
      const removed = current.filter((m) => !wanted.has(m.groupId));
      if (removed.length > 0) {
        await tx.loadBalancerMember.deleteMany({ where: { loadBalancerId: lb.id, groupId: { in: removed.map((m) => m.groupId) } } });
        const pods = await tx.pod.findMany({ where: { groupId: { in: removed.map((m) => m.groupId) } }, select: { name: true } });
        await tx.loadBalancerPodState.deleteMany({ where: { loadBalancerId: lb.id, podName: { in: pods.map((p) => p.name) } } });
      }
      for (const [groupId, weight] of wanted)
        await tx.loadBalancerMember.upsert({
          where: { loadBalancerId_groupId: { loadBalancerId: lb.id, groupId } },
          create: { loadBalancerId: lb.id, groupId, weight },
          update: { weight },
        });
      const before = current.map((m) => ({ group: m.group.name, weight: m.weight })).sort((a, b) => a.group.localeCompare(b.group));
      const after = [...members].sort((a, b) => a.group.localeCompare(b.group));
      if (JSON.stringify(before) === JSON.stringify(after)) return null;
      return { before: { members: before }, after: { members: after } };
    },
  );
}
