import type { Tx } from "@capstan/db";
import { checkPlacementRequest, invalid, labelPolicyFrom, type LabelViolation } from "@capstan/domain";

/**
 * A group's zone and resource labels against the admins' label policy. Without label definitions there
 * is no policy to break. A group naming a reserved zone (cicd) is CI/CD work placed there on purpose,
 * as groupManifests tolerates it; ordinary groups stay in "default".
 */
export async function placementConflicts(tx: Pick<Tx, "labelDefinition" | "labelExclusiveSet">, want: { zone: string; resourceLabels: string[] }): Promise<LabelViolation[]> {
  const definitions = await tx.labelDefinition.findMany();
  if (definitions.length === 0) return [];
  return checkPlacementRequest(labelPolicyFrom(definitions, await tx.labelExclusiveSet.findMany()), want, { reservedAllowed: [want.zone] });
}

/** 422 naming the conflicting labels, when the policy forbids the placement. */
export async function assertPlacementAllowed(tx: Pick<Tx, "labelDefinition" | "labelExclusiveSet">, want: { zone: string; resourceLabels: string[] }): Promise<void> {
  const conflicts = await placementConflicts(tx, want);
  if (conflicts.length === 0) return;
  const field = (v: LabelViolation) => (v.rule === "unknown-zone" || v.rule === "missing-zone" || v.rule === "reserved-zone" ? "zone" : "resourceLabels");
  throw invalid(conflicts.map((c) => c.message).join(" "), Object.fromEntries(conflicts.map((c) => [field(c), c.message])));
}
