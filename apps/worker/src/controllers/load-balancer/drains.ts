// Drains end (docs/load-balancers.md, "Controller"): a group or a pod taken out is DRAINING (no new work; what
// is in flight finishes) until its drainSeconds have passed since stateSince, or until nothing of it is in
// flight any more (haproxy's current sessions, on every LB pod); then it is OUT.
import type { Db } from "@capstan/db";

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
 * Turns the balancer's ended drains into OUT, members and pods alike; resolves to how many changed. Each write
 * is conditional on the row being as read (still DRAINING since the same instant), so a backend put back in or
 * taken out again meanwhile is left as the person left it.
 */
export async function endDrains(
  db: Db,
  lb: {
    id: string;
    members: (StoredState & { groupId: string })[];
    podStates: (StoredState & { podName: string })[];
  },
  podsOfGroup: (groupId: string) => string[],
  inFlight: InFlight,
  now = new Date(),
): Promise<number> {
  let changed = 0;
  for (const m of lb.members) {
    const pods = podsOfGroup(m.groupId);
    const sessions = pods.map(inFlight);
    const groupInFlight = sessions.some((n) => n === undefined) ? undefined : sessions.reduce<number>((a, n) => a + n!, 0);
    if (!drainEnded(m, now, groupInFlight)) continue;
    const { count } = await db.loadBalancerMember.updateMany({
      where: { loadBalancerId: lb.id, groupId: m.groupId, state: "DRAINING", stateSince: m.stateSince },
      data: { state: "OUT", stateSince: now },
    });
    changed += count;
  }
  for (const p of lb.podStates) {
    if (!drainEnded(p, now, inFlight(p.podName))) continue;
    const { count } = await db.loadBalancerPodState.updateMany({
      where: { loadBalancerId: lb.id, podName: p.podName, state: "DRAINING", stateSince: p.stateSince },
      data: { state: "OUT", stateSince: now },
    });
    changed += count;
  }
  return changed;
}
