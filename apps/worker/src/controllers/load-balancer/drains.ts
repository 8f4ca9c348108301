// Drains end (docs/load-balancers.md, "Controller"): a group or a pod taken out is DRAINING (no new work; what
// is in flight finishes) until its drainSeconds have passed since stateSince, or until nothing of it is in
// flight any more (haproxy's current sessions, on every LB pod); then it is OUT.
import type { Db, Tx } from "@capstan/db";

/** A member's or a pod's state as stored (LoadBalancerMember, LoadBalancerPodState). */
export interface StoredState {
  state: "IN" | "DRAINING" | "OUT";
  /** Seconds in-flight work may go on; null is none (out at once). */
  drainSeconds: number | null;
  stateSince: Date;
}

/**
 * Whether a draining backend is done: its time is up, or `inFlight` (its current sessions summed over every
 * LB pod, known only when each of them already drains it) is 0. False for a backend that is not draining.
 */
export function drainEnded(s: StoredState, now: Date, inFlight: number | undefined): boolean {
  if (s.state !== "DRAINING") return false;
  if (inFlight === 0) return true;
  return now.getTime() - s.stateSince.getTime() >= (s.drainSeconds ?? 0) * 1000;
}

/** When the earliest of these drains runs out (for the next look), or undefined when none is draining. */
export function nextDrainEnd(states: StoredState[]): Date | undefined {
  const ends = states.filter((s) => s.state === "DRAINING").map((s) => s.stateSince.getTime() + (s.drainSeconds ?? 0) * 1000);
  return ends.length ? new Date(Math.min(...ends)) : undefined;
}

/** What the data plane reports of the backends in flight, per pod name (undefined: not known on every LB pod). */
export type InFlight = (pod: string) => number | undefined;

/**
 * Who audits a drain's end: the controller itself, not a person (the actor's e-mail as the worker's other
 * audit events name Capstan, e.g. rolloutFollowers' "capstan").
 */
export const DRAIN_ACTOR = "capstan";

/** The balancer as its audit events name it: target `<system>/<application>/<balancer>`, as the use cases' events. */
export interface AuditedBalancer {
  id: string;
  name: string;
  application: { name: string; system: { id: string; name: string; departmentId: string } };
}

/**
 * Turns the balancer's ended drains into OUT, members and pods alike; resolves to how many changed. Each write
 * is conditional on the row being as read (still DRAINING since the same instant), so a backend put back in or
 * taken out again meanwhile is left as the person left it. Each change is audited in its transaction
 * (`load-balancer.member-drained` with the group, `load-balancer.pod-drained` with the pod; actor
 * DRAIN_ACTOR), so the balancer's history shows when what was taken out went out.
 */
export async function endDrains(
  db: Db,
  lb: AuditedBalancer & {
    members: (StoredState & { groupId: string; group: { name: string } })[];
    podStates: (StoredState & { podName: string })[];
  },
  podsOfGroup: (groupId: string) => string[],
  inFlight: InFlight,
  now = new Date(),
): Promise<number> {
  const system = lb.application.system;
  const audited = (tx: Tx, { action, ...after }: { action: string; group?: string; pod?: string }) =>
    tx.auditEvent.create({
      data: {
        actorEmail: DRAIN_ACTOR,
        action,
        targetType: "load-balancer",
        targetId: `${system.name}/${lb.application.name}/${lb.name}`,
        targetName: lb.name,
        departmentId: system.departmentId,
        systemId: system.id,
        after: { ...after, state: "OUT" },
      },
    });
  let changed = 0;
  for (const m of lb.members) {
    const pods = podsOfGroup(m.groupId);
    const sessions = pods.map(inFlight);
    const groupInFlight = sessions.some((n) => n === undefined) ? undefined : sessions.reduce<number>((a, n) => a + n!, 0);
    if (!drainEnded(m, now, groupInFlight)) continue;
    changed += await db.$transaction(async (tx) => {
      const { count } = await tx.loadBalancerMember.updateMany({
        where: { loadBalancerId: lb.id, groupId: m.groupId, state: "DRAINING", stateSince: m.stateSince },
        data: { state: "OUT", stateSince: now },
      });
      if (count) await audited(tx, { action: "load-balancer.member-drained", group: m.group.name });
      return count;
    });
  }
  for (const p of lb.podStates) {
    if (!drainEnded(p, now, inFlight(p.podName))) continue;
    changed += await db.$transaction(async (tx) => {
      const { count } = await tx.loadBalancerPodState.updateMany({
        where: { loadBalancerId: lb.id, podName: p.podName, state: "DRAINING", stateSince: p.stateSince },
        data: { state: "OUT", stateSince: now },
      });
      if (count) await audited(tx, { action: "load-balancer.pod-drained", pod: p.podName });
      return count;
    });
  }
  return changed;
}
