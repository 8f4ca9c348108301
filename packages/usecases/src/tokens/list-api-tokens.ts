import type { Context } from "../context";
import { toTokenDto } from "./token-dto";

export async function listApiTokens(ctx: Context) {
  const rows = await ctx.db.apiToken.findMany({ where: { userId: ctx.actor.userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toTokenDto);
}
