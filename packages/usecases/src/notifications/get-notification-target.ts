import type { Context } from "../context";
import { type TargetScope, targetOwner, toNotificationTargetDto } from "./notification-target";

/**
 * Where the caller's (or, with `department`, a department's) e-mails and webhook posts go; the webhook's
 * URL is a secret and only its host is shown. A department's: its admins and platform admins (403), 404
 * for a department the caller cannot read.
 */
export async function getNotificationTarget(ctx: Context, scope: TargetScope = {}) {
  const owner = await targetOwner(ctx.db, ctx.actor, scope);
  return toNotificationTargetDto(await ctx.db.notificationTarget.findUnique({ where: owner }));
}
