import type { Tx } from "@capstan/db";
import { labelPolicyFrom, type LabelPolicy } from "@capstan/domain";

export interface LabelPolicyDto {
  zones: string[];
  dedicatedZones: string[];
  resourceLabels: string[];
  exclusiveSets: string[][];
  version: number;
}

type Reader = Pick<Tx, "labelDefinition" | "labelExclusiveSet" | "$queryRaw">;

/**
 * The label policy with its version. The policy row is read FOR SHARE: a labelling or placement
 * check holds it until its transaction ends, and set-label-policy (which updates the row) waits for
 * those checks or they wait for it, so no node or group slips in under a value being removed.
 */
export async function readLabelPolicy(tx: Reader): Promise<LabelPolicy & { version: number; defined: boolean }> {
  const [row] = await tx.$queryRaw<{ version: number }[]>`SELECT version FROM "LabelPolicy" WHERE id = 1 FOR SHARE`;
  const definitions = await tx.labelDefinition.findMany({ orderBy: { createdAt: "asc" } });
  const sets = await tx.labelExclusiveSet.findMany({ orderBy: { createdAt: "asc" } });
  return { ...labelPolicyFrom(definitions, sets), version: row?.version ?? 1, defined: definitions.length > 0 };
}

export const toLabelPolicyDto = (p: LabelPolicy & { version: number }): LabelPolicyDto => ({
  zones: p.zones,
  dedicatedZones: p.reservedZones,
  resourceLabels: p.resourceLabels,
  exclusiveSets: p.exclusiveSets,
  version: p.version,
});
