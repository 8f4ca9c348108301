import { canManageUsers, notFound } from "@capstan/domain";
import { z } from "zod";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toTokenDto } from "./token-dto";

/** Revokes one of the actor's API tokens, or, for a platform admin, anyone's; 404 for any other token. */
export async function revokeApiToken(ctx: Context, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Token", id);
  const owner = canManageUsers(ctx.actor) ? {} : { userId: ctx.actor.userId };
  return mutation(ctx, async (tx, audit) => {
    const t = await tx.apiToken.findFirst({ where: { id, ...owner, revokedAt: null }, include: { user: { select: { email: true } } } });
    if (!t) throw notFound("Token", id);
    const after = toTokenDto(await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } }));
    const { user, ...row } = t;
    await audit({ action: "token.revoke", targetType: "token", targetId: id, targetName: t.name, before: { ...toTokenDto(row), owner: user.email }, after });
    return after;
  });
}
