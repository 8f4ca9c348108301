// The arithmetic the balancer's page shows beside members and pods: each member's share of new traffic
// from the weights being edited (before they are saved), and how far a drain has gone.
import type { BackendStateName } from "@capstan/domain";

/** A member as the share computation needs it: its group, weight 0–256 and state. */
export interface WeightedMember {
  group: string;
  weight: number;
  state: BackendStateName;
}

/**
 * Each member's share of new requests or connections, in whole percent: weight ÷ the sum of the weights of
 * members that are in. A draining or out member takes no new traffic (0), nor does one of weight 0; when no
 * member takes any, every share is 0. The data plane gives each group its weight whatever its pod count
 * (`serverWeights`), so the share is the group's, not per pod. Rounded by the largest remainder (Hamilton's
 * method), so shares that are not all 0 add up to exactly 100. A weight that is not a whole number in
 * 0–256 (a half-typed field) counts as 0. Returns shares in the members' order.
 */
export function trafficShares(members: readonly WeightedMember[]): number[] {
  const weights = members.map((m) => (m.state === "IN" && Number.isInteger(m.weight) && m.weight > 0 && m.weight <= 256 ? m.weight : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * 100) / total);
  const shares = exact.map(Math.floor);
  let left = 100 - shares.reduce((a, b) => a + b, 0);
  // Hand the points lost to rounding down to the largest remainders (ties: the earlier member).
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

/** How far a drain has gone at `now` (ms since the epoch): 0–1, and the whole seconds left (rounded up). */
export interface DrainProgress {
  fraction: number;
  secondsLeft: number;
}

/**
 * A drain that began at `stateSince` (ISO 8601) and may last `drainSeconds`: done (1, 0 s left) once that
 * time has passed, though the backend stays DRAINING until the controller marks it OUT (or sooner, when
 * its last session ends). A clock behind the server's (`now` before `stateSince`) shows 0. A drain of 0
 * seconds, or one without a limit, is done at once.
 */
export function drainProgress(stateSince: string, drainSeconds: number | null, now: number): DrainProgress {
  const total = (drainSeconds ?? 0) * 1000;
  const elapsed = Math.max(0, now - Date.parse(stateSince));
  if (total <= 0 || elapsed >= total) return { fraction: 1, secondsLeft: 0 };
  return { fraction: elapsed / total, secondsLeft: Math.ceil((total - elapsed) / 1000) };
}
