import { canManageUsers, domainError, fieldError, notFound, parseInput, TokenListQuery } from "@capstan/domain";
import type { Context } from "../context";
import { toTokenDto } from "./token-dto";

/**
 * The actor's own API tokens, newest first; a platform admin may ask for anyone's with `{ user: email }`
 * (403 for others, 404 for an unknown email). Secrets are never stored, so never listed.
 */
export async function listApiTokens(ctx: Context, query: unknown = {}) {
  const { user } = parseInput(TokenListQuery, query, "query");
  let userId = ctx.actor.userId;
  if (user !== undefined && user !== ctx.actor.email) {
    if (!canManageUsers(ctx.actor)) throw domainError("forbidden_list_other_tokens");
    const owner = await ctx.db.user.findUnique({ where: { email: user }, select: { id: true } });
    if (!owner) throw notFound("User", user, { user: fieldError("unknown") });
    userId = owner.id;
  }
  const rows = await ctx.db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toTokenDto);
}
