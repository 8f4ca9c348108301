import type { Context } from "../context";
import { type LabelPolicyDto, readLabelPolicy, toLabelPolicyDto } from "./read-label-policy";

/** Anyone signed in: developers choose zones and flags for their groups, ops label nodes with them. */
export async function getLabelPolicy(ctx: Context): Promise<LabelPolicyDto> {
  return ctx.db.$transaction(async (tx) => toLabelPolicyDto(await readLabelPolicy(tx)));
}
