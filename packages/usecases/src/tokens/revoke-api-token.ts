import { notFound } from "@capstan/domain";
import { z } from "zod";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toTokenDto } from "./token-dto";

export async function revokeApiToken(ctx: Context, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Token", id);
  return mutation(ctx, async (tx, audit) => {
    const t = await tx.apiToken.findFirst({ where: { id, userId: ctx.actor.userId, revokedAt: null } });
    if (!t) throw notFound("Token", id);
    const after = toTokenDto(await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } }));
    await audit({ action: "token.revoke", targetType: "token", targetId: id, targetName: t.name, before: toTokenDto(t), after });
    return after;
  });
}
