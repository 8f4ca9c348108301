import type { Context } from "../context";
import { mutation } from "../mutation";

/** Marks every unread notification of the caller read; resolves to how many were marked (and 0 unread left). */
export async function markAllNotificationsRead(ctx: Context) {
  return mutation(ctx, async (tx, audit) => {
    const { count } = await tx.notification.updateMany({ where: { recipientId: ctx.actor.userId, readAt: null }, data: { readAt: new Date() } });
    if (count)
      await audit({ action: "notification.read-all", targetType: "user", targetId: ctx.actor.userId, targetName: ctx.actor.email, after: { marked: count } });
    return { marked: count, unread: 0 };
  });
}
