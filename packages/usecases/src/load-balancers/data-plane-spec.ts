// What a balancer's data plane is rendered from (renderDataPlane), built from PostgreSQL: the balancer, its
// member groups, their pods from the inventory and the pods taken out. The worker's controller and the API's
// read of a balancer share it, so the page shows the configuration the pods are given.
import type { BackendState, Db, Tx } from "@capstan/db";
import { type Backend, type BackendStateName, type DataPlaneSpec, serverWeights } from "@capstan/domain";
import { kindName, type StoredHealthCheck, type StoredTimeouts } from "./load-balancer-rows";

const STRICTNESS: Record<BackendState, number> = { IN: 0, DRAINING: 1, OUT: 2 };
/** The stricter of two states: a pod of a draining group drains, a pod taken out of an in group is out. */
export const stricter = (a: BackendStateName, b: BackendStateName): BackendStateName => (STRICTNESS[a] >= STRICTNESS[b] ? a : b);

/** One member group with its pods (those with an IP), each with its own state in the balancer. */
export interface MemberPods {
  group: string;
  groupId: string;
  weight: number;
  state: BackendStateName;
  drainSeconds: number | null;
  stateSince: Date;
  pods: { name: string; ip: string | null; ready: boolean; state: BackendStateName; drainSeconds: number | null; stateSince: Date | null }[];
}

/**
 * The balancer's members and their pods, in the order of group then pod name: a pod's state is its
 * LoadBalancerPodState row's (IN when it has none: a pod its group replaced, under a new name, is in).
 */
export async function memberPods(db: Db | Tx, loadBalancerId: string): Promise<MemberPods[]> {
  // One query at a time: `db` may be a transaction, one connection, where pg deprecates queueing queries.
  const members = await db.loadBalancerMember.findMany({
    where: { loadBalancerId },
    include: { group: { select: { name: true, pods: { orderBy: { name: "asc" } } } } },
    orderBy: { group: { name: "asc" } },
  });
  const states = await db.loadBalancerPodState.findMany({ where: { loadBalancerId } });
  const byPod = new Map(states.map((s) => [s.podName, s]));
  return members.map((m) => ({
    group: m.group.name,
    groupId: m.groupId,
    weight: m.weight,
    state: m.state,
    drainSeconds: m.drainSeconds,
    stateSince: m.stateSince,
    pods: m.group.pods.map((p) => {
      const s = byPod.get(p.name);
      return { name: p.name, ip: p.ip, ready: p.ready, state: s?.state ?? "IN", drainSeconds: s?.drainSeconds ?? null, stateSince: s?.stateSince ?? null };
    }),
  }));
}

/**
 * Each member group's server weight (serverWeights), counting the pods that take new traffic: those in, of
 * a group in. A group draining or out, or with every pod taken out, gets 0, so the others keep their shares.
 */
export function memberServerWeights(members: MemberPods[]): Map<string, number> {
  return serverWeights(
    members.map((m) => ({
      group: m.group,
      weight: m.weight,
      pods: m.state === "IN" ? m.pods.filter((p) => p.ip !== null && p.state === "IN").length : 0,
    })),
  );
}

/**
 * The DataPlaneSpec of balancer `loadBalancerId`, or null when there is no such balancer. Backends are the
 * member groups' pods that have an IP, each in the stricter of its group's and its own state, weighted by
 * memberServerWeights (0 when not in). `drainSeconds` is the longest drain of a backend now draining (0 when
 * none). The health check's path applies to HTTP only.
 */
export async function dataPlaneSpec(db: Db | Tx, loadBalancerId: string): Promise<DataPlaneSpec | null> {
  const lb = await db.loadBalancer.findUnique({ where: { id: loadBalancerId }, include: { application: { select: { port: true } } } });
  if (!lb) return null;
  const members = await memberPods(db, loadBalancerId);
  const weights = memberServerWeights(members);
  const backends: Backend[] = [];
  let drainSeconds = 0;
  for (const m of members)
    for (const p of m.pods) {
      if (p.ip === null) continue;
      const state = stricter(m.state, p.state);
      if (state === "DRAINING") drainSeconds = Math.max(drainSeconds, (m.state === "DRAINING" ? m.drainSeconds : p.drainSeconds) ?? 0);
      backends.push({ pod: p.name, group: m.group, address: p.ip, port: lb.application.port, weight: state === "IN" ? weights.get(m.group)! : 0, state });
    }
  const health = lb.healthCheck as unknown as StoredHealthCheck;
  const protocol = lb.protocol === "TCP" ? "TCP" : "HTTP";
  return {
    name: lb.name,
    kind: kindName(lb.kind),
    port: lb.port,
    protocol,
    algorithm: lb.algorithm,
    healthCheck: {
      ...(protocol === "HTTP" && health.path ? { path: health.path } : {}),
      intervalSeconds: health.intervalSeconds,
      rise: health.rise,
      fall: health.fall,
    },
    timeouts: lb.timeouts as unknown as StoredTimeouts,
    stickyCookie: lb.stickyCookie,
    forwardedFor: lb.forwardedFor,
    maxConnPerBackend: lb.maxConnPerBackend,
    drainSeconds,
    backends,
  };
}
