import type { Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import {
  canSetNodePolicy,
  checkPolicy,
  domainError,
  type FieldProblems,
  type LabelPolicy,
  LabelPolicySet,
  parseInput,
  type PolicyRemovals,
  policyRemovals,
  removalConflicts,
  violationFault,
  ZONE_LABEL,
} from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { labelUsers } from "./label-users";
import { type LabelPolicyDto, readLabelPolicy, toLabelPolicyDto } from "./read-label-policy";

/**
 * Replaces the whole label policy: zone values, dedicated zones, resource flags and exclusive sets.
 * Refuses (409) to remove a zone or flag that nodes or groups still use, naming them.
 */
export async function setLabelPolicy(ctx: Context, input: unknown): Promise<LabelPolicyDto> {
  if (!canSetNodePolicy(ctx.actor)) throw domainError("forbidden_change_label_policy");
  const { version, ...p } = parseInput(LabelPolicySet, input);
  const next: LabelPolicy = { zones: p.zones, reservedZones: p.dedicatedZones, resourceLabels: p.resourceLabels, exclusiveSets: p.exclusiveSets };
  const violations = checkPolicy(next);
  if (violations.length)
    throw domainError(
      "label_policy_refused",
      { violations: violations.map((v) => v.message).join(" ") },
      Object.fromEntries(violations.map((v) => [v.field, violationFault(v)])),
    );
  return mutation(ctx, async (tx, audit) => {
    // First, so the row lock also waits out labellings and placements that read the old policy.
    await bumpVersion(
      (v) => tx.labelPolicy.updateMany({ where: { id: 1, ...v }, data: { version: { increment: 1 } } }),
      version,
      "Label policy",
      "label policy",
    );
    const current = await readLabelPolicy(tx);
    const removed = policyRemovals(current, next);
    const inUse = removalConflicts(removed, await labelUsers(tx, removed));
    if (Object.keys(inUse).length) throw domainError("label_policy_in_use", { uses: Object.values(inUse).join(" ") }, stillUsed(removed, inUse));
    await replaceDefinitions(tx, next);
    const flipped = [...current.reservedZones, ...next.reservedZones].filter((z) => current.reservedZones.includes(z) !== next.reservedZones.includes(z));
    await reconcileGroupsIn(tx, flipped);
    const after = toLabelPolicyDto({ ...next, version: version + 1 });
    await audit({
      action: "label-policy.set",
      targetType: "label-policy",
      targetId: "label-policy",
      targetName: "label policy",
      before: toLabelPolicyDto({ ...current, version }),
      after,
    });
    return after;
  });
}

/** removalConflicts' messages as field errors naming the values still used. */
function stillUsed(removed: PolicyRemovals, inUse: Partial<Record<keyof PolicyRemovals, string>>): FieldProblems {
  return Object.fromEntries(
    Object.entries(inUse).map(([field, message]) => [
      field,
      { reason: "label_still_used", params: { values: removed[field as keyof PolicyRemovals].join(", ") }, message },
    ]),
  );
}

async function replaceDefinitions(tx: Tx, next: LabelPolicy): Promise<void> {
  await tx.labelDefinition.upsert({
    where: { key: ZONE_LABEL },
    create: { key: ZONE_LABEL, kind: "ZONE", values: next.zones, dedicated: next.reservedZones },
    update: { values: next.zones, dedicated: next.reservedZones, version: { increment: 1 } },
  });
  await tx.labelDefinition.deleteMany({ where: { kind: "RESOURCE", key: { notIn: next.resourceLabels } } });
  await tx.labelDefinition.createMany({ data: next.resourceLabels.map((key) => ({ key, kind: "RESOURCE" as const })), skipDuplicates: true });
  await tx.labelExclusiveSet.deleteMany();
  // The name is only a handle; the labels themselves identify a set.
  await tx.labelExclusiveSet.createMany({ data: next.exclusiveSets.map((labels) => ({ name: labels.join("+"), labels })), skipDuplicates: true });
}

/** A zone made or unmade dedicated changes its groups' tolerations (groupManifests): reapply them now. */
async function reconcileGroupsIn(tx: Tx, zones: string[]): Promise<void> {
  if (!zones.length) return;
  const groups = await tx.group.findMany({ where: { zone: { in: zones } }, select: { id: true, clusterId: true } });
  await reconcile.groups(tx, groups);
}
