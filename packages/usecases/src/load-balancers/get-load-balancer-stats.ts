import { haproxyBackendName, type BackendStateName } from "@capstan/domain";
import { HaproxyRuntime, type HaproxyServerStat, nginxStatus } from "@capstan/orchestrator";
import type { Context } from "../context";
import { dataPlaneSpec } from "./data-plane-spec";
import { findLoadBalancer, kindName, loadBalancerPods } from "./load-balancer-rows";

type StatState = "up" | "down" | "draining" | "out";
/** Which state wins when LB pods (or they and the rows) disagree about a backend: the one furthest from serving. */
const RANK: Record<StatState, number> = { up: 0, down: 1, draining: 2, out: 3 };

/**
 * haproxy's server status in the stats' words: MAINT (also "MAINT (via …)") is out, DRAIN and NOLB draining,
 * DOWN (also "DOWN 1/2", going up) down, UP (also "UP 1/3", going down) and "no check" up. Source: the HAProxy
 * 2.6 management guide, "show stat", field 17 (status).
 */
export function haproxyStatState(status: string): StatState {
  if (status.startsWith("MAINT")) return "out";
  if (status.startsWith("DRAIN") || status.startsWith("NOLB")) return "draining";
  if (status.startsWith("DOWN")) return "down";
  return "up";
}

/** What the rows say of a backend when its data plane reports nothing of it (nginx, or no LB pod answered). */
const rowState = (s: BackendStateName): StatState => (s === "IN" ? "up" : s === "DRAINING" ? "draining" : "out");

/**
 * A backend's state from its row (`row`) and what each LB pod's haproxy reports of it (`reported`, from
 * haproxyStatState): the one furthest from serving, except that a backend whose drain is still under way
 * (its row DRAINING) is draining, not out, when haproxy shows it in maintenance: that is how a drain is
 * carried out when the balancer has a sticky cookie (haproxyServerState: the drain state would keep sending
 * sticky clients to it), and the row, not haproxy, knows when the drain ends.
 */
export function backendStatState(row: BackendStateName, reported: StatState[]): StatState {
  const seen = row === "DRAINING" ? reported.map((s) => (s === "out" ? "draining" : s)) : reported;
  return [rowState(row), ...seen].reduce((a, c) => (RANK[c] > RANK[a] ? c : a));
}

/**
 * Live stats of a balancer, asked now of each of its ready LB pods (the inventory's Pod rows carrying its
 * labels, loadBalancerPods) on its pod IP: haproxy's runtime API (`show stat`, HaproxyRuntime) or
 * nginx's status server (nginxStatus). Per backend pod of the member groups: its state, weight, current and
 * total sessions summed over the LB pods, and its last health check (haproxy; nginx reports none of these per
 * backend, so its backends carry the rows' state and rendered weight, and nulls). Per LB pod: whether it answered, and why not (not
 * ready, no IP, refused, timed out), which is never an error of the request. Anyone who may read the balancer
 * may read its stats.
 * @throws DomainError 404 for a balancer the actor cannot read.
 */
export async function getLoadBalancerStats(ctx: Context, system: string, application: string, name: string) {
  const { lb, lbPods, spec } = await ctx.db.$transaction(async (tx) => {
    const { loadBalancer: lb } = await findLoadBalancer(tx, ctx.actor, system, application, name);
    return { lb, lbPods: await loadBalancerPods(tx, lb, system, application), spec: (await dataPlaneSpec(tx, lb.id))! };
  });
  const kind = kindName(lb.kind);
  const asked = await Promise.all(
    lbPods.map(async (p) => {
      const base = { pod: p.name, ip: p.ip, activeConnections: null as number | null, requests: null as number | null, errorReason: null };
      if (!p.ready || !p.ip) {
        const stat = p.ip ? { errorReason: "not_ready" as const, error: "not ready" } : { errorReason: "no_ip" as const, error: "no IP yet" };
        return { stat: { ...base, reachable: false, ...stat }, servers: [] as HaproxyServerStat[] };
      }
      try {
        if (kind === "nginx") {
          const s = await nginxStatus(p.ip);
          return { stat: { ...base, reachable: true, error: null, activeConnections: s.activeConnections, requests: s.requests }, servers: [] };
        }
        const backend = haproxyBackendName(lb);
        const all = await new HaproxyRuntime(p.ip).stats();
        // An haproxy without this balancer's backend is another's (the pod's IP was given to another pod):
        // its figures are not this balancer's.
        if (all.length > 0 && !all.some((s) => s.backend === backend))
          return { stat: { ...base, reachable: false, errorReason: "other_balancer" as const, error: "not this balancer's data plane" }, servers: [] };
        return { stat: { ...base, reachable: true, error: null }, servers: all.filter((s) => s.backend === backend) };
      } catch (e) {
        return { stat: { ...base, reachable: false, errorReason: "unreachable" as const, error: (e as Error).message }, servers: [] };
      }
    }),
  );
  const reported = new Map<string, HaproxyServerStat[]>();
  for (const { servers } of asked) for (const s of servers) reported.set(s.server, [...(reported.get(s.server) ?? []), s]);
  const backends = spec.backends.map((b) => {
    const seen = reported.get(b.pod);
    if (!seen) return { pod: b.pod, group: b.group, state: rowState(b.state), weight: b.weight, currentSessions: null, totalSessions: null, health: null };
    // The rows' state counts too: a pod drained in the rendered configuration (weight 0) shows UP in haproxy.
    const state = backendStatState(
      b.state,
      seen.map((s) => haproxyStatState(s.status)),
    );
    return {
      pod: b.pod,
      group: b.group,
      state,
      weight: seen[0]!.weight,
      currentSessions: seen.reduce((n, s) => n + s.currentSessions, 0),
      totalSessions: seen.reduce((n, s) => n + s.totalSessions, 0),
      health: seen.find((s) => s.checkStatus !== null)?.checkStatus ?? null,
    };
  });
  return { kind, at: new Date().toISOString(), dataPlanes: asked.map((a) => a.stat), backends };
}
