import { domainError, fieldError, LoadBalancerTakeOut, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { changeLoadBalancer } from "./change-load-balancer";

/**
 * Takes one pod of a member group out of a balancer: it drains (DRAINING for `drainSeconds`, since now;
 * OUT at once with 0), through a LoadBalancerPodState row; the worker's controller makes it OUT when the
 * drain ends. A pod already draining or out stays as it is. When its group replaces it (a new name), the
 * new pod is in.
 * @throws DomainError 403, 404, 409 being deleted, 422 lb_pod_not_member naming `pod` (not a pod of the
 *   balancer's member groups in its cluster), 422 drainSeconds.
 */
export async function takeOutPod(ctx: Context, system: string, application: string, name: string, pod: string, input: unknown) {
  const { drainSeconds } = parseInput(LoadBalancerTakeOut, input ?? {});
  return changeLoadBalancer(ctx, { system, application, name }, { action: "load-balancer.pod-out", version: undefined }, async (tx, { loadBalancer: lb }) => {
    const row = await tx.pod.findFirst({
      where: { clusterId: lb.clusterId, name: pod, group: { lbMembers: { some: { loadBalancerId: lb.id } } } },
      select: { name: true, group: { select: { name: true } } },
    });
    if (!row) throw domainError("lb_pod_not_member", { pod, loadBalancer: name }, { pod: fieldError("lb_pod_not_member") });
    const current = await tx.loadBalancerPodState.findUnique({ where: { loadBalancerId_podName: { loadBalancerId: lb.id, podName: pod } } });
    if (current) return null;
    const state = drainSeconds === 0 ? "OUT" : "DRAINING";
    await tx.loadBalancerPodState.create({ data: { loadBalancerId: lb.id, podName: pod, state, drainSeconds, createdById: ctx.actor.userId } });
    return { before: { pod, group: row.group!.name, state: "IN" }, after: { pod, group: row.group!.name, state, drainSeconds } };
  });
}
