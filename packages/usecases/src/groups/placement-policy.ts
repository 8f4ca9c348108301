import type { Tx } from "@capstan/db";
import { checkPlacementRequest, domainError, type LabelViolation, violationFault } from "@capstan/domain";
import { readLabelPolicy } from "../label-policy/read-label-policy";

/**
 * A group's zone and resource labels against the admins' label policy. Without label definitions there
 * is no policy to break. A group naming a reserved zone (cicd) is CI/CD work placed there on purpose,
 * as groupManifests tolerates it; ordinary groups stay in "default".
 */
export async function placementConflicts(
  tx: Pick<Tx, "labelDefinition" | "labelExclusiveSet" | "$queryRaw">,
  want: { zone: string; resourceLabels: string[] },
): Promise<LabelViolation[]> {
  const policy = await readLabelPolicy(tx);
  if (!policy.defined) return [];
  return checkPlacementRequest(policy, want, { reservedAllowed: [want.zone] });
}

/** 422 naming the conflicting labels, when the policy forbids the placement. */
export async function assertPlacementAllowed(
  tx: Pick<Tx, "labelDefinition" | "labelExclusiveSet" | "$queryRaw">,
  want: { zone: string; resourceLabels: string[] },
): Promise<void> {
  const conflicts = await placementConflicts(tx, want);
  if (conflicts.length === 0) return;
  const field = (v: LabelViolation) => (v.rule === "unknown-zone" || v.rule === "missing-zone" || v.rule === "reserved-zone" ? "zone" : "resourceLabels");
  throw domainError(
    "placement_refused",
    { violations: conflicts.map((c) => c.message).join(" ") },
    Object.fromEntries(conflicts.map((c) => [field(c), violationFault(c)])),
  );
}
