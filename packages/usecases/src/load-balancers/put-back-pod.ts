import type { Context } from "../context";
import { changeLoadBalancer } from "./change-load-balancer";

/**
 * Puts one pod back in a balancer: its LoadBalancerPodState row goes (a pod with none is in). A pod that is
 * in, or that no longer exists, changes nothing.
 * @throws DomainError 403, 404, 409 being deleted.
 */
export async function putBackPod(ctx: Context, system: string, application: string, name: string, pod: string) {
  return changeLoadBalancer(ctx, { system, application, name }, { action: "load-balancer.pod-in", version: undefined }, async (tx, { loadBalancer: lb }) => {
    const current = await tx.loadBalancerPodState.findUnique({ where: { loadBalancerId_podName: { loadBalancerId: lb.id, podName: pod } } });
    if (!current) return null;
    await tx.loadBalancerPodState.delete({ where: { loadBalancerId_podName: { loadBalancerId: lb.id, podName: pod } } });
    return { before: { pod, state: current.state }, after: { pod, state: "IN" } };
  });
}
