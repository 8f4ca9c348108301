// What the dashboards call "needs attention" (apps/portal/app/(shell)/page.tsx, packages/usecases/src/dashboard):
// one definition each, so the dashboards, their counts and their tests agree.
import type { GroupPhase } from "./group-status";
import { RESOURCE_NAMES, type ResourceName, type Resources } from "./quota";

/**
 * Phases of an unhealthy group: something is wrong (DEGRADED: fewer pods ready than wanted outside a
 * rollout or scale; FAILED: the rollout passed its progress deadline). PROGRESSING and SCALING are healthy
 * transitions (issue 14: "Degraded means something is wrong"), PENDING a group not yet applied.
 */
export const UNHEALTHY_GROUP_PHASES = ["DEGRADED", "FAILED"] as const satisfies readonly GroupPhase[];

/** A group is unhealthy when its phase says so, or when its reconcile keeps failing (failedAttempts > 0). */
export const groupUnhealthy = (g: { phase: string; failedAttempts: number }): boolean =>
  (UNHEALTHY_GROUP_PHASES as readonly string[]).includes(g.phase) || g.failedAttempts > 0;

/** A quota is near its limit from this share of any one dimension in use (80 %, the usual capacity alert level). */
export const QUOTA_NEAR_LIMIT = 0.8;

/**
 * The dimensions (cpuMillis, memoryMiB, gpu, instances) of a system's quota in a data centre where use has
 * reached QUOTA_NEAR_LIMIT of the quota; a dimension with no quota (0) counts only when something uses it.
 * Empty when the quota has room everywhere.
 */
export function quotaNearLimit(quota: Resources, used: Resources): ResourceName[] {
  return RESOURCE_NAMES.filter((r) => (quota[r] === 0 ? used[r] > 0 : used[r] >= QUOTA_NEAR_LIMIT * quota[r]));
}
