import { isUuid, notFound } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toNotificationDto } from "./notification-dto";

/** Marks one of the caller's notifications read (again is a no-op); 404 for another's or an unknown id. */
export async function markNotificationRead(ctx: Context, id: string) {
  return mutation(ctx, async (tx, audit) => {
    const n = isUuid(id) ? await tx.notification.findUnique({ where: { id } }) : null;
    if (!n || n.recipientId !== ctx.actor.userId) throw notFound("Notification", id);
    if (n.readAt) return toNotificationDto(n);
    const read = await tx.notification.update({ where: { id }, data: { readAt: new Date() } });
    await audit({ action: "notification.read", targetType: "notification", targetId: id, targetName: n.reason, departmentId: n.departmentId });
    return toNotificationDto(read);
  });
}
